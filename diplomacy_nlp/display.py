"""How results look in Jupyter: the article with its actors and dates highlighted (displaCy),
and compact tables. ``Result._repr_html_`` and ``Corpus._repr_html_`` call these; they need
nothing beyond spaCy.

Example
-------
>>> import diplomacy_nlp as dn
>>> html = result_html(dn.extract("Peru thanked China on Monday.", date="2020-05-01"))
>>> "Peru" in html and HIGHLIGHT["COUNTRY"] in html
True
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy import displacy

from .types import Result

# Tableau 10: the strong colour of each actor type (graph nodes, legends) ...
TYPE_COLORS = {"PERSON": "#4e79a7", "COUNTRY": "#f28e2b", "ORGANIZATION": "#59a14f",
               "LOCATION": "#b07aa1", "DATE": "#9c9c9c"}
# ... and its light partner from Tableau 20 (highlighted text stays readable)
HIGHLIGHT = {"PERSON": "#aec7e8", "COUNTRY": "#ffbb78", "ORGANIZATION": "#98df8a",
             "LOCATION": "#c5b0d5", "DATE": "#dddddd"}
MAX_ROWS = 12


def _spans(result: Result) -> list[dict]:
    """Non-overlapping highlight spans: actor mentions (labelled with the actor's type, the
    actor id as the link text) and dates (labelled with their value)."""
    kinds = {a.id: a.type for a in result.actors}
    found = [{"start": m.start, "end": m.end, "label": kinds.get(m.actor, "PERSON"),
              "kb_id": m.actor} for m in result.mentions]
    found += [{"start": d.start, "end": d.end, "label": "DATE", "kb_id": d.value or "?"}
              for d in result.dates]
    spans, end = [], -1
    for s in sorted(found, key=lambda s: (s["start"], -s["end"])):
        if s["start"] >= end and s["end"] <= len(result.text):
            spans.append(s)
            end = s["end"]
    return spans


def highlight_html(result: Result) -> str:
    """The article's text with actor mentions and dates highlighted (displaCy's entity style).

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> ">PER</a>" in highlight_html(dn.extract("Peru thanked China."))
    True
    """
    doc = {"text": result.text, "ents": _spans(result), "title": None}
    return displacy.render(doc, style="ent", manual=True, page=False, jupyter=False,
                           options={"colors": HIGHLIGHT})


def _table(header: Sequence[str], rows: Iterable[Sequence[object]], total: int) -> str:
    head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{html.escape(str(c))}</td>"
                                    for c in row) + "</tr>" for row in rows)
    more = f"<p><i>{total - MAX_ROWS} more rows</i></p>" if total > MAX_ROWS else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _swatch(kind: str) -> str:
    return (f"<span style='background:{TYPE_COLORS.get(kind, '#ccc')};border-radius:3px;"
            f"padding:0 4px;color:white'>{html.escape(kind)}</span>")


def result_html(result: Result) -> str:
    """One article: a heading, the highlighted text, its actors, relations and issues."""
    head = html.escape(result.title or result.id)
    meta = " · ".join(html.escape(x) for x in (result.id, result.date, result.source) if x)
    parts = [f"<h4 style='margin-bottom:0'>{head}</h4><p style='color:#666'>{meta}</p>"]
    if result.text:
        parts.append(f"<div style='max-height:24em;overflow:auto'>{highlight_html(result)}"
                     "</div>")
    actors = sorted(result.actors, key=lambda a: -a.mentions)
    parts.append(_table(("actor", "type", "country", "role", "mentions", "id"),
                        [(a.label, a.type, a.country, a.role, a.mentions, a.id)
                         for a in actors[:MAX_ROWS]], len(actors)))
    labels = {a.id: a.label for a in result.actors}
    if result.relations:
        parts.append(_table(("source", "type", "target", "date", "trigger", "flags"),
                            [(labels.get(x.source, x.source), x.type,
                              labels.get(x.target, x.target), x.date, x.trigger,
                              " ".join(f for f, on in (("negated", x.negated),
                                                       ("hypothetical", x.hypothetical)) if on))
                             for x in result.relations[:MAX_ROWS]], len(result.relations)))
    if result.errors:
        parts.append(_table(("severity", "code", "message"),
                            [(e.severity, e.code, e.message) for e in result.errors[:MAX_ROWS]],
                            len(result.errors)))
    return "<div>" + "".join(parts) + "</div>"


def corpus_html(results: Sequence[Result]) -> str:
    """A corpus: counts, the most mentioned actors, relation types and issues."""
    failed = sum(not r.ok for r in results)
    mentions: Counter = Counter()
    docs: Counter = Counter()
    about: dict[str, tuple[str, str, str]] = {}
    for r in results:
        for a in r.actors:
            mentions[a.id] += a.mentions
            docs[a.id] += 1
            about.setdefault(a.id, (a.label, a.type, a.country))
    kinds = Counter(x.type for r in results for x in r.relations)
    codes = Counter((e.severity, e.code) for r in results for e in r.errors)
    legend = " ".join(_swatch(k) for k in TYPE_COLORS if k != "DATE")
    parts = [f"<h4>{len(results)} articles, {failed} failed, {len(mentions)} actors, "
             f"{sum(kinds.values())} relations</h4><p>{legend}</p>",
             _table(("actor", "type", "country", "mentions", "articles", "id"),
                    [(*about[i], n, docs[i], i)
                     for i, n in mentions.most_common(MAX_ROWS)], len(mentions))]
    if kinds:
        parts.append(_table(("relation type", "count"), kinds.most_common(MAX_ROWS), len(kinds)))
    if codes:
        parts.append(_table(("severity", "issue", "articles"),
                            [(s, c, n) for (s, c), n in codes.most_common(MAX_ROWS)],
                            len(codes)))
    return "<div>" + "".join(parts) + "</div>"
