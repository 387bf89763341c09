"""Results as pandas DataFrames: one table per kind of record, joined by ``document``.

``to_frames(results)`` returns ``Frames`` with five tables (pandas comes with the
``notebook`` extra: ``pip install 'diplomacy-nlp[notebook]'``):

- ``actors``: ``document, id, label, type, country, role, aliases`` (``|``-joined)``,
  mentions`` (int);
- ``mentions``: ``document, actor, text, start, end, sentence`` (offsets into the article's
  ``text``; ints);
- ``relations``: ``document, source, source_label, target, target_label, type, mode,
  negated, hypothetical`` (bool) ``, date`` (ISO text) ``, when`` (datetime64: the date, a
  month or year at its first day; NaT when unknown) ``, trigger, sentence``;
- ``dates``: ``document, text, value, when, start, end``;
- ``issues``: ``document, source, code, severity, message``.

Example
-------
>>> import diplomacy_nlp as dn
>>> f = to_frames([dn.extract("France condemned Russia on Monday.", date="2022-03-02")])
>>> f.relations[["source", "target", "type", "date"]].to_dict("records")
[{'source': 'FRA', 'target': 'RUS', 'type': 'ACCUSE', 'date': '2022-02-28'}]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import require
from .types import Result

COLUMNS = {
    "actors": ("document", "id", "label", "type", "country", "role", "aliases", "mentions"),
    "mentions": ("document", "actor", "text", "start", "end", "sentence"),
    "relations": ("document", "source", "source_label", "target", "target_label", "type",
                  "mode", "negated", "hypothetical", "date", "when", "trigger", "sentence"),
    "dates": ("document", "text", "value", "when", "start", "end"),
    "issues": ("document", "source", "code", "severity", "message"),
}


@dataclass(frozen=True)
class Frames:
    """The five tables of a set of results (see the module docstring for their columns)."""

    actors: Any
    mentions: Any
    relations: Any
    dates: Any
    issues: Any


def _rows(r: Result) -> dict[str, list[tuple]]:
    labels = {a.id: a.label for a in r.actors}
    return {
        "actors": [(r.id, a.id, a.label, a.type, a.country, a.role, "|".join(a.aliases),
                    a.mentions) for a in r.actors],
        "mentions": [(r.id, m.actor, m.text, m.start, m.end, m.sentence) for m in r.mentions],
        "relations": [(r.id, x.source, labels.get(x.source, x.source), x.target,
                       labels.get(x.target, x.target), x.type, x.mode, x.negated,
                       x.hypothetical, x.date, x.date, x.trigger, " ".join(x.sentence.split()))
                      for x in r.relations],
        "dates": [(r.id, d.text, d.value, d.value, d.start, d.end) for d in r.dates],
        "issues": [(r.id, r.source, e.code, e.severity, e.message) for e in r.errors],
    }


def to_frames(results: Iterable[Result | Mapping[str, Any]]) -> Frames:
    """The actors, mentions, relations, dates and issues of ``results`` as DataFrames.

    Parameters
    ----------
    results : iterable of Result or documents.jsonl records
        What ``extract``/``extract_corpus`` returned, or ``read_jsonl`` of a run.

    Returns
    -------
    Frames
        ``.actors``, ``.mentions``, ``.relations``, ``.dates``, ``.issues`` (columns in the
        module docstring), each with a ``document`` column.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> to_frames([dn.extract("Peru thanked China.", id="a")]).actors[["id", "type"]].values
    array([['PER', 'COUNTRY'],
           ['CHN', 'COUNTRY']], dtype=object)
    """
    pd: Any = require("pandas", "tables need")
    rows: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
    for record in results:
        r = record if isinstance(record, Result) else Result.from_dict(dict(record))
        for name, found in _rows(r).items():
            rows[name] += found
    frames = {name: pd.DataFrame(rows[name], columns=list(COLUMNS[name])) for name in COLUMNS}
    for name in ("relations", "dates"):
        frames[name]["when"] = pd.to_datetime(frames[name]["when"].replace("", None),
                                              format="ISO8601", errors="coerce")
    ints = {"actors": ("mentions",), "mentions": ("start", "end", "sentence"),
            "dates": ("start", "end")}
    for name, columns in ints.items():
        frames[name] = frames[name].astype({c: "int64" for c in columns})
    frames["relations"] = frames["relations"].astype({"negated": bool, "hypothetical": bool})
    return Frames(**frames)
