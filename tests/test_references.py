"""Mentions that are not names: name repeats, role descriptions, pronoun subjects."""

from __future__ import annotations

import pytest

import diplomacy_nlp as dn


def mentions_of(result: dn.Result, label: str) -> list[str]:
    ids = [a.id for a in result.actors if a.label == label]
    assert ids, f"{label} missing: {[a.label for a in result.actors]}"
    return [m.text for m in result.mentions if m.actor == ids[0]]


@pytest.mark.parametrize("text,label,expected", [
    ("Kenyan President William Ruto met investors. He said the reforms would continue.",
     "William Ruto", ["William Ruto", "He"]),
    # a person named inside the quotation is not its speaker
    ('Foreign Minister Carlos Ruiz arrived in Lima. "We will work with Minister Ana Lopez," '
     "he said.", "Carlos Ruiz", ["Carlos Ruiz", "he"]),
    # the main clause's subject, not the subject of the reported clause
    ("Ruto said that former German President Christian Wulff presented a message. He also "
     "noted that ties were growing. Kenyan President William Ruto thanked him.",
     "William Ruto", ["Ruto", "He", "William Ruto"]),
    ("President Cyril Ramaphosa met investors. Ramaphosa said South Africa was open.",
     "Cyril Ramaphosa", ["Cyril Ramaphosa", "Ramaphosa"]),
    ("Foreign Minister Carlos Ruiz met the press. Later, Peru's foreign minister said talks "
     "would resume.", "Carlos Ruiz", ["Carlos Ruiz", "Peru's foreign minister"]),
    ("Foreign Minister Carlos Ruiz met the press. The minister said talks would resume.",
     "Carlos Ruiz", ["Carlos Ruiz", "The minister"]),
])
def test_linked_mentions(nlp, text, label, expected):
    assert mentions_of(dn.extract(text, date="2024-03-05", nlp=nlp), label) == expected


def test_pronoun_after_two_subjects_is_left_alone(nlp):
    r = dn.extract("Emmanuel Macron and Pedro Sanchez met in Paris. He said the talks were "
                   "useful.", nlp=nlp)
    assert not [m for m in r.mentions if m.text == "He"]


def test_a_title_that_fits_two_people_is_left_alone(nlp):
    r = dn.extract("Foreign Minister Carlos Ruiz met Foreign Minister Ana Lopez. The minister "
                   "said talks would resume.", nlp=nlp)
    assert not [m for m in r.mentions if m.text.lower() == "the minister"]


def test_an_apposed_title_is_not_a_second_person_mention(nlp):
    r = dn.extract("Foreign Minister Carlos Ruiz met Ana Lopez, the trade minister, in Lima.",
                   nlp=nlp)
    assert "the trade minister" not in [m.text for m in r.mentions]


def test_two_foreign_ministries_of_two_states(nlp):
    r = dn.extract("The Iranian Foreign Ministry condemned the strike, and the Russian Foreign "
                   "Ministry called for calm. Iran's foreign ministry later issued a statement.",
                   nlp=nlp)
    orgs = {a.label: a for a in r.actors if a.type == "ORGANIZATION"}
    assert orgs["Iranian Foreign Ministry"].country == "IRN"
    assert orgs["Russian Foreign Ministry"].country == "RUS"
    assert orgs["Iranian Foreign Ministry"].id != orgs["Russian Foreign Ministry"].id
    assert orgs["Iranian Foreign Ministry"].mentions == 2
