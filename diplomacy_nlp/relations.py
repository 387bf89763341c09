"""Who did what to whom: typed, directed relations between actors, in the PLOVER ontology.

Pure functions over a parsed ``Doc`` whose actors are resolved (``doc._.actors``,
``doc._.actor_mentions``) and dates resolved (``doc._.dates``):

1. **Triggers.** A spaCy ``Matcher`` built from ``data/triggers.tsv`` finds the words and
   phrases that state an event ("held talks", "condemned", "a phone conversation", "call on"),
   each with its PLOVER type, mode and the prepositions that introduce its target.
2. **Arguments** from the dependency parse. The source is the trigger's subject (through
   ``xcomp``/``conj`` chains, relative clauses, and the subject of the verb that governs a noun
   trigger: "held talks", "imposed sanctions"), or the ``by``-agent of a passive; the target
   is the direct object, dative, or the object of one of the trigger's prepositions ("met
   with", "sanctions against"), or the subject of a passive. Coordinated actors give one
   relation each ("condemned by A, B and C"); "A and B met" gives the mutual act both ways;
   "A and B will meet their counterparts C and D" pairs them in order. A pronoun subject of a
   reported clause is the speaker ("he said he would visit China").
3. **Noun phrases to actors.** The actor a phrase names is the mention covering its head
   ("Chinese President Xi Jinping"), else the mention among its modifiers ("European Union
   foreign ministers", "Russian officials", "officials of the Russian Foreign Ministry").
4. **Flags and dates.** ``negated`` for a negation on the trigger or its governing verbs, and
   for acts someone refused or failed to do ("refused to meet"); ``hypothetical`` for modals
   (may, might, could, would, should), conditions (if, unless) and threats ("threatened to
   impose sanctions" is THREATEN, and the sanctions are hypothetical). A future or promised
   CONSULT/SUPPORT/COOPERATE/AID is AGREE (PLOVER's rule). The date is that of a date
   expression in the trigger's clause, else the article date.
5. **Never a dyad**: an actor with itself, a person or national body with their own state.

Example
-------
>>> import diplomacy_nlp as dn
>>> r = dn.extract("France condemned Russia on Monday.", date="2022-03-02")
>>> [(x.source, x.target, x.type, x.date) for x in r.relations]
[('FRA', 'RUS', 'ACCUSE', '2022-02-28')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .gazetteer import DATA, reporting_verbs, title_words
from .references import tokens_where

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
# PLOVER codes these acts in both directions when both sides are subjects ("A and B met").
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Acts that coordinated subjects do with each other ("A and B signed a treaty").
JOINT_ACTS = frozenset({"sign", "ratify", "trade", "exchange"})
# A cooperative act that is only promised or planned is AGREE.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
DEFAULT_PREPS = frozenset({"with", "to", "against", "on"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "dative", "obj", "iobj")
# Verbs whose complement is a promise, plan or intention: the complement's act is future.
FUTURE_GOVERNORS = frozenset({
    "agree", "pledge", "promise", "plan", "intend", "vow", "offer", "expect", "hope", "want",
    "aim", "seek", "schedule", "set", "look", "prepare", "decide", "commit", "invite", "wish",
    "willing", "ready", "eager", "keen", "determined", "able", "going", "due", "poised",
})
NEGATING_GOVERNORS = frozenset({"refuse", "decline", "fail", "reject", "deny", "avoid",
                                "stop", "cease", "halt", "refrain"})
HYPOTHETICAL_GOVERNORS = frozenset({"threaten", "warn", "consider", "weigh", "mull"})
MODALS = frozenset({"may", "might", "could", "would", "should", "can", "must"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
PRONOUN_SPEAKERS = frozenset({"he", "she", "i", "me", "my"})
# "we", "our": the speaker's state when the speaker has one ("We are scaling up ties").
PLURAL_SPEAKERS = frozenset({"we", "us", "our"})
# Verbs whose subject receives what a noun trigger names ("received an invitation from X").
RECEIVING = frozenset({"receive", "accept", "get", "obtain", "welcome"})
# The speaker's telling is a CONSULT with the hearer only when the two are in conversation.
CONVERSATION = frozenset({"conversation", "call", "phone", "talks", "talk", "meeting",
                          "telephone", "video", "met", "meet"})
OBLIGATION = frozenset({"must", "should"})
MAX_CHAIN = 6
PARTICLES = frozenset({"on", "for", "up", "forward", "together", "to", "with"})
PHONE = frozenset({"phone", "telephone", "call", "video", "videoconference"})


@dataclass(frozen=True)
class TriggerEntry:
    """One row of ``data/triggers.tsv``."""

    phrase: tuple[str, ...]
    pos: str
    type: str
    mode: str
    preps: frozenset[str]


@cache
def trigger_lexicon() -> tuple[TriggerEntry, ...]:
    """The trigger lexicon (``data/triggers.tsv``).

    Example
    -------
    >>> sorted({e.type for e in trigger_lexicon()}) == sorted(PLOVER_TYPES)
    True
    """
    out = []
    for line in (DATA / "triggers.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 5)[:5]
        phrase, pos, kind, mode, preps = (c.strip() for c in cols)
        prep_set = DEFAULT_PREPS if preps in ("", "-") else frozenset() if preps == "none" \
            else frozenset(preps.split(","))
        out.append(TriggerEntry(tuple(phrase.split()), pos, kind, mode, prep_set))
    return tuple(out)


def trigger_matcher(vocab: Vocab) -> Matcher:
    """A spaCy ``Matcher`` over the lexicon's phrases ("call on", "phone call"); matches are
    named by their lexicon row. One-word triggers are looked up on the Doc's lemma array
    instead (``_matches``): the same result, at a fraction of the matcher's cost.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> nlp = dn.load()
    >>> doc = nlp("Peru held talks with Chile and called on Bolivia.")
    >>> [(span.text, entry.type) for span, _, entry in _matches(doc, trigger_matcher(nlp.vocab))]
    [('talks', 'CONSULT'), ('called on', 'REQUEST')]
    """
    matcher = Matcher(vocab)
    for n, e in enumerate(trigger_lexicon()):
        if len(e.phrase) == 1:
            continue
        head = len(e.phrase) - 1 if e.pos == "NOUN" else 0
        pattern: list[dict[str, Any]] = []
        for k, word in enumerate(e.phrase):
            attrs: dict[str, Any] = {"LOWER": word} if word in PARTICLES else {"LEMMA": word}
            if k == head:
                attrs["POS"] = {"IN": _POS[e.pos]}
            pattern.append(attrs)
        matcher.add(str(n), [pattern])
    return matcher


_POS = {"VERB": ["VERB"], "NOUN": ["NOUN", "PROPN"]}


_LONGEST_PHRASE = 4


@cache
def _phrase_starts() -> frozenset[str]:
    return frozenset(e.phrase[0] for e in trigger_lexicon() if len(e.phrase) > 1)


@cache
def _single_lemmas() -> frozenset[str]:
    return frozenset(lemma for lemma, _ in _single_words())


@cache
def _single_words() -> dict[tuple[str, str], TriggerEntry]:
    return {(e.phrase[0], e.pos): e for e in reversed(trigger_lexicon()) if len(e.phrase) == 1}


# ---------------------------------------------------------------------------------------------
# noun phrases to actors
# ---------------------------------------------------------------------------------------------

class _Actors:
    """Which actor each token names, from the resolver's mentions."""

    def __init__(self, doc: Doc, actors: list[dict[str, Any]],
                 mentions: list[dict[str, Any]]) -> None:
        self.by_id = {a["id"]: a for a in actors}
        self.at: dict[int, tuple[int, str]] = {}  # token → (mention length, actor), longest wins
        self.place: dict[int, str] = {}  # token → state of a capital or city used as a place
        for m in mentions:
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            actor = self.by_id.get(m["actor"])
            if span is None or actor is None:
                continue
            if actor["type"] == "LOCATION":
                if actor.get("country"):
                    self.place.update((tok.i, actor["country"]) for tok in span)
                continue
            for tok in span:
                if tok.i not in self.at or self.at[tok.i][0] < len(span):
                    self.at[tok.i] = (len(span), m["actor"])
        self.salient = _salient_state(self.by_id, mentions)
        # sentences once per Doc: Token.sent and Span.text rebuild them on every access
        self.sents = list(doc.sents)
        self.sent_starts = [sent.start for sent in self.sents]
        self._sent_info: dict[int, tuple[str, frozenset[str]]] = {}

    def sentence(self, i: int) -> tuple[Span, str, frozenset[str]]:
        """The sentence of token ``i``: its span, its text, and its words and lemmas."""
        k = bisect_right(self.sent_starts, i) - 1
        sent = self.sents[k]
        if k not in self._sent_info:
            words = frozenset(t.lower_ for t in sent) | frozenset(t.lemma_ for t in sent)
            self._sent_info[k] = (sent.text, words)
        return (sent, *self._sent_info[k])

    def type_of(self, actor_id: str) -> str:
        return self.by_id[actor_id]["type"]

    def named_by(self, head: Token) -> str:
        """The actor a noun phrase names: its head's mention, else the best of its modifiers
        (a person before an organization before a state; the nearest first)."""
        if head.i in self.at:
            return self.at[head.i][1]
        if head.lower_ in title_words():
            # "The U.S. Ambassador to Kenya Meg Whitman": the person the title belongs to
            people = [self.at[t.i][1] for t in _phrase_tokens(head, preps=True)
                      if t.i in self.at and self.type_of(self.at[t.i][1]) == "PERSON"]
            if people:
                return people[0]
        found = self._modifiers(head, 0)
        if found:
            rank = {"PERSON": 0, "ORGANIZATION": 1, "COUNTRY": 2}
            return min(found, key=lambda x: (rank.get(self.type_of(x[1]), 3), x[0]))[1]
        words = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children
                                          if c.dep_ in ("amod", "compound")}
        if words & unnamed_bodies() and self.salient:
            return self.salient
        return ""

    def _modifiers(self, head: Token, depth: int) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        if depth > 2:
            return out
        for child in head.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod", "appos", "npadvmod"):
                node = [child]
            elif child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
                node = [p for p in child.children if p.dep_ == "pobj"]
            else:
                continue
            for tok in node:
                if _bracketed(tok):  # "CAIRO (AP)": a credit or a definition, not the head
                    continue
                if tok.i in self.at:  # an apposition names the head itself: it ranks first
                    near = 0 if child.dep_ == "appos" else abs(tok.i - head.i)
                    out.append((near + 10 * depth, self.at[tok.i][1]))
                else:
                    out += self._modifiers(tok, depth + 1)
        return out

    def in_phrase(self, head: Token) -> list[str]:
        """One actor per coordinated branch of the phrase ("A, B and C")."""
        out: list[str] = []
        for tok in _conjuncts(head):
            found = self.named_by(tok)
            if found and found not in out:
                out.append(found)
        # coordination the parser attached as a modifier: "A and President B said"
        tokens = sorted(_phrase_tokens(head), key=lambda t: t.i)
        if any(t.dep_ == "cc" for t in tokens):
            people = list(dict.fromkeys(self.at[t.i][1] for t in tokens if t.i in self.at
                                        and self.type_of(self.at[t.i][1]) == "PERSON"))
            if len(people) > 1:
                out = people + [x for x in out if x not in people and
                                self.type_of(x) != "COUNTRY"]
        return out

    def places(self, tokens: Iterable[Token]) -> list[str]:
        """States of the capitals among these tokens ("arrived in Moscow": Russia), when the
        article names the state as an actor."""
        return list(dict.fromkeys(self.place[t.i] for t in tokens if t.i in self.place
                                  and self.place[t.i] in self.by_id))


def _bracketed(tok: Token) -> bool:
    doc = tok.doc
    return 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text in ("(", "[") and \
        doc[tok.i + 1].text in (")", "]")


@cache
def unnamed_bodies() -> frozenset[str]:
    """Nouns that stand for an unnamed state's government ("junta", "military")."""
    text = (DATA / "unnamed_bodies.txt").read_text(encoding="utf-8")
    return frozenset(x.strip() for x in text.splitlines() if x.strip() and x[0] != "#")


def _salient_state(by_id: dict[str, dict[str, Any]], mentions: list[dict[str, Any]]) -> str:
    """The state the article names most (first named wins a tie), for unnamed bodies."""
    counts: dict[str, int] = {}
    for m in mentions:
        a = by_id.get(m["actor"])
        if a is not None and a["type"] == "COUNTRY":
            counts[a["id"]] = counts.get(a["id"], 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else ""


def _phrase_tokens(head: Token, *, preps: bool = False) -> list[Token]:
    """The noun phrase proper: the head's subtree without clauses (and, unless ``preps``,
    without prepositional phrases other than "of")."""
    out = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct") or \
                (child.dep_ == "prep" and child.lower_ != "of" and not preps):
            continue
        out += _phrase_tokens(child, preps=preps)
    return out


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(x for x in c.children if x.dep_ == "conj")
    return out


# ---------------------------------------------------------------------------------------------
# arguments
# ---------------------------------------------------------------------------------------------

def _clause_verb(tok: Token) -> Token:
    """The verb whose clause a noun trigger belongs to ("held [talks]", "[sanctions] against")."""
    node = tok
    for _ in range(MAX_CHAIN):
        if node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT" or node.head == node:
            return node
        node = node.head
    return node


def _subjects(verb: Token) -> tuple[list[Token], bool]:
    """Subject tokens of a verb, inherited through xcomp/conj/relcl; and whether passive."""
    node = verb
    for step in range(MAX_CHAIN):
        subj = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        passive = [c for c in node.children if c.dep_ == "nsubjpass"]
        if passive and step == 0:
            return [p for c in node.children if c.dep_ == "agent"
                    for p in c.children if p.dep_ == "pobj"], True
        if subj or passive:  # "are scheduled to hold": the passive subject holds
            return subj or passive, False
        if node.dep_ == "pcomp" and node.head.lower_ == "for":
            # "thanked China for extending support": China extends it
            objs = [c for c in node.head.head.children if c.dep_ in OBJECTS]
            if objs:
                return objs, False
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                return [node.head], False
            node = _clause_verb(node.head)  # "posed confidence to ink a deal": the poser
            continue
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and node.head != node:
            node = node.head
            if node.pos_ not in ("VERB", "AUX", "ADJ"):  # "ready [to help]" → "is ready"
                node = _clause_verb(node)
            continue
        break
    return [], False


def _prep_objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out += [p for p in c.children if p.dep_ == "pobj"]
    return out


def _targets(trigger: Token, entry: TriggerEntry, phrase: Span, passive: bool) -> list[Token]:
    if passive:
        return [c for c in trigger.children if c.dep_ == "nsubjpass"]
    out: list[Token] = []
    for tok in phrase:
        out += [c for c in tok.children if c.dep_ in OBJECTS and c not in phrase]
        out += _prep_objects(tok, entry.preps)
    if entry.pos == "NOUN" and not out:
        # "expressed concern that the Kremlin ...": the complement clause's subject
        for clause in (c for c in trigger.children if c.dep_ in ("acl", "ccomp", "relcl")):
            out += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if trigger.dep_ == "dobj":  # "expressed regret at X": the preposition is the verb's
            out += _prep_objects(trigger.head, entry.preps)
    for obj in list(out):  # "support for X", "sanctions against X": the object's own target
        if obj.pos_ == "NOUN" and not obj.ent_type_:
            out += _prep_objects(obj, entry.preps)
    if entry.pos == "VERB" and not out:
        # "threatened to impose sanctions on X", "refused to meet X": the complement's target
        for comp in (c for c in trigger.children if c.dep_ == "xcomp"):
            objs = [c for c in comp.children if c.dep_ in OBJECTS]
            if entry.type in COOPERATIVE | {"AGREE"} and any(
                    _conflict(t) for t in [comp, *objs]):
                continue  # "agreed to impose sanctions on X": no agreement with X
            out += objs + _prep_objects(comp, DEFAULT_PREPS)
            for obj in objs:
                out += _prep_objects(obj, DEFAULT_PREPS)
    return out


CONFLICT = frozenset(PLOVER_TYPES[7:])  # REQUEST ... ASSAULT: PLOVER's conflict quads


def _conflict(tok: Token) -> bool:
    entry = _single_words().get((tok.lemma_, "VERB" if tok.pos_ == "VERB" else "NOUN"))
    return entry is not None and entry.type in CONFLICT


def _governors(tok: Token) -> list[Token]:
    """The trigger and the verbs and adjectives above it within one clause chain."""
    out = [tok]
    node = tok
    for _ in range(MAX_CHAIN):
        if node.dep_ in ("xcomp", "pcomp", "dobj", "pobj", "prep", "acomp", "conj", "advcl",
                         "ccomp", "aux", "compound", "amod") and node.head != node:
            if node.dep_ in ("ccomp", "advcl") and node.head.lemma_ in reporting_verbs():
                break  # "X said he would ..." - the saying is not the act
            node = node.head
            out.append(node)
        else:
            break
    return out


def _flags(trigger: Token, kind: str) -> tuple[str, bool, bool]:
    """(type after PLOVER's future rule, negated, hypothetical)."""
    chain = _governors(trigger)
    negated = hypothetical = future = False
    for k, node in enumerate(chain):
        kids = list(node.children)
        if any(c.dep_ == "neg" for c in kids):
            negated = not negated if k else True
        if any(c.lower_ in MODALS and c.dep_ == "aux" for c in kids):
            hypothetical = True
        if any(c.lower_ in FUTURE_AUX and c.dep_ == "aux" for c in kids):
            future = True
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in kids):
            hypothetical = True
        if k:
            if node.lemma_ in NEGATING_GOVERNORS:
                negated = True
            if node.lemma_ in HYPOTHETICAL_GOVERNORS:
                hypothetical = True
            if node.lemma_ in FUTURE_GOVERNORS or node.lower_ in FUTURE_GOVERNORS:
                future = True
    if (future or hypothetical) and kind in COOPERATIVE and not negated:
        kind = "AGREE"
    return kind, negated, hypothetical


def _speaker(tok: Token, actors: _Actors) -> str:
    """The speaker a reported clause's pronoun subject refers to ("he said he would ...")."""
    node = tok.head
    for _ in range(MAX_CHAIN):
        if node.lemma_ in reporting_verbs():
            subj, _ = _subjects(node)
            for s in subj:
                found = actors.named_by(s)
                if found:
                    return found
        if node.head == node:
            break
        node = node.head
    return ""


def _resolve(tokens: Iterable[Token], actors: _Actors) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        found = actors.in_phrase(tok)
        if not found and tok.lower_ in PRONOUN_SPEAKERS | PLURAL_SPEAKERS:
            speaker = _speaker(tok, actors)
            if speaker and tok.lower_ in PLURAL_SPEAKERS:
                speaker = actors.by_id[speaker].get("country") or speaker
            found = [speaker] if speaker else []
        out += [f for f in found if f not in out]
    return out


class _Dates:
    """The article's resolved dates, looked up by character range (a long article has
    thousands)."""

    def __init__(self, dates: list[dict[str, Any]]) -> None:
        self.dates = sorted((d for d in dates if d.get("value")), key=lambda d: d["start"])
        self.starts = [d["start"] for d in self.dates]

    def within(self, start: int, end: int) -> list[dict[str, Any]]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [d for d in self.dates[lo:hi] if d["end"] <= end]


def _date_of(trigger: Token, doc: Doc, dates: _Dates, article_date: str) -> str:
    verb = _clause_verb(trigger)
    sent = trigger.sent
    for d in dates.within(sent.start_char, sent.end_char):
        span = doc.char_span(d["start"], d["end"], alignment_mode="expand")
        if span is None:
            continue
        node = span.root
        for _ in range(4):
            if node in (trigger, verb):
                return str(d["value"])
            if node.pos_ in ("VERB", "AUX") or node.head == node:
                break
            node = node.head
    return article_date


def _own_state(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a["type"] != "COUNTRY" and a.get("country") == b["id"]) or \
        (b["type"] != "COUNTRY" and b.get("country") == a["id"])


# ---------------------------------------------------------------------------------------------
# the whole step
# ---------------------------------------------------------------------------------------------

def _matches(doc: Doc, matcher: Matcher) -> list[tuple[Span, Token, TriggerEntry]]:
    lexicon = trigger_lexicon()
    singles = _single_words()
    found = []
    for i in tokens_where(doc, "LEMMA", _single_lemmas()):
        tok = doc[i]
        pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ in _POS["NOUN"] else ""
        entry = singles.get((tok.lemma_, pos))
        if entry is not None:
            found.append((doc[i:i + 1], tok, entry))
    # phrases: the matcher runs only where a phrase's first word is ("called on", "phone call")
    seen: set[tuple[int, int, int]] = set()
    for i in tokens_where(doc, "LEMMA", _phrase_starts()):
        for match_id, start, end in matcher(doc[i:i + _LONGEST_PHRASE]):
            if (match_id, i + start, i + end) in seen or start != 0:
                continue
            seen.add((match_id, i + start, i + end))
            span = doc[i + start:i + end]
            entry = lexicon[int(doc.vocab.strings[match_id])]
            found.append((span, span[-1] if entry.pos == "NOUN" else span[0], entry))
    # the longest phrase wins a head ("call on" over "call")
    found.sort(key=lambda x: (-len(x[0]), x[0].start))
    taken: set[int] = set()
    out = []
    for span, head, entry in found:
        if head.i in taken:
            continue
        taken.add(head.i)
        out.append((span, head, entry))
    return sorted(out, key=lambda x: x[0].start)


def extract_relations(doc: Doc, *, matcher: Matcher | None = None) -> list[dict[str, Any]]:
    """The relations stated in a Doc whose actors and dates are resolved.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        Processed by the model and our gazetteer, actor and date components.
    matcher : Matcher, optional
        ``trigger_matcher(doc.vocab)``; built when not given (components keep one).

    Returns
    -------
    list of dict
        ``{source, target, type, mode, negated, hypothetical, date, sentence,
        sentence_start, sentence_end, trigger, trigger_start, trigger_end}``, in text order.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> r = dn.extract("Kenya and Germany held talks. Germany did not sanction Kenya.")
    >>> [(x.source, x.target, x.type, x.negated)
    ...  for x in r.relations]  # doctest: +NORMALIZE_WHITESPACE
    [('DEU', 'KEN', 'CONSULT', False), ('KEN', 'DEU', 'CONSULT', False),
     ('DEU', 'KEN', 'SANCTION', True)]
    """
    if not doc.has_annotation("DEP"):
        return []
    actors = _Actors(doc, doc._.actors or [], doc._.actor_mentions or [])
    if not actors.at:
        return []
    found = _matches(doc, matcher or trigger_matcher(doc.vocab))
    verbs = {head.i for _, head, entry in found if entry.pos == "VERB"}
    events = []
    for phrase, trigger, entry in found:
        verb = trigger if entry.pos == "VERB" else _clause_verb(trigger)
        if entry.pos == "NOUN" and verb.i in verbs and verb != trigger:
            continue  # "discussed relations", "extended support": the verb says what happened
        events.append(_event(phrase, trigger, entry, verb, actors))
    _complete_counterparts(events)
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str, int]] = set()
    dates, article_date = _Dates(doc._.dates or []), doc._.article_date or ""
    for ev in events:
        for s, t in _pairs(ev.sources, ev.targets, ev.kind, ev.trigger, ev.passive, actors):
            if _is_new(s, t, ev.kind, ev.phrase.start, actors, seen):
                out.append(_record(actors, s, t, ev.kind, ev.mode, ev.negated,
                                   ev.hypothetical, ev.phrase,
                                   _date_of(ev.trigger, doc, dates, article_date)))
    out += _telling(doc, actors, dates, article_date, seen)
    return sorted(out, key=lambda r: (r["trigger_start"], r["source"], r["target"], r["type"]))


@dataclass
class _Event:
    phrase: Span
    trigger: Token
    kind: str
    mode: str
    sources: list[str]
    targets: list[str]
    negated: bool
    hypothetical: bool
    passive: bool


def _event(phrase: Span, trigger: Token, entry: TriggerEntry, verb: Token,
           actors: _Actors) -> _Event:
    own = [c for c in trigger.children if c.dep_ == "poss"] if entry.pos == "NOUN" else []
    subj_toks, passive = (own, False) if own else _subjects(verb)
    targ_toks = _targets(trigger, entry, phrase, passive and entry.pos == "VERB")
    if entry.pos == "NOUN" and verb.lemma_ in RECEIVING and not own:
        # "received an invitation from X": the receiver is the target
        targ_toks, subj_toks = subj_toks + targ_toks, _prep_objects(trigger, frozenset({"from"}))
    sources = _resolve(subj_toks, actors)
    targets = _resolve(targ_toks, actors)
    if entry.mode == "visit" and not targets and not passive:
        # "arrived in Moscow on an official visit": the host state
        near = [t for node in (trigger, verb) for p in node.children if p.dep_ == "prep"
                and p.lower_ in ("in", "to") for t in p.subtree]
        targets = actors.places(near)
    kind, negated, hypothetical = _flags(trigger if entry.pos == "VERB" else verb, entry.type)
    mode = entry.mode if kind == entry.type else ""
    if kind == "CONSULT" and not mode and PHONE & actors.sentence(trigger.i)[2]:
        mode = "phone"
    return _Event(phrase, trigger, kind, mode, sources, targets, negated, hypothetical, passive)


def _complete_counterparts(events: list[_Event]) -> None:
    """'A called for a deal, but B rejected the proposal': each is the other's target."""
    for a, b in zip(events, events[1:], strict=False):
        if a.targets or b.targets or not a.sources or not b.sources or \
                set(a.sources) & set(b.sources):
            continue
        heads = (_clause_verb(a.trigger), _clause_verb(b.trigger))
        if heads[1].dep_ == "conj" and heads[1].head == heads[0] and \
                {a.kind, b.kind} & {"REQUEST", "ACCUSE", "SUPPORT"} and \
                {a.kind, b.kind} & {"REJECT", "CONCEDE", "AGREE"}:
            a.targets, b.targets = list(b.sources), list(a.sources)


def _is_new(source: str, target: str, kind: str, at: int, actors: _Actors,
            seen: set[tuple[str, str, str, int]]) -> bool:
    """A dyad worth recording once: two actors, not a person or body with their own state."""
    key = (source, target, kind, at)
    if source == target or key in seen or \
            _own_state(actors.by_id[source], actors.by_id[target]):
        return False
    seen.add(key)
    return True


def _record(actors: _Actors, source: str, target: str, kind: str, mode: str, negated: bool,
            hypothetical: bool, phrase: Span, date: str) -> dict[str, Any]:
    sent, text, _ = actors.sentence(phrase.start)
    return {"source": source, "target": target, "type": kind, "mode": mode,
            "negated": negated, "hypothetical": hypothetical, "date": date,
            "sentence": text, "sentence_start": sent.start_char,
            "sentence_end": sent.end_char, "trigger": phrase.text,
            "trigger_start": phrase.start_char, "trigger_end": phrase.end_char}


def _pairs(sources: list[str], targets: list[str], kind: str, trigger: Token,
           passive: bool, actors: _Actors) -> list[tuple[str, str]]:
    if sources and targets:
        # "A and B will meet their counterparts C and D": in order
        if len(sources) == len(targets) > 1 and any(
                c.lower_ == "their" for t in trigger.subtree for c in t.children
                if c.dep_ == "poss"):
            return list(zip(sources, targets, strict=True))
        return [(s, t) for s in sources for t in targets]
    if len(sources) > 1 and (kind in MUTUAL or trigger.lemma_ in JOINT_ACTS) and not passive:
        # "A and B met": both ways, unless they act together for one state
        def state(x: str) -> str:
            a = actors.by_id[x]
            return a["id"] if a["type"] == "COUNTRY" else a.get("country") or x

        return [p for a, b in combinations(sources, 2) if state(a) != state(b)
                for p in ((a, b), (b, a))]
    return []


def _telling(doc: Doc, actors: _Actors, dates: _Dates, article_date: str,
             seen: set[tuple[str, str, str, int]]) -> list[dict[str, Any]]:
    """The speaker telling someone: CONSULT in a conversation; "X must/should" is a REQUEST."""
    out = []
    for i in tokens_where(doc, "LEMMA", ["tell"]):
        tok = doc[i]
        if tok.pos_ != "VERB":
            continue
        sources = _resolve(_subjects(tok)[0], actors)
        hearers = _resolve([c for c in tok.children if c.dep_ in OBJECTS], actors)
        words = actors.sentence(tok.i)[2]
        found: list[tuple[str, str, str, str]] = []
        if CONVERSATION & words:
            mode = "phone" if PHONE & words else ""
            found += [(s, h, "CONSULT", mode) for s in sources for h in hearers]
        for clause in (c for c in tok.children if c.dep_ == "ccomp"):
            if any(a.lower_ in OBLIGATION for a in clause.children if a.dep_ == "aux"):
                subj = _resolve(_subjects(clause)[0], actors)
                found += [(s, t, "REQUEST", "") for s in sources for t in subj]
        for s, t, kind, mode in found:
            if _is_new(s, t, kind, tok.i, actors, seen):
                out.append(_record(actors, s, t, kind, mode, False, False,
                                   doc[tok.i:tok.i + 1], _date_of(tok, doc, dates, article_date)))
    return out
