"""Our spaCy components: add_pipe, to_disk/spacy.load round-trip, multiprocess parity."""

from __future__ import annotations

import spacy
from conftest import SEED

import diplomacy_nlp as dn


def test_factories_are_registered_and_our_pipes_are_last(nlp):
    assert nlp.pipe_names[-4:] == ["diplomacy_gazetteer", "diplomacy_actors", "diplomacy_dates",
                                   "diplomacy_relations"]
    blank = spacy.blank("en")
    blank.add_pipe("diplomacy_gazetteer")
    doc = blank("Peru and the World Health Organization")
    assert {(s.text, s.label_, s.id_) for s in doc.spans["diplomacy_gazetteer"]} == {
        ("Peru", "COUNTRY", "PER"),
        ("World Health Organization", "IGO", "org:world-health-organization")}


def test_extension_values_are_plain_data(nlp):
    doc = nlp(dn.make_doc(nlp, "Peru thanked China on Monday.", "2021-03-03"))
    assert all(isinstance(a, dict) for a in doc._.actors)
    assert doc._.dates == [{"text": "Monday", "value": "2021-03-01", "start": 22, "end": 28}]


def test_to_disk_round_trip(nlp, tmp_path, seed_result):
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.pipe_names == nlp.pipe_names
    again = next(dn.extract_corpus(SEED, nlp=reloaded))
    assert again == seed_result
    # load() also takes a path
    assert next(dn.extract_corpus(SEED, nlp=dn.load(tmp_path / "pipeline"))) == seed_result


def test_two_processes_give_the_same_results(nlp, tmp_path):
    texts = ["Peru thanked China on Thursday.", "The WHO praised Kenya.",
             "Chinese President Xi Jinping called Vladimir Putin."] * 3
    arts = [dn.Article(id=str(i), text=t, date="2020-05-01") for i, t in enumerate(texts)]
    one = list(dn.extract_corpus(arts, nlp=nlp, batch_size=2))
    two = list(dn.extract_corpus(arts, nlp=nlp, batch_size=2, n_process=2))
    assert one == two
    assert [r.id for r in one] == [str(i) for i in range(len(texts))]


def test_a_failing_rule_is_recorded_not_raised(nlp, monkeypatch):
    import diplomacy_nlp.components as components

    def broken(doc, **options):
        raise ValueError("rule exploded")

    monkeypatch.setattr(components, "resolve_actors", broken)
    r = dn.extract("Peru thanked China on Thursday.", date="2020-05-01", nlp=nlp, id="x")
    assert [e.code for e in r.errors] == ["actors_failed"]
    assert "rule exploded" in r.errors[0].message
    assert r.actors == ()
    assert r.dates[0].value == "2020-04-30"  # the other steps still ran
