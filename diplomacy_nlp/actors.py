"""Actor resolution: from entity spans to one canonical actor per real actor of an article.

Pure functions over a parsed ``Doc`` that carries spaCy's entities and our gazetteer spans
(``doc.spans["diplomacy_gazetteer"]``). The steps, in order:

1. **Candidates.** Gazetteer matches (countries, demonyms, capitals, seats of government,
   international organizations), national bodies ("the Iranian Foreign Ministry", "Egypt's
   presidency") and the model's entities, cleaned ("the World Bank's" → "World Bank",
   "Kenya Meg Whitman" → "Meg Whitman", "World Health Organization (WHO" → name + acronym).
2. **Classification.** Countries by ISO code; non-actors (diseases, platforms), fragments of
   titles ("State", "External Affairs") and generic nationality words are dropped; the model's
   inconsistent labels for one name are reconciled within the article.
3. **Merging.** People by name containment and surname ("Xi" → "Xi Jinping", "Mr. Gomes" →
   "Carlos Gomes Junior"); organizations by acronym, parenthetical definition, suffix ("State
   Department" → "US State Department") and head noun ("the Fund").
4. **Affiliation and role** of people (``affiliation.py``): the words around each name, then
   the article's context; **references** that are not names (``references.py``): role
   descriptions, name repeats, pronoun speakers.

A user's actor dictionary (``dictionary.py``) overrides all of this for the spans it names.
Across articles, ``identity.py`` gives one person one id.

Example
-------
>>> import diplomacy_nlp as dn
>>> doc = dn.load()("Chinese President Xi Jinping called Peru. Xi spoke for an hour.")
>>> [(a["label"], a["type"], a["country"]) for a in doc._.actors]
[('China', 'COUNTRY', 'CHN'), ('Xi Jinping', 'PERSON', 'CHN'), ('Peru', 'COUNTRY', 'PER')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .affiliation import explicit_affiliation, infer_countries
from .dictionary import DictionaryEntry
from .gazetteer import (
    HONORIFICS,
    POSSESSIVE,
    STOP_INITIALS,
    bodies,
    countries,
    non_actors,
    organizations,
    organizations_by_id,
    slug,
    title_words,
    titles,
)
from .references import (
    link_name_repeats,
    link_pronouns,
    link_role_descriptions,
    mention_record,
)

SPANS_KEY = "diplomacy_gazetteer"
NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
# Head nouns that make a longer name an organization of its own ("IMF Board", "AU Commission").
ORG_HEADS = frozenset({
    "board", "commission", "council", "department", "ministry", "secretariat", "office",
    "agency", "bank", "fund", "court", "parliament", "committee", "assembly", "mission",
    "delegation", "forces", "force", "service", "authority", "division", "bureau", "directorate",
    "presidency", "party", "front", "movement", "army", "navy", "group", "institute",
    "organization", "organisation", "union", "alliance", "corporation", "company", "police",
})
NAME_PARTICLES = frozenset({"el", "al", "bin", "ben", "ibn", "abu", "da", "de", "di", "do", "dos",
                            "du", "van", "von", "der", "la", "le", "del", "della"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_ACRONYM = re.compile(r"[A-Z][A-Z0-9.&\-]{1,9}")
_NAME_SPLIT = re.compile(r"[\s\-‐]+")
# Edge characters stripped from a mention's text; "." and "-" stay ("U.S.", "al-Sisi").
_TEXT_EDGE = " \t\n,;:!?\"'“”‘’()[]{}<>—–"


@dataclass
class Candidate:
    """A mention candidate before merging (token offsets into the Doc)."""

    start: int
    end: int
    text: str
    kind: str  # PERSON | COUNTRY | ORGANIZATION | LOCATION
    key: str = ""  # fixed identity: ISO3 for countries, org id for known organizations
    country: str = ""
    label: str = ""  # canonical label when known
    source: str = "ner"  # ner | gazetteer | body | dictionary
    ner_label: str = ""
    aliases: set[str] = field(default_factory=set)
    role: str = ""  # from a user's actor dictionary


# ---------------------------------------------------------------------------------------------
# 1. candidates
# ---------------------------------------------------------------------------------------------

# No word of a real name is longer (the longest surnames run to about 35 letters); longer
# "words" are identifiers, encoded data or run-together text that the model tagged.
LONGEST_NAME_WORD = 40


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners and edge punctuation, trailing possessives, cut at a bracket
    and after an overlong word."""
    for i in range(start, end):
        if doc[i].text in ("(", "[") and i > start:
            end = i
            break
        if doc[i].text in (")", "]") or len(doc[i]) > LONGEST_NAME_WORD:
            start = i + 1
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct
                           or doc[start].is_space or doc[start].text in POSSESSIVE):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    return start, end


def _text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text.strip(_TEXT_EDGE) if end > start else ""


def _gazetteer(doc: Doc) -> list[Span]:
    if SPANS_KEY not in doc.spans:
        return []
    return sorted(filter_spans(list(doc.spans[SPANS_KEY])), key=lambda s: s.start)


def _national_bodies(doc: Doc, gaz: list[Span]) -> list[Candidate]:
    """'the Iranian Foreign Ministry', "Egypt's presidency", 'the Peruvian government'."""
    kinds = bodies()
    out = []
    for g in gaz:
        if g.label_ not in ("COUNTRY", "DEMONYM"):
            continue
        i = g.end
        possessive = i < len(doc) and doc[i].text in POSSESSIVE
        if possessive:
            i += 1
        elif g.label_ == "COUNTRY" and i < len(doc) and not doc[i].is_title:
            continue  # "US military" yes; plain lower-case after a country name is not a body
        j = i
        while j < len(doc) and kinds.get(doc[j].lower_) == "descriptor" and j - i < 4:
            j += 1
        body_end = None
        for k in range(j, min(j + 2, len(doc))):
            phrase = doc[j:k + 1].text.lower()
            if kinds.get(phrase) in ("body", "government"):
                body_end = k + 1
        if body_end is None or (body_end < len(doc) and doc[body_end].lower_ == "of"):
            continue  # "Brazil's presidency of Mercosur" is a term of office, not a body
        head = doc[j:body_end].text.lower()
        if kinds[head] == "government":
            if j != i:
                continue
            out.append(Candidate(g.start, body_end, doc[g.start:body_end].text, "COUNTRY",
                                 key=g.id_, source="body"))
            continue
        words = doc[i:body_end].text
        words = " ".join(w if w[:1].isupper() else w.capitalize() for w in words.split())
        demonym = g.text if g.label_ == "DEMONYM" else _demonym_of(g.id_) if possessive else ""
        label = f"{demonym} {words}" if demonym else f"{g.text} {words}"
        out.append(Candidate(g.start, body_end, doc[g.start:body_end].text, "ORGANIZATION",
                             key=f"org:{slug(label)}", country=g.id_, label=label,
                             source="body"))
    return out


@cache
def _demonym_of(iso: str) -> str:
    best = ""
    for text, code in countries().by_demonym.items():
        if code == iso and (not best or len(text) < len(best)) and " " not in text:
            best = text
    return best or countries().labels.get(iso, iso)


def _is_acronym(text: str) -> bool:
    return bool(_ACRONYM.fullmatch(text)) and \
        sum(c.isupper() for c in text) >= 2


def _following_acronym(doc: Doc, end: int) -> str:
    """The acronym defined right after a name: 'World Health Organization (WHO)'."""
    if end + 1 < len(doc) and doc[end].text == "(" and _is_acronym(doc[end + 1].text):
        return doc[end + 1].text
    return ""


def _extend_person(doc: Doc, end: int, limit: int) -> int:
    """Extend a name over particles the small model cuts off ('Abdel Fattah' + 'el-Sissi')."""
    while end < limit and end < len(doc):
        tok = doc[end]
        if tok.lower_ in NAME_PARTICLES and not tok.is_sent_start:
            k = end + 1
            if k < len(doc) and doc[k].text in ("-", "‐"):
                k += 1
            if k < len(doc) and doc[k].is_title and doc[k].ent_type_ in ("", "PERSON"):
                end = k + 1
                continue
        break
    return end


def _candidates(doc: Doc) -> tuple[list[Candidate], list[Span]]:
    gaz = _gazetteer(doc)
    body = _national_bodies(doc, gaz)
    body_tokens = {i for c in body for i in range(c.start, c.end)}
    gaz = [g for g in gaz if not any(i in body_tokens for i in range(g.start, g.end))]
    cands: list[Candidate] = list(body)
    used_gaz: set[int] = set()
    ents = [e for e in doc.ents if e.label_ in NER_LABELS]
    # gazetteer spans are sorted and do not overlap, so their ends are sorted too
    starts, ends = [g.start for g in gaz], [g.end for g in gaz]
    for n, ent in enumerate(ents):
        if any(i in body_tokens for i in range(ent.start, ent.end)):
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if end <= start:
            continue
        inside = list(range(bisect_right(ends, start), bisect_left(starts, end)))
        if ent.label_ == "PERSON":
            limit = ents[n + 1].start if n + 1 < len(ents) else len(doc)
            end = _extend_person(doc, end, limit)
        acronym = _following_acronym(doc, end)
        if not inside:
            cands.append(Candidate(start, end, _text(doc, start, end), "", ner_label=ent.label_,
                                   aliases={acronym} if acronym else set()))
            continue
        covered = all(gaz[k].start >= start and gaz[k].end <= end for k in inside)
        larger = covered and (end - start) > sum(gaz[k].end - gaz[k].start for k in inside)
        if ent.label_ == "ORG" and larger and doc[end - 1].lower_ in ORG_HEADS:
            # a compound organization around a known name: "IMF Board", "US State Department"
            country = next((gaz[k].id_ for k in inside
                            if gaz[k].label_ in ("COUNTRY", "DEMONYM")), "")
            igo = next((gaz[k] for k in inside if gaz[k].label_ == "IGO"), None)
            if igo is not None and not country:
                country = organizations_by_id()[igo.id_].country
            used_gaz.update(inside)
            cands.append(Candidate(start, end, _text(doc, start, end), "ORGANIZATION",
                                   country=country, ner_label="ORG",
                                   aliases={acronym} if acronym else set()))
            continue
        if ent.label_ in ("GPE", "LOC", "FAC") and larger:
            # a place whose name contains a country's ("Latin America", "South China Sea")
            used_gaz.update(inside)
            cands.append(Candidate(start, end, _text(doc, start, end), "", ner_label=ent.label_))
            continue
        # the entity glued a known name to something else: keep the rest as its own piece
        pos = start
        for k in sorted(inside, key=lambda k: gaz[k].start):
            g = gaz[k]
            s, e = _trim(doc, pos, max(pos, g.start))
            if e > s:
                cands.append(Candidate(s, e, _text(doc, s, e), "", ner_label=ent.label_))
            pos = max(pos, g.end)
        s, e = _trim(doc, pos, end)
        if e > s:
            cands.append(Candidate(s, e, _text(doc, s, e), "", ner_label=ent.label_))
    for k, g in enumerate(gaz):
        if k in used_gaz:
            continue
        cands.append(_from_gazetteer(doc, g))
    cands += _parent_bodies(doc, gaz)
    return [c for c in cands if c.text], gaz


def _parent_bodies(doc: Doc, gaz: list[Span]) -> list[Candidate]:
    """'ECOWAS Commission' also names ECOWAS: an international body whose organ is named."""
    kept = {(g.start, g.end) for g in gaz if g.label_ == "IGO"}
    out = []
    for s in doc.spans.get(SPANS_KEY, []):
        if s.label_ != "IGO" or (s.start, s.end) in kept:
            continue
        if any(start == s.start and end > s.end for start, end in kept):
            out.append(_from_gazetteer(doc, s))
    return out


def _from_gazetteer(doc: Doc, g: Span) -> Candidate:
    if g.label_ == "IGO":
        org = organizations_by_id()[g.id_]
        return Candidate(g.start, g.end, g.text, "ORGANIZATION", key=org.id, country=org.country,
                         label=org.name, source="gazetteer",
                         aliases={_following_acronym(doc, g.end)} - {""})
    if g.label_ == "CAPITAL" and not _acts_as_government(g):
        label = g.text.title() if g.text.isupper() else g.text
        return Candidate(g.start, g.end, g.text, "LOCATION", key=f"loc:{slug(label)}",
                         country=g.id_, label=label, source="gazetteer")
    return Candidate(g.start, g.end, g.text, "COUNTRY", key=g.id_, country=g.id_,
                     source="gazetteer")


def _acts_as_government(span: Span) -> bool:
    """A capital stands for its government when it is the subject of a verb ("Beijing said"),
    unless it is a dateline ("CAIRO (AP) —", "MOSCOW, March 3 -")."""
    root = span.root
    doc = span.doc
    dateline = (span.start == 0 or "\n" in doc[span.start - 1].text_with_ws) and \
        span.end < len(doc) and doc[span.end].is_punct
    return not dateline and root.dep_ in ("nsubj", "nsubjpass") and \
        root.head.pos_ in ("VERB", "AUX")


# ---------------------------------------------------------------------------------------------
# 2. classification
# ---------------------------------------------------------------------------------------------

def _strip_titles(doc: Doc, c: Candidate) -> None:
    words = titles()
    start = c.start
    while start < c.end - 1:
        tok = doc[start]
        two = doc[start:start + 2].text.lower()
        if tok.lower_ in HONORIFICS or tok.lower_ in words:
            start += 1
        elif two in words and start + 2 < c.end:
            start += 2
        else:
            break
    if start != c.start:
        c.aliases.add(c.text)
        c.start = start
        c.text = _text(doc, c.start, c.end)


def _is_title_fragment(doc: Doc, c: Candidate) -> bool:
    """'State', 'External Affairs', 'Trade', 'State and Government': pieces of a title."""
    toks = [t for t in doc[c.start:c.end] if not t.is_punct]
    vocab = title_words() | set(bodies())
    if any(t.lower_ in ORG_HEADS for t in toks):
        return False
    if all(t.lower_ in vocab or t.lower_ in STOP_INITIALS or t.lower_ == "affairs" for t in toks):
        return True
    # an acronym defined for a title: "External Affairs Minister (EAM)"
    if len(toks) == 1 and c.start >= 2 and doc[c.start - 1].text == "(" \
            and doc[c.start - 2].lower_ in title_words():
        return True
    # a word glued before a title: "Defence" in "Defence Minister", "Trade" in "Trade
    # Representative"
    nxt = doc[c.end].lower_ if c.end < len(doc) else ""
    return len(toks) <= 2 and nxt in title_words() and nxt not in STOP_INITIALS \
        and not doc[c.end].ent_type_ and all(t.lower_ in vocab for t in toks)


def _classify(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    table = countries()
    skip = non_actors()
    out = []
    for c in cands:
        if c.kind:
            out.append(c)
            continue
        if c.ner_label == "PERSON":
            _strip_titles(doc, c)
        low = c.text.lower()
        if low in skip or "covid" in low or not any(ch.isupper() for ch in c.text) \
                or max(map(len, c.text.split())) > LONGEST_NAME_WORD:
            continue
        iso = table.lookup(c.text)
        if iso:
            c.kind, c.key, c.country = "COUNTRY", iso, iso
        elif c.ner_label == "NORP":
            continue
        elif c.ner_label in ("GPE", "LOC", "FAC"):
            c.kind = "LOCATION"
        elif c.ner_label == "ORG":
            if _is_title_fragment(doc, c):
                continue
            c.kind = "ORGANIZATION"
        else:
            if c.text.lower() in title_words():
                continue
            c.kind = "PERSON"
        out.append(c)
    _reconcile_types(out)
    return out


def _name_tokens(text: str) -> list[str]:
    return [t for t in _NAME_SPLIT.split(text) if t]


def _is_initial(tok: str) -> bool:
    return len(tok) <= 2 and "A" <= tok[0] <= "Z" and tok[1:] in ("", ".")


def _contains(short: list[str], long: list[str]) -> bool:
    n = len(short)
    low_s = [t.lower() for t in short]
    low_l = [t.lower() for t in long]
    return any(low_l[i:i + n] == low_s for i in range(len(long) - n + 1))


def _type_counts(cands: list[Candidate]) -> tuple[Counter, Counter]:
    """How often each spelling is a PERSON, and a model-tagged ORGANIZATION."""
    return (Counter(c.text.lower() for c in cands if c.kind == "PERSON"),
            Counter(c.text.lower() for c in cands
                    if c.kind == "ORGANIZATION" and c.source == "ner"))


def _reconcile_types(cands: list[Candidate]) -> None:
    """One name, one type: a model ORG/GPE/LOC that is (part of) a PERSON's name is that person."""
    persons = [_name_tokens(c.text) for c in cands if c.kind == "PERSON"]
    person_texts, other = _type_counts(cands)
    for c in cands:
        if c.source != "ner" or c.kind not in ("ORGANIZATION", "LOCATION"):
            continue
        toks = _name_tokens(c.text)
        if all(t[:1].isupper() for t in toks) and any(
                _contains(toks, p) for p in persons if len(p) > len(toks) or p == toks):
            if other[c.text.lower()] <= person_texts[c.text.lower()] or len(toks) == 1:
                c.kind = "PERSON"
    person_texts, other = _type_counts(cands)  # again, after the changes above
    for c in cands:
        # a PERSON that the article elsewhere treats as an organization more often
        if c.kind == "PERSON" and c.source == "ner" and other[c.text.lower()] > \
                person_texts[c.text.lower()]:
            c.kind = "ORGANIZATION"


# ---------------------------------------------------------------------------------------------
# 3. merging
# ---------------------------------------------------------------------------------------------

class _Groups:
    """Union-find over candidate indexes."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def union_by(self, idx: list[int], key: Callable[[int], str]) -> None:
        """Join the candidates that share a key (an ISO code, an org id, a spelling)."""
        first: dict[str, int] = {}
        for i in idx:
            k = key(i)
            if k in first:
                self.union(i, first[k])
            else:
                first[k] = i


def _first_names_match(a: str, b: str) -> bool:
    if _is_initial(a) or _is_initial(b):
        return a[0].lower() == b[0].lower()
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.8


def _person_links(cands: list[Candidate], idx: list[int], groups: _Groups) -> None:
    names = {i: [t for t in _name_tokens(cands[i].text) if not _is_initial(t)] or
             _name_tokens(cands[i].text) for i in idx}
    full = {i: _name_tokens(cands[i].text) for i in idx}
    groups.union_by(idx, lambda i: cands[i].text.lower())  # one spelling, one person
    # one candidate per spelling is enough below (the others are already joined to it), and
    # keeps this pairwise step small in a long article that repeats names
    spellings: dict[str, int] = {}
    for i in idx:
        spellings.setdefault(cands[i].text.lower(), i)
    order = sorted(spellings.values(), key=lambda i: -len(names[i]))
    for i in order:
        targets = set()
        for j in order:
            if len(names[j]) < len(names[i]) or j == i:
                continue
            if groups.find(j) == groups.find(i) or (names[j] == names[i] and
                                                     len(full[j]) <= len(full[i])):
                continue
            if len(names[j]) > len(names[i]) and _contains(names[i], names[j]):
                targets.add(groups.find(j))
            elif len(names[i]) >= 2 and names[i][-1].lower() == names[j][-1].lower() and \
                    _first_names_match(full[i][0], full[j][0]):
                targets.add(groups.find(j))
            elif names[i] == names[j]:
                targets.add(groups.find(j))
        if len(targets) == 1:
            groups.union(i, targets.pop())


def _initials(text: str) -> str:
    return "".join(w[0] for w in _name_tokens(text) if w.lower() not in STOP_INITIALS
                   and w[:1].isupper())


def _org_links(cands: list[Candidate], idx: list[int], groups: _Groups) -> None:
    # Mentions spelled alike are one organization: join them first, then reason once per
    # spelling (a long article repeats the same names thousands of times). A spelling used
    # more than once counts its own group among the names it matches.
    spellings: dict[str, int] = {}
    uses: Counter = Counter()
    for i in idx:
        spellings.setdefault(cands[i].text.lower(), i)
        uses[cands[i].text.lower()] += 1
    groups.union_by(idx, lambda i: cands[i].text.lower())
    by_alias: dict[str, set[int]] = defaultdict(set)
    for i in idx:
        c = cands[i]
        for a in c.aliases | {c.text}:
            by_alias[a.lower()].add(spellings[c.text.lower()])
    reps = list(spellings.values())
    for i in reps:
        c = cands[i]
        text = c.text.lower()
        roots = {groups.find(j) for j in by_alias[text] if j != i}
        if uses[text] > 1:
            roots.add(groups.find(i))
        toks = _name_tokens(c.text)
        if not roots and not c.key:
            # acronym of another organization's name
            if _is_acronym(c.text):
                roots = {groups.find(j) for j in reps if j != i and
                         _initials(cands[j].text).upper() == c.text.replace(".", "").upper()}
            # a suffix of exactly one longer name ("State Department", "the Fund")
            if not roots:
                roots = {groups.find(j) for j in reps if j != i and
                         len(_name_tokens(cands[j].text)) > len(toks) and
                         [t.lower() for t in _name_tokens(cands[j].text)[-len(toks):]] ==
                         [t.lower() for t in toks]}
        if len(roots) == 1:
            groups.union(i, roots.pop())
    # candidates with the same fixed key (gazetteer id) are one organization
    groups.union_by(idx, lambda i: cands[i].key or cands[i].text.lower())
    # "AU Commission" and "African Union Commission": one name once acronyms are spelled out
    defined = {a: cands[i].text for i in idx for a in cands[i].aliases if _is_acronym(a)}
    groups.union_by(idx, lambda i: _spelled_out(cands[i].label or cands[i].text, defined))


@cache
def _known_acronyms() -> dict[str, str]:
    return {a: o.name for o in organizations() for a in o.acronyms}


def _spelled_out(text: str, defined: dict[str, str]) -> str:
    """The name with its acronyms replaced by what they stand for, lower case."""
    known = _known_acronyms()
    words = [defined.get(w) or known.get(w) or w for w in text.split()]
    return " ".join(words).lower()


# ---------------------------------------------------------------------------------------------
# the whole step
# ---------------------------------------------------------------------------------------------

def _best_label(texts: list[str], kind: str) -> str:
    counts = Counter(texts)
    if kind == "PERSON":
        def score(t: str) -> tuple[int, int, int]:
            toks = _name_tokens(t)
            return (sum(not _is_initial(x) for x in toks), -sum(_is_initial(x) for x in toks),
                    counts[t])
        return max(counts, key=score)
    return max(counts, key=lambda t: (len(_name_tokens(t)), counts[t], -len(t)))


def _with_dictionary(doc: Doc, cands: list[Candidate],
                     known: list[tuple[int, int, DictionaryEntry]]) -> list[Candidate]:
    """Candidates with the dictionary's spans in place of whatever else covered those tokens."""
    taken = {i for start, end, _ in known for i in range(start, end)}
    out = [c for c in cands if not any(i in taken for i in range(c.start, c.end))]
    for start, end, e in known:
        out.append(Candidate(start, end, doc[start:end].text, e.type, key=e.id,
                             country=e.country, label=e.name, source="dictionary", role=e.role))
    return sorted(out, key=lambda c: (c.start, c.end))


def _identity(group: list[Candidate], entry: Candidate | None
              ) -> tuple[str, str, str, str, str]:
    """(id, label, type, country, role) of a group; a user's dictionary entry decides first."""
    country = next((c.country for c in group if c.country), "")
    if entry is not None:
        return entry.key, entry.label, entry.kind, entry.country or country, entry.role
    kind = group[0].kind
    labels = [c.label for c in group if c.label]
    label = labels[0] if labels else _best_label([c.text for c in group], kind)
    key = next((c.key for c in group if c.key), "")
    if kind == "COUNTRY":
        return key, countries().labels.get(key, label), kind, key, ""
    if kind == "PERSON":
        return f"person:{slug(label)}", label, kind, country, ""
    prefix = "org" if kind == "ORGANIZATION" else "loc"
    return key or f"{prefix}:{slug(label)}", label, kind, country, ""


def resolve_actors(doc: Doc, *, known: Iterable[tuple[int, int, DictionaryEntry]] = ()
                   ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Resolve the actors of one parsed article.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A Doc processed by the model's ``ner`` and our ``diplomacy_gazetteer``.
    known : iterable of (start, end, DictionaryEntry)
        Token spans that a user's actor dictionary names (``ActorDictionary.find``); they
        override every other reading of those tokens, and their actor takes the entry's id,
        label, type, country and role.

    Returns
    -------
    (actors, mentions) : tuple of lists of dicts
        ``actors``: ``{id, label, type, country, role, aliases, mentions}``, in order of first
        mention; ``mentions``: ``{actor, text, start, end, sentence}`` with character offsets.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> actors, mentions = resolve_actors(dn.load()("The WHO praised Peru. Peru thanked the WHO."))
    >>> [(a["label"], a["mentions"]) for a in actors]
    [('World Health Organization', 2), ('Peru', 2)]
    """
    raw, gaz = _candidates(doc)
    cands = _with_dictionary(doc, _classify(doc, raw), list(known))
    groups = _Groups(len(cands))
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(cands):
        by_kind[c.kind].append(i)
    groups.union_by([i for i, c in enumerate(cands) if c.source == "dictionary"],
                    lambda i: cands[i].key)
    _person_links(cands, by_kind["PERSON"], groups)
    _org_links(cands, by_kind["ORGANIZATION"], groups)
    for kind in ("COUNTRY", "LOCATION"):
        groups.union_by(by_kind[kind], lambda i: cands[i].key or cands[i].text.lower())

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(cands)):
        members[groups.find(i)].append(i)
    gaz_end = {g.end: g for g in gaz}
    org_country: dict[int, str] = {}
    for i in by_kind["ORGANIZATION"]:
        if cands[i].country:
            org_country.setdefault(groups.find(i), cands[i].country)
    for i in by_kind["ORGANIZATION"]:
        cands[i].country = cands[i].country or org_country.get(groups.find(i), "")
    org_end = {cands[i].end: cands[i] for i in by_kind["ORGANIZATION"]}
    sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]

    actors: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    seen_ids: dict[str, dict[str, Any]] = {}
    bound: set[str] = set()  # people whose wording ties them to a state or an organization
    for root in sorted(members, key=lambda r: cands[members[r][0]].start):
        group = [cands[i] for i in members[root]]
        entry = next((c for c in group if c.source == "dictionary"), None)
        actor_id, label, kind, country, role = _identity(group, entry)
        if kind == "PERSON":
            if entry is not None:  # the user's entry is the whole truth, a blank country too
                bound.add(actor_id)
            for c in group:
                cue = explicit_affiliation(doc, c.start, c.end, gaz_end, org_end)
                country = country or cue.country
                role = role or cue.role
                if cue.bound:
                    bound.add(actor_id)
        aliases = sorted({c.text for c in group} | {a for c in group for a in c.aliases if a})
        if actor_id in seen_ids:  # two groups that resolve to one id are one actor
            prev = seen_ids[actor_id]
            prev["aliases"] = sorted(set(prev["aliases"]) | set(aliases))
            prev["mentions"] += len(group)
            prev["country"] = prev["country"] or country
            prev["role"] = prev["role"] or role
        else:
            actor = {"id": actor_id, "label": label, "type": kind, "country": country,
                     "role": role, "aliases": aliases, "mentions": len(group)}
            seen_ids[actor_id] = actor
            actors.append(actor)
        mentions += [mention_record(doc[c.start:c.end], actor_id, sent_starts) for c in group]
    link_role_descriptions(doc, gaz, actors, mentions, sent_starts, bound=bound,
                           name_starts={cands[i].start for i in by_kind["PERSON"]})
    infer_countries(doc, actors, mentions, bound=bound)
    link_name_repeats(doc, actors, mentions, sent_starts)
    link_pronouns(doc, actors, mentions, sent_starts)
    mentions.sort(key=lambda m: (m["start"], m["end"]))
    return actors, mentions

