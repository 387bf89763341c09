"""One exception hierarchy for the library, and the table of per-article issue codes.

Every error says what went wrong, with which input, and what to do about it. Problems with
one article are not raised: they are recorded on its result as ``ArticleIssue`` objects whose
``code`` is one of ``ISSUES`` below, so that one bad article never stops a corpus.

Example
-------
>>> ISSUES["binary"].severity, ISSUES["binary"].skips
('error', True)
"""

from __future__ import annotations

from dataclasses import dataclass


class DiplomacyNLPError(Exception):
    """Base class of every error raised by diplomacy_nlp."""


class ModelNotFoundError(DiplomacyNLPError):
    """No usable spaCy pipeline could be loaded."""


class ArticleError(DiplomacyNLPError):
    """An article could not be read or processed (raised only when asked to stop at the first
    failure, e.g. ``write_corpus(..., fail_fast=True)``).

    Attributes
    ----------
    code : str
        A stable, machine-readable code from ``ISSUES`` (``empty``, ``binary``, ...).
    source : str
        The file (and line, for JSON Lines) the article came from.
    """

    def __init__(self, code: str, message: str, *, source: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.source = source


class ActorDictionaryError(DiplomacyNLPError):
    """A user actor dictionary is malformed."""


@dataclass(frozen=True)
class IssueKind:
    """What an issue code means: ``severity`` is ``error`` (the article failed: it was not
    processed, or part of its processing failed) or ``warning`` (the input was repaired, or
    a caveat applies, and the article was processed); ``skips`` tells whether the article's
    text was left unprocessed."""

    severity: str
    skips: bool
    meaning: str


ISSUES: dict[str, IssueKind] = {
    "not_found": IssueKind("error", True, "the path does not exist"),
    "unreadable": IssueKind("error", True,
                            "the file cannot be read (permissions, a broken link, I/O error)"),
    "binary": IssueKind("error", True, "the file is not text (PDF, image, archive, ...)"),
    "bad_jsonl": IssueKind("error", True, "a JSON Lines row is not an object with a text"),
    "empty": IssueKind("error", True, "there is no text left to process"),
    "not_english": IssueKind("error", True, "the text is not English (the model reads English)"),
    "pipeline_error": IssueKind("error", True, "the spaCy pipeline raised an error"),
    "actors_failed": IssueKind("error", False, "actor resolution raised an error"),
    "dates_failed": IssueKind("error", False, "date resolution raised an error"),
    "relations_failed": IssueKind("error", False, "relation extraction raised an error"),
    "encoding": IssueKind("warning", False,
                          "not valid UTF-8 or UTF-16: decoded with replacements or as "
                          "Windows-1252"),
    "control_chars": IssueKind("warning", False,
                               "characters that are not text (NUL, other controls) were "
                               "replaced by spaces"),
    "markup": IssueKind("warning", False, "HTML markup was removed"),
    "bad_date": IssueKind("warning", False,
                          "the date is not a valid YYYY-MM-DD date; processed without it"),
    "split": IssueKind("warning", False,
                       "longer than the pipeline's max_length: processed in parts"),
    "duplicate_id": IssueKind("warning", False, "the id was already used; renamed"),
}


def require(module: str, what: str) -> object:
    """Import a module of the ``notebook`` extra, or say how to install it.

    ``what`` begins the message: ``require("pandas", "tables need")`` raises
    "tables need pandas: pip install 'diplomacy-nlp[notebook]'" when pandas is missing.

    Example
    -------
    >>> require("json", "tables need").__name__
    'json'
    """
    try:
        return __import__(module, fromlist=["_"])
    except ImportError as e:
        raise DiplomacyNLPError(f"{what} {module.split('.')[0]}: pip install "
                                "'diplomacy-nlp[notebook]'") from e


def severity(code: str) -> str:
    """The severity of an issue code (unknown codes are errors).

    Example
    -------
    >>> severity("bad_date"), severity("something_else")
    ('warning', 'error')
    """
    kind = ISSUES.get(code)
    return kind.severity if kind else "error"


def skips(code: str) -> bool:
    """Whether an issue code leaves the article unprocessed.

    Example
    -------
    >>> skips("empty"), skips("bad_date")
    (True, False)
    """
    kind = ISSUES.get(code)
    return kind.skips if kind else False
