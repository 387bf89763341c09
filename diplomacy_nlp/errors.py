"""One exception hierarchy for the library.

Every error says what went wrong, with which input, and what to do about it.
"""

from __future__ import annotations


class DiplomacyNLPError(Exception):
    """Base class of every error raised by diplomacy_nlp."""


class ModelNotFoundError(DiplomacyNLPError):
    """No usable spaCy pipeline could be loaded."""


class ArticleError(DiplomacyNLPError):
    """An article could not be read or processed.

    Attributes
    ----------
    code : str
        A stable, machine-readable code (``empty``, ``decode_error``, ``bad_date``, ...).
    source : str
        The file (and line, for JSON Lines) the article came from.
    """

    def __init__(self, code: str, message: str, *, source: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.source = source


class ActorDictionaryError(DiplomacyNLPError):
    """A user actor dictionary is malformed."""
