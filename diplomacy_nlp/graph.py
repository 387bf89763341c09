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

import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from .cleaning import XML_FORBIDDEN
from .export import atomic_writer
from .identity import PersonSummary, links_from_people
from .types import Result


def _as_result(record: Result | Mapping[str, Any]) -> Result:
    return record if isinstance(record, Result) else Result.from_dict(dict(record))


@dataclass
class GraphParts:
    """What the graphs need from a set of results, small and mergeable.

    ``add`` one result at a time (a worker does this for its batch), ``merge`` the parts of
    consecutive batches in input order (a reduction: no result is read twice), then
    ``graph()`` / ``relation_graph()`` build the networkx graphs, with corpus ``links``
    (``identity.corpus_links``) applied as node merges. Memory grows with the number of
    distinct actors, actor pairs and relations, not with the text of the corpus.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> a, b = GraphParts(), GraphParts()
    >>> a.add(dn.extract("Peru thanked China.", id="a"))
    >>> b.add(dn.extract("China helped Peru.", id="b"))
    >>> a.merge(b).graph().edges["CHN", "PER"]["weight"]
    2
    """

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    labels: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    weight: Counter = field(default_factory=Counter)
    edge_docs: Counter = field(default_factory=Counter)
    kinds: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    relations: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    people: dict[str, PersonSummary] = field(default_factory=dict)

    def add(self, record: Result | Mapping[str, Any]) -> None:
        """Count one result in."""
        r = _as_result(record)
        actors = {a.id: a for a in r.actors}
        for a in r.actors:
            _add_node(self.nodes, a.id, {"type": a.type, "country": a.country, "role": a.role,
                                         "mentions": a.mentions, "documents": 1})
            self.labels[a.id][a.label] += 1
            self.aliases[a.id].update(a.aliases)
            if a.type == "PERSON":
                self.people.setdefault(a.id, PersonSummary(a.label)).add(a)
        by_sentence: dict[int, set[str]] = defaultdict(set)
        for m in r.mentions:
            by_sentence[m.sentence].add(m.actor)
        pairs_here = set()
        for ids in by_sentence.values():
            for u, v in combinations(sorted(ids), 2):
                self.weight[u, v] += 1
                pairs_here.add((u, v))
        for pair in pairs_here:
            self.edge_docs[pair] += 1
        for n, rel in enumerate(r.relations):
            if not rel.negated and rel.source != rel.target:
                self.kinds[_pair(rel.source, rel.target)].add(rel.type)
            if rel.source in actors and rel.target in actors:
                data = {k: v for k, v in rel.to_dict().items() if k not in ("source", "target")}
                self.relations.append((rel.source, rel.target, f"{r.id}:{n}",
                                       {"document": r.id, **data}))

    def merge(self, other: GraphParts) -> GraphParts:
        """Add the parts of the results that come after these (in place; returns self)."""
        for node_id, n in other.nodes.items():
            _add_node(self.nodes, node_id, n)
        for node_id, counts in other.labels.items():
            self.labels[node_id].update(counts)
        for node_id, names in other.aliases.items():
            self.aliases[node_id] |= names
        self.weight.update(other.weight)
        self.edge_docs.update(other.edge_docs)
        for pair, types in other.kinds.items():
            self.kinds[pair] |= types
        self.relations += other.relations
        for pid, summary in other.people.items():
            self.people.setdefault(pid, PersonSummary(summary.label)).merge(summary)
        return self

    def label_of(self, node_id: str) -> str:
        """The label most used for an actor (ties: the longer one, then alphabetical)."""
        return _best_label(self.labels.get(node_id) or Counter({node_id: 1}))

    def links(self) -> dict[str, str]:
        """One id per person across everything added (``identity.corpus_links``)."""
        return links_from_people(self.people)

    def _node_table(self, links: Mapping[str, str]) -> dict[str, dict[str, Any]]:
        """Node attributes after merging linked people: label, type, country, role,
        mentions, documents, aliases."""
        nodes: dict[str, dict[str, Any]] = {}
        labels: dict[str, Counter] = defaultdict(Counter)
        aliases: dict[str, set[str]] = defaultdict(set)
        # canonical ids first, so that their attributes win over those of linked names
        for node_id in sorted(self.nodes, key=lambda n: links.get(n, n) != n):
            target = links.get(node_id, node_id)
            _add_node(nodes, target, self.nodes[node_id])
            aliases[target] |= self.aliases[node_id]
            if target == node_id:
                labels[target].update(self.labels[node_id])
            else:
                aliases[target] |= set(self.labels[node_id])
        return {node_id: {"label": _best_label(labels[node_id] or self.labels.get(node_id)
                                               or Counter({node_id: 1})),
                          **nodes[node_id], "aliases": "|".join(sorted(aliases[node_id]))}
                for node_id in sorted(nodes)}

    def graph(self, links: Mapping[str, str] | None = None) -> nx.Graph:
        """The co-mention graph (see ``build_graph``), people merged by ``links``."""
        links = links or {}
        weight: Counter = Counter()
        edge_docs: Counter = Counter()
        kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
        for (u, v), w in self.weight.items():
            pair = _pair(links.get(u, u), links.get(v, v))
            if pair[0] != pair[1]:
                weight[pair] += w
                edge_docs[pair] += self.edge_docs[u, v]
        for (u, v), types in self.kinds.items():
            kinds[_pair(links.get(u, u), links.get(v, v))] |= types
        g = nx.Graph()
        g.add_nodes_from(self._node_table(links).items())
        for (u, v) in sorted(weight):
            g.add_edge(u, v, weight=weight[u, v], documents=edge_docs[u, v],
                       relations="|".join(sorted(kinds.get((u, v), ()))))
        return g

    def relation_graph(self, links: Mapping[str, str] | None = None) -> nx.MultiDiGraph:
        """The relation multigraph (see ``build_relation_graph``), people merged by ``links``."""
        links = links or {}
        g = nx.MultiDiGraph()
        involved = {links.get(x, x) for u, v, _, _ in self.relations for x in (u, v)}
        if involved:
            for node_id, d in self._node_table(links).items():
                if node_id in involved:
                    g.add_node(node_id, label=d["label"], type=d["type"],
                               country=d["country"], role=d["role"])
        for u, v, key, data in self.relations:
            g.add_edge(links.get(u, u), links.get(v, v), key=key, **data)
        return g


def _best_label(counts: Counter) -> str:
    """The label most used (ties: the longer one, then alphabetical)."""
    return max(counts.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]


def _add_node(nodes: dict[str, dict[str, Any]], node_id: str, n: dict[str, Any]) -> None:
    """Count a node's record in: counts add up, the first country and role known stay."""
    mine = nodes.setdefault(node_id, {**n, "mentions": 0, "documents": 0})
    mine["mentions"] += n["mentions"]
    mine["documents"] += n["documents"]
    mine["country"] = mine["country"] or n["country"]
    mine["role"] = mine["role"] or n["role"]


def _pair(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u <= v else (v, u)


def build_graph(results: Iterable[Result | Mapping[str, Any]], *, link: bool = True) -> nx.Graph:
    """Build the co-mention graph of a corpus.

    Nodes are actor ids with ``label``, ``type``, ``country``, ``role``, ``aliases``
    (``|``-joined), ``mentions`` and ``documents``; edges carry ``weight`` (sentences in which
    both actors are mentioned), ``documents`` and ``relations`` (the PLOVER types stated
    between the pair, ``|``-joined). Accepts ``Result`` objects or their dicts
    (``documents.jsonl`` records). With ``link`` (the default), people named differently in
    different articles ("Xi" and "Xi Jinping") are one node (``identity.corpus_links``).

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> g = build_graph([dn.extract("Peru thanked China. China helped Peru.")])
    >>> g.edges["PER", "CHN"]["weight"]
    2
    """
    parts = GraphParts()
    for record in results:
        parts.add(record)
    return parts.graph(parts.links() if link else None)


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
    parts = GraphParts()
    for record in results:
        parts.add(record)
    return parts.relation_graph(parts.links() if link else None)


def _clean(value: Any) -> str | int | float | bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and -2**63 <= value < 2**63:  # GraphML's long
        return value
    if isinstance(value, float) and math.isfinite(value):  # NaN and infinity are not portable
        # subnormal numbers overflow C readers (igraph's strtod): they are zero for any graph
        return value if abs(value) >= sys.float_info.min else 0.0
    if isinstance(value, int | float):
        return str(value)  # what is left: beyond 64 bits, NaN, infinity
    if value is None:
        return ""
    if isinstance(value, list | tuple | set | frozenset):
        value = "|".join(str(v) for v in (sorted(value) if isinstance(value, set | frozenset)
                                          else value))
    return _xml_text(value)


def _xml_text(value: Any) -> str:
    return XML_FORBIDDEN.sub("", str(value))


def _clean_attrs(data: Mapping[Any, Any]) -> dict[str, str | int | float | bool]:
    # an empty attribute name is an empty key id, which readers refuse
    return {_xml_text(k) or "_": _clean(v) for k, v in data.items()}


def to_graphml_safe(graph: nx.Graph) -> nx.Graph:
    """Return a copy whose ids and attributes every GraphML reader accepts.

    Node ids, edge keys and attribute names become strings; values become
    str/int/float/bool (integers beyond 64 bits and non-finite floats as text); None becomes
    ``""``; an attribute name that mixes types becomes a string everywhere; characters XML 1.0
    forbids are removed.

    Example
    -------
    >>> g = nx.Graph(); g.add_node(1, tags=["a", "b"], note=None)
    >>> dict(to_graphml_safe(g).nodes["1"])
    {'tags': 'a|b', 'note': ''}
    """
    out = graph.__class__()
    out.graph.update(_clean_attrs(graph.graph))
    for n, data in graph.nodes(data=True):
        out.add_node(_xml_text(n), **_clean_attrs(data))
    edges = graph.edges(data=True, keys=True) if graph.is_multigraph() else graph.edges(data=True)
    for u, v, *rest in edges:
        key = (_xml_text(rest[0]),) if graph.is_multigraph() else ()
        out.add_edge(_xml_text(u), _xml_text(v), *key, **_clean_attrs(rest[-1]))
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


def write_gexf(graph: nx.Graph, path: str | Path) -> None:
    """Write ``graph`` as GEXF 1.2 (Gephi's own format), atomically, after ``to_graphml_safe``.

    Nodes also carry Gephi's visual attributes: a colour per actor ``type`` (the same as
    ``plot_graph``'s) and a size growing with ``mentions``, so the graph opens in Gephi
    coloured and sized. GEXF reserves an edge's ``type`` (directed or undirected), so a
    relation's PLOVER type is written as ``relation``; relation edges keep their ids
    (``document:n``).

    Example
    -------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
    >>> g = nx.Graph(); g.add_node("FRA", type="COUNTRY", mentions=3); g.add_edge("FRA", "RUS")
    >>> write_gexf(g, p); sorted(nx.read_gexf(p).nodes)
    ['FRA', 'RUS']
    """
    from .display import TYPE_COLORS

    safe = to_graphml_safe(graph)
    most = max([d.get("mentions", 0) for _, d in safe.nodes(data=True)
                if isinstance(d.get("mentions"), int)] or [1]) or 1
    for _, d in safe.nodes(data=True):
        rgb = TYPE_COLORS.get(str(d.get("type", "")), "#bab0ac").lstrip("#")
        mentions = d.get("mentions", 0) if isinstance(d.get("mentions"), int) else 0
        d["viz"] = {"color": {"r": int(rgb[0:2], 16), "g": int(rgb[2:4], 16),
                              "b": int(rgb[4:6], 16), "a": 1.0},
                    "size": round(5 + 25 * (max(mentions, 0) / most) ** 0.5, 2)}
    edges = safe.edges(keys=True, data=True) if safe.is_multigraph() else \
        ((u, v, None, d) for u, v, d in safe.edges(data=True))
    for _, _, key, d in edges:
        # GEXF's own edge "type" means directed/undirected: our PLOVER type is "relation"
        if "type" in d:
            d["relation"] = d.pop("type")
        if key is not None:
            d["id"] = key
    with atomic_writer(path, "wb") as f:
        nx.write_gexf(safe, f, encoding="utf-8", prettyprint=True, version="1.2draft")
