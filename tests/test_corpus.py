"""Corpus runs: lazy reading, input order, bounded memory, and the same output on any executor."""

from __future__ import annotations

import pytest

import diplomacy_nlp as dn
from diplomacy_nlp.corpus import extract_batches, write_corpus
from diplomacy_nlp.graph import GraphParts

TEXTS = ["Peru thanked China on Thursday.", "The WHO praised Kenya.",
         "Chinese President Xi Jinping called Russian President Vladimir Putin.",
         "Russia was condemned by France, Germany and Italy on Tuesday.",
         "Xi said China supports Peru.", ""]


def articles(n: int) -> list[dn.Article]:
    return [dn.Article(id=f"a{i:03d}", text=TEXTS[i % len(TEXTS)], date="2020-05-01")
            for i in range(n)]


@pytest.fixture(scope="module")
def single(nlp):
    return list(dn.extract_corpus(articles(18), nlp=nlp, batch_size=4))


def test_two_processes_give_the_same_results_in_order(nlp, single):
    two = list(dn.extract_corpus(articles(18), nlp=nlp, batch_size=4, n_process=2))
    assert two == single
    assert [r.id for r in two] == [f"a{i:03d}" for i in range(18)]


def test_dask_local_cluster_gives_the_same_results(nlp, single):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        batches = list(extract_batches(articles(18), nlp=nlp, batch_size=4,
                                       executor=client.get_executor()))
    assert [r for b in batches for r in b.results] == single
    merged = GraphParts()
    for b in batches:  # the graph is a reduction over the workers' partial graphs
        merged.merge(b.parts)
    assert nx_equal(merged.graph(merged.links()), dn.build_graph(single))


def nx_equal(a, b) -> bool:
    return (dict(a.nodes(data=True)) == dict(b.nodes(data=True)) and
            sorted(a.edges(data=True)) == sorted(b.edges(data=True)))


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_generator_is_consumed_lazily(nlp, n_process):
    pulled = []

    def source():
        for art in articles(60):
            pulled.append(art.id)
            yield art

    stream = dn.extract_corpus(source(), nlp=nlp, batch_size=3, n_process=n_process)
    first = next(stream)
    assert first.id == "a000"
    # one batch in one process; a bounded window of batches ahead with workers
    assert len(pulled) <= (3 if n_process == 1 else 3 * 2 * n_process)
    stream.close()


def test_memory_zone_keeps_the_string_store_bounded(nlp):
    def unique(i: int) -> dn.Article:
        words = " ".join(f"Zorblax{i}x{k}" for k in range(30))
        return dn.Article(id=str(i), text=f"Peru thanked {words} on Monday.", date="2020-05-01")

    list(dn.extract_corpus([unique(0)], nlp=nlp))
    before = len(nlp.vocab.strings)
    list(dn.extract_corpus((unique(i) for i in range(1, 61)), nlp=nlp, batch_size=8))
    assert len(nlp.vocab.strings) - before < 50  # 1,800 new words came and went


def test_write_corpus_leaves_only_final_files(nlp, tmp_path):
    summary = write_corpus(articles(12), tmp_path, nlp=nlp, batch_size=5)
    assert (summary.articles, summary.failed) == (12, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "actors.graphml", "documents.jsonl", "events.csv", "relations.graphml"]
    assert [r.id for r in dn.read_jsonl(tmp_path / "documents.jsonl")] == \
        [f"a{i:03d}" for i in range(12)]
