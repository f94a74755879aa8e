"""Property tests: extract and attribute never crash, and every span is a true slice of the text.

Texts are generated from words, names, cue verbs, every kind of quote mark, newlines, punctuation and
arbitrary unicode. Runs on the session's spaCy pipeline; ``max_examples`` keeps it under half a minute.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atodds.attribute import attribute
from atodds.extract import extract
from atodds.records import Span

WORDS = ["the", "minister", "said", "told", "reporters", "according", "to", "he", "she", "they", "we",
         "will", "not", "never", "army", "police", "claimed", "denied", "added", "warned", "Ola", "Berg",
         "Marit", "Esker", "spokesman", "Defense", "Minister", "a", "statement", "on", "Monday", "that",
         "ceasefire", "talks", "fail", "Mr.", "Dr.", "U.S.", "it's", "don't", "officials", "say"]  # fmt: skip
QUOTE_MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u201a",
               "\u2039", "\u203a", "\u300c", "\u300d", "\u300e", "\u300f", "`", "``", "''", "\uff02",
               "\u2032", "\u2033", '"\u201d', "\u201c'"]  # fmt: skip
PUNCT = [".", ",", ":", ";", "!", "?", "...", "\u2026", "-", "\u2014", "(", ")", "[", "]", "/", "&"]
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\r\n", "\u2028", ""]
UNICODE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=4
)

pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(PUNCT),
    st.sampled_from(["\U0001f600", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u202e", "\u200b", "\ufeff"]),
    UNICODE,
)
texts = st.lists(st.tuples(pieces, st.sampled_from(SPACES)), max_size=60).map(
    lambda parts: "".join(piece + space for piece, space in parts)
)
# quote-shaped texts: '"words," NAME said.' fragments, some with the marks dropped or mismatched
quoted = st.lists(
    st.tuples(
        st.sampled_from(QUOTE_MARKS),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
        st.sampled_from([*QUOTE_MARKS, ""]),
        st.sampled_from(
            [" he said.", " said Ola Berg.", ", the minister told reporters.", " ", "\n\n", ": "]
        ),
    ),
    max_size=8,
).map(lambda parts: "".join(f"{o}{body},{c}{tail}" for o, body, c, tail in parts))
any_text = st.one_of(texts, quoted, st.tuples(quoted, texts).map(" ".join))

PROPERTY_SETTINGS = settings(
    max_examples=250,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def check_span(span: Span | None, text: str) -> None:
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(text), span
    assert span.text == text[span.start : span.end], span


@pytest.fixture(scope="module")
def pipeline(nlp: Any, knowledge: Any) -> tuple[Any, Any]:
    return nlp, knowledge


@PROPERTY_SETTINGS
@given(text=any_text)
def test_extract_spans_are_slices_of_the_text(pipeline: tuple[Any, Any], text: str) -> None:
    nlp, _ = pipeline
    doc = nlp(text)
    for att in extract(doc):
        check_span(att.content, text)
        check_span(att.cue, text)
        check_span(att.mention, text)
        assert att.kind in ("direct", "indirect", "mixed")


@PROPERTY_SETTINGS
@given(text=any_text)
def test_attribute_spans_are_slices_of_the_text(pipeline: tuple[Any, Any], text: str) -> None:
    nlp, knowledge = pipeline
    doc = nlp(text)
    atts = extract(doc)
    statements = attribute(doc, atts, "a", knowledge)
    assert len(statements) == len(atts)
    for statement in statements:
        assert statement.article_id == "a"
        check_span(statement.content, text)
        check_span(statement.cue, text)
        check_span(statement.speaker.mention, text)
        assert isinstance(statement.speaker.name, str)
    assert len({s.id for s in statements}) == len(statements)
