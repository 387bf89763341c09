"""Typed, frozen result records: what one article yields, free of spaCy objects.

Every record has ``to_dict``/``from_dict``; ``Result.to_dict()`` is exactly one line of
``documents.jsonl``.

Example
-------
>>> a = Actor(id="PER", label="Peru", type="COUNTRY", country="PER", aliases=("Peru",), mentions=2)
>>> Actor.from_dict(a.to_dict()) == a
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, overload

from .errors import severity

ACTOR_TYPES = ("PERSON", "COUNTRY", "ORGANIZATION", "LOCATION")


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _shallow(record: Any) -> dict[str, Any]:
    """A record's fields as a dict: values are str/int/bool, so no deep copy is needed (and
    ``dataclasses.asdict`` deep-copies everything, which costs more than the model's parse of a
    short article when writing a corpus)."""
    return {name: getattr(record, name) for name in _names(type(record))}


def _from_dict(cls: Any, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in names}
    if "aliases" in kwargs:
        kwargs["aliases"] = tuple(kwargs["aliases"])
    return cls(**kwargs)


@dataclass(frozen=True)
class Article:
    """One input article: its id, text and metadata, plus reading errors if any.

    Example
    -------
    >>> Article(id="a1", text="Peru thanked China.", date="2020-05-01").date
    '2020-05-01'
    """

    id: str
    text: str
    date: str = ""
    title: str = ""
    source: str = ""
    errors: tuple[ArticleIssue, ...] = ()


@dataclass(frozen=True)
class ArticleIssue:
    """A problem met while reading or processing one article.

    ``code`` is one of ``errors.ISSUES``; ``severity`` (``error`` or ``warning``) follows from
    the code unless given; ``message`` names the file and the line or offset.

    Example
    -------
    >>> ArticleIssue(code="empty", message="seeds/x.txt: file is empty").severity
    'error'
    """

    code: str
    message: str
    severity: str = ""

    def __post_init__(self) -> None:
        if not self.severity:
            object.__setattr__(self, "severity", severity(self.code))

    @property
    def is_error(self) -> bool:
        """True for an error (the article failed), False for a warning."""
        return self.severity == "error"

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleIssue:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Actor:
    """A resolved actor of one article.

    ``id`` is stable across articles and runs: ISO 3166-1 alpha-3 for countries,
    ``person:<slug>``, ``org:<slug>`` or ``loc:<slug>`` otherwise.
    """

    id: str
    label: str
    type: str
    country: str = ""
    role: str = ""
    aliases: tuple[str, ...] = ()
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = _shallow(self)
        d["aliases"] = list(self.aliases)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Mention:
    """One place in the text where an actor is named (character offsets, sentence index)."""

    actor: str
    text: str
    start: int
    end: int
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class DateRef:
    """A date expression and the calendar value it refers to.

    ``value`` is ISO 8601 at the precision the text gives (``2020-04-30``, ``2020-04``,
    ``2021``), or empty when it cannot be resolved.
    """

    text: str
    value: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateRef:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Relation:
    """A typed, directed relation between two actors (PLOVER types; filled by a later stage)."""

    source: str
    target: str
    type: str
    mode: str = ""
    negated: bool = False
    hypothetical: bool = False
    date: str = ""
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Relation:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Result:
    """Everything extracted from one article; ``to_dict()`` is its ``documents.jsonl`` record.

    ``text`` is the body the offsets of ``mentions``, ``dates`` and ``relations`` refer to. In
    Jupyter a result displays itself: the text with its actors and dates highlighted, then
    compact tables.

    Example
    -------
    >>> r = Result(id="a1", date="2020-05-01")
    >>> Result.from_dict(r.to_dict()) == r
    True
    """

    id: str
    date: str = ""
    title: str = ""
    source: str = ""
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    dates: tuple[DateRef, ...] = ()
    errors: tuple[ArticleIssue, ...] = field(default=())
    text: str = ""

    @property
    def ok(self) -> bool:
        """True when the article was read and processed without errors (warnings allowed)."""
        return not any(e.is_error for e in self.errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "title": self.title,
            "source": self.source,
            "actors": [a.to_dict() for a in self.actors],
            "mentions": [m.to_dict() for m in self.mentions],
            "relations": [r.to_dict() for r in self.relations],
            "dates": [d.to_dict() for d in self.dates],
            "errors": [e.to_dict() for e in self.errors],
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        return cls(
            id=str(data["id"]),
            date=data.get("date") or "",
            title=data.get("title") or "",
            source=data.get("source") or "",
            actors=tuple(Actor.from_dict(a) for a in data.get("actors", [])),
            mentions=tuple(Mention.from_dict(m) for m in data.get("mentions", [])),
            relations=tuple(Relation.from_dict(r) for r in data.get("relations", [])),
            dates=tuple(DateRef.from_dict(d) for d in data.get("dates", [])),
            errors=tuple(ArticleIssue.from_dict(e) for e in data.get("errors", [])),
            text=data.get("text") or "",
        )

    def to_frames(self) -> Any:
        """This article's actors, mentions, relations, dates and issues as pandas DataFrames
        (``frames.to_frames``; needs the ``notebook`` extra)."""
        from .frames import to_frames

        return to_frames([self])

    def to_frame(self, table: str = "actors") -> Any:
        """One of this article's tables (``actors``, ``mentions``, ``relations``, ``dates``,
        ``issues``) as a pandas DataFrame."""
        return getattr(self.to_frames(), table)

    def _repr_html_(self) -> str:
        from .display import result_html

        return result_html(self)


class Corpus(Sequence[Result]):
    """The results of a corpus in input order: a sequence of ``Result`` that displays itself in
    Jupyter (counts, top actors, relation types, issues) and turns into tables and graphs.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> c = Corpus(dn.extract_corpus("seeds"))
    >>> len(c), c[0].id, c.graph().number_of_nodes() > 5
    (1, '000_0855f98d2040f76b', True)
    """

    def __init__(self, results: Iterable[Result]) -> None:
        self.results: tuple[Result, ...] = tuple(results)

    def __len__(self) -> int:
        return len(self.results)

    @overload
    def __getitem__(self, i: int) -> Result: ...

    @overload
    def __getitem__(self, i: slice) -> Corpus: ...

    def __getitem__(self, i: int | slice) -> Result | Corpus:
        return Corpus(self.results[i]) if isinstance(i, slice) else self.results[i]

    def __repr__(self) -> str:
        return f"Corpus({len(self)} results)"

    def to_frames(self) -> Any:
        """Actors, mentions, relations, dates and issues as DataFrames (``frames``)."""
        from .frames import to_frames

        return to_frames(self.results)

    def graph(self, *, link: bool = True) -> Any:
        """The co-mention graph (``build_graph``)."""
        from .graph import build_graph

        return build_graph(self.results, link=link)

    def relation_graph(self, *, link: bool = True) -> Any:
        """The relation multigraph (``build_relation_graph``)."""
        from .graph import build_relation_graph

        return build_relation_graph(self.results, link=link)

    def _repr_html_(self) -> str:
        from .display import corpus_html

        return corpus_html(self.results)
