"""One id per actor across a corpus: spelling variants and short names link, namesakes don't."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest
from conftest import ROOT

import diplomacy_nlp as dn
from diplomacy_nlp.cli import main
from diplomacy_nlp.identity import name_key

DEV = ROOT.parent / "shared" / "eval" / "dev"


def contains(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def corpus(nlp, *texts):
    return [dn.extract(t, date="2024-03-05", nlp=nlp, id=f"doc{n}") for n, t in enumerate(texts)]


def person_ids(results):
    return {a.id for r in results for a in r.actors if a.type == "PERSON"}


def test_short_name_in_another_article_links_to_the_full_name(nlp):
    results = dn.link_corpus(corpus(
        nlp, "Kenyan President William Ruto arrived in Berlin on Monday.",
        "President Ruto said on Tuesday that the talks had gone well."))
    assert person_ids(results) == {"person:william-ruto"}
    later = [a for a in results[1].actors if a.type == "PERSON"][0]
    assert later.label == "William Ruto" and "Ruto" in later.aliases


def test_spelling_variants_are_one_person(nlp):
    results = dn.link_corpus(corpus(
        nlp, "Egyptian President Abdel Fattah al-Sisi met investors in Cairo.",
        "Egyptian President Abdel Fattah el-Sissi spoke in Cairo."))
    assert len(person_ids(results)) == 1


def test_namesakes_are_not_linked():
    def doc(pid, label):
        return dn.Result(id=pid, actors=(dn.Actor(pid, label, "PERSON"),))

    results = [doc("person:ed-miliband", "Ed Miliband"),
               doc("person:david-miliband", "David Miliband"), doc("person:miliband", "Miliband")]
    assert dn.corpus_links(results) == {}
    # with one of them gone, the surname is unambiguous
    assert dn.corpus_links(results[1:]) == {"person:miliband": "person:david-miliband"}


def test_different_states_are_never_linked():
    people = [dn.Result(id="a", actors=(dn.Actor("person:ana-lopez", "Ana Lopez", "PERSON",
                                                 "PER"),)),
              dn.Result(id="b", actors=(dn.Actor("person:lopez", "Lopez", "PERSON", "MEX"),))]
    assert dn.corpus_links(people) == {}


def test_graph_has_one_node_per_person(nlp):
    g = dn.build_graph(corpus(nlp, "Chinese President Xi Jinping visited Peru.",
                              "Peru thanked Xi for the help."))
    people = [n for n, d in g.nodes(data=True) if d["type"] == "PERSON"]
    assert people == ["person:xi-jinping"]
    assert g.nodes["person:xi-jinping"]["documents"] == 2


@pytest.mark.skipif(not DEV.is_dir(), reason="the dev set is not next to this checkout")
def test_seeds_and_dev_set_give_one_node_per_country_and_person(tmp_path):
    assert main(["extract", str(ROOT / "seeds"), str(DEV), "--out", str(tmp_path),
                 "--quiet"]) == 0
    g = nx.read_graphml(tmp_path / "actors.graphml")
    countries = [n for n, d in g.nodes(data=True) if d["type"] == "COUNTRY"]
    assert all(len(c) == 3 and c.isupper() for c in countries)
    people = {n: name_key(d["label"]) for n, d in g.nodes(data=True) if d["type"] == "PERSON"}
    assert len(set(people.values())) == len(people)
    for a, b in combinations(people, 2):
        assert not contains(people[a], people[b]) and not contains(people[b], people[a]), \
            (a, b)
    # the same person, spelled two ways in two articles, is one node
    assert g.nodes["person:xi-jinping"]["documents"] >= 2
