"""A corpus of bad input, one file per case, plus good articles (all text written by us).

``make_corpus(root)`` writes it and returns what each article should give: its issue codes
and whether its text is processed. The reader tests, the pipeline tests and the command's
acceptance test share it.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

GOOD = (" date 2021-03-04 Talks in Berlin\n\nFrench President Emmanuel Macron met German "
        "Chancellor Olaf Scholz in Berlin on Tuesday. Macron thanked Germany for its support, "
        "and Scholz praised France.\n")
BODY = ("Peruvian President Martin Vizcarra thanked China on Thursday for the medical supplies "
        "it sent to Lima. French Foreign Minister Jean-Yves Le Drian condemned Russia over the "
        "attack, and Germany called for talks. The World Health Organization praised Kenya's "
        "response, officials said.\n\n")
HUGE_CHARS = 1_050_000  # over spaCy's default max_length of 1,000,000


@dataclass(frozen=True)
class Case:
    codes: tuple[str, ...]
    processed: bool


def _write(root: Path, name: str, data: bytes | str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def make_corpus(root: Path, *, huge: bool = False) -> dict[str, Case]:
    """Write the corpus under ``root``; returns ``{article id: Case}``.

    ``huge`` adds an article over spaCy's max_length (about a minute of model time).
    """
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    cases: dict[str, Case] = {}

    def add(name: str, data: bytes | str, codes: tuple[str, ...] = (),
            processed: bool = True) -> None:
        _write(root, name, data)
        cases[Path(name).stem] = Case(codes, processed)

    add("good_berlin.txt", GOOD)
    add("good_lima.txt", " date 2020-05-01 Supplies\n\n" + BODY)
    add("empty.txt", b"", ("empty",), False)
    add("whitespace_only.txt", "  \n\t\r\n   \n", ("empty",), False)
    add("binary_pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        + bytes(range(256)) * 8, ("binary",), False)
    add("binary_blob.txt", bytes(rng.randrange(256) for _ in range(8192)), ("binary",), False)
    add("invalid_utf8.txt", (" date 2020-05-01 Masks\n\nPeru thanked China for the "
                             "\u201cmasks\u201d it sent to Lima, said Foreign Minister Gustavo "
                             "Meza-Cuadra.\n").encode("cp1252"), ("encoding",))
    add("bom_utf8.txt", "\ufeff" + GOOD)
    add("bom_utf16.txt", GOOD.encode("utf-16"))
    add("impossible_date.txt", GOOD.replace("2021-03-04", "2021-02-30"), ("bad_date",))
    add("no_header.txt", BODY)
    add("page.html", "<!DOCTYPE html><html><head><title>Talks in Berlin</title><style>p {color: "
        "red}</style><script>var x = '<p>not text</p>';</script></head><body><nav><a href='/'>"
        "Home</a></nav><article><h1>Talks in Berlin</h1><p>French President Emmanuel Macron "
        "met German Chancellor Olaf Scholz in Berlin on Tuesday.</p><p>Macron thanked Germany "
        "for its support &amp; Scholz praised France.</p></article></body></html>",
        ("markup",))
    add("control_chars.txt", " date 2021-03-04 Talks\n\nFrench President Emmanuel Macron\x00 "
        "met German Chancellor Olaf Scholz\x07 in Berlin.\x1b[0m Macron thanked\x7f Germany.\x0c",
        ("control_chars",))
    blob = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                   for _ in range(50_000))
    add("long_tokens.txt", " date 2020-05-01 Tokens\n\nPeru thanked China. data:image/png;base64,"
        f"{blob}= and https://example.org/{'a/' * 1000}index.html\n\n{BODY}")
    add("french.txt", "Le président français a rencontré mardi le chancelier allemand à Berlin "
        "pour discuter de la guerre en Ukraine et des sanctions contre la Russie, a indiqué "
        "l'Élysée dans un communiqué publié dans la soirée.", ("not_english",), False)
    add("chinese.txt", "中国国家主席习近平周四与秘鲁总统比斯卡拉通电话，"
        "双方讨论了新冠肺炎疫情和医疗物资。", ("not_english",), False)
    add("dup_a/same.txt", GOOD)
    _write(root, "dup_b/same.txt", " date 2020-05-01 Other\n\n" + BODY)
    cases["same~2"] = Case(("duplicate_id",), True)
    rows = [json.dumps({"id": "row-good", "text": BODY, "date": "2020-05-01"}),
            "{not json",
            "[1, 2]",
            json.dumps({"id": "row-no-text"}),
            json.dumps({"id": "row-bad-date", "text": GOOD, "date": "2021-13-45"}),
            "",
            '{"id": "row-controls", "text": "Peru thanked China.\\u0000 Lone \\ud800 half."}']
    add("rows.jsonl", "\n".join(rows) + "\n")
    del cases["rows"]
    cases.update({"row-good": Case((), True), "rows:2": Case(("bad_jsonl",), False),
                  "rows:3": Case(("bad_jsonl",), False),
                  "rows:4": Case(("bad_jsonl",), False),
                  "row-bad-date": Case(("bad_date",), True),
                  "row-controls": Case(("control_chars",), True)})
    loop = root / "loop.txt"
    loop.symlink_to(loop.name)
    cases["loop"] = Case(("unreadable",), False)
    root_user = os.geteuid() == 0  # root reads files whatever their mode
    add("locked.txt", GOOD, () if root_user else ("unreadable",), root_user)
    (root / "locked.txt").chmod(0)
    if huge:
        text = " date 2020-05-01 Transcript\n\n" + BODY * (HUGE_CHARS // len(BODY) + 1)
        add("huge.txt", text, ("split",))
    return cases


def missing(root: Path) -> tuple[Path, dict[str, Case]]:
    """A path that does not exist, and what it gives."""
    return root / "missing.txt", {"missing": Case(("not_found",), False)}
