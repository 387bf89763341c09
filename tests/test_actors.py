"""Actor resolution on the seed article and on sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import by_label

import diplomacy_nlp as dn

GOLDEN = [json.loads(line) for line in
          (Path(__file__).parent / "data" / "golden_actors.jsonl").read_text().splitlines()
          if line.strip()]


def test_seed_has_one_node_per_actor(seed_result):
    actors = by_label(seed_result)
    for label, kind in [("Xi Jinping", "PERSON"), ("Martin Vizcarra", "PERSON"),
                        ("China", "COUNTRY"), ("Peru", "COUNTRY"),
                        ("World Health Organization", "ORGANIZATION")]:
        assert actors[label].type == kind
    ids = [a.id for a in seed_result.actors]
    assert len(ids) == len(set(ids))
    # "Xi" and "Vizcarra" are merged into the full names, "WHO" into the organization
    assert not {"Xi", "Vizcarra", "WHO"} & set(actors)
    assert "Xi" in actors["Xi Jinping"].aliases
    assert "WHO" in actors["World Health Organization"].aliases


def test_seed_affiliations_and_ids(seed_result):
    actors = by_label(seed_result)
    assert actors["Xi Jinping"].country == "CHN"
    assert actors["Xi Jinping"].role == "President"
    assert actors["Martin Vizcarra"].country == "PER"
    assert actors["China"].id == "CHN" and actors["Peru"].id == "PER"
    assert actors["Xi Jinping"].id == "person:xi-jinping"


def test_seed_has_no_disease_actor(seed_result):
    for a in seed_result.actors:
        assert "covid" not in a.label.lower()
        assert not any("covid" in alias.lower() for alias in a.aliases)


@pytest.mark.parametrize("case", GOLDEN, ids=[c["name"] for c in GOLDEN])
def test_golden_actors(nlp, case):
    result = dn.extract(case["text"], date=case["date"], nlp=nlp)
    actors = {a.label: a for a in result.actors}
    for want in case["actors"]:
        assert want["label"] in actors, f"missing {want['label']}: got {sorted(actors)}"
        got = actors[want["label"]]
        assert got.type == want["type"]
        if "country" in want:
            assert got.country == want["country"]
        if "role" in want:
            assert got.role == want["role"]
        for alias in want.get("aliases_include", []):
            assert alias in got.aliases
    for label in case["absent"]:
        assert label not in actors


def test_ids_are_stable_across_articles(nlp):
    a = dn.extract("Chinese President Xi Jinping visited France.", nlp=nlp, id="a")
    b = dn.extract("France hosted Xi Jinping and China's delegation.", nlp=nlp, id="b")
    ids_a = {x.label: x.id for x in a.actors}
    ids_b = {x.label: x.id for x in b.actors}
    for label in ("Xi Jinping", "France"):
        assert ids_a[label] == ids_b[label]


def test_same_surname_two_people_not_merged(nlp):
    r = dn.extract("Ed Miliband and David Miliband argued. Later, Ed Miliband left.", nlp=nlp)
    people = {a.label for a in r.actors if a.type == "PERSON"}
    assert {"Ed Miliband", "David Miliband"} <= people
