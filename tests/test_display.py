"""Results display themselves in Jupyter: highlighted text and compact tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import diplomacy_nlp as dn
from diplomacy_nlp.display import HIGHLIGHT, MAX_ROWS


class _Marks(HTMLParser):
    """The text of each <mark> (displaCy's highlight) and whether the HTML is well nested."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []
        self.depth = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":  # a void element
            return
        self.stack.append(tag)
        if tag == "mark":
            self.marks.append("")
            self.depth += 1

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag
        if tag == "mark":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and data.strip() and not self.marks[-1]:
            self.marks[-1] = data.strip()


def test_article_shows_every_mention_and_date_highlighted(seed_result):
    page = seed_result._repr_html_()
    parser = _Marks()
    parser.feed(page)
    spans = [(m.start, m.end, m.text) for m in seed_result.mentions] + \
        [(d.start, d.end, d.text) for d in seed_result.dates]
    alone = [t for s, e, t in spans
             if not any(s2 < e and s < e2 for s2, e2, _ in spans if (s2, e2) != (s, e))]
    # every highlight is a mention or a date; every one that overlaps no other is highlighted
    assert set(parser.marks) <= {t for *_, t in spans}
    assert len(parser.marks) >= len(alone) > 20
    assert not parser.stack  # well-formed
    assert HIGHLIGHT["PERSON"] in page and HIGHLIGHT["COUNTRY"] in page
    assert seed_result.title in page
    assert ">person:xi-jinping</a>" in page  # a mention shows the actor it resolves to


def test_article_tables_are_compact(nlp):
    text = " ".join(f"{c} thanked Peru." for c in ("France", "Chile", "Kenya", "Ghana", "Spain",
                                                     "Italy", "Japan", "India", "Egypt", "Qatar",
                                                     "Nepal", "Chad", "Oman", "Peru"))
    page = dn.extract(text, nlp=nlp)._repr_html_()
    assert "more rows" in page
    assert page.count("<tr>") <= 2 * (MAX_ROWS + 1) + 2


def test_text_is_escaped():
    r = dn.Result(id="x", title="<script>alert(1)</script>", text="a < b & c",
                  errors=(dn.ArticleIssue("markup", "x: <b>"),))
    page = r._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "a &lt; b &amp; c" in page


def test_corpus_shows_counts_and_top_actors(seed_result, nlp):
    broken = dn.Result(id="c", errors=(dn.ArticleIssue("empty", "c: no text"),))
    page = dn.Corpus([seed_result, broken])._repr_html_()
    assert re.search(r"2 articles, 1 failed, \d+ actors, \d+ relations", page)
    first_row = page.split("<tbody><tr>")[1].split("</tr>")[0]
    top = max(seed_result.actors, key=lambda a: a.mentions)
    assert top.label in first_row
    assert "SUPPORT" in page and "empty" in page
