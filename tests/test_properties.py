"""Property tests: whatever the text or bytes, reading, extraction and every writer raise
nothing but our documented errors, and what they write parses back."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import igraph
import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplomacy_nlp as dn
from diplomacy_nlp.articles import read_file
from diplomacy_nlp.cleaning import NOT_TEXT

# text that looks like news now and then: names, countries and verbs mixed into any Unicode
WORDS = st.sampled_from(["Peru", "China", "Xi Jinping", "thanked", "condemned", "said",
                         "the", "on Thursday", ".", "\n\n", "<p>", "&amp;", " date 2020-05-01"])
TEXT = st.one_of(st.text(), st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=40)
                 .map(" ".join))
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".jsonl", ".html"]))
def test_any_bytes_read_into_articles_with_clean_text(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"x{suffix}"
        path.write_bytes(data)
        for art in read_file(path):
            assert not NOT_TEXT.search(art.text + art.id + art.title + art.source)
            assert all(e.code in dn.errors.ISSUES for e in art.errors)


@SETTINGS
@given(text=TEXT)
def test_any_text_goes_through_extract_and_every_writer(nlp, text):
    result = dn.extract(text, nlp=nlp, id="t")
    assert all(e.code in dn.errors.ISSUES for e in result.errors)
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        dn.write_jsonl([result], d / "documents.jsonl")
        assert [r.to_dict() for r in dn.read_jsonl(d / "documents.jsonl")] == [result.to_dict()]
        dn.write_events_csv([result], d / "events.csv")
        rows = list(csv.reader(io.StringIO((d / "events.csv").read_text(encoding="utf-8"))))
        assert len(rows) == 1 + len(result.relations)
        g = dn.build_graph([result])
        dn.write_graphml(g, d / "actors.graphml")
        back = nx.read_graphml(d / "actors.graphml")
        assert back.number_of_nodes() == g.number_of_nodes()
        assert igraph.Graph.Read_GraphML(str(d / "actors.graphml")).vcount() == len(g)
        rg = dn.build_relation_graph([result])
        dn.write_graphml(rg, d / "relations.graphml")
        assert nx.read_graphml(d / "relations.graphml", force_multigraph=True) \
            .number_of_edges() == rg.number_of_edges()


VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(),
                   st.lists(st.text(max_size=5), max_size=3))
IDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
              min_size=1, max_size=8)


@SETTINGS
@given(nodes=st.dictionaries(IDS, st.dictionaries(st.sampled_from("abc"), VALUES), max_size=6),
       graph_attrs=st.dictionaries(st.text(max_size=4), VALUES, max_size=2))
def test_any_attributes_cross_the_graphml_boundary(nodes, graph_attrs):
    g = nx.Graph(**graph_attrs)
    g.add_nodes_from(nodes.items())
    ids = list(nodes)
    for u, v in zip(ids, ids[1:], strict=False):
        g.add_edge(u, v, **nodes[u])
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.graphml"
        dn.write_graphml(g, path)
        back = nx.read_graphml(path)
        ig = igraph.Graph.Read_GraphML(str(path))
    assert back.number_of_nodes() == ig.vcount() == len(set(map(dn.graph._xml_text, ids)))
    assert back.number_of_edges() == ig.ecount()
    for key in {k for _, data in back.nodes(data=True) for k in data}:
        assert len({type(data[key]) for _, data in back.nodes(data=True) if key in data}) == 1
    json.dumps(dict(back.nodes(data=True)))  # plain values only
