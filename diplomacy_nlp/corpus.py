"""Running a whole corpus: lazily, in input order, in one process, several, or on a cluster;
and writing its outputs as results arrive (``write_corpus``).

``extract_corpus`` streams ``Result`` objects; ``extract_batches`` streams ``Batch`` objects
(the results of consecutive articles plus their ``GraphParts``, so that the graphs are a
reduction over batches and never a re-read). Both read articles lazily and keep at most a few
batches in flight, so nothing holds the whole corpus.

Parallel runs send batches of ``Article`` objects to workers through any
``concurrent.futures.Executor``: our own pool of processes for ``n_process > 1``, or one you
pass (``dask.distributed``'s ``Client.get_executor()`` runs the same code on a cluster). Each
worker loads the pipeline once (``load`` caches it per process) from a ``PipelineSpec`` (model
name or path, and the user's actor dictionary), runs ``nlp.pipe`` over its batch inside a
memory zone, and returns plain data. Results come back in input order whatever the executor.

Example
-------
>>> [r.id for r in extract_corpus("seeds")]
['000_0855f98d2040f76b']
"""

from __future__ import annotations

import atexit
import csv
import json
import multiprocessing
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.util import minibatch

from .articles import read_articles
from .dictionary import ActorDictionary, DictionaryEntry
from .export import EVENT_COLUMNS, atomic_writer, event_rows, result_line
from .graph import GraphParts, write_graphml
from .identity import relink
from .pipeline import _CACHE, _process, failed, load
from .types import Article, Result

DEFAULT_BATCH_SIZE = 64


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the same pipeline: a model name or path, and the user's
    actor dictionary entries (plain, picklable data)."""

    model: str
    actors: tuple[DictionaryEntry, ...] = ()

    def load(self) -> Language:
        """The pipeline, loaded once per process."""
        return load(self.model, actors=ActorDictionary(self.actors) if self.actors else None)


@dataclass
class Batch:
    """The results of consecutive articles, in input order, and their graph parts."""

    results: list[Result]
    parts: GraphParts = field(default_factory=GraphParts)


def run_batch(articles: list[Article], spec: PipelineSpec,
              batch_size: int = DEFAULT_BATCH_SIZE) -> Batch:
    """Process one batch in this process (what a worker runs).

    Example
    -------
    >>> b = run_batch([Article(id="a", text="Peru thanked China.")], spec_of(load()))
    >>> [r.id for r in b.results], sorted(b.parts.nodes)
    (['a'], ['CHN', 'PER'])
    """
    return _batch(_process(articles, nlp=spec.load(), batch_size=batch_size))


def _batch(results: Iterable[Result]) -> Batch:
    batch = Batch(list(results))
    for r in batch.results:
        batch.parts.add(r)
    return batch


_SAVED: dict[int, str] = {}


def spec_of(nlp: Language) -> PipelineSpec:
    """How a worker rebuilds ``nlp``: its name when ``load`` made it, else a saved copy.

    A pipeline built by hand is saved once to a temporary folder (removed at exit); on a
    cluster whose workers cannot see this machine's disk, load the pipeline by name.
    """
    for (name, entries), cached in _CACHE.items():
        if cached is nlp:
            return PipelineSpec(name, entries)
    if id(nlp) not in _SAVED:
        path = tempfile.mkdtemp(prefix="diplomacy-nlp-pipeline-")
        atexit.register(shutil.rmtree, path, ignore_errors=True)
        nlp.to_disk(path)
        _SAVED[id(nlp)] = path
    return PipelineSpec(_SAVED[id(nlp)])


def _articles(source: str | Path | Iterable[Any], date: str | None) -> Iterator[Article]:
    if isinstance(source, (str, Path)):
        yield from read_articles(source, date=date)
        return
    for item in source:
        if isinstance(item, Article):
            yield item
        else:
            yield from read_articles(item, date=date)


def extract_batches(source: str | Path | Iterable[str | Path] | Iterable[Article], *,
                    nlp: Language | None = None, date: str | None = None,
                    batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1,
                    executor: Executor | None = None, in_flight: int | None = None
                    ) -> Iterator[Batch]:
    """Stream ``Batch`` objects (results and graph parts) for a corpus, in input order.

    Parameters are those of ``extract_corpus``; ``in_flight`` bounds the batches submitted
    ahead of the one being yielded (default: twice the number of processes, at least 2).

    Example
    -------
    >>> [len(b.results) for b in extract_batches("seeds")]
    [1]
    """
    articles = _articles(source, date)
    nlp = nlp or load()
    if executor is None and n_process <= 1:
        for chunk in minibatch(articles, batch_size):
            yield _batch(_process(chunk, nlp=nlp, batch_size=batch_size))
        return
    own = executor is None
    if executor is None:
        # the platform's default start method, as spaCy's own n_process: "fork" on Linux
        # (workers share the loaded model and start at once); elsewhere each worker loads it,
        # and scripts need the usual `if __name__ == "__main__":` guard
        executor = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context())
    limit = in_flight or max(2, 2 * n_process)
    spec = spec_of(nlp)
    window: deque[Future] = deque()
    try:
        for chunk in minibatch(articles, batch_size):
            window.append(executor.submit(run_batch, list(chunk), spec, batch_size))
            while len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        for f in window:
            f.cancel()
        if own:
            executor.shutdown(wait=True, cancel_futures=True)


def extract_corpus(source: str | Path | Iterable[str | Path] | Iterable[Article], *,
                   nlp: Language | None = None, date: str | None = None,
                   batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1,
                   executor: Executor | None = None) -> Iterator[Result]:
    """Stream results for a corpus: files, directories, or ``Article`` objects, in input order.

    Articles are read lazily and processed in batches (``nlp.pipe`` with ``as_tuples``, one
    memory zone per batch); articles that cannot be read are yielded as results carrying
    ``errors`` (never raised).

    Parameters
    ----------
    source : path, iterable of paths, or iterable of Article
        What to read (directories recursively, in sorted order); a generator is consumed
        lazily, a few batches ahead at most.
    nlp : Language, optional
        A pipeline from ``load``; the default pipeline otherwise.
    date : str, optional
        Article date for texts without a header.
    batch_size : int
        Articles per batch (and per ``nlp.pipe`` batch).
    n_process : int
        Worker processes (each loads the pipeline once); 1 runs in this process.
    executor : concurrent.futures.Executor, optional
        Where batches run instead, e.g. ``dask.distributed.Client(...).get_executor()``.

    Example
    -------
    >>> [r.id for r in extract_corpus("seeds")]
    ['000_0855f98d2040f76b']
    """
    for batch in extract_batches(source, nlp=nlp, date=date, batch_size=batch_size,
                                 n_process=n_process, executor=executor):
        yield from batch.results


PARTIAL = "documents.partial.jsonl"


@dataclass(frozen=True)
class RunSummary:
    """What a corpus run wrote."""

    articles: int
    failed: int
    actors: int
    edges: int
    relations: int


def write_corpus(batches: Iterable[Batch], out: str | Path, *,
                 on_result: Callable[[Result], None] | None = None) -> RunSummary:
    """Write ``documents.jsonl``, ``actors.graphml``, ``relations.graphml`` and ``events.csv``.

    Results are appended to ``documents.partial.jsonl`` as batches arrive and the graphs grow
    from each batch's ``GraphParts``; memory holds the graphs, not the documents. At the end,
    people are linked across the corpus (``identity``) and one streaming pass over the partial
    file writes the final ``documents.jsonl`` and ``events.csv`` with one id per person. Every
    final file appears atomically; the partial file is removed.

    Example
    -------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> write_corpus(extract_batches("seeds"), out).articles
    1
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    partial = out / PARTIAL
    parts = GraphParts()
    n = n_failed = 0
    with open(partial, "w", encoding="utf-8", newline="\n") as f:
        for batch in batches:
            for r in batch.results:
                f.write(result_line(r) + "\n")
                n += 1
                n_failed += failed(r)
                if on_result is not None:
                    on_result(r)
            parts.merge(batch.parts)
    links = parts.links()
    labels = {target: parts.label_of(target) for target in set(links.values())}
    n_events = 0
    with atomic_writer(out / "documents.jsonl") as docs, \
            atomic_writer(out / "events.csv") as events:
        writer = csv.writer(events, lineterminator="\n")
        writer.writerow(EVENT_COLUMNS)
        with open(partial, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if links and any(a["id"] in links for a in record["actors"]):
                    linked = relink(Result.from_dict(record), links, labels)
                    line, record = result_line(linked) + "\n", linked.to_dict()
                docs.write(line)  # most records need no rewrite: copied as they are
                rows = event_rows(record)
                writer.writerows(rows)
                n_events += len(rows)
    graph = parts.graph(links)
    write_graphml(graph, out / "actors.graphml")
    write_graphml(parts.relation_graph(links), out / "relations.graphml")
    partial.unlink()
    return RunSummary(n, n_failed, graph.number_of_nodes(), graph.number_of_edges(), n_events)
