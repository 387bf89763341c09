"""Date normalisation against the article date."""

from __future__ import annotations

import pytest

import diplomacy_nlp as dn
from diplomacy_nlp.dates import resolve_date


@pytest.mark.parametrize(("text", "base", "want"), [
    ("Thursday", "2020-05-01", "2020-04-30"),       # most recent Thursday before a Friday
    ("Friday", "2020-05-01", "2020-05-01"),         # the article's own day
    ("last Friday", "2024-08-24", "2024-08-16"),    # previous calendar week
    ("next Monday", "2024-08-24", "2024-08-26"),
    ("next year", "2020-05-01", "2021"),
    ("last year", "2020-05-01", "2019"),
    ("later this year", "2017-04-12", "2017"),
    ("this month", "2012-04-17", "2012-04"),
    ("the end of this month", "2012-04-17", "2012-04"),
    ("next month", "2019-12-10", "2020-01"),
    ("last week", "2012-04-17", "2012-04"),
    ("yesterday", "2021-03-01", "2021-02-28"),
    ("tomorrow", "2021-02-28", "2021-03-01"),
    ("today", "2021-02-28", "2021-02-28"),
    ("January", "2012-04-17", "2012-01"),
    ("December 20", "2024-01-10", "2023-12-20"),    # closest year to the article
    ("Nov. 26", "2023-11-26", "2023-11-26"),
    ("17 September 2024", "2020-01-01", "2024-09-17"),
    ("March 2023", "2024-01-01", "2023-03"),
    ("mid-April", "2023-07-13", "2023-04"),
    ("July-August", "2024-09-17", "2024-07"),
    ("2019", "2023-11-26", "2019"),
    ("earlier on Tuesday", "2023-03-29", "2023-03-28"),
    ("two days", "2023-03-29", ""),
    ("the past 30 years", "2023-03-29", ""),
    ("the current fiscal year", "2023-03-29", ""),
    ("Thursday", None, ""),                         # relative date without an article date
])
def test_resolve_date(text, base, want):
    assert resolve_date(text, base) == want


def test_future_weekday():
    assert resolve_date("Monday", "2024-08-21", future=True) == "2024-08-26"


def test_dates_in_seed(seed_result):
    values = {(d.text, d.value) for d in seed_result.dates}
    assert ("Thursday", "2020-04-30") in values
    assert ("next year", "2021") in values


def test_date_offsets_point_at_text(nlp):
    text = "The ministers met on Sunday (Nov. 26) in Brasilia."
    r = dn.extract(text, date="2023-11-26", nlp=nlp)
    for d in r.dates:
        assert text[d.start:d.end] == d.text
    assert {(d.text, d.value) for d in r.dates} >= {("Sunday", "2023-11-26")}
