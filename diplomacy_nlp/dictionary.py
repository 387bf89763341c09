"""Users' own actor dictionaries: known actors, their names, and when each name applies.

In the spirit of the actor dictionaries of event coders (PETRARCH's ``.actors`` files), a user
lists actors with an id, a canonical name, a type, a country, a role and aliases, optionally
limited to a period. Wherever a name or alias occurs in an article dated inside the entry's
period, the dictionary wins over the built-in resolution: the mention gets the entry's id,
label, type, country and role (surnames and role descriptions still link to it as usual).

Files are CSV or YAML (by extension: ``.csv``; ``.yaml``/``.yml``). Columns / keys:

=============  ========  ===============================================================
key            required  meaning
=============  ========  ===============================================================
``name``       yes       canonical label; also matched in the text
``type``       yes       PERSON, COUNTRY, ORGANIZATION or LOCATION
``id``         no        node id (default: ``person:<slug>``, ``org:<slug>``, ``loc:<slug>``;
                         for a COUNTRY its ISO alpha-3 ``country``)
``country``    no        ISO 3166-1 alpha-3 code of the state the actor serves or belongs to
``role``       no        title or role ("Foreign Minister")
``aliases``    no        other names matched in the text: ``|``-separated in CSV, a list in YAML
``valid_from`` no        first day (YYYY-MM-DD) on which the entry applies
``valid_to``   no        last day on which the entry applies
=============  ========  ===============================================================

Several rows may share an id (an office held by different people in different periods, or
one person's titles over time). An article without a date uses only entries without a period.
Matching is on exact token text (case-sensitive, except that a name's first letter may also be
upper case, as at the start of a sentence), longest match first. See
``examples/actors.csv`` and ``examples/actors.yaml`` in the repository.

Example
-------
>>> d = ActorDictionary.from_records([{"name": "Jane Roe", "type": "PERSON", "country": "CAN",
...                                    "aliases": ["Roe"]}])
>>> d.entries[0].id, d.entries[0].aliases
('person:jane-roe', ('Roe',))
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from .errors import ActorDictionaryError
from .gazetteer import slug

TYPES = ("PERSON", "COUNTRY", "ORGANIZATION", "LOCATION")
COLUMNS = ("id", "name", "type", "country", "role", "aliases", "valid_from", "valid_to")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_PREFIX = {"PERSON": "person", "ORGANIZATION": "org", "LOCATION": "loc"}


@dataclass(frozen=True)
class DictionaryEntry:
    """One row of an actor dictionary (``line`` is where it was defined, for messages)."""

    id: str
    name: str
    type: str
    country: str = ""
    role: str = ""
    aliases: tuple[str, ...] = ()
    valid_from: str = ""
    valid_to: str = ""
    line: int = 0

    def applies(self, date: str) -> bool:
        """Does the entry apply to an article of this date (``""`` = undated)?

        Example
        -------
        >>> e = DictionaryEntry("x", "X", "PERSON", valid_from="2020-01-01")
        >>> e.applies("2021-05-05"), e.applies("2019-12-31"), e.applies("")
        (True, False, False)
        """
        if not (self.valid_from or self.valid_to):
            return True
        if not date:
            return False
        return (not self.valid_from or date >= self.valid_from) and \
            (not self.valid_to or date <= self.valid_to)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _entry(row: Mapping[str, Any], where: str, line: int) -> DictionaryEntry:
    unknown = sorted(set(row) - set(COLUMNS))
    if unknown:
        raise ActorDictionaryError(f"{where}: unknown column(s) {', '.join(unknown)}; "
                                   f"expected some of {', '.join(COLUMNS)}")
    name = _text(row.get("name"))
    kind = _text(row.get("type")).upper()
    if not name:
        raise ActorDictionaryError(f"{where}: 'name' is empty; every actor needs a name")
    if kind not in TYPES:
        raise ActorDictionaryError(f"{where}: type {_text(row.get('type'))!r} is not one of "
                                   f"{', '.join(TYPES)}")
    country = _text(row.get("country")).upper()
    if country and not _ISO3.match(country):
        raise ActorDictionaryError(f"{where}: country {country!r} is not an ISO 3166-1 "
                                   "alpha-3 code (e.g. USA, CHN)")
    raw_aliases = row.get("aliases") or []
    if isinstance(raw_aliases, str):
        raw_aliases = raw_aliases.split("|")
    if not isinstance(raw_aliases, list):
        raise ActorDictionaryError(f"{where}: 'aliases' must be a list (YAML) or "
                                   "'|'-separated text (CSV)")
    aliases = tuple(dict.fromkeys(a for a in (_text(x) for x in raw_aliases) if a and a != name))
    dates = {}
    for key in ("valid_from", "valid_to"):
        value = _text(row.get(key))
        if value and not _DATE.match(value):
            raise ActorDictionaryError(f"{where}: {key} {value!r} is not a YYYY-MM-DD date")
        dates[key] = value
    if dates["valid_from"] and dates["valid_to"] and dates["valid_from"] > dates["valid_to"]:
        raise ActorDictionaryError(f"{where}: valid_from {dates['valid_from']} is after "
                                   f"valid_to {dates['valid_to']}")
    actor_id = _text(row.get("id"))
    if not actor_id:
        if kind == "COUNTRY":
            if not country:
                raise ActorDictionaryError(f"{where}: a COUNTRY needs an 'id' or a 'country' "
                                           "code")
            actor_id = country
        else:
            actor_id = f"{_PREFIX[kind]}:{slug(name)}"
    return DictionaryEntry(actor_id, name, kind, country or (actor_id if kind == "COUNTRY" and
                                                             _ISO3.match(actor_id) else ""),
                           _text(row.get("role")), aliases, dates["valid_from"],
                           dates["valid_to"], line)


class ActorDictionary:
    """A validated actor dictionary, and the matching of its names in a Doc.

    Build it with ``from_file`` or ``from_records``; pass it (or a path) to
    ``diplomacy_nlp.load(actors=...)``.
    """

    def __init__(self, entries: Iterable[DictionaryEntry], source: str = "") -> None:
        self.entries = tuple(entries)
        self.source = source

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], *,
                     source: str = "actors") -> ActorDictionary:
        """Validate rows (dicts with the documented keys); errors name the row.

        Example
        -------
        >>> ActorDictionary.from_records([{"name": "X", "type": "PERSN"}])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        diplomacy_nlp.errors.ActorDictionaryError: actors, row 1: type 'PERSN' is not one of ...
        """
        return cls([_entry(r, f"{source}, row {n}", n) for n, r in enumerate(records, 1)], source)

    @classmethod
    def from_file(cls, path: str | Path) -> ActorDictionary:
        """Read a CSV or YAML actor dictionary; errors name the file and line.

        Example
        -------
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
        >>> _ = p.write_text("name,type,country\\nJane Roe,PERSON,CAN\\nX,BOGUS,\\n")
        >>> ActorDictionary.from_file(p)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        diplomacy_nlp.errors.ActorDictionaryError: .../a.csv, line 3: type 'BOGUS' is not ...
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise ActorDictionaryError(f"{path}: cannot read the actor dictionary ({e})") from e
        suffix = path.suffix.lower()
        if suffix == ".csv":
            entries = _read_csv(text, str(path))
        elif suffix in (".yaml", ".yml"):
            entries = _read_yaml(text, str(path))
        else:
            raise ActorDictionaryError(f"{path}: an actor dictionary must be .csv, .yaml or "
                                       ".yml")
        return cls(entries, str(path))

    def to_records(self) -> list[dict[str, Any]]:
        """The entries as plain dicts (what ``to_disk`` of the resolver stores)."""
        return [asdict(e) for e in self.entries]

    def matcher(self, make_doc: Callable[[str], Doc]) -> PhraseMatcher:
        """A ``PhraseMatcher`` over every name, tokenized by the pipeline's ``make_doc``."""
        doc = make_doc("")
        matcher = PhraseMatcher(doc.vocab, attr="ORTH")
        for n, e in enumerate(self.entries):
            # a name may open a sentence: "the German chancellor" also as "The German ..."
            forms = dict.fromkeys(f for name in e.names
                                  for f in (name, name[:1].upper() + name[1:]))
            matcher.add(str(n), [make_doc(form) for form in forms])
        return matcher

    def find(self, doc: Doc, matcher: PhraseMatcher) -> list[tuple[int, int, DictionaryEntry]]:
        """Token spans of the Doc that name an entry valid on ``doc._.article_date``.

        Overlapping matches keep the longest; when several entries share a name, the first
        one in the file that applies wins.

        Example
        -------
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> d = ActorDictionary.from_records([{"name": "Jane Roe", "type": "PERSON"}])
        >>> [(s, e, x.id) for s, e, x in d.find(nlp("Jane Roe spoke."), d.matcher(nlp.make_doc))]
        [(0, 2, 'person:jane-roe')]
        """
        date = (doc._.get("article_date") if Doc.has_extension("article_date") else "") or ""
        spans = []
        by_span: dict[tuple[int, int], DictionaryEntry] = {}
        for match_id, start, end in matcher(doc):
            entry = self.entries[int(doc.vocab.strings[match_id])]
            if not entry.applies(date):
                continue
            if (start, end) not in by_span:
                spans.append(doc[start:end])
            if (start, end) not in by_span or entry.line < by_span[start, end].line:
                by_span[start, end] = entry
        return [(s.start, s.end, by_span[s.start, s.end]) for s in
                sorted(filter_spans(spans), key=lambda s: s.start)]


def _read_csv(text: str, source: str) -> list[DictionaryEntry]:
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames:
        raise ActorDictionaryError(f"{source}, line 1: no header; expected columns "
                                   f"{', '.join(COLUMNS)}")
    header = [h.strip() for h in reader.fieldnames]
    reader.fieldnames = header
    missing = [c for c in ("name", "type") if c not in header]
    if missing:
        raise ActorDictionaryError(f"{source}, line 1: missing column(s) {', '.join(missing)}")
    entries = []
    for row in reader:
        where = f"{source}, line {reader.line_num}"
        if None in row:
            raise ActorDictionaryError(f"{where}: more fields than the header has columns")
        if not any(_text(v) for v in row.values()):
            continue
        entries.append(_entry(row, where, reader.line_num))
    return entries


def _read_yaml(text: str, source: str) -> list[DictionaryEntry]:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{source}, line {mark.line + 1}" if mark is not None else source
        raise ActorDictionaryError(f"{where}: not valid YAML ({getattr(e, 'problem', e)})") \
            from e
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise ActorDictionaryError(f"{source}, line {root.start_mark.line + 1}: expected a "
                                   "list of actors (each item a mapping)")
    entries = []
    for node in root.value:
        line = node.start_mark.line + 1
        where = f"{source}, line {line}"
        if not isinstance(node, yaml.MappingNode):
            raise ActorDictionaryError(f"{where}: each actor must be a mapping of keys "
                                       f"({', '.join(COLUMNS)})")
        try:
            row = yaml.SafeLoader(text).construct_document(node)
        except (ValueError, yaml.YAMLError) as e:  # e.g. an impossible date: 2020-13-01
            raise ActorDictionaryError(f"{where}: cannot read this actor ({e})") from e
        entries.append(_entry({str(k): v for k, v in row.items()}, where, line))
    return entries
