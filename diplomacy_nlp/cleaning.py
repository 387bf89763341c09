"""From what a scraper saved to text the model can read.

Each step returns the cleaned value and the issues it met (``ArticleIssue``), never raises on
bad input, and keeps what can be kept:

- ``decode``: bytes to text. A byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding;
  files that are not text (PDF, images, archives: ``filetype``'s signatures, or mostly
  control bytes) are refused as ``binary``; UTF-16 without a BOM is recognised by its zero
  bytes; invalid UTF-8 is decoded with replacement characters when the file is mostly UTF-8,
  else as Windows-1252 (the usual legacy encoding of Western news sites), with an
  ``encoding`` warning that gives the byte offset.
- ``clean_text``: characters that are not text (NUL and other C0/C1 controls, lone
  surrogates, noncharacters; all forbidden in XML 1.0) become spaces, so character offsets
  still match the decoded text (``control_chars``).
- ``strip_markup``: an HTML page becomes its visible text, paragraph by paragraph, with
  ``<title>`` as the title (``markup``).
- ``is_english``: the model reads English; a text written mostly in another script, or whose
  words are mostly another language's function words, is reported ``not_english``.

Example
-------
>>> decode(b"\\xef\\xbb\\xbfPeru thanked China.")
('Peru thanked China.', [])
>>> clean_text("Peru\\x00thanked China.")[0]
'Peru thanked China.'
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache
from html.parser import HTMLParser
from importlib import import_module

import filetype
from spacy.lang.en.stop_words import STOP_WORDS

from .types import ArticleIssue

SNIFF_BYTES = 65536
# Bytes that never occur in text: C0 controls other than tab, newline, form feed, carriage
# return and escape. A text file with a few of them (scraper residue) is cleaned; a file
# with more than this share of them is binary data.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
BINARY_SHARE = 0.05
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Characters XML 1.0 forbids: C0 controls but tab/newline/return, lone surrogates, and the
# noncharacters U+FFFE/U+FFFF ...
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# ... and what no article text needs either: those, DEL and the C1 controls.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is mostly zero (ASCII-range UTF-16)."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, *, source: str = "") -> tuple[str | None, list[ArticleIssue]]:
    """Decode a file's bytes; ``(None, [issue])`` when they are not text.

    Parameters
    ----------
    data : bytes
        The file content.
    source : str
        The file name, for messages.

    Example
    -------
    >>> decode("Perú".encode("utf-16"))
    ('Perú', [])
    >>> decode(b"%PDF-1.7\\n...")[1][0].code
    'binary'
    >>> text, issues = decode("Perú".encode("cp1252")); text, issues[0].code
    ('Perú', 'encoding')
    """
    where = source or "the text"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            issues = [] if "\ufffd" not in text else [ArticleIssue(
                "encoding", f"{where}: byte offset {_first_bad(data, encoding)}: invalid "
                f"{encoding.upper().removesuffix('-SIG')} replaced by U+FFFD")]
            return text, issues
    head = data[:SNIFF_BYTES]
    kind = filetype.guess(head)
    if kind is not None:
        return None, [ArticleIssue("binary", f"{where}: is not text but {kind.mime} "
                                             f"(.{kind.extension}); convert it to text first")]
    utf16 = _utf16_without_bom(head)
    if utf16:
        return data.decode(utf16, errors="replace"), []
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls > BINARY_SHARE * len(head):
        return None, [ArticleIssue("binary", f"{where}: is not text ({controls} control bytes "
                                             f"in the first {len(head)}); convert it to text "
                                             "first")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as e:
        bad = e.start
    text = data.decode("utf-8", errors="replace")
    if any(ord(ch) > 127 and ch != "\ufffd" for ch in text):
        return text, [ArticleIssue("encoding", f"{where}: byte offset {bad}: invalid UTF-8 "
                                               "replaced by U+FFFD")]
    return data.decode("cp1252", errors="replace"), [ArticleIssue(
        "encoding", f"{where}: byte offset {bad}: not valid UTF-8; read as Windows-1252")]


def _first_bad(data: bytes, encoding: str) -> int:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as e:
        return e.start
    return 0


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def clean_text(text: str, *, source: str = "") -> tuple[str, list[ArticleIssue]]:
    """Replace characters that are not text by spaces (offsets are kept).

    Example
    -------
    >>> text, issues = clean_text("Peru\\x00thanked\\x07China.", source="a.txt")
    >>> text, issues[0].message[:40]
    ('Peru thanked China.', 'a.txt: line 1, column 5: 2 characters th')
    """
    first = NOT_TEXT.search(text)
    if first is None:
        return text, []
    cleaned, n = NOT_TEXT.subn(" ", text)
    line, col = _line_col(text, first.start())
    return cleaned, [ArticleIssue("control_chars", f"{source or 'the text'}: line {line}, "
                                                    f"column {col}: {n} characters that are not "
                                                    "text (NUL, control characters) replaced by "
                                                    "spaces")]


_MARKUP = re.compile(r"<(?:!doctype|html|head|body|p|div|br|span|a|table|tr|td|script|style|"
                     r"article|section|h[1-6]|li|ul|ol|meta|link|img|strong|em|b|i)\b[^>]{0,2000}>",
                     re.IGNORECASE)
_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
                     "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
                     "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
                     "td", "th", "tr", "ul"})
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})


def looks_like_html(text: str) -> bool:
    """True when the text holds at least two HTML tags.

    Example
    -------
    >>> looks_like_html("<p>Peru thanked <b>China</b>.</p>"), looks_like_html("a <b> c")
    (True, False)
    """
    matches = _MARKUP.finditer(text)
    return next(matches, None) is not None and next(matches, None) is not None


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def strip_markup(text: str, *, source: str = "") -> tuple[str, str, list[ArticleIssue]]:
    """``(visible text, title, issues)`` of an HTML page; other text is returned unchanged.

    Paragraph-level elements become blank lines; scripts, styles and the head are dropped;
    entities are decoded.

    Example
    -------
    >>> strip_markup("<html><title>T</title><p>Peru &amp; China.</p><p>Next.</p></html>")[:2]
    ('Peru & China.\\n\\nNext.', 'T')
    """
    if not looks_like_html(text):
        return text, "", []
    parser = _Visible()
    parser.feed(text)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    body = "\n\n".join(p for p in paragraphs if p)
    title = " ".join("".join(parser.title).split())
    return body, title, [ArticleIssue("markup", f"{source or 'the text'}: HTML markup removed "
                                                f"({len(text)} characters of markup and text "
                                                f"became {len(body)} characters of text)")]


_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 20
MAX_WORD = 40
LANGUAGE_SAMPLE = 20000
# Latin-script languages whose function words spaCy ships (spacy.lang.<code>.stop_words)
OTHER_LANGUAGES = ("af", "ca", "cs", "da", "de", "es", "et", "eu", "fi", "fr", "ga", "hr", "hu",
                   "id", "is", "it", "lt", "lv", "nb", "nl", "pl", "pt", "ro", "sk", "sl", "sq",
                   "sv", "tl", "tr")
FOREIGN_SHARE = 0.15


@cache
def _function_words() -> dict[str, tuple[int, ...]]:
    """Each function word of the other languages, with the languages (indexes) it belongs to:
    one lookup per word counts them all."""
    found: dict[str, list[int]] = {}
    for n, code in enumerate(OTHER_LANGUAGES):
        try:
            words = import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS
        except ImportError:  # a spaCy without that language
            continue
        for w in words:
            found.setdefault(w, []).append(n)
    return {w: tuple(langs) for w, langs in found.items()}


def is_english(text: str) -> bool:
    """Whether a text reads as English, judged on its first 20,000 characters.

    False when most letters are outside the Latin script, or when a text of 20 words or more
    reads as another language: some language's function words (spaCy's stop word lists of 29
    Latin-script languages) make at least 15% of its words and more than twice the share of
    English ones. On our samples English news runs at 31-45% English function words and at
    most 15% of any other language's; French, Spanish, German, Italian, Portuguese, Dutch,
    Indonesian and Turkish news at 18-59% of their own and at most 13% of English ones. Tokens
    over 40 characters (URLs, encoded data) are not counted, and a text with no function
    words at all (a list of names) is given the benefit of the doubt.

    Example
    -------
    >>> is_english("Peru thanked China for the masks it sent to Lima on Thursday.")
    True
    >>> is_english("中国国家主席习近平周四与秘鲁总统比斯卡拉通电话，双方讨论了疫情。")
    False
    """
    sample = text[:LANGUAGE_SAMPLE]
    if not sample.isascii():
        letters = [ch for ch in sample if ch.isalpha()]
        latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
        if latin < 0.5 * len(letters):
            return False
    words = [w for token in sample.lower().split() if len(token) <= MAX_WORD
             for w in _WORD.findall(token)]
    if len(words) < MIN_WORDS:
        return True
    english = sum(w in STOP_WORDS for w in words)
    table = _function_words()
    counts = [0] * len(OTHER_LANGUAGES)
    for w in words:
        for n in table.get(w, ()):
            counts[n] += 1
    other = max(counts)
    return not (other >= FOREIGN_SHARE * len(words) and other > 2 * english)
