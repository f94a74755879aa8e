"""Nested sources: the source a speaker relays ("we've been told by our Israeli counterparts that ...")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..nlp import text_of
from .cues import EVIDENTIAL_VERBS, PRONOUNS, SPEECH_VERBS


def _phrase(tok: Token) -> str:
    left, right = tok.left_edge, tok.right_edge
    return text_of(tok.doc)[left.idx : right.idx + len(right.text)].strip(" ,.\"“”'")


def nested_source(doc: Doc, start: int, end: int, direct: bool = False) -> str | None:
    """The source relayed inside ``text_of(doc)[start:end]``, or None. In a direct quote only an explicit
    relay counts ("told by", "according to"), not an evidential subject."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        lemma = tok.lemma_.lower()
        if lemma in SPEECH_VERBS and tok.pos_ in {"VERB", "AUX"}:
            for child in tok.children:
                if child.dep_ == "agent":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        return _phrase(objs[0])
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                return _phrase(objs[0])
    if direct:
        return None
    root = span.root
    if root.lemma_.lower() in EVIDENTIAL_VERBS and any(c.dep_ == "ccomp" for c in root.children):
        subjects = [c for c in root.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS]
        if subjects and subjects[0].pos_ in {"NOUN", "PROPN"}:
            return _phrase(subjects[0])
    return None
