"""Writing files atomically: ``documents.jsonl``, ``events.csv`` and anything else, via a temp
file + rename.

Example
-------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_jsonl([Result(id="a")], d / "documents.jsonl")
1
>>> [r.id for r in read_jsonl(d / "documents.jsonl")]
['a']
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .types import Result


@contextmanager
def atomic_writer(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    An interrupted write leaves either the previous file or nothing under the final name.

    Example
    -------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_writer(p) as f:
    ...     _ = f.write("ok")
    >>> p.read_text()
    'ok'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        kwargs = {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def result_line(result: Result) -> str:
    """One ``documents.jsonl`` line (no trailing newline), with a stable key order.

    Example
    -------
    >>> result_line(Result(id="a"))[:9]
    '{"id": "a'
    """
    return json.dumps(result.to_dict(), ensure_ascii=False)


def write_jsonl(results: Iterable[Result], path: str | Path) -> int:
    """Write results as JSON Lines, atomically; returns the number of records written."""
    n = 0
    with atomic_writer(path) as f:
        for r in results:
            f.write(result_line(r) + "\n")
            n += 1
    return n


def read_jsonl(path: str | Path) -> Iterator[Result]:
    """Read a ``documents.jsonl`` back into ``Result`` objects."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield Result.from_dict(json.loads(line))


EVENT_COLUMNS = ("document", "date", "source", "source_label", "source_country", "target",
                 "target_label", "target_country", "type", "mode", "negated", "hypothetical",
                 "trigger", "sentence")


def event_rows(record: Result | Mapping[str, Any]) -> list[list[str]]:
    """The ``events.csv`` rows of one result or ``documents.jsonl`` record."""
    d = record.to_dict() if isinstance(record, Result) else record
    actors = {a["id"]: a for a in d.get("actors", [])}
    rows = []
    for rel in d.get("relations", []):
        s, t = actors.get(rel["source"], {}), actors.get(rel["target"], {})
        rows.append([
            d["id"], rel["date"], rel["source"], s.get("label", ""), s.get("country", ""),
            rel["target"], t.get("label", ""), t.get("country", ""), rel["type"], rel["mode"],
            str(rel["negated"]).lower(), str(rel["hypothetical"]).lower(), rel["trigger"],
            " ".join(rel["sentence"].split())])
    return rows


def write_events_csv(results: Iterable[Result], path: str | Path) -> int:
    """Write the event table: one row per relation, atomically; returns the number of rows.

    Columns: ``document, date, source, source_label, source_country, target, target_label,
    target_country, type, mode, negated, hypothetical, trigger, sentence`` (RFC 4180 CSV,
    UTF-8, ``true``/``false`` flags) - ``pandas.read_csv`` reads it as is.

    Example
    -------
    >>> import tempfile, pathlib, diplomacy_nlp as dn
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "events.csv"
    >>> write_events_csv([dn.extract("France condemned Russia.", date="2022-03-02")], p)
    1
    >>> p.read_text().splitlines()[1][:40]
    'text,2022-03-02,FRA,France,FRA,RUS,Russi'
    """
    n = 0
    with atomic_writer(path) as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(EVENT_COLUMNS)
        for r in results:
            rows = event_rows(r)
            writer.writerows(rows)
            n += len(rows)
    return n
