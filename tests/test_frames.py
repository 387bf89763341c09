"""Results as DataFrames: documented columns and types, one row per record."""

from __future__ import annotations

import pandas as pd
import pytest

import diplomacy_nlp as dn
from diplomacy_nlp.frames import COLUMNS


@pytest.fixture(scope="module")
def frames(seed_result, nlp):
    other = dn.extract("France condemned Russia on Monday.", date="2022-03-02", nlp=nlp, id="b")
    broken = dn.Result(id="c", source="c.txt",
                       errors=(dn.ArticleIssue("binary", "c.txt: is not text"),))
    return dn.to_frames([seed_result, other.to_dict(), broken]), seed_result, other


def test_tables_have_the_documented_columns(frames):
    f, _, _ = frames
    for name, columns in COLUMNS.items():
        assert tuple(getattr(f, name).columns) == columns


def test_one_row_per_record(frames):
    f, seed, other = frames
    assert len(f.actors) == len(seed.actors) + len(other.actors)
    assert len(f.mentions) == len(seed.mentions) + len(other.mentions)
    assert len(f.relations) == len(seed.relations) + len(other.relations)
    assert len(f.dates) == len(seed.dates) + len(other.dates)
    assert f.issues.to_dict("records") == [{"document": "c", "source": "c.txt", "code": "binary",
                                            "severity": "error",
                                            "message": "c.txt: is not text"}]


def test_column_types(frames):
    f, _, _ = frames
    assert f.actors["mentions"].dtype == "int64"
    assert f.mentions[["start", "end", "sentence"]].dtypes.eq("int64").all()
    assert f.relations["negated"].dtype == bool and f.relations["hypothetical"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(f.relations["when"])
    row = f.relations[f.relations.document == "b"].iloc[0]
    assert (row.source_label, row.type, row.target_label, row.date) == \
        ("France", "ACCUSE", "Russia", "2022-02-28")
    assert row.when == pd.Timestamp("2022-02-28")


def test_mentions_point_into_the_text(frames):
    f, seed, _ = frames
    rows = f.mentions[f.mentions.document == seed.id]
    assert all(seed.text[r.start:r.end] == r.text for r in rows.itertuples())


def test_partial_dates_are_the_first_day(nlp):
    r = dn.extract("Peru thanked China in March 2019.", date="2020-05-01", nlp=nlp)
    dates = r.to_frame("dates")
    assert dates.loc[0, "value"] == "2019-03"
    assert dates.loc[0, "when"] == pd.Timestamp("2019-03-01")


def test_result_and_corpus_give_the_same_tables(seed_result):
    one = seed_result.to_frame("actors")
    assert one.equals(dn.Corpus([seed_result]).to_frames().actors)
    assert list(one["id"]) == [a.id for a in seed_result.actors]


def test_no_results_give_empty_tables():
    f = dn.to_frames([])
    assert all(len(getattr(f, name)) == 0 for name in COLUMNS)
