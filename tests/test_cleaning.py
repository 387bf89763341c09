"""From bytes to clean text: encodings, binary files, markup, control characters, language."""

from __future__ import annotations

import codecs
import gzip

import pytest

from diplomacy_nlp.cleaning import clean_text, decode, is_english, strip_markup

TEXT = "Perú thanked China for the “masks”."


@pytest.mark.parametrize(("data", "text", "codes"), [
    (TEXT.encode(), TEXT, []),
    (codecs.BOM_UTF8 + TEXT.encode(), TEXT, []),
    (TEXT.encode("utf-16"), TEXT, []),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT, []),
    (TEXT.encode("utf-32"), TEXT, []),
    (TEXT.encode("utf-16-le"), TEXT, []),  # no BOM: recognised by its zero bytes
    (TEXT.encode("utf-16-be"), TEXT, []),
    (TEXT.encode("cp1252"), TEXT, ["encoding"]),
    (TEXT.encode()[:-1] + b"\xff.", TEXT[:-1] + "\ufffd.", ["encoding"]),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + b"\x00", TEXT + "\ufffd", ["encoding"]),
    (b"", "", []),
])
def test_decode_text(data, text, codes):
    got, issues = decode(data, source="f.txt")
    assert got == text
    assert [i.code for i in issues] == codes
    assert all("f.txt: byte offset" in i.message for i in issues)


@pytest.mark.parametrize(("data", "says"), [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(200), "application/pdf"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"),
    (gzip.compress(TEXT.encode() * 20), "application/gzip"),
    (b"PK\x03\x04" + bytes(100), "application/zip"),
    (bytes(range(32)) * 50, "control bytes"),
])
def test_decode_refuses_binary(data, says):
    text, (issue,) = decode(data, source="f.txt")
    assert text is None and issue.code == "binary" and issue.severity == "error"
    assert says in issue.message and issue.message.startswith("f.txt: ")


def test_clean_text_keeps_offsets_and_says_where():
    raw = "Line one.\nPeru\x00 thanked\x1b[0m China\ud800.\ufffe"
    text, (issue,) = clean_text(raw, source="f.txt")
    assert len(text) == len(raw) and text.index("China") == raw.index("China")
    assert text == "Line one.\nPeru  thanked [0m China . "
    assert issue.message.startswith("f.txt: line 2, column 5: 4 characters")
    assert clean_text("Tabs\tand\nnewlines\r\n stay.") == ("Tabs\tand\nnewlines\r\n stay.", [])


@pytest.mark.parametrize(("html", "text", "title"), [
    ("<p>Peru &amp; China</p><p>agreed.</p>", "Peru & China\n\nagreed.", ""),
    ("<html><head><title>T &lt;1&gt;</title><script>if (a < b) {}</script></head>"
     "<body><div>One<br>two</div></body></html>", "One\n\ntwo", "T <1>"),
    ("<P CLASS=x>Upper</P><DIV>case</DIV>", "Upper\n\ncase", ""),
])
def test_strip_markup(html, text, title):
    body, got_title, (issue,) = strip_markup(html, source="p.html")
    assert (body, got_title, issue.code) == (text, title, "markup")


@pytest.mark.parametrize("text", ["Use a < b when x > y.", "See <b> and nothing else.",
                                  "Plain text."])
def test_text_that_is_not_html_is_left_alone(text):
    assert strip_markup(text) == (text, "", [])


@pytest.mark.parametrize(("text", "english"), [
    ("Peru thanked China on Thursday for the medical supplies that it sent to Lima, and the "
     "two governments said they would keep working together on the response.", True),
    ("Short text: Xi, Putin, Macron.", True),
    ("El presidente de México se reunió el martes con el primer ministro de Canadá para "
     "discutir el comercio y la migración en la frontera, según un comunicado del gobierno.",
     False),
    ("Der Bundeskanzler traf am Dienstag den französischen Präsidenten in Berlin, um über den "
     "Krieg in der Ukraine und die Sanktionen gegen Russland zu sprechen, hieß es.", False),
    ("O presidente do Brasil se reuniu na terça-feira com o primeiro-ministro de Portugal para "
     "discutir comércio e cooperação, segundo um comunicado do governo.", False),
    ("Президент России провел во вторник телефонный разговор с премьер-министром Индии.",
     False),
    ("قال الرئيس المصري إن بلاده ستواصل دعم الشعب الفلسطيني في المحافل الدولية.", False),
    ("De minister-president heeft dinsdag in Den Haag gesproken met de Duitse bondskanselier "
     "over de oorlog in Oekraïne en de sancties tegen Rusland, meldde het ministerie.", False),
    ("Presiden Indonesia bertemu dengan Perdana Menteri Australia di Jakarta pada hari Selasa "
     "untuk membahas kerja sama perdagangan dan keamanan regional yang semakin penting.", False),
    # English with no function words at all is still English
    (" ".join(f"{c} thanked Peru." for c in ("France", "Chile", "Kenya", "Ghana", "Spain",
                                               "Italy", "Japan", "India", "Egypt")), True),
])
def test_is_english(text, english):
    assert is_english(text) is english
