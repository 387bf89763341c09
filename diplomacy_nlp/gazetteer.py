"""Reference knowledge: countries, international organizations, titles, diseases, state bodies.

Countries come from pycountry (ISO 3166-1 names and codes) and countryinfo (alternative
spellings, demonyms, capitals), supplemented by ``data/country_aliases.tsv``. The other tables
are data files in ``data/``, each saying where its entries come from. Everything is loaded
lazily and cached once per process.

Example
-------
>>> countries().by_name["Peru"], countries().by_demonym["Peruvian"]
('PER', 'PER')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

DATA = resources.files("diplomacy_nlp") / "data"


def slug(text: str) -> str:
    """A lower-case ASCII slug used in actor ids.

    Example
    -------
    >>> slug("Côte d'Ivoire Foreign Ministry")
    'cote-d-ivoire-foreign-ministry'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@dataclass
class CountryTable:
    """Surface forms of sovereign states, each mapped to its ISO 3166-1 alpha-3 code."""

    labels: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    by_demonym: dict[str, str] = field(default_factory=dict)
    by_capital: dict[str, str] = field(default_factory=dict)
    by_seat: dict[str, str] = field(default_factory=dict)

    def lookup(self, text: str) -> str:
        """ISO alpha-3 code of a country name, abbreviation or demonym, or ``""``."""
        return self.by_name.get(text) or self.by_demonym.get(text) or ""


_OFFICIAL_STYLE = re.compile(
    r"\b(Republic|Kingdom|State|Federation|Commonwealth|Principality|Sultanate|Emirate)\b")
_NAME_OK = re.compile(r"^[A-Z][\w'’.\- ]+$")


def _add(table: dict[str, str], text: str, iso: str, weight: dict[str, int], w: int) -> None:
    text = text.strip()
    if not text:
        return
    if text not in table or w > weight.get(text, -1):
        table[text] = iso
        weight[text] = w


@cache
def countries() -> CountryTable:
    """The country table, built once per process.

    Example
    -------
    >>> countries().labels["USA"]
    'United States'
    """
    import pycountry
    from countryinfo import CountryInfo

    t = CountryTable()
    wn: dict[str, int] = {}
    wd: dict[str, int] = {}
    wc: dict[str, int] = {}
    info = {v["ISO"]["alpha3"]: v for v in CountryInfo.all().values()
            if isinstance(v.get("ISO"), dict) and v["ISO"].get("alpha3")}
    # Population decides between states that share a demonym or a spelling ("American").
    population = {iso: int(v.get("population") or 0) for iso, v in info.items()}
    extra = _rows("country_aliases.tsv")
    for iso, kind, text in extra:
        if kind == "name" and iso not in t.labels:
            t.labels[iso] = text
    for c in pycountry.countries:
        iso = c.alpha_3
        pop = population.get(iso, 0)
        names = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        ci = info.get(iso)
        if ci:
            names.append(ci.get("name"))
            # Most altSpellings are native-language forms ("Island" for Iceland); keep only
            # the English official styles.
            names += [s for s in ci.get("altSpellings", []) if _OFFICIAL_STYLE.search(s)]
        names = [n for n in names if n and "," not in n and _NAME_OK.match(n)]
        if iso not in t.labels:
            t.labels[iso] = (getattr(c, "common_name", None) or (ci or {}).get("name") or c.name)
        for n in names:
            _add(t.by_name, n, iso, wn, pop)
            if n.startswith("Republic of ") or n.startswith("Kingdom of "):
                continue
            _add(t.by_name, f"Republic of {n}", iso, wn, pop - 1)
        if ci and ci.get("demonym"):
            _add(t.by_demonym, ci["demonym"], iso, wd, pop)
        if ci and ci.get("capital") and len(ci["capital"]) > 3:
            _add(t.by_capital, ci["capital"], iso, wc, pop)
    # The curated file outranks both packages.
    for iso, kind, text in extra:
        target = {"name": t.by_name, "demonym": t.by_demonym, "seat": t.by_seat,
                  "capital": t.by_capital}[kind]
        target[text] = iso
    return t


@dataclass(frozen=True)
class Organization:
    """An international organization or news agency from ``data/organizations.tsv``."""

    id: str
    name: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    country: str


@cache
def organizations() -> tuple[Organization, ...]:
    """The organizations table.

    Example
    -------
    >>> [o.name for o in organizations() if "WHO" in o.acronyms]
    ['World Health Organization']
    """
    out = []
    for row in _rows("organizations.tsv"):
        row += [""] * (4 - len(row))
        name, acr, alias, country = (x.strip() for x in row[:4])
        out.append(Organization(
            id=f"org:{slug(name)}", name=name,
            acronyms=tuple(a for a in acr.split("|") if a),
            aliases=tuple(a for a in alias.split("|") if a), country=country))
    return tuple(out)


@cache
def organizations_by_id() -> dict[str, Organization]:
    """The organizations table keyed by actor id.

    Example
    -------
    >>> organizations_by_id()["org:world-health-organization"].acronyms
    ('WHO',)
    """
    return {o.id: o for o in organizations()}


def _lines(name: str) -> frozenset[str]:
    return frozenset(r[0].strip().lower() for r in _rows(name))


@cache
def titles() -> frozenset[str]:
    """Title phrases (lower case), e.g. ``"foreign minister"``.

    Example
    -------
    >>> "secretary of state" in titles()
    True
    """
    return _lines("titles.txt")


@cache
def title_words() -> frozenset[str]:
    """Every word that occurs in a title phrase (lower case), hyphenated parts included.

    Example
    -------
    >>> {"congresswoman", "-", "elect"} <= title_words()
    True
    """
    words = {w for t in titles() for w in t.split()}
    return frozenset(words | {p for w in words for p in re.split(r"(-)", w) if p})


@cache
def offices() -> dict[str, str]:
    """Title phrase (lower case) → the office it names, one holder per state at a time.

    Example
    -------
    >>> offices()["secretary of state"] == offices()["foreign minister"]
    True
    """
    return {row[0]: row[1] for row in _rows("offices.tsv")}


POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Words skipped when forming initials or trimming a role ("Ministry of Foreign Affairs" → MFA).
STOP_INITIALS = frozenset({"of", "and", "the", "for", "on", "in", "to", "&"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.",
                        "sir", "dame", "lord", "professor"})


@cache
def reporting_verbs() -> frozenset[str]:
    """Lemmas of verbs of saying ("say", "tell", "stress"), lower case.

    Example
    -------
    >>> "say" in reporting_verbs()
    True
    """
    return _lines("reporting_verbs.txt")


@cache
def non_actors() -> frozenset[str]:
    """Diseases, pathogens and platforms (lower case): names that are never actors.

    Example
    -------
    >>> "covid-19" in non_actors()
    True
    """
    return _lines("non_actors.txt")


@cache
def bodies() -> dict[str, str]:
    """Nouns naming state bodies or the state itself after a demonym: word → kind.

    Example
    -------
    >>> bodies()["ministry"], bodies()["government"]
    ('body', 'government')
    """
    return {r[0].strip().lower(): r[1].strip() for r in _rows("bodies.tsv")}


def gazetteer_patterns() -> list[dict[str, str]]:
    """Phrase patterns for spaCy's SpanRuler: countries, demonyms, capitals, seats, organizations.

    Labels: ``COUNTRY`` (id ISO3), ``DEMONYM`` (id ISO3), ``CAPITAL`` (id ISO3), ``SEAT``
    (id ISO3), ``IGO`` (id ``org:<slug>``). Upper-case variants of long names are added for
    datelines ("CAIRO —").

    Example
    -------
    >>> {"label": "COUNTRY", "pattern": "Peru", "id": "PER"} in gazetteer_patterns()
    True
    """
    t = countries()
    pats: list[dict[str, str]] = []

    def add(label: str, text: str, id_: str) -> None:
        pats.append({"label": label, "pattern": text, "id": id_})
        if len(text) > 4 and text.upper() != text:
            pats.append({"label": label, "pattern": text.upper(), "id": id_})

    for label, table in (("COUNTRY", t.by_name), ("DEMONYM", t.by_demonym),
                         ("CAPITAL", t.by_capital), ("SEAT", t.by_seat)):
        for text, iso in sorted(table.items()):
            add(label, text, iso)
    for org in organizations():
        for text in (org.name, *org.acronyms, *org.aliases):
            add("IGO", text, org.id)
    return pats
