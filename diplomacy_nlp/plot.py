"""Pictures of a graph: ``plot_graph`` draws it with matplotlib and returns the figure;
``to_html`` writes a standalone interactive page that opens offline. Both come with the
``notebook`` extra (``pip install 'diplomacy-nlp[notebook]'``).

Nodes are coloured by actor ``type`` (``display.TYPE_COLORS``, the colours of the highlighted
text and of the GEXF file) and sized by ``mentions``; edges are as wide as their ``weight``
(co-mention graph) or their number of relations (relation graph, drawn with arrows).

Example
-------
>>> import diplomacy_nlp as dn
>>> g = dn.build_graph([dn.extract("Peru thanked China. China helped Peru.")])
>>> fig = plot_graph(g)
>>> len(fig.axes[0].collections[0].get_offsets())
2
"""

from __future__ import annotations

import math
import re
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx

from .display import TYPE_COLORS
from .errors import require
from .export import atomic_writer

OTHER = "#bab0ac"
MAX_EDGE_LABELS = 40


def simple_graph(graph: nx.Graph) -> nx.Graph:
    """A graph with one edge per pair: a multigraph's parallel edges become one edge whose
    ``weight`` counts them and whose ``types`` lists their ``type`` values, most common
    first.

    Example
    -------
    >>> g = nx.MultiDiGraph([("a", "b", {"type": "ACCUSE"}), ("a", "b", {"type": "ACCUSE"})])
    >>> dict(simple_graph(g).edges["a", "b"])
    {'weight': 2, 'types': 'ACCUSE'}
    """
    if not graph.is_multigraph():
        return graph
    out = nx.DiGraph() if graph.is_directed() else nx.Graph()
    out.add_nodes_from(graph.nodes(data=True))
    kinds: dict[tuple[Any, Any], Counter] = {}
    for u, v, d in graph.edges(data=True):
        kinds.setdefault((u, v), Counter())[d.get("type", "")] += 1
    for (u, v), counts in kinds.items():
        out.add_edge(u, v, weight=sum(counts.values()),
                     types="|".join(t for t, _ in counts.most_common() if t))
    return out


def _sizes(g: nx.Graph, small: float, big: float) -> list[float]:
    values = [max(float(d.get("mentions", 1) or 1), 1.0) for _, d in g.nodes(data=True)]
    most = max(values, default=1.0)
    return [small + (big - small) * math.sqrt(v / most) for v in values]


def plot_graph(graph: nx.Graph, *, ax: Any = None, labels: int = 25, seed: int = 7,
               figsize: tuple[float, float] = (11, 8), title: str | None = None) -> Any:
    """Draw a graph of actors with matplotlib; returns the figure.

    Parameters
    ----------
    graph : networkx graph
        ``build_graph`` or ``build_relation_graph`` output (or any graph with ``type``,
        ``mentions``, ``label`` node attributes).
    ax : matplotlib Axes, optional
        Where to draw; a new figure otherwise.
    labels : int
        How many nodes get a label: the most mentioned ones, so that labels never bury the
        picture (0: none).
    seed : int
        Seed of the spring layout (same seed, same picture).
    figsize : (width, height)
        Size of a new figure, in inches.
    title : str, optional
        A title for the plot.

    Returns
    -------
    matplotlib.figure.Figure
        One marker per node in ``fig.axes[0].collections[0]``; a legend of the actor types.

    Example
    -------
    >>> import diplomacy_nlp as dn
    >>> r = dn.extract("Xi Jinping called Peru. Xi said he was pleased.")
    >>> fig = plot_graph(dn.build_graph([r]), labels=1)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['Xi Jinping']
    """
    plt: Any = require("matplotlib.pyplot", "drawing needs")
    patheffects: Any = require("matplotlib.patheffects", "drawing needs")
    g = simple_graph(graph)
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no actors", ha="center", va="center", transform=ax.transAxes)
        return fig
    pos = nx.spring_layout(g, seed=seed, weight="weight",
                           k=2.5 / math.sqrt(g.number_of_nodes()), iterations=100)
    nodes = list(g.nodes)
    colors = [TYPE_COLORS.get(g.nodes[n].get("type", ""), OTHER) for n in nodes]
    sizes = _sizes(g, 60, 1400)
    weights = [float(d.get("weight", 1) or 1) for *_, d in g.edges(data=True)]
    top = max(weights, default=1.0)
    widths = [0.4 + 4.0 * w / top for w in weights]
    # nodes first: collections[0] holds exactly one marker per node
    nx.draw_networkx_nodes(g, pos, nodelist=nodes, node_color=colors, node_size=sizes,
                           edgecolors="white", linewidths=0.8, ax=ax)
    if g.number_of_edges():
        kwargs = {"arrows": True, "arrowstyle": "-|>", "arrowsize": 12,
                  "connectionstyle": "arc3,rad=0.08", "node_size": sizes} \
            if g.is_directed() else {}
        nx.draw_networkx_edges(g, pos, width=widths, edge_color="#8c8c8c", alpha=0.55, ax=ax,
                               **kwargs)
        if g.number_of_edges() <= MAX_EDGE_LABELS and any("types" in d for *_, d in
                                                           g.edges(data=True)):
            # a small relation graph: say what each arrow is (its most common type)
            nx.draw_networkx_edge_labels(
                g, pos, edge_labels={(u, v): d["types"].split("|")[0]
                                     for u, v, d in g.edges(data=True) if d.get("types")},
                font_size=7, font_color="#555555", rotate=False, ax=ax,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                      "alpha": 0.7})
    ranked = sorted(nodes, key=lambda n: -float(g.nodes[n].get("mentions", 0) or 0))[:labels]
    outline = [patheffects.withStroke(linewidth=3, foreground="white")]
    for n in ranked:
        x, y = pos[n]
        ax.text(x, y, str(g.nodes[n].get("label", n)), fontsize=9, ha="center", va="center",
                path_effects=outline, zorder=5)
    present = [t for t in TYPE_COLORS if any(g.nodes[n].get("type") == t for n in nodes)]
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=9,
                          markerfacecolor=TYPE_COLORS[t], markeredgecolor="white",
                          label=t.lower()) for t in present]
    if handles:
        # outside the drawing, so that it never hides a node
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                  fontsize=9, title="actor type", title_fontsize=9)
    ax.margins(0.08)
    return fig


def to_html(graph: nx.Graph, path: str | Path, *, title: str | None = None,
            height: int = 700) -> Path:
    """Write a standalone interactive page of ``graph`` (drag, zoom, hover for details).

    The page is one HTML file with its JavaScript inside (gravis, on vis-network): it opens
    in any browser without a network connection and can be sent as an attachment. Nodes are
    coloured by type and sized by mentions, with a legend; hovering a node shows its label,
    type, state, role and mentions, hovering an edge its weight (or relation types). Written
    atomically.

    Parameters
    ----------
    graph : networkx graph
        ``build_graph`` or ``build_relation_graph`` output.
    path : path
        The ``.html`` file to write.
    title : str, optional
        A heading above the graph.
    height : int
        Height of the drawing, in pixels.

    Returns
    -------
    Path
        ``path``.

    Example
    -------
    >>> import tempfile, pathlib, diplomacy_nlp as dn
    >>> p = to_html(dn.build_graph([dn.extract("Peru thanked China.")]),
    ...             pathlib.Path(tempfile.mkdtemp()) / "g.html")
    >>> "Peru" in p.read_text() and "http://cdn" not in p.read_text()
    True
    """
    gv: Any = require("gravis", "drawing needs")
    g = simple_graph(graph).copy()  # attributes are added below; the caller's graph stays
    for (n, d), size in zip(g.nodes(data=True), _sizes(g, 10, 45), strict=True):
        kind = str(d.get("type", ""))
        facts = [("type", kind.lower()), ("state", d.get("country", "")),
                 ("role", d.get("role", "")), ("mentions", d.get("mentions", ""))]
        d.update(label=str(d.get("label", n)), color=TYPE_COLORS.get(kind, OTHER), size=size,
                 hover=f"<b>{escape(str(d.get('label', n)))}</b> ({escape(str(n))})<br>"
                 + "<br>".join(f"{k}: {escape(str(v))}" for k, v in facts if v != ""))
    weights = [float(d.get("weight", 1) or 1) for *_, d in g.edges(data=True)]
    top = max(weights, default=1.0)
    for (u, v, d), w in zip(g.edges(data=True), weights, strict=True):
        what = d.get("types") or d.get("relations") or ""
        d.update(size=0.5 + 4.5 * w / top, color="#9a9a9a",
                 hover=f"{escape(str(g.nodes[u]['label']))} – {escape(str(g.nodes[v]['label']))}"
                 f": weight {w:g}" + (f"<br>{escape(str(what))}" if what else ""))
    fig = gv.vis(g, graph_height=height, node_label_data_source="label",
                 show_edge_label=False, edge_curvature=0.15 if g.is_directed() else 0.0,
                 gravitational_constant=-3000.0, spring_length=120.0)
    present = [t for t in TYPE_COLORS if any(d.get("type") == t for _, d in g.nodes(data=True))]
    legend = " ".join(f"<span style='display:inline-block;margin-right:1em'><span style='"
                      f"display:inline-block;width:.8em;height:.8em;border-radius:50%;"
                      f"background:{TYPE_COLORS[t]}'></span> {t.lower()}</span>"
                      for t in present)
    heading = f"<h2 style='margin:.3em 0'>{escape(title)}</h2>" if title else ""
    page = re.sub(r"(<body[^>]*>)", lambda m: f"{m.group(1)}<div style='font-family:"
                  f"sans-serif;padding:4px 8px'>{heading}<div id='diplomacy-legend'>{legend}"
                  "</div></div>", fig.to_html(), count=1)
    path = Path(path)
    with atomic_writer(path) as f:
        f.write(page)
    return path
