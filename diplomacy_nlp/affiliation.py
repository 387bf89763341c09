"""Affiliation and role of people: the state each person serves and the title they hold.

Two kinds of evidence, strongest first:

1. **The article's own wording around a name** (``explicit_affiliation``): premodifiers
   ("Chinese President Xi Jinping", "Argentine Congresswoman-elect Diana Mondino"),
   possessives ("Russia's Sergey Lavrov"), an owning body ("Foreign Ministry spokesperson X"
   takes the ministry's country; "African Union Commission Chairman X" is bound to an
   international body and gets no country), and appositions ("his Peruvian counterpart,
   Martin Vizcarra"; "the late president, X").
2. **The article's context** (``infer_countries``), for people the wording leaves open
   ("President Vladimir Putin" in a story about Russia): the most salient state of the article
   (counted over its country mentions), skipping any state whose same office the article
   already gives to someone else ("US President Donald Trump" and "President Xi": Xi is not the
   US president; "US Defence Secretary Lloyd Austin" and "Defence Minister Rajnath Singh").
   Offices come from ``data/offices.tsv``. People bound to an organization without a country
   are never given one this way.

Example
-------
>>> import diplomacy_nlp as dn
>>> r = dn.extract("Russian officials met the press. President Vladimir Putin was absent.")
>>> [(a.label, a.country) for a in r.actors if a.type == "PERSON"]
[('Vladimir Putin', 'RUS')]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from .gazetteer import HONORIFICS, POSSESSIVE, STOP_INITIALS, offices, title_words

# Role modifiers that say the person no longer (or not yet) holds the office.
NOT_IN_OFFICE = frozenset({"former", "late", "ex", "ex-", "outgoing"})
# A country or capital used as a place ("talks in Dhaka", "the situation in Ukraine") says less
# about who the article's people serve than a country acting or owning something.
PLACE_WEIGHT = 0.5
PLACE_PREPOSITIONS = frozenset({"in", "to", "into", "at", "from", "across", "throughout",
                                "inside", "within", "near", "around", "through", "toward",
                                "towards"})
# Describing nouns that put two people on different sides ("his counterpart, X").
RIVALS = frozenset({"counterpart", "counterparts", "rival", "opponent", "challenger", "critic",
                    "enemy", "adversary"})


@dataclass(frozen=True)
class Cue:
    """What the words around one mention of a person say about them.

    ``bound`` is true when the wording ties the person to a state or an organization, even one
    without a country (an international body): context inference then leaves them alone.
    """

    country: str = ""
    role: str = ""
    bound: bool = False


def _role_text(tokens: list[Token]) -> str:
    words = [t for t in tokens if t.lower_ not in HONORIFICS]
    while words and (words[0].lower_ in STOP_INITIALS or words[0].is_punct):
        words.pop(0)  # "the leadership of President X": the role is "President"
    return "".join(t.text_with_ws for t in words).strip()


def explicit_affiliation(doc: Doc, start: int, end: int, gaz_end: dict[int, Span],
                         org_end: dict[int, Any]) -> Cue:
    """The country and role that the words before a name (else an apposition) give a person.

    ``gaz_end`` maps a token index to the gazetteer span ending there; ``org_end`` maps a token
    index to the organization candidate ending there (anything with a ``country`` attribute).

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> doc = dn.load()("Chinese President Xi Jinping spoke.")
    >>> gaz = {s.end: s for s in doc.spans["diplomacy_gazetteer"]}
    >>> explicit_affiliation(doc, 2, 4, gaz, {})
    Cue(country='CHN', role='President', bound=True)
    """
    words = title_words()
    i = start - 1
    role: list[Token] = []
    country = ""
    bound = False
    while i >= 0:
        tok = doc[i]
        g = gaz_end.get(i + 1)
        if g is not None and g.label_ in ("COUNTRY", "DEMONYM"):
            # "Ambassador to Kenya Meg Whitman": the country is the posting, keep walking
            if g.end == start and g.label_ == "COUNTRY" and g.start >= 2 \
                    and doc[g.start - 1].lower_ in ("to", "in", "for", "at") \
                    and doc[g.start - 2].lower_ in words:
                role[:0] = list(doc[g.start - 1:g.end])
                i = g.start - 2
                continue
            org = org_end.get(g.start)
            country, bound = (org.country if org is not None else g.id_), True
            break
        if tok.text in POSSESSIVE and i > 0:
            g = gaz_end.get(i)
            if g is not None and g.label_ == "COUNTRY":
                country, bound = g.id_, True
            elif i in org_end:
                country, bound = org_end[i].country, True
            break
        if (i + 1) in org_end:
            country, bound = org_end[i + 1].country, True
            break
        if tok.lower_ in words and (not tok.is_punct or tok.text == "-"):
            role.insert(0, tok)
            i -= 1
            continue
        break
    cue = Cue(country, _role_text(role), bound)
    if not cue.country or not cue.role:
        cue = _merge(cue, _apposition(doc, start, end, gaz_end))
    if not cue.country or not cue.role:
        cue = _merge(cue, _title_before_comma(doc, start, gaz_end))
    return cue


def _title_before_comma(doc: Doc, start: int, gaz_end: dict[int, Span]) -> Cue:
    """'the late president, X' when the parser missed the apposition: the words decide."""
    if start < 2 or doc[start - 1].text != ",":
        return Cue()
    words = title_words()
    i = start - 2
    role: list[Token] = []
    while i >= 0 and doc[i].lower_ in words and not doc[i].is_punct:
        role.insert(0, doc[i])
        i -= 1
    g = gaz_end.get(i + 1)
    if not role or role[-1].lower_ in ("former", "late", "acting", "interim"):
        return Cue()
    if g is not None and g.label_ in ("COUNTRY", "DEMONYM"):
        return Cue(g.id_, _role_text(role), True)
    return Cue("", _role_text(role), False)


def _merge(first: Cue, second: Cue) -> Cue:
    return Cue(first.country or second.country, first.role or second.role,
               first.bound or second.bound)


def _apposition(doc: Doc, start: int, end: int, gaz_end: dict[int, Span]) -> Cue:
    """'X, the late president,' / 'his Peruvian counterpart, X': role and country of the noun."""
    root = doc[start:end].root
    nouns = [root.head] if root.dep_ == "appos" else []
    nouns += [ch for ch in root.children if ch.dep_ == "appos"]
    words = title_words()
    for noun in nouns:
        if start <= noun.i < end or (noun.lower_ not in words and
                                      noun.lower_ not in ("counterpart", "counterparts")):
            continue
        country = ""
        mods = []
        for ch in noun.children:
            if ch.dep_ not in ("amod", "compound", "poss", "nmod") or ch.i > noun.i:
                continue
            g = gaz_end.get(ch.i + 1)
            if g is not None and g.label_ in ("COUNTRY", "DEMONYM"):
                country = g.id_
            elif ch.lower_ in words:
                mods.append(ch)
        role = "" if noun.lower_ == "counterpart" else _role_text(sorted(mods + [noun],
                                                                       key=lambda t: t.i))
        if country or role:
            return Cue(country, role, bool(country))
    return Cue()


def office_of(role: str) -> str:
    """The office a role names, or ``""`` (no office, or no longer in it).

    Example
    -------
    >>> [office_of(r) for r in ("Secretary of State", "interim President", "former president")]
    ['foreign', 'head-of-state', '']
    """
    toks = role.lower().replace("-", " - ").split()
    if not toks or NOT_IN_OFFICE & set(toks):
        return ""
    table = offices()
    for k in range(len(toks)):
        phrase = " ".join(toks[k:]).replace(" - ", "-")
        if phrase in table:
            return table[phrase]
    return ""


def _spans(doc: Doc, mentions: list[dict[str, Any]], ids: set[str]) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {}
    for m in mentions:
        if m["actor"] in ids:
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is not None:
                out.setdefault(m["actor"], []).append(span)
    return out


def _described_by(token: Token) -> Token | None:
    """The appositive noun whose modifier holds ``token``: 'X, the spokeswoman for <token>'."""
    node = token
    while node.dep_ in ("pobj", "prep", "agent") or (node.dep_ == "acl" and node.tag_ == "VBN"):
        node = node.head
        if node.dep_ == "appos" and node.pos_ in ("NOUN", "PROPN"):
            return None if node.lower_ in RIVALS else node
    return None


def circle_links(doc: Doc, spans: dict[str, list[Span]]) -> list[tuple[str, str]]:
    """Pairs of people where one is named in the description of the other.

    'Ana Soto, the spokeswoman for President Carlos Ruiz', 'the minister appointed by X',
    'an aide to X': the two serve one state. 'his counterpart' and rivals are left out.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> doc = dn.load()("Ana Soto, the spokeswoman for President Carlos Ruiz, declined to comment.")
    >>> circle_links(doc, {"soto": [doc[0:2]], "ruiz": [doc[7:9]]})
    [('ruiz', 'soto')]
    """
    root_of = {span.root.i: pid for pid, ss in spans.items() for span in ss}
    links = []
    for pid, ss in spans.items():
        for span in ss:
            noun = _described_by(span.root)
            owner = root_of.get(noun.head.i) if noun is not None else None
            if owner is not None and owner != pid:
                links.append((pid, owner))
    return links


def _is_place(span: Span) -> bool:
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS


def infer_countries(doc: Doc, actors: list[dict[str, Any]], mentions: list[dict[str, Any]], *,
                    bound: set[str]) -> None:
    """Give people whom the wording leaves open a state from the article's context (in place).

    ``actors`` and ``mentions`` are the resolver's records; people whose id is in ``bound``
    (their wording gave them a state or an organization) are left alone. First, a person named
    in another's description shares their state (``circle_links``); then each remaining person
    gets the most salient state of the article, skipping any state whose same office the
    wording already gives to someone else. Salience counts country mentions (a country or
    capital used as a place counts half) and the people the wording ties to each state.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> r = dn.extract("US President Joe Biden spoke with President Xi Jinping about China.")
    >>> [(a.label, a.country) for a in r.actors if a.type == "PERSON"]
    [('Joe Biden', 'USA'), ('Xi Jinping', 'CHN')]
    """
    by_id = {a["id"]: a for a in actors}
    people = [a for a in actors if a["type"] == "PERSON"]
    # only people the article gives a title or role: a bare name says nothing of a state
    open_ids = {a["id"] for a in people
                if not a["country"] and a["role"] and a["id"] not in bound}
    if not open_ids:
        return
    spans = _spans(doc, mentions, {a["id"] for a in people})
    for a, b in circle_links(doc, spans):
        for x, y in ((a, b), (b, a)):
            if x in open_ids and by_id[y]["country"]:
                by_id[x]["country"] = by_id[y]["country"]
                open_ids.discard(x)
    salience: Counter = Counter()
    first: dict[str, int] = {}
    acting: set[str] = set()
    for m in mentions:
        a = by_id[m["actor"]]
        if not a.get("country") or a["type"] not in ("COUNTRY", "LOCATION"):
            continue
        span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        place = a["type"] == "LOCATION" or (span is not None and _is_place(span))
        salience[a["country"]] += PLACE_WEIGHT if place else 1
        first.setdefault(a["country"], m["start"])
        if not place:
            acting.add(a["country"])
    for a in people:
        if a["id"] in bound and a["country"] in salience:
            salience[a["country"]] += 1
    # a state only ever named as a place ("talks in Paris") is no one's affiliation
    ranked = sorted(acting, key=lambda c: (-salience[c], first[c], c))
    # only offices that the wording gives block a state; a guess never blocks another guess
    held = {(a["country"], office_of(a["role"])) for a in people
            if a["id"] not in open_ids and a["country"] and office_of(a["role"])}
    for person in people:
        if person["id"] not in open_ids:
            continue
        office = office_of(person["role"])
        person["country"] = next((c for c in ranked if not office or (c, office) not in held),
                                 "")
