"""diplomacy_nlp: turn diplomatic news into an actor network.

Example
-------
>>> import diplomacy_nlp as dn
>>> r = dn.extract("Chinese President Xi Jinping called Peru's Martin Vizcarra.", date="2020-05-01")
>>> sorted(a.label for a in r.actors)
['China', 'Martin Vizcarra', 'Peru', 'Xi Jinping']
"""

from .articles import parse_article, read_articles
from .corpus import extract_batches, extract_corpus, write_corpus
from .errors import ActorDictionaryError, ArticleError, DiplomacyNLPError, ModelNotFoundError
from .export import read_jsonl, write_events_csv, write_jsonl
from .frames import to_frames
from .graph import (
    build_graph,
    build_relation_graph,
    to_graphml_safe,
    write_gexf,
    write_graphml,
)
from .identity import corpus_links, link_corpus
from .pipeline import collect, extract, load, make_doc
from .plot import plot_graph, to_html
from .types import Actor, Article, ArticleIssue, Corpus, DateRef, Mention, Relation, Result

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorDictionaryError",
    "Article",
    "ArticleError",
    "ArticleIssue",
    "Corpus",
    "DateRef",
    "DiplomacyNLPError",
    "Mention",
    "ModelNotFoundError",
    "Relation",
    "Result",
    "__version__",
    "build_graph",
    "build_relation_graph",
    "collect",
    "corpus_links",
    "extract",
    "extract_batches",
    "extract_corpus",
    "link_corpus",
    "load",
    "make_doc",
    "parse_article",
    "plot_graph",
    "read_articles",
    "read_jsonl",
    "to_frames",
    "to_graphml_safe",
    "to_html",
    "write_corpus",
    "write_events_csv",
    "write_gexf",
    "write_graphml",
    "write_jsonl",
]
