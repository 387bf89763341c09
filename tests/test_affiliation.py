"""Affiliation and role of people: explicit wording first, then the article's context.

Sentences are written for these tests (not taken from the dev set).
"""

from __future__ import annotations

import pytest

import diplomacy_nlp as dn
from diplomacy_nlp.affiliation import infer_countries, office_of


def person(result: dn.Result, label: str) -> dn.Actor:
    found = [a for a in result.actors if a.label == label]
    assert found, f"{label} missing: {[a.label for a in result.actors]}"
    return found[0]


# (case id, text, person, country, role or None to skip the role check)
CASES = [
    ("demonym premodifier", "Chilean President Gabriel Boric left Santiago on Monday.",
     "Gabriel Boric", "CHL", "President"),
    ("possessive", "Canada's Justin Trudeau spoke to reporters in Ottawa.",
     "Justin Trudeau", "CAN", None),
    ("hyphenated title", "Mexican Senator-elect Maria Lopez Garcia thanked voters.",
     "Maria Lopez Garcia", "MEX", "Senator-elect"),
    ("apposition with demonym", "Boris Johnson called his French counterpart, Emmanuel Macron.",
     "Emmanuel Macron", "FRA", None),
    ("posting is not the affiliation", "British Ambassador to Japan Julia Longbottom spoke.",
     "Julia Longbottom", "GBR", "Ambassador to Japan"),
    ("a title after the country is not a posting",
     "Ana Soto, the spokeswoman for Chilean President Gabriel Boric, declined to comment.",
     "Gabriel Boric", "CHL", "President"),
    ("role description gives the country",
     "President Cyril Ramaphosa hosted the summit. South Africa's president said trade "
     "would grow, and Kenya agreed.", "Cyril Ramaphosa", "ZAF", "President"),
    ("named in another's description",
     "Chilean President Gabriel Boric left Santiago. Maria Soto, the spokeswoman for "
     "President Gabriel Boric, declined to comment.", "Maria Soto", "CHL", None),
    ("the article's state for a bare title",
     "Russian officials denied the report on Tuesday. President Vladimir Putin did not "
     "comment.", "Vladimir Putin", "RUS", "President"),
    ("an office held by another state's leader is skipped",
     "French President Emmanuel Macron met President Cyril Ramaphosa on Monday. France and "
     "South Africa signed a trade pact, and French officials praised the deal.",
     "Cyril Ramaphosa", "ZAF", "President"),
    ("portfolios match across national titles",
     "US Defense Secretary Lloyd Austin met Defence Minister Richard Marles. Austin said "
     "the United States and Australia would deepen cooperation, and US officials agreed.",
     "Richard Marles", "AUS", "Defence Minister"),
]


@pytest.mark.parametrize("text,label,country,role", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_affiliation(nlp, text, label, country, role):
    got = person(dn.extract(text, date="2024-03-05", nlp=nlp), label)
    assert got.country == country
    if role is not None:
        assert got.role == role


@pytest.mark.parametrize("text,label", [
    # bound to an international body: no state, even in an article about one
    ("African Union Commission Chairman Moussa Faki said Sudan must end the fighting. Sudan "
     "rejected the call.", "Moussa Faki"),
    # a state named only as a place is nobody's affiliation
    ("Emmanuel Macron and Pedro Sanchez met in Paris on Friday.", "Pedro Sanchez"),
])
def test_no_country_without_evidence(nlp, text, label):
    assert person(dn.extract(text, date="2024-03-05", nlp=nlp), label).country == ""


def test_two_people_with_one_office_in_two_states(nlp):
    r = dn.extract("US President Joe Biden spoke with President Xi Jinping about China's "
                   "economy.", date="2023-11-15", nlp=nlp)
    assert person(r, "Joe Biden").country == "USA"
    assert person(r, "Xi Jinping").country == "CHN"


@pytest.mark.parametrize("role,office", [
    ("President", "head-of-state"), ("interim president", "head-of-state"),
    ("former President", ""), ("late president", ""), ("Secretary of State", "foreign"),
    ("External Affairs Minister", "foreign"), ("Defence Secretary", "defence"),
    ("Defense Minister", "defence"), ("President-elect", "head-of-state-elect"),
    ("spokesperson", ""), ("", ""),
])
def test_office_of(role, office):
    assert office_of(role) == office


def test_infer_countries_leaves_bound_people_alone(nlp):
    doc = nlp("Peru thanked Peru.")
    actors = [{"id": "PER", "type": "COUNTRY", "country": "PER"},
              {"id": "person:a", "type": "PERSON", "country": "", "role": "Chairman"},
              {"id": "person:b", "type": "PERSON", "country": "", "role": "Minister"},
              {"id": "person:c", "type": "PERSON", "country": "", "role": ""}]
    mentions = [{"actor": "PER", "start": 0, "end": 4}, {"actor": "PER", "start": 13, "end": 17}]
    infer_countries(doc, actors, mentions, bound={"person:a"})
    # bound to an organization, titled, and a bare name with no title
    assert [a["country"] for a in actors[1:]] == ["", "PER", ""]
