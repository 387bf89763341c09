"""Date normalisation: resolve a date expression against the article's date.

Values are ISO 8601 at the precision the text gives: ``2020-04-30`` (a day), ``2020-04``
(a month), ``2021`` (a year). Decisions, recorded here because nobody else will:

* a bare weekday is the most recent such day, the article's own day included, unless the
  sentence speaks of the future (``will``/``shall``), then the next one;
* ``last Friday``/``next Friday`` are the Friday of the previous/next calendar week
  (weeks start on Monday);
* a week (``last week``) is given at month precision, the month of the week's Monday;
  ISO week values (``2012-W15``) are precise but no downstream tool compares them with months;
* a day or month named without a year takes the year that puts it closest to the article date;
* durations ("two days", "20 years"), seasons and fiscal years stay unresolved (empty value).

Absolute dates are parsed with dateparser; the relative forms above are rules over the text.

Example
-------
>>> resolve_date("Thursday", "2020-05-01"), resolve_date("next year", "2020-05-01")
('2020-04-30', '2021')
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
# Leading words that frame a date without changing what it refers to.
_FRAME = re.compile(r"^(?:(?:earlier|later)\s+on|on|since|until|till|by|from|as of|in|at|"
                    r"during|before|after|starting|through)\s+", re.I)
_REL_UNIT = re.compile(
    r"^(?:(?P<early>the\s+(?:end|beginning|start|middle)\s+of|early|earlier|late|later|mid)"
    r"[\s-]+)?(?P<which>this|last|next|the\s+current|the\s+coming|the\s+past|the\s+previous)\s+"
    r"(?P<unit>year|month|week)$", re.I)
_WEEKDAY = re.compile(r"^(?:(?P<which>last|next|this|past|coming)\s+)?(?P<day>" +
                      "|".join(WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?$", re.I)
_YEAR = re.compile(r"^(?:the\s+year\s+)?(?P<y>1[89]\d\d|20\d\d)$")
_PART_OF_MONTH = re.compile(r"^(?:the\s+(?:end|beginning|start|middle)\s+of|early|late|mid)"
                            r"[\s-]+(?P<rest>.+)$", re.I)
_MONTH_RANGE = re.compile(r"^(?P<m1>" + _MONTH_RE + r")\s*[-–/]\s*(?P<m2>" + _MONTH_RE +
                          r")(?:\s+(?P<y>\d{4}))?$", re.I)
_HAS_CALENDAR_WORD = re.compile(r"\b(?:" + _MONTH_RE + r"|\d{4}|\d{1,2}[/.-]\d{1,2})", re.I)
_FUTURE_SHIFT = {"next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1}


def _month_of(word: str) -> int | None:
    return _MONTH_ABBR.get(word.lower().rstrip(".")[:3])


@cache
def _parser():  # dateparser is slow to import; only pay for it when an absolute date appears
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": [], "STRICT_PARSING": False,
        "PARSERS": ["absolute-time"]})


def _closest_year(month: int, day: int, base: dt.date) -> int:
    best = base.year
    best_gap = None
    for y in (base.year - 1, base.year, base.year + 1):
        try:
            gap = abs((dt.date(y, month, day) - base).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def clean_date_text(text: str) -> str:
    """Strip framing words and punctuation that do not change what a date refers to.

    Example
    -------
    >>> clean_date_text("earlier on Tuesday")
    'Tuesday'
    """
    text = re.sub(r"\s+", " ", text).strip(" ,.;:()[]\"'“”‘’")
    while True:
        new = _FRAME.sub("", text)
        if new == text:
            return text
        text = new


def resolve_date(text: str, article_date: str | dt.date | None, *, future: bool = False) -> str:
    """Resolve one date expression to an ISO 8601 value, or ``""`` when it cannot be.

    Parameters
    ----------
    text : str
        The expression, e.g. ``"last Thursday"``, ``"Nov. 26"``, ``"the end of this month"``.
    article_date : str or datetime.date or None
        The article's date; relative expressions cannot be resolved without it.
    future : bool
        The sentence speaks of the future, so a bare weekday is the next one.

    Example
    -------
    >>> resolve_date("last Friday", "2024-08-24"), resolve_date("January", "2012-04-17")
    ('2024-08-16', '2012-01')
    """
    text = clean_date_text(text)
    if not text:
        return ""
    base = dt.date.fromisoformat(article_date) if isinstance(article_date, str) and article_date \
        else article_date if isinstance(article_date, dt.date) else None
    low = text.lower()
    if m := _YEAR.match(low):
        return m.group("y")
    if base is None:
        return _absolute(text, None)
    if low in ("today", "this day", "tonight", "this morning", "this afternoon", "this evening"):
        return base.isoformat()
    if low in ("yesterday", "last night"):
        return (base - dt.timedelta(days=1)).isoformat()
    if low == "tomorrow":
        return (base + dt.timedelta(days=1)).isoformat()
    if m := _WEEKDAY.match(low):
        return _weekday(WEEKDAYS.index(m.group("day")), m.group("which"), base, future).isoformat()
    if m := _REL_UNIT.match(low):
        which = m.group("which").split()[-1]
        shift = _FUTURE_SHIFT.get(which, 0)
        unit = m.group("unit")
        if unit == "year":
            return str(base.year + shift)
        if unit == "month":
            month = base.month + shift
            year = base.year + (month - 1) // 12
            return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=shift)
        return monday.strftime("%Y-%m")
    if m := _PART_OF_MONTH.match(text):
        value = resolve_date(m.group("rest"), base)
        return value[:7]
    if m := _MONTH_RANGE.match(text):
        month = _month_of(m.group("m1")) or 0
        year = int(m.group("y")) if m.group("y") else _closest_year(month, 1, base)
        return f"{year:04d}-{month:02d}"
    return _absolute(text, base)


def _weekday(day: int, which: str | None, base: dt.date, future: bool) -> dt.date:
    monday = base - dt.timedelta(days=base.weekday())
    if which in ("last", "past"):
        return monday - dt.timedelta(weeks=1) + dt.timedelta(days=day)
    if which in ("next", "coming"):
        return monday + dt.timedelta(weeks=1) + dt.timedelta(days=day)
    if which == "this":
        return monday + dt.timedelta(days=day)
    delta = (base.weekday() - day) % 7
    if future:
        return base + dt.timedelta(days=(day - base.weekday()) % 7 or 7)
    return base - dt.timedelta(days=delta)


@lru_cache(maxsize=16384)
def _parse_absolute(text: str) -> tuple[dt.date, str] | None:
    """dateparser's reading of an expression (date, period); the same few thousand
    expressions ("March 3", "2023") recur across a news corpus, and dateparser is the slowest
    step of date resolution."""
    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _absolute(text: str, base: dt.date | None) -> str:
    """Absolute calendar dates ("Nov. 26", "17 September 2024", "March 2023") via dateparser."""
    if not _HAS_CALENDAR_WORD.search(text):
        return ""
    parsed = _parse_absolute(text)
    if parsed is None:
        return ""
    d, period = parsed
    has_year = re.search(r"\b\d{4}\b", text) is not None
    if not has_year:
        if base is None:
            return ""
        d = d.replace(year=_closest_year(d.month, d.day if period == "day" else 1, base))
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()
