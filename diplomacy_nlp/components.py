"""spaCy components of diplomacy_nlp, registered with ``@Language.factory``.

* ``diplomacy_gazetteer``: a ``PhraseMatcher`` over country, demonym, capital,
  seat-of-government and international-organization names; writes
  ``doc.spans["diplomacy_gazetteer"]`` (not ``doc.ents``, so the model's entities stay intact).
* ``diplomacy_actors``: resolves actors, writes ``doc._.actors`` and ``doc._.actor_mentions``.
* ``diplomacy_dates``: resolves the model's DATE entities against ``doc._.article_date``,
  writes ``doc._.dates``.
* ``diplomacy_relations``: typed, directed PLOVER relations between the resolved actors,
  writes ``doc._.relations``.

Extension values are plain lists of dicts (ids, offsets, strings), never Span objects, so
``nlp.pipe(n_process=2)`` and ``DocBin`` keep working.

Example
-------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("diplomacy_gazetteer")
>>> doc = nlp("Peru and the WHO")
>>> [s.text for s in doc.spans["diplomacy_gazetteer"]]
['Peru', 'WHO']
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .actors import SPANS_KEY, resolve_actors
from .dates import clean_date_text, resolve_date
from .dictionary import ActorDictionary, DictionaryEntry
from .gazetteer import gazetteer_patterns
from .relations import extract_relations, trigger_matcher

EXTENSIONS = ("article_date", "actors", "actor_mentions", "dates", "relations", "issues")
log = logging.getLogger("diplomacy_nlp")


def _isolated(doc: Doc, code: str, step: Any) -> None:
    """Run one of our steps on a Doc; a failure is recorded on the Doc, never raised.

    One article that trips a rule must not stop a corpus: the article keeps what the other
    steps found and carries ``{"code", "message"}`` in ``doc._.issues``.
    """
    try:
        step()
    except Exception as e:  # noqa: BLE001 - the article boundary: record and go on
        log.warning("%s: %s", code, e, exc_info=True)
        doc._.issues = [*(doc._.issues or []),
                        {"code": code, "message": f"{type(e).__name__}: {e}"}]


def register_extensions() -> None:
    """Register our ``Doc`` extension attributes once (idempotent).

    Example
    -------
    >>> register_extensions(); from spacy.tokens import Doc; Doc.has_extension("actors")
    True
    """
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class Gazetteer:
    """Mark countries, demonyms, capitals, seats of government and international organizations.

    A ``PhraseMatcher`` over the token texts of the reference patterns; matches go to
    ``doc.spans[spans_key]`` with ``label_`` (COUNTRY, DEMONYM, CAPITAL, SEAT, IGO) and ``id_``
    (ISO alpha-3 or ``org:<slug>``). The patterns come from the package's data, so the
    component has no state to save: ``to_disk``/``from_disk`` only need its config.
    """

    def __init__(self, nlp: Language, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        grouped: dict[str, list[str]] = {}
        for p in gazetteer_patterns():
            grouped.setdefault(f"{p['label']}\t{p['id']}", []).append(p["pattern"])
        for key, texts in grouped.items():
            self.matcher.add(key, [nlp.make_doc(t) for t in texts])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            label, _, span_id = doc.vocab.strings[match_id].partition("\t")
            spans.append(Span(doc, start, end, label=label, span_id=span_id))
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("diplomacy_gazetteer", default_config={"spans_key": SPANS_KEY},
                  assigns=["doc.spans"])
def make_gazetteer(nlp: Language, name: str, spans_key: str) -> Gazetteer:
    """Factory of the ``diplomacy_gazetteer`` component."""
    return Gazetteer(nlp, name, spans_key)


class ActorResolver:
    """Resolve the article's actors (see ``diplomacy_nlp.actors``).

    Holds the user's actor dictionary, if any (``set_dictionary``); ``to_disk`` saves it as
    ``actors.json`` in the component's folder, so a saved pipeline keeps it.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.make_doc = nlp.make_doc
        self.dictionary: ActorDictionary | None = None
        self.matcher: PhraseMatcher | None = None
        register_extensions()

    def set_dictionary(self, dictionary: ActorDictionary | None) -> None:
        """Use a user's actor dictionary (``None`` removes it)."""
        self.dictionary = dictionary if dictionary else None
        self.matcher = dictionary.matcher(self.make_doc) if dictionary else None

    def __call__(self, doc: Doc) -> Doc:
        def step() -> None:
            known = self.dictionary.find(doc, self.matcher) \
                if self.dictionary is not None and self.matcher is not None else []
            doc._.actors, doc._.actor_mentions = resolve_actors(doc, known=known)

        _isolated(doc, "actors_failed", step)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        records = self.dictionary.to_records() if self.dictionary else []
        (path / "actors.json").write_text(json.dumps(records, ensure_ascii=False, indent=1),
                                          encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ActorResolver:
        file = Path(path) / "actors.json"
        records = json.loads(file.read_text(encoding="utf-8")) if file.exists() else []
        self.set_dictionary(ActorDictionary(
            [DictionaryEntry(**{**r, "aliases": tuple(r["aliases"])}) for r in records],
            source=str(file)) if records else None)
        return self


@Language.factory("diplomacy_actors", requires=["doc.ents"],
                  assigns=["doc._.actors", "doc._.actor_mentions"])
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    """Factory of the ``diplomacy_actors`` component."""
    return ActorResolver(nlp, name)


def _speaks_of_future(span: Any) -> bool:
    head = span.root.head
    for tok in (head, *head.children):
        if tok.lower_ in ("will", "shall", "'ll") and tok.dep_ == "aux":
            return True
    return any(t.lower_ in ("will", "shall") and t.dep_ == "aux" for t in head.head.children) \
        if head.dep_ in ("prep", "npadvmod") else False


def extract_dates(doc: Doc) -> list[dict[str, Any]]:
    """Date expressions of a Doc with their calendar values, from the model's DATE entities.

    A DATE entity that glues two expressions ("Sunday (Nov. 26") is split at the bracket.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> nlp = dn.load()
    >>> doc = nlp(dn.make_doc(nlp, "He called on Thursday.", "2020-05-01"))
    >>> [d["value"] for d in extract_dates(doc)]
    ['2020-04-30']
    """
    base = doc._.article_date or None
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        pieces, cur = [], []
        for tok in ent:
            if tok.text in ("(", ")", "[", "]", ";"):
                if cur:
                    pieces.append(cur)
                cur = []
            else:
                cur.append(tok)
        if cur:
            pieces.append(cur)
        for toks in pieces:
            span = doc[toks[0].i:toks[-1].i + 1]
            text = clean_date_text(span.text)
            if not text:
                continue
            start = span.start_char + span.text.find(text)
            value = resolve_date(text, base, future=_speaks_of_future(span))
            out.append({"text": text, "value": value, "start": start, "end": start + len(text)})
    return out


class DateResolver:
    """Resolve DATE entities against ``doc._.article_date``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        def step() -> None:
            doc._.dates = extract_dates(doc)

        _isolated(doc, "dates_failed", step)
        return doc


@Language.factory("diplomacy_dates", requires=["doc.ents"], assigns=["doc._.dates"])
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    """Factory of the ``diplomacy_dates`` component."""
    return DateResolver(nlp, name)


class RelationExtractor:
    """Typed, directed PLOVER relations between resolved actors (see ``relations``)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = trigger_matcher(nlp.vocab)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        def step() -> None:
            doc._.relations = extract_relations(doc, matcher=self.matcher)

        _isolated(doc, "relations_failed", step)
        return doc


@Language.factory("diplomacy_relations", requires=["doc._.actors", "doc._.dates"],
                  assigns=["doc._.relations"])
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    """Factory of the ``diplomacy_relations`` component."""
    return RelationExtractor(nlp, name)
