"""Typed, directed relations (PLOVER) on sentences written for these tests."""

from __future__ import annotations

import pytest

import diplomacy_nlp as dn
from diplomacy_nlp.relations import PLOVER_TYPES, trigger_lexicon

DATE = "2024-03-06"  # a Wednesday


def triples(result: dn.Result, *, flags: bool = False) -> set[tuple]:
    out = set()
    for r in result.relations:
        t = (r.source, r.target, r.type)
        out.add(t + (r.negated, r.hypothetical) if flags else t)
    return out


# (case id, text, relations that must be found, relations that must not)
TYPES = [
    ("AGREE", "Japan pledged to provide humanitarian aid to Haiti.",
     {("JPN", "HTI", "AGREE")}, {("JPN", "HTI", "AID")}),
    ("CONSULT", "Brazil held talks with Portugal in Lisbon on Monday.",
     {("BRA", "PRT", "CONSULT")}, set()),
    ("SUPPORT", "Hungary praised Serbia for its reforms.", {("HUN", "SRB", "SUPPORT")}, set()),
    ("CONCEDE", "The Peruvian government accepted the demands of Ecuador.",
     {("PER", "ECU", "CONCEDE")}, set()),
    ("COOPERATE", "Norway cooperates with Sweden on border security.",
     {("NOR", "SWE", "COOPERATE")}, set()),
    ("AID", "Germany provided emergency assistance to Libya.", {("DEU", "LBY", "AID")}, set()),
    ("RETREAT", "Myanmar released Thai fishermen on Tuesday.", {("MMR", "THA", "RETREAT")},
     set()),
    ("REQUEST", "India urged Pakistan to release the detained diplomats.",
     {("IND", "PAK", "REQUEST")}, set()),
    ("ACCUSE", "Hungary blamed Ukraine for the delay.", {("HUN", "UKR", "ACCUSE")}, set()),
    ("REJECT", "Ethiopia rejected Egypt's proposal on Wednesday.", {("ETH", "EGY", "REJECT")},
     set()),
    ("THREATEN", "Turkey threatened to impose sanctions on Sweden.",
     {("TUR", "SWE", "THREATEN")}, set()),
    ("PROTEST", "Students in Kenya protested against Uganda.", {("KEN", "UGA", "PROTEST")},
     set()),
    ("SANCTION", "Poland expelled Belarusian diplomats.", {("POL", "BLR", "SANCTION")}, set()),
    ("MOBILIZE", "China deployed warships near Taiwan.", {("CHN", "TWN", "MOBILIZE")}, set()),
    ("COERCE", "Police in Georgia arrested Russian journalists.", {("GEO", "RUS", "COERCE")},
     set()),
    ("ASSAULT", "Azerbaijan attacked Armenia on Sunday.", {("AZE", "ARM", "ASSAULT")}, set()),
]

CONSTRUCTIONS = [
    ("reported speech", "Chancellor Olaf Scholz said Germany supports Ukraine.",
     {("DEU", "UKR", "SUPPORT")}, {("person:olaf-scholz", "UKR", "SUPPORT")}),
    ("the speaker's telling in a conversation",
     "Kenyan President William Ruto told Ghanaian President Nana Akufo-Addo in a phone call "
     "that Kenya would help.",
     {("person:william-ruto", "person:nana-akufo-addo", "CONSULT")}, set()),
    ("telling someone they must act is a request",
     "Mexican President Andres Manuel Lopez Obrador told the United States that Washington "
     "must stop the flow of weapons.",
     set(), {("person:andres-manuel-lopez-obrador", "MEX", "REQUEST")}),
    ("passive", "Russia was condemned by France on Tuesday.", {("FRA", "RUS", "ACCUSE")},
     {("RUS", "FRA", "ACCUSE")}),
    ("coordinated sources", "Russia was condemned by France, Germany and Italy.",
     {("FRA", "RUS", "ACCUSE"), ("DEU", "RUS", "ACCUSE"), ("ITA", "RUS", "ACCUSE")}, set()),
    ("coordinated targets", "Chancellor Olaf Scholz said Germany supports Ukraine and Moldova.",
     {("DEU", "UKR", "SUPPORT"), ("DEU", "MDA", "SUPPORT")}, set()),
    ("mutual act both ways", "Canada and Mexico signed a trade agreement on Monday.",
     {("CAN", "MEX", "SUPPORT"), ("MEX", "CAN", "SUPPORT")}, set()),
    ("prepositional object", "The Swiss foreign minister met with Iran's envoy in Geneva.",
     {("CHE", "IRN", "CONSULT")}, set()),
    ("nominalisation", "The European Union imposed sanctions on Russia.",
     {("org:european-union", "RUS", "SANCTION")}, set()),
    ("agreeing to a conflict act is no agreement with its target",
     "European Union ministers agreed to impose sanctions on Russia.",
     {("org:european-union", "RUS", "SANCTION")}, {("org:european-union", "RUS", "AGREE")}),
    ("pronoun subject", "French President Emmanuel Macron arrived in Nairobi. He said France "
     "would cooperate with Kenya.", {("FRA", "KEN", "AGREE")}, set()),
    ("a future cooperative act is AGREE", "Vietnam and the Philippines will hold talks next "
     "month.", {("VNM", "PHL", "AGREE")}, {("VNM", "PHL", "CONSULT")}),
    ("visit to a capital is a visit to the state",
     "Iranian Foreign Minister Ali Bagheri arrived in Moscow on an official visit. Russia "
     "and Iran are close partners.",
     {("person:ali-bagheri", "RUS", "CONSULT")}, set()),
    ("counterparts pair in order",
     "Foreign Minister Ana Lopez and Defence Minister Juan Ruiz of Peru will meet their "
     "counterparts Maria Silva and Pedro Costa of Brazil.",
     {("person:ana-lopez", "person:maria-silva", "AGREE"),
      ("person:juan-ruiz", "person:pedro-costa", "AGREE")},
     {("person:ana-lopez", "person:pedro-costa", "AGREE")}),
    ("proposal and rejection", "Egypt and Sudan called for a binding deal, but Ethiopia "
     "rejected the proposal.",
     {("EGY", "ETH", "REQUEST"), ("SDN", "ETH", "REQUEST"), ("ETH", "EGY", "REJECT")}, set()),
]

NEGATIVES = [
    # a person and their own country are never a dyad
    ("own country", "Nigerian President Bola Tinubu praised Nigeria for its progress.", set()),
    # a capital used as a place is not a party
    ("place", "Leaders gathered for the summit in Beijing on Friday.", set()),
    # two officials of one state who act together are not a dyad
    ("same side", "Indian Foreign Minister Subrahmanyam Jaishankar and Indian Defence Minister "
     "Rajnath Singh met in Delhi.", set()),
]


@pytest.mark.parametrize("text,expected,absent", [c[1:] for c in TYPES + CONSTRUCTIONS],
                         ids=[c[0] for c in TYPES + CONSTRUCTIONS])
def test_relations(nlp, text, expected, absent):
    got = triples(dn.extract(text, date=DATE, nlp=nlp))
    assert expected <= got
    assert not absent & got


def test_every_plover_type_is_covered():
    assert {c[0] for c in TYPES} == set(PLOVER_TYPES)
    assert {e.type for e in trigger_lexicon()} == set(PLOVER_TYPES)


@pytest.mark.parametrize("text,expected", [c[1:] for c in NEGATIVES],
                         ids=[c[0] for c in NEGATIVES])
def test_not_a_dyad(nlp, text, expected):
    assert triples(dn.extract(text, date=DATE, nlp=nlp)) == expected


@pytest.mark.parametrize("text,expected", [
    ("Chile did not agree to the proposal from Bolivia.", ("CHL", "BOL", "AGREE", True, False)),
    ("Venezuela refused to meet Guyana.", ("VEN", "GUY", "CONSULT", True, False)),
    ("The United States may impose sanctions on Iran.", ("USA", "IRN", "SANCTION", False, True)),
    ("Turkey threatened to impose sanctions on Sweden.",
     ("TUR", "SWE", "SANCTION", False, True)),
    ("If Serbia attacks Kosovo, NATO will respond.", None),
], ids=["negated", "refused to meet", "may", "threatened to", "condition"])
def test_negated_and_hypothetical_flags(nlp, text, expected):
    got = triples(dn.extract(text, date=DATE, nlp=nlp), flags=True)
    if expected is not None:
        assert expected in got
    else:
        assert all(hyp for *_, hyp in got)


def test_refusing_to_meet_is_a_rejection(nlp):
    got = triples(dn.extract("Venezuela refused to meet Guyana.", date=DATE, nlp=nlp))
    assert ("VEN", "GUY", "REJECT") in got


def test_relation_record_has_evidence_and_date(nlp):
    text = "Kenya thanked Japan. Azerbaijan attacked Armenia on Sunday."
    r = dn.extract(text, date=DATE, nlp=nlp)
    rel = next(x for x in r.relations if x.type == "ASSAULT")
    assert text[rel.sentence_start:rel.sentence_end] == rel.sentence
    assert rel.sentence == "Azerbaijan attacked Armenia on Sunday."
    assert text[rel.trigger_start:rel.trigger_end] == rel.trigger == "attacked"
    assert rel.date == "2024-03-03"  # the Sunday before the article date
    other = next(x for x in r.relations if x.type == "SUPPORT")
    assert other.date == DATE  # no date expression: the article date


def test_phone_mode(nlp):
    r = dn.extract("Egyptian President Abdel Fattah al-Sisi spoke with Qatari Emir Tamim bin "
                   "Hamad Al Thani by phone on Friday.", date=DATE, nlp=nlp)
    consult = [x for x in r.relations if x.type == "CONSULT"]
    assert consult and all(x.mode == "phone" for x in consult)


def test_readme_documents_every_type_and_trigger():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    rows = {line.split("|")[1].strip(): line for line in readme.splitlines()
            if line.startswith("| ") and line.split("|")[1].strip() in PLOVER_TYPES}
    assert set(rows) == set(PLOVER_TYPES)
    for e in trigger_lexicon():
        assert " ".join(e.phrase) in rows[e.type], (e.type, e.phrase)
