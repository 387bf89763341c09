"""Users' actor dictionaries: the file formats, their errors, and how they override resolution."""

from __future__ import annotations

import pytest
import spacy
from conftest import ROOT

import diplomacy_nlp as dn
from diplomacy_nlp.cli import main
from diplomacy_nlp.dictionary import ActorDictionary

EXAMPLES = ROOT / "examples"
TEXT = ("The German chancellor met Guterres in Berlin. The Kremlin said Wagner fighters had "
        "left.")


@pytest.fixture(scope="module")
def nlp_with_actors():
    return dn.load(actors=EXAMPLES / "actors.csv")


def test_csv_and_yaml_examples_say_the_same():
    def fields(d):
        return [(e.id, e.name, e.type, e.country, e.role, e.aliases, e.valid_from, e.valid_to)
                for e in d.entries]

    csv_d = ActorDictionary.from_file(EXAMPLES / "actors.csv")
    yaml_d = ActorDictionary.from_file(EXAMPLES / "actors.yaml")
    assert len(csv_d) == 5 and fields(csv_d) == fields(yaml_d)


@pytest.mark.parametrize("date,chancellor", [("2023-03-01", "person:olaf-scholz"),
                                             ("2025-09-01", "person:friedrich-merz")])
def test_entries_apply_in_their_period(nlp_with_actors, date, chancellor):
    r = dn.extract(TEXT, date=date, nlp=nlp_with_actors)
    first = r.mentions[0]
    assert (first.text, first.actor) == ("The German chancellor", chancellor)
    actors = {a.id: a for a in r.actors}
    assert actors[chancellor].country == "DEU" and actors[chancellor].role == "Chancellor"


def test_undated_articles_use_only_unlimited_entries(nlp_with_actors):
    r = dn.extract(TEXT, nlp=nlp_with_actors)
    ids = {a.id for a in r.actors}
    assert not ids & {"person:olaf-scholz", "person:friedrich-merz", "person:antonio-guterres"}
    assert {"org:presidential-administration-of-russia", "org:wagner-group"} <= ids


def test_dictionary_overrides_builtin_resolution(nlp, nlp_with_actors):
    plain = {a.id: a for a in dn.extract(TEXT, date="2023-03-01", nlp=nlp).actors}
    assert "Kremlin" in plain["RUS"].aliases  # built in, the seat stands for the state
    r = dn.extract(TEXT, date="2023-03-01", nlp=nlp_with_actors)
    actors = {a.id: a for a in r.actors}
    office = actors["org:presidential-administration-of-russia"]
    assert (office.type, office.country, office.aliases) == ("ORGANIZATION", "RUS", ("Kremlin",))
    assert "RUS" not in actors
    assert actors["org:wagner-group"].type == "ORGANIZATION"
    assert actors["org:wagner-group"].country == "RUS"
    guterres = actors["person:antonio-guterres"]
    # the entry's blank country stays blank: no guess from the article's context
    assert (guterres.label, guterres.country) == ("António Guterres", "")


def test_a_surname_links_to_the_dictionary_person(nlp_with_actors):
    r = dn.extract("Olaf Scholz arrived in Paris. Later, Chancellor Scholz said talks went well.",
                   date="2023-03-01", nlp=nlp_with_actors)
    people = [a for a in r.actors if a.type == "PERSON"]
    assert [(a.id, a.mentions) for a in people] == [("person:olaf-scholz", 2)]


def test_pipeline_round_trip_keeps_the_dictionary(tmp_path, nlp_with_actors):
    nlp_with_actors.to_disk(tmp_path / "pipeline")
    again = dn.load(spacy.load(tmp_path / "pipeline"))
    r = dn.extract(TEXT, date="2023-03-01", nlp=again)
    assert "org:wagner-group" in {a.id for a in r.actors}
    assert len(again.get_pipe("diplomacy_actors").dictionary) == 5


def test_load_keeps_pipelines_with_and_without_a_dictionary_apart(nlp, nlp_with_actors):
    assert nlp is not nlp_with_actors
    assert dn.load() is nlp
    assert nlp.get_pipe("diplomacy_actors").dictionary is None


BAD_CSV = [
    ("name,type\nJane Roe,PERSON\nJohn Roe,PERSN\n", 3, "type 'PERSN' is not one of"),
    ("name,type,country\nJane Roe,PERSON,Canada\n", 2, "not an ISO 3166-1 alpha-3 code"),
    ("name,type,valid_from\nJane Roe,PERSON,2020-02-30x\n", 2, "is not a YYYY-MM-DD date"),
    ("name,type,valid_from,valid_to\n\nJane Roe,PERSON,2021-01-01,2020-01-01\n", 3,
     "is after valid_to"),
    ("name,kind\nJane Roe,PERSON\n", 1, "missing column(s) type"),
    ("name,type,colour\nJane Roe,PERSON,red\n", 2, "unknown column(s) colour"),
    ("name,type\nJane Roe,PERSON,extra\n", 2, "more fields than the header"),
    ("name,type\n,PERSON\n", 2, "'name' is empty"),
    ("name,type\nRoeland,COUNTRY\n", 2, "a COUNTRY needs an 'id' or a 'country'"),
]
BAD_YAML = [
    ("- name: Jane Roe\n  type: PERSON\n- name: John Roe\n  type: PERSN\n", 3,
     "type 'PERSN' is not one of"),
    ("- name: Jane Roe\n  type: PERSON\n  aliases: [Roe\n- name: John\n", 4, "not valid YAML"),
    ("name: Jane Roe\ntype: PERSON\n", 1, "expected a list of actors"),
    ("- Jane Roe\n", 1, "each actor must be a mapping"),
    ("- name: Jane Roe\n  type: PERSON\n- name: John Roe\n  valid_to: 2020-13-01\n", 3,
     "cannot read this actor"),
    ("- name: Jane Roe\n  type: PERSON\n  valid_to: 2020-1-5\n", 1, "is not a YYYY-MM-DD"),
]


@pytest.mark.parametrize("suffix,content,line,message",
                         [(".csv", *c) for c in BAD_CSV] + [(".yaml", *c) for c in BAD_YAML])
def test_bad_dictionary_names_the_line(tmp_path, suffix, content, line, message):
    path = tmp_path / f"actors{suffix}"
    path.write_text(content)
    with pytest.raises(dn.ActorDictionaryError) as info:
        ActorDictionary.from_file(path)
    assert f"{path}, line {line}: " in str(info.value)
    assert message in str(info.value)


def test_unreadable_or_unknown_dictionary_files(tmp_path):
    with pytest.raises(dn.ActorDictionaryError, match="cannot read"):
        ActorDictionary.from_file(tmp_path / "missing.csv")
    (tmp_path / "actors.txt").write_text("name,type\n")
    with pytest.raises(dn.ActorDictionaryError, match=r"must be \.csv, \.yaml or \.yml"):
        ActorDictionary.from_file(tmp_path / "actors.txt")


def test_command_takes_an_actor_dictionary(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(f" date 2023-03-01 A title\n\n{TEXT}\n")
    assert main(["extract", str(article), "--out", str(tmp_path / "out"), "--quiet",
                 "--actors", str(EXAMPLES / "actors.yaml")]) == 0
    records = list(dn.read_jsonl(tmp_path / "out" / "documents.jsonl"))
    assert "person:olaf-scholz" in {a.id for a in records[0].actors}
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\nJane Roe,PERSN\n")
    assert main(["extract", str(article), "--out", str(tmp_path / "out2"), "--quiet",
                 "--actors", str(bad)]) == 2
    assert f"{bad}, line 2: type 'PERSN'" in capsys.readouterr().err
    assert not (tmp_path / "out2").exists()
