"""Reading articles: seed format, plain text, JSON Lines, directories, bad input."""

from __future__ import annotations

import json

import pytest
from conftest import SEED

import diplomacy_nlp as dn


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


def test_cli_date_fills_missing_header(tmp_path):
    (tmp_path / "a.txt").write_text("Peru thanked China.")
    (art,) = dn.read_articles(tmp_path, date="2020-01-02")
    assert art.date == "2020-01-02"


def test_encodings(tmp_path):
    (tmp_path / "bom8.txt").write_bytes("\ufeff date 2020-01-01 T\nBody.".encode())
    (tmp_path / "utf16.txt").write_text(" date 2020-01-01 T\nBody.", encoding="utf-16")
    (tmp_path / "bad.txt").write_bytes(b"Body \xff\xfe\xfa broken")
    arts = {a.id: a for a in dn.read_articles(tmp_path)}
    assert arts["bom8"].date == "2020-01-01" and arts["bom8"].text == "Body."
    assert arts["utf16"].date == "2020-01-01" and arts["utf16"].text == "Body."
    assert [e.code for e in arts["bad"].errors] == ["decode_error"]
    assert "bad.txt" in arts["bad"].errors[0].message


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
