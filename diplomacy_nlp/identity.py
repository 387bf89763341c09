"""One actor, one id across a corpus: linking people named differently in different articles.

Within an article, ``actors.resolve_actors`` already gives every actor one id: countries by ISO
alpha-3, organizations and people by their canonical name (``person:xi-jinping``), so the same
full name gets the same id in every article. What an article alone cannot settle is a person
named differently elsewhere:

- **spelling variants** of one name: "Abdel Fattah al-Sisi" and "Abdel Fattah el-Sissi" have the
  same *name key* (ASCII, lower case, name particles such as al/el/bin dropped, doubled letters
  single);
- **short names**: an article that only says "Lula" or "Xi" links to the one person of the
  corpus whose full name contains that name ("Luiz Inacio Lula da Silva", "Xi Jinping"). When
  two people of the corpus share it ("Ed Miliband", "David Miliband"), "Miliband" stays apart.

Two people with different known countries are never linked. ``corpus_links`` returns the id
mapping; ``relink`` applies it to one result.

Example
-------
>>> from diplomacy_nlp.types import Actor, Result
>>> a = Result(id="a", actors=(Actor("person:xi-jinping", "Xi Jinping", "PERSON", "CHN"),))
>>> b = Result(id="b", actors=(Actor("person:xi", "Xi", "PERSON"),))
>>> corpus_links([a, b])
{'person:xi': 'person:xi-jinping'}
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from .types import Actor, Result

MAX_SHORT_NAME = 3  # words; a longer name is never a short form of another
PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "ben", "abu", "da", "de", "di", "do",
                       "dos", "du", "van", "von", "der", "la", "le", "del", "della", "mr", "mrs",
                       "ms", "dr"})


def name_key(name: str) -> tuple[str, ...]:
    """The spelling-insensitive tokens of a person's name.

    Example
    -------
    >>> name_key("Abdel Fattah al-Sisi") == name_key("Abdel Fattah el-Sissi")
    True
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    toks = [t for t in re.split(r"[^a-z]+", text) if t and t not in PARTICLES]
    return tuple(re.sub(r"(.)\1+", r"\1", t) for t in toks)


@dataclass
class PersonSummary:
    """A person's first label, known states and mention count across a corpus."""

    label: str
    countries: set[str] = field(default_factory=set)
    mentions: int = 0

    def add(self, actor: Actor) -> None:
        """Count one article's actor record in."""
        self.mentions += actor.mentions
        if actor.country:
            self.countries.add(actor.country)

    def merge(self, other: PersonSummary) -> None:
        """Count another batch's summary of the same person in."""
        self.mentions += other.mentions
        self.countries |= other.countries


def corpus_links(results: Iterable[Result]) -> dict[str, str]:
    """Map each person id that names someone better known by another id to that id.

    Parameters
    ----------
    results : iterable of Result
        The corpus (read once).

    Returns
    -------
    dict
        ``{id: canonical id}`` for the ids to rewrite; ids not in it stay as they are.

    Example
    -------
    >>> from diplomacy_nlp.types import Actor, Result
    >>> people = [Actor("person:ed-miliband", "Ed Miliband", "PERSON"),
    ...           Actor("person:david-miliband", "David Miliband", "PERSON"),
    ...           Actor("person:miliband", "Miliband", "PERSON")]
    >>> corpus_links([Result(id="a", actors=tuple(people))])
    {}
    """
    people: dict[str, PersonSummary] = {}
    for r in results:
        for a in r.actors:
            if a.type == "PERSON":
                people.setdefault(a.id, PersonSummary(a.label)).add(a)
    return links_from_people(people)


def links_from_people(people: Mapping[str, PersonSummary]) -> dict[str, str]:
    """``corpus_links`` from per-person summaries (what ``graph.GraphParts`` collects).

    Example
    -------
    >>> links_from_people({"person:xi": PersonSummary("Xi"),
    ...                    "person:xi-jinping": PersonSummary("Xi Jinping", {"CHN"})})
    {'person:xi': 'person:xi-jinping'}
    """
    keys = {pid: name_key(p.label) for pid, p in people.items()}

    def rank(pid: str) -> tuple[int, int, str]:
        return (-len(keys[pid]), -people[pid].mentions, pid)

    def compatible(a: str, b: str) -> bool:
        ca, cb = people[a].countries, people[b].countries
        return not (ca and cb and not ca & cb)

    # spelling variants: one key, one person (the best-known spelling gives the id)
    by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for pid in sorted(keys, key=rank):
        if keys[pid]:
            by_key[keys[pid]].append(pid)
    links: dict[str, str] = {}
    for ids in by_key.values():
        for pid in ids[1:]:
            if compatible(pid, ids[0]):
                links[pid] = ids[0]
    heads = [ids[0] for ids in by_key.values()]
    # short names: the one longer name of the corpus that contains them
    containing: dict[tuple[str, ...], list[str]] = defaultdict(list)  # part of a name → names
    for other in heads:
        key = keys[other]
        parts = {key[i:j] for i in range(len(key)) for j in range(i + 1, len(key) + 1)
                 if j - i < len(key) and j - i <= MAX_SHORT_NAME}
        for part in parts:
            containing[part].append(other)
    for pid in heads:
        fits = [other for other in containing.get(keys[pid], ()) if compatible(pid, other)]
        if len(fits) == 1:
            links[pid] = fits[0]
    for pid in links:  # follow chains: "Sisi" → "al-Sisi" → "Abdel Fattah al-Sisi"
        target = links[pid]
        while target in links and links[target] != target:
            target = links[target]
        links[pid] = target
    return {pid: target for pid, target in sorted(links.items()) if pid != target}


def relink(result: Result, links: Mapping[str, str], labels: Mapping[str, str]) -> Result:
    """Rewrite one result's actor ids by ``links`` (actors that become one are merged).

    ``labels`` gives the label of each canonical id.

    Example
    -------
    >>> from diplomacy_nlp.types import Actor, Result
    >>> r = Result(id="b", actors=(Actor("person:xi", "Xi", "PERSON", mentions=2),))
    >>> a = relink(r, {"person:xi": "person:xi-jinping"}, {"person:xi-jinping": "Xi Jinping"})
    >>> [(x.id, x.label, x.aliases) for x in a.actors]
    [('person:xi-jinping', 'Xi Jinping', ('Xi',))]
    """
    if not any(a.id in links for a in result.actors):
        return result
    merged: dict[str, Actor] = {}
    for a in result.actors:
        new_id = links.get(a.id, a.id)
        if new_id != a.id:
            a = replace(a, id=new_id, label=labels.get(new_id, a.label),
                        aliases=tuple(sorted(set(a.aliases) | {a.label})))
        prev = merged.get(new_id)
        if prev is not None:
            a = replace(prev, country=prev.country or a.country, role=prev.role or a.role,
                        aliases=tuple(sorted(set(prev.aliases) | set(a.aliases))),
                        mentions=prev.mentions + a.mentions)
        merged[new_id] = a
    return replace(
        result, actors=tuple(merged.values()),
        mentions=tuple(replace(m, actor=links.get(m.actor, m.actor)) for m in result.mentions),
        relations=tuple(replace(x, source=links.get(x.source, x.source),
                                target=links.get(x.target, x.target))
                        for x in result.relations))


def link_corpus(results: Iterable[Result]) -> list[Result]:
    """The corpus with every person under one id (``corpus_links`` applied to each result).

    Example
    -------
    >>> from diplomacy_nlp.types import Actor, Result
    >>> a = Result(id="a", actors=(Actor("person:joe-biden", "Joe Biden", "PERSON"),))
    >>> b = Result(id="b", actors=(Actor("person:biden", "Biden", "PERSON"),))
    >>> [x.actors[0].id for x in link_corpus([a, b])]
    ['person:joe-biden', 'person:joe-biden']
    """
    results = list(results)
    links = corpus_links(results)
    targets = set(links.values())
    labels = {a.id: a.label for r in results for a in r.actors if a.id in targets}
    return [relink(r, links, labels) for r in results]
