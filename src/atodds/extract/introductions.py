"""Statements introduced without a speech verb: "according to X", "X: ...", and a headline's
"... – Source", a quote signed after a dash ('"..." — Ana Ruiz') and a transcript's speaker label
('"RUIZ: ..."')."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..nlp import text_of
from .mentions import Candidate, mention_span, speaker_token, subtree_span, trim_span


def according_candidate(doc: Doc, tok: Token) -> Candidate | None:
    """ "According to X, ..." and "..., according to X": X is the source of the rest of the clause."""
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not objs:
        return None
    source_tok = speaker_token(objs[0])
    phrase_start, phrase_end = tok.idx, objs[0].right_edge.idx + len(objs[0].right_edge.text)
    sent = tok.sent
    head = tok.head if tok.head.sent == sent else sent.root
    c_start, c_end = subtree_span(head)
    c_start, c_end = max(c_start, sent.start_char), min(c_end, sent.end_char)
    if phrase_start <= c_start + 1:
        c_start = phrase_end
    elif phrase_end >= c_end - 2:
        c_end = phrase_start
    c_start, c_end = trim_span(text_of(doc), c_start, c_end, keep_closing_quote=True)
    if c_end - c_start < 8:
        return None
    m_start, m_end = mention_span(doc, source_tok)
    return Candidate((c_start, c_end), (tok.idx, to.idx + len(to.text)), (m_start, m_end), tok.i, "according")


def colon_candidate(doc: Doc, colon: Token) -> Candidate | None:
    """ "Netanyahu: the offer is a trick": a short named source at the start of a sentence, then a colon."""
    sent = colon.sent
    before = doc[sent.start : colon.i]
    if not 0 < len(before) <= 5 or any(t.pos_ in {"VERB", "AUX"} for t in before):
        return None
    if not any(e.label_ in {"PERSON", "ORG", "GPE", "NORP"} for e in before.ents):
        return None
    end_tok = sent[-1]
    c_start, c_end = trim_span(text_of(doc), colon.idx + 1, end_tok.idx + len(end_tok.text), True)
    if c_end - c_start < 8:
        return None
    m_start, m_end = trim_span(text_of(doc), before[0].idx, before[-1].idx + len(before[-1].text))
    return Candidate((c_start, c_end), None, (m_start, m_end), colon.i, "colon")


DASHES = frozenset({"–", "—", "-"})


def dash_candidate(doc: Doc, dash: Token) -> Candidate | None:
    """A headline "Government misled voters – Opposition": a short named source after a final dash."""
    sent = dash.sent
    after = [t for t in doc[dash.i + 1 : sent.end] if not t.is_space]
    before = doc[sent.start : dash.i]
    if not 0 < len(after) <= 4 or len(before) < 3 or sent.start != 0:
        return None
    if not all(t.pos_ in {"PROPN", "NOUN", "DET"} for t in after) or not after[-1].text[:1].isupper():
        return None
    c_start, c_end = trim_span(text_of(doc), before[0].idx, dash.idx)
    m_start, m_end = trim_span(text_of(doc), after[0].idx, after[-1].idx + len(after[-1].text))
    return Candidate((c_start, c_end), None, (m_start, m_end), dash.i, "colon")


SIGNATURE_DASHES = ("―", "—", "–", "--")
NAME_WORD = r"[A-Z][\w.'’-]*"
SIGNATURE = re.compile(  # [^\S\n]: any space but a line break (no-break spaces too)
    rf"[^\S\n]*(?P<dash>{'|'.join(SIGNATURE_DASHES)})[^\S\n]*"
    rf"(?P<name>{NAME_WORD}(?:[^\S\n]+(?:{NAME_WORD}|de|del|la|van|von|y)){{0,5}})"
    r"[^\S\n]*(?=\n|$|[“\"])"
)


def signed_quote(text: str, close: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(dash, name) spans when the quote closing at ``close`` is signed: '"..." ― Ana Ruiz' with only a
    name after the dash before the line ends or the next quote opens (readers' comments, epigraphs)."""
    found = SIGNATURE.match(text, close + 1)
    if found is None:
        return None
    return found.span("dash"), found.span("name")


TRANSCRIPT_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):[ \t]+(?=\S)")


def transcript_label(text: str, start: int, end: int) -> tuple[tuple[int, int], int] | None:
    """(label span, where the words start) for a quote that opens with a transcript's speaker label in
    capitals ('"OKAFOR: Well, look, ..."'); None otherwise."""
    found = TRANSCRIPT_LABEL.match(text, start, end)
    if found is None or len(found.group("label").replace(" ", "")) < 2:
        return None
    return found.span("label"), found.end()
