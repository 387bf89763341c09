"""Reading articles: seed format, plain text, HTML, JSON Lines, directories, and every kind of
bad input (``bad_input.make_corpus``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bad_input import make_corpus, missing
from conftest import SEED

import diplomacy_nlp as dn
from diplomacy_nlp.cleaning import NOT_TEXT
from diplomacy_nlp.errors import skips


def test_seed_header():
    (art,) = dn.read_articles(SEED)
    assert art.id == "000_0855f98d2040f76b"
    assert art.date == "2020-05-01"
    assert art.title.startswith("China pledges continuous support for Peru")
    assert art.text.startswith("China firmly supports")
    assert not art.errors


@pytest.mark.parametrize(("content", "date", "title", "codes"), [
    (" date 2021-02-03 Title here\n\nBody.", "2021-02-03", "Title here", []),
    ("date 2021-02-03\nBody.", "2021-02-03", "", []),
    ("Just a body without a header.", "", "", []),
    (" date 2021-02-30 Impossible day\nBody.", "", "Impossible day", ["bad_date"]),
    ("", "", "", ["empty"]),
    ("   \n\t\n", "", "", ["empty"]),
    (" date 2021-02-03 Only a header\n", "2021-02-03", "Only a header", ["empty"]),
])
def test_parse_article(content, date, title, codes):
    art = dn.parse_article(content, id="x")
    assert (art.date, art.title) == (date, title)
    assert [e.code for e in art.errors] == codes


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    cases = make_corpus(root)
    path, more = missing(root)
    arts = {a.id: a for a in dn.read_articles([root, path])}
    return cases | more, arts


def test_every_bad_input_is_read_into_an_article_with_its_issue(bad):
    cases, arts = bad
    assert set(arts) == set(cases)
    for art_id, case in cases.items():
        art = arts[art_id]
        assert tuple(e.code for e in art.errors) == case.codes, art_id
        for e in art.errors:  # each message names the file (and line or offset)
            assert Path(art.source.split(": line")[0]).name in e.message, e.message
        assert (not any(skips(e.code) for e in art.errors)) == case.processed, art_id


@pytest.mark.parametrize(("art_id", "date", "title", "text_has"), [
    ("bom_utf8", "2021-03-04", "Talks in Berlin", "Emmanuel Macron met"),
    ("bom_utf16", "2021-03-04", "Talks in Berlin", "Emmanuel Macron met"),
    ("invalid_utf8", "2020-05-01", "Masks", "the \u201cmasks\u201d it sent"),
    ("impossible_date", "", "Talks in Berlin", "Emmanuel Macron met"),
    ("no_header", "", "", "Peruvian President Martin Vizcarra"),
    ("page", "", "Talks in Berlin", "Tuesday.\n\nMacron thanked Germany for its support & Scholz"),
    ("control_chars", "2021-03-04", "Talks", "Emmanuel Macron  met"),
    ("row-controls", "", "", "Peru thanked China.  Lone   half."),
])
def test_repaired_input_keeps_its_text(bad, art_id, date, title, text_has):
    art = bad[1][art_id]
    assert (art.date, art.title) == (date, title)
    assert text_has in art.text


def test_markup_and_control_characters_are_gone(bad):
    arts = bad[1]
    assert "<" not in arts["page"].text and "not text" not in arts["page"].text
    assert "color" not in arts["page"].text and "Home" in arts["page"].text
    for art in arts.values():
        assert not NOT_TEXT.search(art.text + art.id + art.title + art.source), art.id


def test_duplicate_ids_are_made_unique_and_reported(bad):
    arts = bad[1]
    assert arts["same"].source.endswith("dup_a/same.txt") and not arts["same"].errors
    (issue,) = arts["same~2"].errors
    assert "dup_a/same.txt" in issue.message and "'same~2'" in issue.message
    assert issue.severity == "warning"


def test_malformed_jsonl_rows_are_reported_with_their_line(bad):
    arts = bad[1]
    for line, reason in ((2, "Expecting property name"), (3, "not a JSON object but list"),
                         (4, "no string field 'text'")):
        (issue,) = arts[f"rows:{line}"].errors
        assert f"rows.jsonl: line {line}: {reason}" in issue.message


def test_encoding_messages_give_the_byte_offset(bad):
    (issue,) = bad[1]["invalid_utf8"].errors
    assert "byte offset 51" in issue.message and "Windows-1252" in issue.message


def test_cli_date_fills_missing_header_only(tmp_path):
    (tmp_path / "a.txt").write_text("Peru thanked China.")
    (tmp_path / "b.txt").write_text(" date 2021-02-30 T\nPeru thanked China.")
    a, b = dn.read_articles(tmp_path, date="2020-01-02")
    assert (a.date, b.date) == ("2020-01-02", "2020-01-02")


def test_jsonl(tmp_path):
    rows = [json.dumps({"id": "a", "text": "Peru thanked China.", "date": "2020-05-01"}),
            "{not json",
            json.dumps({"id": "c", "text": "Body", "title": "T", "date": "bad"})]
    (tmp_path / "corpus.jsonl").write_text("\n".join(rows) + "\n")
    arts = list(dn.read_articles(tmp_path / "corpus.jsonl"))
    assert [a.id for a in arts] == ["a", "corpus:2", "c"]
    assert arts[0].date == "2020-05-01" and not arts[0].errors
    assert arts[1].errors[0].code == "bad_jsonl" and "line 2" in arts[1].errors[0].message
    assert arts[2].errors[0].code == "bad_date" and arts[2].title == "T"


def test_directory_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "1.txt").write_text("one")
    (tmp_path / "notes.json").write_text("{}")  # not an article format
    assert [a.id for a in dn.read_articles(tmp_path)] == ["1", "2"]


def test_missing_path(tmp_path):
    (art,) = dn.read_articles(tmp_path / "nope.txt")
    assert art.errors[0].code == "not_found"
