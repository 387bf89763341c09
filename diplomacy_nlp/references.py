"""Mentions of people that are not names: role descriptions and pronoun subjects.

- **Role descriptions** ("the Chinese president", "Egypt's president", "the minister") link to
  the one person of the article they fit: same title word, and the same state when the
  description names one. A description that names a state may also give its country to the one
  person who fits it and whom the wording left without one.
- **Pronoun subjects of reporting verbs** ("he said", "she told reporters") link to the person
  named just before: in the same sentence, else the previous one; when several people are
  there, the one who is a grammatical subject, if only one is.

Example
-------
>>> import diplomacy_nlp as dn
>>> r = dn.extract("Kenyan President William Ruto arrived. He said the talks went well.")
>>> [m.text for m in r.mentions if m.actor == "person:william-ruto"]
['William Ruto', 'He']
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.attrs import IDS
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from .gazetteer import POSSESSIVE, reporting_verbs, title_words, titles

PRONOUNS = frozenset({"he", "she"})
DESCRIPTION_DETERMINERS = frozenset({"the", "his", "her", "their", "its"})


def tokens_where(doc: Doc, attr: str, words: Iterable[str]) -> list[int]:
    """Indexes of the tokens whose ``attr`` (``"LOWER"``, ``"LEMMA"``, ``"ORTH"``) is one of
    ``words``, found on the Doc's arrays (no Token objects are built on the way).

    Example
    -------
    >>> import spacy
    >>> tokens_where(spacy.blank("en")("He said she left."), "LOWER", {"he", "she"})
    [0, 2]
    """
    column = doc.to_array([IDS[attr]]).astype("uint64")
    wanted = numpy.array([hash_string(w) for w in words], dtype="uint64")
    return [int(i) for i in numpy.flatnonzero(numpy.isin(column, wanted))]


def mention_record(span: Span, actor_id: str, sent_starts: list[int]) -> dict[str, Any]:
    """The resolver's record of one mention: actor id, text, character offsets, sentence index.

    Example
    -------
    >>> import spacy
    >>> doc = spacy.blank("en")("Peru thanked China.")
    >>> mention_record(doc[2:3], "CHN", [0])
    {'actor': 'CHN', 'text': 'China', 'start': 13, 'end': 18, 'sentence': 0}
    """
    return {"actor": actor_id, "text": span.text, "start": span.start_char,
            "end": span.end_char, "sentence": bisect_right(sent_starts, span.start_char) - 1}


def _add(person: dict[str, Any], span: Span, mentions: list[dict[str, Any]],
         sent_starts: list[int], named: set[str]) -> bool:
    if any(m["start"] < span.end_char and span.start_char < m["end"] for m in mentions
           if m["actor"] in named):
        return False  # the words already name someone (a user's dictionary entry, a name)
    person["mentions"] += 1
    person["aliases"] = sorted(set(person["aliases"]) | {span.text})
    mentions.append(mention_record(span, person["id"], sent_starts))
    return True


def _title_end(doc: Doc, i: int) -> int:
    words = title_words()
    k = i
    while k < len(doc) and k - i < 3 and doc[k].lower_ in words and not doc[k].is_punct:
        k += 1
    return k


def _last_word(role: str) -> str:
    return role.lower().replace("-", " ").split()[-1] if role.strip() else ""


def link_role_descriptions(doc: Doc, gaz: Iterable[Span], actors: list[dict[str, Any]],
                           mentions: list[dict[str, Any]], sent_starts: list[int], *,
                           name_starts: set[int], bound: set[str]) -> None:
    """Link role descriptions to the one person each fits (changes the records in place).

    ``gaz`` are the gazetteer spans, ``name_starts`` the token indexes where names start (a
    title before a name is not a description), ``bound`` the ids of people whose country the
    wording gave (a description never changes those).

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> r = dn.extract("President Abdel Fattah el-Sisi hosted the summit. Egypt's president spoke.")
    >>> [(a.label, a.country) for a in r.actors if a.type == "PERSON"]
    [('Abdel Fattah el-Sisi', 'EGY')]
    """
    phrases = titles()
    people = [a for a in actors if a["type"] == "PERSON" and a["role"]]
    named = {a["id"] for a in actors if a["type"] in ("PERSON", "ORGANIZATION")}
    taken = {g.start for g in gaz} | {i for g in gaz for i in range(g.start, g.end)}
    for g in gaz:
        if g.label_ not in ("COUNTRY", "DEMONYM"):
            continue
        i = g.end
        if g.label_ == "COUNTRY":
            if i >= len(doc) or doc[i].text not in POSSESSIVE:
                continue
            i += 1
        elif g.start == 0 or doc[g.start - 1].lower_ not in DESCRIPTION_DETERMINERS:
            continue
        k = _title_end(doc, i)
        title = doc[i:k].text.lower()
        if k == i or title not in phrases or k in name_starts or \
                (k < len(doc) and doc[k].ent_type_ == "PERSON"):
            continue
        last = _last_word(title)
        fits = [a for a in people if _last_word(a["role"]) == last]
        same = [a for a in fits if a["country"] == g.id_]
        open_ = [a for a in fits if not a["country"] and a["id"] not in bound]
        if len(same) == 1:
            _add(same[0], doc[g.start:k], mentions, sent_starts, named)
        elif not same and len(open_) == 1 and _add(open_[0], doc[g.start:k], mentions,
                                                    sent_starts, named):
            open_[0]["country"] = g.id_
            bound.add(open_[0]["id"])
    # "the minister said": a bare title after "the", when one person of the article holds it
    for i in tokens_where(doc, "LOWER", ["the"]):
        tok = doc[i]
        if tok.i + 1 >= len(doc) or tok.i + 1 in taken:
            continue
        k = _title_end(doc, tok.i + 1)
        title = doc[tok.i + 1:k].text.lower()
        if k == tok.i + 1 or title not in phrases or k in name_starts or \
                (k < len(doc) and (doc[k].ent_type_ or doc[k].text in POSSESSIVE)):
            continue
        head = doc[k - 1]
        if head.dep_ == "appos" or any(ch.dep_ == "appos" for ch in head.children):
            continue  # "Ana Soto, the foreign minister": the name is already there
        fits = [a for a in people if _last_word(a["role"]) == _last_word(title)]
        if len(fits) == 1:
            _add(fits[0], doc[tok.i:k], mentions, sent_starts, named)


def link_name_repeats(doc: Doc, actors: list[dict[str, Any]], mentions: list[dict[str, Any]],
                      sent_starts: list[int]) -> None:
    """Add the repeats of a person's name that the model did not tag ("Ruto said ...").

    A token equal to the surname of exactly one person of the article (or to one of their
    one-word aliases), capitalized and outside every other mention, is a mention of them.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> r = dn.extract("Kenyan President William Ruto met investors. Ruto said talks went well.")
    >>> [m.text for m in r.mentions if m.actor == "person:william-ruto"]
    ['William Ruto', 'Ruto']
    """
    owners: dict[str, set[str]] = {}
    for a in actors:
        if a["type"] != "PERSON":
            continue
        forms = {a["label"].split()[-1]} | {x for x in a["aliases"] if " " not in x}
        for form in forms:
            if form[:1].isupper() and len(form) > 1:
                owners.setdefault(form, set()).add(a["id"])
    covered = {i for m in mentions for i in range(m["start"], m["end"])}
    by_id = {a["id"]: a for a in actors}
    for i in tokens_where(doc, "ORTH", owners):
        tok = doc[i]
        ids = owners[tok.text]
        if len(ids) != 1 or tok.idx in covered or tok.pos_ not in ("PROPN", ""):
            continue
        person = by_id[next(iter(ids))]
        person["mentions"] += 1
        mentions.append(mention_record(doc[tok.i:tok.i + 1], person["id"], sent_starts))


def _quoted(text: str, char: int) -> bool:
    """Is ``char`` inside a quotation opened in its paragraph?"""
    text = text[text.rfind("\n", 0, char) + 1:char]
    return (text.count('"') + text.count("“") + text.count("”")) % 2 == 1


def link_pronouns(doc: Doc, actors: list[dict[str, Any]], mentions: list[dict[str, Any]],
                  sent_starts: list[int]) -> None:
    """Link 'he'/'she' subjects of reporting verbs to the person just named (in place).

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> r = dn.extract("Foreign Minister Ana Lopez met the envoy. She said talks would go on.")
    >>> [(m.text, m.actor) for m in r.mentions if m.text == "She"]
    [('She', 'person:ana-lopez')]
    """
    if not doc.has_annotation("DEP"):
        return
    verbs = reporting_verbs()
    candidates = [doc[i] for i in tokens_where(doc, "LOWER", PRONOUNS)]
    candidates = [t for t in candidates if t.dep_ == "nsubj" and t.head.lemma_ in verbs]
    if not candidates:
        return
    text = doc.text  # spaCy builds it from the tokens on every access: once here
    by_id = {a["id"]: a for a in actors}
    people = sorted((m for m in mentions if by_id[m["actor"]]["type"] == "PERSON"),
                    key=lambda m: m["start"])
    for tok in candidates:
        sent = bisect_right(sent_starts, tok.idx) - 1
        # people named inside a quotation are not its speaker: '"... Lavrov ...," he said'
        speakers = [m for m in people if m["end"] <= tok.idx and not _quoted(text, m["start"])]
        before = [m for m in speakers if m["sentence"] == sent] or \
            [m for m in speakers if m["sentence"] == sent - 1]
        ids = list(dict.fromkeys(m["actor"] for m in before))
        for main_clause in (False, True):
            if len(ids) > 1:  # several people: the subject, else the main clause's subject
                ids = list(dict.fromkeys(m["actor"] for m in before
                                         if _is_subject(doc, m, main_clause=main_clause)))
        if len(ids) != 1:
            continue
        record = mention_record(doc[tok.i:tok.i + 1], ids[0], sent_starts)
        by_id[ids[0]]["mentions"] += 1
        mentions.append(record)
        people.append(record)
        people.sort(key=lambda m: m["start"])


def _is_subject(doc: Doc, mention: dict[str, Any], *, main_clause: bool) -> bool:
    span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ in ("appos", "conj"):  # "Kenya's president, William Ruto, said"; "A and B"
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass") and (not main_clause or root.head.dep_ == "ROOT")
