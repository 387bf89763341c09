"""The diplomacy-nlp command, run as a user would (in a subprocess) and through main()."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
from conftest import ROOT, SEED

from diplomacy_nlp.cli import main


def _run(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("diplomacy-nlp")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=ROOT)


def test_command_on_seeds(tmp_path):
    out = tmp_path / "out"
    proc = _run("extract", "seeds", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith("1 articles read, 0 failed,")
    records = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == ["000_0855f98d2040f76b"]
    assert set(records[0]) >= {"id", "date", "title", "source", "actors", "relations", "dates",
                               "errors"}
    g = nx.read_graphml(out / "actors.graphml")
    assert g.has_edge("person:xi-jinping", "person:martin-vizcarra")
    assert not [p for p in out.iterdir() if p.name.endswith(".partial")]


def test_bad_article_fails_the_run_but_loses_nothing(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_good.txt").write_text(SEED.read_text())
    (corpus / "b_empty.txt").write_text("")
    (corpus / "c_bad.txt").write_bytes(b"\xff\xfe\xfa\x00 not text")
    (corpus / "d_good.txt").write_text("Peru thanked China.")
    code = main(["extract", str(corpus), "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 1
    records = [json.loads(x) for x in
               (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == ["a_good", "b_empty", "c_bad", "d_good"]
    assert [r["errors"][0]["code"] for r in records if r["errors"]] == ["empty", "decode_error"]
    assert records[3]["actors"]
    captured = capsys.readouterr()
    assert "4 articles read, 2 failed" in captured.out
    assert "c_bad.txt" in captured.err


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


def test_outputs_are_identical_for_any_jobs(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(["Peru thanked China.", "Xi said China supports Peru.",
                              "Russia was condemned by France and Italy.",
                              "Chinese President Xi Jinping called Peru."] * 3):
        (corpus / f"{i:02d}.txt").write_text(f" date 2020-05-0{1 + i % 5} T\n\n{text}\n")
    (corpus / "98_seed.txt").write_text(SEED.read_text())
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert main(["extract", str(corpus), "--out", str(out), "--quiet", "--jobs", jobs,
                     "--batch-size", "3"]) == 0
        outs.append(out)
    names = ["actors.graphml", "documents.jsonl", "events.csv", "relations.graphml"]
    assert sorted(p.name for p in outs[0].iterdir()) == names
    for name in names:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_jobs_must_be_positive(tmp_path, capsys):
    try:
        main(["extract", "seeds", "--out", str(tmp_path), "--jobs", "0"])
    except SystemExit as e:
        assert e.code == 2
    else:
        raise AssertionError("expected a usage error")
    assert "not a positive whole number" in capsys.readouterr().err
