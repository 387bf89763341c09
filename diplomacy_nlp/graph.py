"""The co-mention actor graph, and the GraphML boundary.

``build_graph(results)`` links two actors when they are mentioned in the same sentence; an
edge's ``weight`` counts such sentences across the corpus, and ``relations`` lists the PLOVER
types stated between the pair. ``build_relation_graph(results)`` is the directed multigraph of
the relations themselves. ``to_graphml_safe`` is the one step
that makes a graph writable and readable by every GraphML reader: str/int/float/bool values
only, one type per attribute name, no None, lists joined with ``|``, no characters XML 1.0
forbids.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from .export import atomic_writer
from .identity import link_corpus
from .types import Result

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _as_result(record: Result | Mapping[str, Any]) -> Result:
    return record if isinstance(record, Result) else Result.from_dict(dict(record))


def build_graph(results: Iterable[Result | Mapping[str, Any]], *, link: bool = True) -> nx.Graph:
    """Build the co-mention graph of a corpus.

    Nodes are actor ids with ``label``, ``type``, ``country``, ``role``, ``aliases``
    (``|``-joined), ``mentions`` and ``documents``; edges carry ``weight`` (sentences in which
    both actors are mentioned) and ``documents``. Accepts ``Result`` objects or their dicts
    (``documents.jsonl`` records). With ``link`` (the default), people named differently in
    different articles ("Xi" and "Xi Jinping") are one node (``identity.link_corpus``).

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> g = build_graph([dn.extract("Peru thanked China. China helped Peru.")])
    >>> g.edges["PER", "CHN"]["weight"]
    2
    """
    nodes: dict[str, dict[str, Any]] = {}
    labels: dict[str, Counter] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    weight: Counter = Counter()
    edge_docs: Counter = Counter()
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    corpus = [_as_result(record) for record in results]
    for r in link_corpus(corpus) if link else corpus:
        for a in r.actors:
            n = nodes.setdefault(a.id, {"type": a.type, "country": a.country, "role": a.role,
                                        "mentions": 0, "documents": 0})
            n["mentions"] += a.mentions
            n["documents"] += 1
            n["country"] = n["country"] or a.country
            n["role"] = n["role"] or a.role
            labels[a.id][a.label] += 1
            aliases[a.id].update(a.aliases)
        by_sentence: dict[int, set[str]] = defaultdict(set)
        for m in r.mentions:
            by_sentence[m.sentence].add(m.actor)
        pairs_here = set()
        for ids in by_sentence.values():
            for u, v in combinations(sorted(ids), 2):
                weight[u, v] += 1
                pairs_here.add((u, v))
        for pair in pairs_here:
            edge_docs[pair] += 1
        for rel in r.relations:
            if not rel.negated and rel.source != rel.target:
                kinds[tuple(sorted((rel.source, rel.target)))].add(rel.type)
    g = nx.Graph()
    for node_id in sorted(nodes):
        label = max(labels[node_id].items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]
        g.add_node(node_id, label=label, **nodes[node_id],
                   aliases="|".join(sorted(aliases[node_id])))
    for (u, v) in sorted(weight):
        g.add_edge(u, v, weight=weight[u, v], documents=edge_docs[u, v],
                   relations="|".join(sorted(kinds.get((u, v), ()))))
    return g


def build_relation_graph(results: Iterable[Result | Mapping[str, Any]], *,
                         link: bool = True) -> nx.MultiDiGraph:
    """Build the directed relation graph of a corpus: one edge per relation.

    Nodes are the actors taking part in a relation (``label``, ``type``, ``country``,
    ``role``); each edge goes source → target with ``type``, ``mode``, ``negated``,
    ``hypothetical``, ``date``, ``document``, ``trigger``, ``sentence`` and the character
    offsets, all scalars. Negated relations are kept, with ``negated=True``.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> g = build_relation_graph([dn.extract("France condemned Russia.", date="2022-03-02")])
    >>> [(u, v, d["type"]) for u, v, d in g.edges(data=True)]
    [('FRA', 'RUS', 'ACCUSE')]
    """
    corpus = [_as_result(record) for record in results]
    g = nx.MultiDiGraph()
    labels: dict[str, Counter] = defaultdict(Counter)
    for r in link_corpus(corpus) if link else corpus:
        actors = {a.id: a for a in r.actors}
        for n, rel in enumerate(r.relations):
            for node_id in (rel.source, rel.target):
                a = actors.get(node_id)
                if a is None:
                    continue
                labels[node_id][a.label] += 1
                data = g.nodes[node_id] if node_id in g else {}
                g.add_node(node_id, type=a.type, country=data.get("country") or a.country,
                           role=data.get("role") or a.role)
            data = {k: v for k, v in rel.to_dict().items() if k not in ("source", "target")}
            g.add_edge(rel.source, rel.target, key=f"{r.id}:{n}", document=r.id, **data)
    for node_id, counts in labels.items():
        g.nodes[node_id]["label"] = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return g


def _clean(value: Any) -> str | int | float | bool:
    if isinstance(value, bool | int | float):
        return value
    if value is None:
        return ""
    if isinstance(value, list | tuple | set | frozenset):
        value = "|".join(str(v) for v in (sorted(value) if isinstance(value, set | frozenset)
                                          else value))
    return _XML_FORBIDDEN.sub("", str(value))


def to_graphml_safe(graph: nx.Graph) -> nx.Graph:
    """Return a copy whose ids and attributes every GraphML reader accepts.

    Node ids become strings; values become str/int/float/bool; None becomes the attribute
    type's empty value; an attribute name that mixes types becomes a string everywhere.

    Example
    -------
    >>> g = nx.Graph(); g.add_node(1, tags=["a", "b"], note=None)
    >>> dict(to_graphml_safe(g).nodes["1"])
    {'tags': 'a|b', 'note': ''}
    """
    out = graph.__class__()
    out.graph.update({k: _clean(v) for k, v in graph.graph.items()})
    for n, data in graph.nodes(data=True):
        out.add_node(_XML_FORBIDDEN.sub("", str(n)), **{k: _clean(v) for k, v in data.items()})
    edges = graph.edges(data=True, keys=True) if graph.is_multigraph() else graph.edges(data=True)
    for u, v, *rest in edges:
        data = rest[-1]
        key = (rest[0],) if graph.is_multigraph() else ()
        out.add_edge(_XML_FORBIDDEN.sub("", str(u)), _XML_FORBIDDEN.sub("", str(v)), *key,
                     **{k: _clean(val) for k, val in data.items()})
    for items in (out.nodes(data=True), out.edges(data=True)):
        types: dict[str, set[type]] = defaultdict(set)
        for *_, data in items:
            for k, v in data.items():
                types[k].add(type(v))
        mixed = {k for k, ts in types.items() if len(ts) > 1}
        if mixed:
            for *_, data in items:
                for k in mixed & data.keys():
                    data[k] = str(data[k])
    return out


def write_graphml(graph: nx.Graph, path: str | Path) -> None:
    """Write ``graph`` as GraphML, atomically, after ``to_graphml_safe``.

    Example
    -------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> g = nx.Graph(); g.add_edge("a", "b", weight=2)
    >>> write_graphml(g, p); nx.read_graphml(p).edges["a", "b"]["weight"]
    2
    """
    safe = to_graphml_safe(graph)
    with atomic_writer(path, "wb") as f:
        nx.write_graphml(safe, f, encoding="utf-8", prettyprint=True, named_key_ids=True)
