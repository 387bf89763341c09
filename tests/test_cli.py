"""The diplomacy-nlp command, run as a user would (in a subprocess) and through main()."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from bad_input import make_corpus, missing
from conftest import ROOT, SEED
from readers import check_graphml

from diplomacy_nlp.cli import main


def _run(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("diplomacy-nlp")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=ROOT)


def test_command_on_seeds(tmp_path):
    out = tmp_path / "out"
    proc = _run("extract", "seeds", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith("1 articles read, 0 failed, 0 with warnings,")
    records = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == ["000_0855f98d2040f76b"]
    assert set(records[0]) >= {"id", "date", "title", "source", "actors", "relations", "dates",
                               "errors"}
    g = nx.read_graphml(out / "actors.graphml")
    assert g.has_edge("person:xi-jinping", "person:martin-vizcarra")
    assert not [p for p in out.iterdir() if p.name.endswith(".partial")]


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    """The command on the bad-input corpus (``bad_input``), the 1 MB article included."""
    root = tmp_path_factory.mktemp("bad_run")
    cases = make_corpus(root / "corpus", huge=True)
    path, more = missing(root / "corpus")
    out, errors = root / "out", root / "errors.jsonl"
    proc = _run("extract", str(root / "corpus"), str(path), "--out", str(out), "--errors",
                str(errors))
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    records = {r["id"]: r for r in map(json.loads, lines)}
    return cases | more, proc, out, records, errors


def test_bad_corpus_processes_every_good_article_and_reports_every_bad_one(bad_run):
    cases, proc, out, records, _ = bad_run
    assert proc.returncode == 1, proc.stderr
    assert set(records) == set(cases)
    for art_id, case in cases.items():
        r = records[art_id]
        assert tuple(e["code"] for e in r["errors"]) == case.codes, art_id
        assert bool(r["actors"]) == case.processed, art_id
        for e in r["errors"]:
            assert e["severity"] == ("warning" if case.processed else "error"), art_id
            assert f"{e['severity']}: {e['code']}: {e['message']}" in proc.stderr
    # encoded data and run-together URLs never become part of a name
    labels = [a["label"] for r in records.values() for a in r["actors"]]
    assert max(len(w) for label in labels for w in label.split()) <= 40
    assert {"Peru", "China"} <= {a["label"] for a in records["long_tokens"]["actors"]}
    n_failed = sum(not c.processed for c in cases.values())
    n_warned = sum(c.processed and bool(c.codes) for c in cases.values())
    assert proc.stdout.startswith(f"{len(cases)} articles read, {n_failed} failed, "
                                  f"{n_warned} with warnings, ")
    assert sorted(p.name for p in out.iterdir()) == [
        "actors.graphml", "documents.jsonl", "events.csv", "relations.graphml"]


def test_the_long_article_is_processed_whole(bad_run):
    r = bad_run[3]["huge"]
    assert "processed in 11 parts" in r["errors"][0]["message"]
    labels = {a["label"] for a in r["actors"]}
    assert {"Martin Vizcarra", "China", "Russia", "World Health Organization"} <= labels
    assert len(r["mentions"]) > 30_000 and len(r["relations"]) > 5_000


def test_errors_file_lists_every_issue(bad_run):
    cases, _, _, _, errors = bad_run
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert all(list(row) == ["id", "source", "code", "severity", "message"] for row in rows)
    assert sorted((row["id"], row["code"]) for row in rows) == sorted(
        (art_id, code) for art_id, case in cases.items() for code in case.codes)


def test_bad_corpus_outputs_read_back_in_every_reader(bad_run):
    _, proc, out, records, _ = bad_run
    import pandas as pd

    actors = check_graphml(out / "actors.graphml")
    relations = check_graphml(out / "relations.graphml", multigraph=True)
    n_relations = sum(len(r["relations"]) for r in records.values())
    assert relations.number_of_edges() == n_relations == len(pd.read_csv(out / "events.csv"))
    assert f"{actors.number_of_nodes()} actors, {actors.number_of_edges()} edges, " \
           f"{n_relations} relations" in proc.stdout
    assert {"FRA", "DEU", "person:emmanuel-macron", "person:olaf-scholz"} <= set(actors)


def test_runs_jobs_and_batch_sizes_give_identical_bytes(tmp_path):
    make_corpus(tmp_path / "corpus")
    (tmp_path / "corpus" / "seed.txt").write_text(SEED.read_text())
    outs = []
    for n, (jobs, batch) in enumerate((("1", "3"), ("1", "3"), ("2", "7"))):
        out = tmp_path / f"out{n}"
        assert main(["extract", str(tmp_path / "corpus"), "--out", str(out), "--quiet",
                     "--jobs", jobs, "--batch-size", batch, "--errors",
                     str(out / "errors.jsonl")]) == 1
        outs.append(out)
    names = ["actors.graphml", "documents.jsonl", "errors.jsonl", "events.csv",
             "relations.graphml"]
    assert sorted(p.name for p in outs[0].iterdir()) == names
    for name in names:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
        assert (outs[0] / name).read_bytes() == (outs[2] / name).read_bytes(), name


def test_bad_date_option_is_a_usage_error(tmp_path, capsys):
    try:
        main(["extract", "seeds", "--out", str(tmp_path), "--date", "2020-13-01"])
    except SystemExit as e:
        assert e.code == 2
    else:
        raise AssertionError("expected a usage error")
    assert "not a YYYY-MM-DD date" in capsys.readouterr().err


def test_command_writes_relations_and_event_table(tmp_path):
    import pandas as pd

    out = tmp_path / "out"
    article = tmp_path / "a.txt"
    article.write_text(" date 2024-03-06 Reactions\n\nRussia was condemned by France, Germany "
                       "and Italy on Tuesday. Chile did not agree to the proposal from Bolivia, "
                       "it said: \"We reject it.\"\n")
    assert main(["extract", str(SEED), str(article), "--out", str(out), "--quiet"]) == 0
    records = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    n_relations = sum(len(r["relations"]) for r in records)
    events = pd.read_csv(out / "events.csv")
    assert len(events) == n_relations > 5
    assert list(events.columns[:3]) == ["document", "date", "source"]
    assert events["negated"].dtype == bool
    row = events[(events.source == "FRA") & (events.target == "RUS")].iloc[0]
    assert (row.document, row.type, row.source_label, row.target_country) == \
        ("a", "ACCUSE", "France", "RUS")
    assert row.date == "2024-03-05"
    g = nx.read_graphml(out / "relations.graphml", force_multigraph=True)
    assert g.number_of_edges() == n_relations
    assert ("CHN", "PER") in {(u, v) for u, v in g.edges()}


def test_jobs_must_be_positive(tmp_path, capsys):
    try:
        main(["extract", "seeds", "--out", str(tmp_path), "--jobs", "0"])
    except SystemExit as e:
        assert e.code == 2
    else:
        raise AssertionError("expected a usage error")
    assert "not a positive whole number" in capsys.readouterr().err


def test_format_chooses_the_outputs(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SEED), "--out", str(out), "--quiet", "--format",
                 "gexf, csv,gexf"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "actors.gexf", "documents.jsonl", "events.csv", "relations.gexf"]
    g = nx.read_gexf(out / "actors.gexf")
    assert g.nodes["person:xi-jinping"]["label"] == "Xi Jinping"
    assert nx.read_gexf(out / "relations.gexf").number_of_edges() == \
        len(json.loads((out / "documents.jsonl").read_text())["relations"])
    out2 = tmp_path / "out2"
    assert main(["extract", str(SEED), "--out", str(out2), "--quiet", "--format", "graphml"]) == 0
    assert sorted(p.name for p in out2.iterdir()) == [
        "actors.graphml", "documents.jsonl", "relations.graphml"]


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["extract", str(SEED), "--out", str(tmp_path), "--format", "graphml,pdf"])
    assert e.value.code == 2
    assert "choose from csv, gexf, graphml" in capsys.readouterr().err
