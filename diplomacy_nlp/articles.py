"""Reading articles: seed-format files, plain text, HTML, JSON Lines and directories.

A seed-format file starts with a header line `` date YYYY-MM-DD Title`` followed by the body.
A ``.txt`` file without that header is a body with no date. A ``.jsonl`` file holds one
article per line (``id``, ``text``, optional ``date`` and ``title``). Bytes are decoded and
text cleaned by ``cleaning``. Problems are recorded on the article (``Article.errors``, codes
in ``errors.ISSUES``) instead of being raised, so one bad file never stops a corpus; ids are
made unique across the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import count
from pathlib import Path

from .cleaning import NOT_TEXT, clean_text, decode, is_english, strip_markup
from .types import Article, ArticleIssue

HEADER = re.compile(r"^\s*date\s+(\S+)[ \t]*(.*)$")
TEXT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ""})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES


def parse_iso_date(value: str) -> str:
    """Return ``value`` if it is a valid ISO calendar date (``YYYY-MM-DD``), else raise ValueError.

    Example
    -------
    >>> parse_iso_date("2020-05-01")
    '2020-05-01'
    """
    return dt.date.fromisoformat(value.strip()).isoformat()


def _safe(value: object) -> str:
    """A string fit for every output: characters that are not text become U+FFFD (lone
    surrogates come from undecodable file names and from JSON escapes)."""
    return NOT_TEXT.sub("\ufffd", str(value))


def _body(text: str, *, where: str, errors: list[ArticleIssue]) -> tuple[str, str]:
    """Clean an article body: markup removed, checked for emptiness and language.
    Returns ``(body, title found in the markup)``."""
    body, title, issues = strip_markup(text, source=where)
    errors += issues
    body = body.strip()
    if not body:
        errors.append(ArticleIssue("empty", f"{where}: the article has no text"))
    elif not is_english(body):
        errors.append(ArticleIssue("not_english", f"{where}: the text is not English; the "
                                                  "model reads English, so it is skipped"))
    return body, title


def parse_article(raw: str, *, id: str, source: str = "", date: str | None = None) -> Article:
    """Split one article's text into header fields and body, and clean it.

    Characters that are not text become spaces, HTML markup is removed, and problems are
    recorded on the article (``Article.errors``), never raised.

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
    where = source or id
    raw, errors = clean_text(raw.removeprefix("\ufeff"), source=where)
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
                    f"{where}: line 1: header date {match.group(1)!r} is not a valid "
                    "YYYY-MM-DD date; the article is processed without a date",
                )
            )
            article_date = date or ""
    body, markup_title = _body(body, where=where, errors=errors)
    return Article(id=_safe(id), text=body, date=article_date, title=title or markup_title,
                   source=_safe(source), errors=tuple(errors))


def read_file(path: str | Path, *, date: str | None = None) -> Iterator[Article]:
    """Read the article(s) in one file: one for text and HTML files, one per line for JSON
    Lines. Files that cannot be read or are not text yield one article carrying the error.

    Example
    -------
    >>> [a.id for a in read_file("seeds/000_0855f98d2040f76b.txt")]
    ['000_0855f98d2040f76b']
    """
    path = Path(path)
    source, stem = _safe(path), _safe(path.stem)
    try:
        data = path.read_bytes()
    except OSError as e:
        reason = e.strerror or type(e).__name__
        issue = ArticleIssue("unreadable", f"{source}: cannot be read: {reason}")
        yield Article(id=stem, text="", source=source, errors=(issue,))
        return
    raw, issues = decode(data, source=source)
    if raw is None:
        yield Article(id=stem, text="", source=source, errors=tuple(issues))
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(raw, source=source, stem=stem, date=date, issues=issues)
    else:
        art = parse_article(raw, id=stem, source=source, date=date)
        yield replace(art, errors=(*issues, *art.errors)) if issues else art


def _read_jsonl(raw: str, *, source: str, stem: str, date: str | None,
                issues: list[ArticleIssue]) -> Iterator[Article]:
    """One article per row; a row that is not an object with a string ``text`` is reported
    with its line number. File-level issues (encoding) go on every row."""
    for lineno, line in enumerate(raw.removeprefix("\ufeff").split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}: line {lineno}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError(f"not a JSON object but {type(row).__name__}")
            text = row.get("text")
            if not isinstance(text, str):
                raise ValueError("no string field 'text'")
        except ValueError as e:  # json.JSONDecodeError is a ValueError
            yield Article(id=f"{stem}:{lineno}", text="", source=where,
                          errors=(*issues, ArticleIssue("bad_jsonl", f"{where}: {e}")))
            continue
        text, errors = clean_text(text, source=where)
        errors = [*issues, *errors]
        art_date = date or ""
        if row.get("date"):
            try:
                art_date = parse_iso_date(str(row["date"]))
            except ValueError:
                errors.append(ArticleIssue(
                    "bad_date", f"{where}: date {_safe(row['date'])!r} is not a valid "
                                "YYYY-MM-DD date; the article is processed without a date"))
        body, markup_title = _body(text, where=where, errors=errors)
        yield Article(id=_safe(row.get("id") or f"{stem}:{lineno}"), text=body, date=art_date,
                      title=_safe(row.get("title") or markup_title), source=where,
                      errors=tuple(errors))


def _is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand paths into article files: directories recursively, in sorted order.

    In a directory, files named ``*.txt``, ``*.text``, ``*.html``, ``*.htm``, ``*.jsonl``,
    ``*.ndjson`` or with no suffix are articles (hidden files are not); so are links to them,
    broken links included, so that they can be reported. A path given by name is always read.

    Example
    -------
    >>> [p.name for p in iter_files(["seeds"])][:1]
    ['000_0855f98d2040f76b.txt']
    """
    for p in paths:
        p = Path(p)
        if not p.is_dir():
            yield p
            continue
        found: list[Path] = []
        unlisted: list[Path] = []

        def skipped(e: OSError, unlisted: list[Path] = unlisted) -> None:
            if e.filename:
                unlisted.append(Path(e.filename))

        for folder, dirs, files in os.walk(p, onerror=skipped):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                f = Path(folder, name)
                if _is_article_file(f) and (f.is_symlink() or f.is_file()):
                    found.append(f)
        yield from sorted(found + unlisted)


def read_articles(paths: str | Path | Iterable[str | Path], *, date: str | None = None
                  ) -> Iterator[Article]:
    """Lazily read every article under ``paths`` (files or directories), ids made unique.

    Nothing is raised for bad input: a path that does not exist yields an article carrying a
    ``not_found`` error, an unreadable file or directory one with ``unreadable``, and so on
    (``errors.ISSUES``).

    Example
    -------
    >>> next(read_articles("seeds")).date
    '2020-05-01'
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    yield from unique_ids(_read_all(paths, date))


def _read_all(paths: Iterable[str | Path], date: str | None) -> Iterator[Article]:
    for f in iter_files(paths):
        if not f.exists() and not f.is_symlink():
            yield Article(id=_safe(f.stem), text="", source=_safe(f), errors=(
                ArticleIssue("not_found", f"{_safe(f)}: no such file or directory"),))
        elif f.is_dir():
            yield Article(id=_safe(f.name), text="", source=_safe(f), errors=(
                ArticleIssue("unreadable", f"{_safe(f)}: the directory cannot be listed"),))
        else:
            yield from read_file(f, date=date)


def unique_ids(articles: Iterable[Article]) -> Iterator[Article]:
    """Make article ids unique: a repeated id gets ``~2``, ``~3``, ... and a ``duplicate_id``
    warning naming where the id was first used.

    Example
    -------
    >>> arts = unique_ids([Article(id="a", text="x", source="one/a.txt"),
    ...                    Article(id="a", text="y", source="two/a.txt")])
    >>> [(a.id, [e.code for e in a.errors]) for a in arts]
    [('a', []), ('a~2', ['duplicate_id'])]
    """
    seen: dict[str, str] = {}
    for art in articles:
        if art.id in seen:
            new = next(f"{art.id}~{k}" for k in count(2) if f"{art.id}~{k}" not in seen)
            issue = ArticleIssue("duplicate_id", f"{art.source or art.id}: id {art.id!r} was "
                                                 f"already used by {seen[art.id]}; this "
                                                 f"article is {new!r}")
            art = replace(art, id=new, errors=(*art.errors, issue))
        seen[art.id] = art.source or art.id
        yield art
