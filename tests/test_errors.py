"""The issue codes: one table in the code, the same table in the README."""

from __future__ import annotations

from conftest import ROOT

from diplomacy_nlp.errors import ISSUES, severity, skips
from diplomacy_nlp.types import ArticleIssue


def test_readme_documents_every_issue_code_with_its_severity():
    documented = {}
    for line in (ROOT / "README.md").read_text().splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if len(cells) == 3 and cells[1] in ("error", "warning") and cells[0].startswith("`"):
            for code in cells[0].replace("`", "").split(","):
                documented[code.strip()] = cells[1]
    assert documented == {code: kind.severity for code, kind in ISSUES.items()}


def test_warnings_never_skip_an_article():
    assert all(kind.severity == "error" for kind in ISSUES.values() if kind.skips)


def test_severity_follows_the_code_unless_given():
    assert ArticleIssue("split", "x").severity == "warning"
    assert ArticleIssue("binary", "x").severity == "error"
    assert ArticleIssue("custom", "x").severity == severity("custom") == "error"
    assert ArticleIssue("bad_date", "x", "error").severity == "error"
    assert not skips("custom") and skips("pipeline_error")
