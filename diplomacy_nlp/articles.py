"""Reading articles: seed-format files, plain text, JSON Lines and directories.

A seed-format file starts with a header line `` date YYYY-MM-DD Title`` followed by the body.
A ``.txt`` file without that header is a body with no date. A ``.jsonl`` file holds one
article per line (``id``, ``text``, optional ``date`` and ``title``). Problems are recorded
on the article (``Article.errors``) instead of being raised, so one bad file never stops a
corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .types import Article, ArticleIssue

HEADER = re.compile(r"^\s*date\s+(\S+)[ \t]*(.*)$")
TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def parse_iso_date(value: str) -> str:
    """Return ``value`` if it is a valid ISO calendar date (``YYYY-MM-DD``), else raise ValueError.

    Example
    -------
    >>> parse_iso_date("2020-05-01")
    '2020-05-01'
    """
    return dt.date.fromisoformat(value.strip()).isoformat()


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def parse_article(raw: str, *, id: str, source: str = "", date: str | None = None) -> Article:
    """Split one article's text into header fields and body.

    Parameters
    ----------
    raw : str
        The file content.
    id : str
        The article id (the file stem for files).
    source : str
        Where it came from, for messages.
    date : str, optional
        A date to use when the text has no header (the CLI's ``--date``).

    Example
    -------
    >>> a = parse_article(" date 2020-05-01 A title\\n\\nBody text.", id="x")
    >>> (a.date, a.title, a.text)
    ('2020-05-01', 'A title', 'Body text.')
    """
    errors: list[ArticleIssue] = []
    first, _, rest = raw.partition("\n")
    match = HEADER.match(first)
    title = ""
    article_date = date or ""
    body = raw
    if match:
        body = rest
        title = match.group(2).strip()
        try:
            article_date = parse_iso_date(match.group(1))
        except ValueError:
            errors.append(
                ArticleIssue(
                    "bad_date",
                    f"{source or id}: line 1: header date {match.group(1)!r} is not a valid "
                    "YYYY-MM-DD date; the article is processed without a date",
                )
            )
            article_date = date or ""
    body = body.strip()
    if not body:
        errors.append(ArticleIssue("empty", f"{source or id}: the article has no text"))
    return Article(
        id=id, text=body, date=article_date, title=title, source=source, errors=tuple(errors)
    )


def read_file(path: str | Path, *, date: str | None = None) -> Iterator[Article]:
    """Read the article(s) in one file: one for text files, one per line for JSON Lines.

    Example
    -------
    >>> [a.id for a in read_file("seeds/000_0855f98d2040f76b.txt")]
    ['000_0855f98d2040f76b']
    """
    path = Path(path)
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        issue = ArticleIssue("unreadable", f"{source}: cannot be read: {e.strerror}")
        yield Article(id=path.stem, text="", source=source, errors=(issue,))
        return
    try:
        raw = _decode(data)
    except UnicodeDecodeError as e:
        issue = ArticleIssue(
            "decode_error", f"{source}: byte offset {e.start}: not valid UTF-8 or UTF-16 text")
        yield Article(id=path.stem, text="", source=source, errors=(issue,))
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(raw, source=source, stem=path.stem, date=date)
    else:
        yield parse_article(raw, id=path.stem, source=source, date=date)


def _read_jsonl(raw: str, *, source: str, stem: str, date: str | None) -> Iterator[Article]:
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}: line {lineno}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("not a JSON object")
            text = row.get("text")
            if not isinstance(text, str):
                raise ValueError("missing string field 'text'")
        except ValueError as e:
            yield Article(id=f"{stem}:{lineno}", text="", source=where,
                          errors=(ArticleIssue("bad_jsonl", f"{where}: {e}"),))
            continue
        art_id = str(row.get("id") or f"{stem}:{lineno}")
        errors: list[ArticleIssue] = []
        art_date = date or ""
        if row.get("date"):
            try:
                art_date = parse_iso_date(str(row["date"]))
            except ValueError:
                errors.append(ArticleIssue(
                    "bad_date", f"{where}: date {row['date']!r} is not a valid YYYY-MM-DD date"))
        if not text.strip():
            errors.append(ArticleIssue("empty", f"{where}: the article has no text"))
        yield Article(id=art_id, text=text.strip(), date=art_date,
                      title=str(row.get("title") or ""), source=where, errors=tuple(errors))


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand paths into article files: directories recursively, in sorted order.

    Example
    -------
    >>> [p.name for p in iter_files(["seeds"])][:1]
    ['000_0855f98d2040f76b.txt']
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES \
                        and not f.name.startswith("."):
                    yield f
        else:
            yield p


def read_articles(paths: str | Path | Iterable[str | Path], *, date: str | None = None
                  ) -> Iterator[Article]:
    """Lazily read every article under ``paths`` (files or directories).

    A path that does not exist yields an article carrying a ``not_found`` error.

    Example
    -------
    >>> next(read_articles("seeds")).date
    '2020-05-01'
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for f in iter_files(paths):
        if not f.exists():
            yield Article(id=f.stem, text="", source=str(f),
                          errors=(ArticleIssue("not_found", f"{f}: no such file or directory"),))
            continue
        yield from read_file(f, date=date)
