"""Reading our GraphML back as users do: networkx, python-igraph, and graphology's parser (the
library behind Gephi Lite) under Node.js, with the same counts and attribute types in all three.

graphology's packages are installed from the npm registry into ``tests/js`` on first use
(``npm ci``, pinned by its lock file); the check is skipped where Node.js is missing.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path

import igraph
import networkx as nx
import pytest

JS = Path(__file__).resolve().parent / "js"
JS_TYPES = {bool: "boolean", int: "number", float: "number", str: "string"}


@functools.cache
def _graphology_installed() -> bool:
    if shutil.which("node") is None or shutil.which("npm") is None:
        return False
    if not (JS / "node_modules" / "graphology-graphml").exists():
        proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=JS,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"npm ci failed in {JS}:\n{proc.stderr}"
    return True


def read_graphology(path: Path) -> dict:
    """graphology's view of a GraphML file (see ``tests/js/read_graphml.js``)."""
    if not _graphology_installed():
        pytest.skip("Node.js is not installed: graphology's GraphML parser cannot run")
    proc = subprocess.run(["node", str(JS / "read_graphml.js"), str(path)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _types(items) -> dict[str, set[type]]:
    found: dict[str, set[type]] = {}
    for *_, data in items:
        for key, value in data.items():
            found.setdefault(key, set()).add(type(value))
    return found


def check_graphml(path: Path, *, multigraph: bool = False) -> nx.Graph:
    """Read ``path`` with all three readers; assert that they agree on the number of nodes
    and edges, that every attribute has one type, and that the types match; return the
    networkx graph."""
    g = nx.read_graphml(path, force_multigraph=multigraph)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == (g.number_of_nodes(), g.number_of_edges())
    node_types, edge_types = _types(g.nodes(data=True)), _types(g.edges(data=True))
    for table in (node_types, edge_types):
        assert all(len(ts) == 1 for ts in table.values()), table
    # igraph: same attribute names, values of the same kinds
    assert set(ig.vs.attributes()) - {"id"} == set(node_types)
    assert set(ig.es.attributes()) - {"id"} == set(edge_types)
    for key, (t,) in edge_types.items():
        assert all(isinstance(v, (int, float) if t in (int, float) else t) for v in ig.es[key])
    js = read_graphology(path)
    assert (js["order"], js["size"]) == (g.number_of_nodes(), g.number_of_edges())
    assert js["multi"] == multigraph and js["type"] == ("directed" if g.is_directed()
                                                        else "undirected")
    for ours, theirs in ((node_types, js["nodeTypes"]), (edge_types, js["edgeTypes"])):
        assert {k: [JS_TYPES[t]] for k, (t,) in ours.items()} == theirs
    assert set(js["nodes"]) == set(g.nodes)
    for node, attrs in js["nodes"].items():
        assert attrs == dict(g.nodes[node]), node
    return g
