"""The co-mention graph and its GraphML file, read back by networkx and python-igraph."""

from __future__ import annotations

import igraph
import networkx as nx
import pytest

import diplomacy_nlp as dn


@pytest.fixture(scope="module")
def seed_graph(seed_result):
    return dn.build_graph([seed_result])


def test_seed_graph_nodes_and_edges(seed_graph):
    g = seed_graph
    for node in ("person:xi-jinping", "person:martin-vizcarra", "CHN", "PER",
                 "org:world-health-organization"):
        assert node in g
    assert g.has_edge("person:xi-jinping", "person:martin-vizcarra")
    assert g.has_edge("CHN", "PER")
    assert g.edges["CHN", "PER"]["weight"] >= 5
    assert not any("covid" in d["label"].lower() for _, d in g.nodes(data=True))
    assert g.nodes["CHN"]["type"] == "COUNTRY"
    assert g.nodes["person:xi-jinping"]["mentions"] >= 5
    assert "Xi" in g.nodes["person:xi-jinping"]["aliases"].split("|")


def test_graph_from_jsonl_records_equals_graph_from_results(seed_result, seed_graph):
    g2 = dn.build_graph([seed_result.to_dict()])
    assert nx.utils.graphs_equal(seed_graph, g2)


def test_weights_accumulate_across_documents(nlp):
    a = dn.extract("Peru thanked China.", nlp=nlp, id="a")
    b = dn.extract("China helped Peru. Peru and China agreed.", nlp=nlp, id="b")
    g = dn.build_graph([a, b])
    assert g.edges["CHN", "PER"]["weight"] == 3
    assert g.edges["CHN", "PER"]["documents"] == 2
    assert g.nodes["PER"]["documents"] == 2


def test_graphml_reads_back_in_networkx_and_igraph(seed_graph, tmp_path):
    path = tmp_path / "actors.graphml"
    dn.write_graphml(seed_graph, path)
    g_nx = nx.read_graphml(path)
    g_ig = igraph.Graph.Read_GraphML(str(path))
    assert g_nx.number_of_nodes() == g_ig.vcount() == seed_graph.number_of_nodes()
    assert g_nx.number_of_edges() == g_ig.ecount() == seed_graph.number_of_edges()
    w_nx = g_nx.edges["CHN", "PER"]["weight"]
    assert isinstance(w_nx, int) and w_nx == seed_graph.edges["CHN", "PER"]["weight"]
    assert all(isinstance(w, (int, float)) for w in g_ig.es["weight"])
    assert sorted(g_ig.es["weight"]) == sorted(d["weight"] for *_, d in g_nx.edges(data=True))
    assert sorted(g_ig.vs["label"]) == sorted(d["label"] for _, d in g_nx.nodes(data=True))


def test_graphml_safe_boundary(tmp_path):
    g = nx.Graph()
    g.add_node(1, label="bad\x00\x07 text", tags=["a", "b"], note=None, score=1)
    g.add_node("two", label="ok", tags="c", note="n", score="high")
    g.add_edge(1, "two", weight=2)
    safe = dn.to_graphml_safe(g)
    assert set(safe.nodes) == {"1", "two"}
    assert safe.nodes["1"]["label"] == "bad text"
    assert safe.nodes["1"]["tags"] == "a|b"
    assert safe.nodes["1"]["note"] == ""
    assert safe.nodes["1"]["score"] == "1"  # mixed int/str attribute becomes str everywhere
    path = tmp_path / "g.graphml"
    dn.write_graphml(g, path)
    back = nx.read_graphml(path)
    assert back.nodes["1"]["tags"] == "a|b"
    assert igraph.Graph.Read_GraphML(str(path)).vcount() == 2


RELATION_TEXT = ("Russia was condemned by France, Germany and Italy on Tuesday. Canada and Mexico "
                 "signed a trade agreement. Chile did not agree to the proposal from Bolivia.")


@pytest.fixture(scope="module")
def relation_result(nlp):
    return dn.extract(RELATION_TEXT, date="2024-03-06", nlp=nlp, id="rel")


def test_relation_graph_has_one_edge_per_relation(relation_result):
    g = dn.build_relation_graph([relation_result])
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_edges() == len(relation_result.relations)
    edges = {(u, v, d["type"], d["negated"]) for u, v, d in g.edges(data=True)}
    assert ("FRA", "RUS", "ACCUSE", False) in edges
    assert ("CHL", "BOL", "AGREE", True) in edges
    assert g.nodes["FRA"]["label"] == "France" and g.nodes["FRA"]["type"] == "COUNTRY"


def test_relation_graphml_reads_back_in_networkx_and_igraph(relation_result, tmp_path):
    g = dn.build_relation_graph([relation_result])
    path = tmp_path / "relations.graphml"
    dn.write_graphml(g, path)
    g_nx = nx.read_graphml(path, force_multigraph=True)
    g_ig = igraph.Graph.Read_GraphML(str(path))
    assert g_nx.is_directed() and g_nx.is_multigraph() and g_ig.is_directed()
    assert g_nx.number_of_edges() == g_ig.ecount() == g.number_of_edges()
    assert sorted(g_ig.es["type"]) == sorted(d["type"] for *_, d in g.edges(data=True))
    assert all(isinstance(x, bool) for *_, x in g_nx.edges(data="negated"))
    assert sorted(g_ig.es["negated"]) == sorted(d["negated"] for *_, d in g.edges(data=True))


def test_comention_edges_list_the_relation_types(relation_result):
    g = dn.build_graph([relation_result])
    assert g.edges["FRA", "RUS"]["relations"] == "ACCUSE"
    assert g.edges["CAN", "MEX"]["relations"] == "SUPPORT"
    assert g.edges["BOL", "CHL"]["relations"] == ""  # negated relations are not listed
    assert g.edges["DEU", "FRA"]["relations"] == ""


def test_gexf_reads_back_with_labels_colours_and_sizes(seed_graph, tmp_path):
    from diplomacy_nlp.display import TYPE_COLORS

    path = tmp_path / "actors.gexf"
    dn.write_gexf(seed_graph, path)
    g = nx.read_gexf(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == \
        (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    xi = g.nodes["person:xi-jinping"]
    assert xi["label"] == "Xi Jinping" and xi["type"] == "PERSON"
    assert isinstance(xi["mentions"], int) and xi["mentions"] >= 5
    colour = xi["viz"]["color"]
    assert "#{:02x}{:02x}{:02x}".format(colour["r"], colour["g"], colour["b"]) == \
        TYPE_COLORS["PERSON"]
    sizes = {n: d["viz"]["size"] for n, d in g.nodes(data=True)}
    assert sizes["person:xi-jinping"] > sizes["org:world-health-organization"]
    assert g.edges["CHN", "PER"]["weight"] == seed_graph.edges["CHN", "PER"]["weight"]


def test_relation_gexf_keeps_every_relation(relation_result, tmp_path):
    rg = dn.build_relation_graph([relation_result])
    dn.write_gexf(rg, tmp_path / "relations.gexf")
    back = nx.read_gexf(tmp_path / "relations.gexf")
    assert back.is_directed()  # networkx reads a multigraph back as simple when it can
    assert back.number_of_edges() == rg.number_of_edges() > 3
    assert sorted(d["relation"] for *_, d in back.edges(data=True)) == \
        sorted(d["type"] for *_, d in rg.edges(data=True))
    assert sorted(d["id"] for *_, d in back.edges(data=True)) == sorted(k for *_, k in rg.edges)
    assert all(isinstance(d["negated"], bool) for *_, d in back.edges(data=True))
