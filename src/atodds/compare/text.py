"""Small text helpers shared by the compare modules: words, content words, entities, sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator

_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*\d|\d")
_CAPITALIZED = re.compile(r"\b(?:[A-Z][a-z]+(?:['’-][A-Za-z]+)*|[A-Z]{2,}s?)\b")
_BOUNDARY = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gen|Col|Lt|Gov|St|Jr|Sr|No|vs|etc|Inc|Ltd|Co|Corp)|\b[A-Z](?:\.[A-Z])*)\.$"
)

# Function words and reporting words: not evidence of what a statement is about.
_STOPWORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each even ever every few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just let me more most much must my myself no nor not now of off on once only or other our ours
    ourselves out over own per same shall she should so some still such than that the their theirs them
    themselves then there these they this those through thus to too under until up upon very was we
    were what when where which while who whom whose why will with would yet you your yours yourself
    yourselves one two may might said say says saying told tell tells stated statement according added
    asked get got going go make made take took want wants like well back new last year years day days
    week time today yesterday people thing things way many several"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Capitalized words that name no entity (sentence openers, titles, days, months, pronouns).
_NOT_ENTITIES_TEXT = """
    the a an and but or if in on at for to of by with from as this that these those it its he she we
    they i you his her our their there here when while after before however also yet so then mr mrs ms
    dr prof president minister prime secretary spokesman spokeswoman spokesperson chief general senator
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december what who why how we're it's"""
_NOT_ENTITIES = frozenset(_NOT_ENTITIES_TEXT.split())


def words(text: str) -> list[str]:
    """Lowercased word and number tokens."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A crude suffix stripper, enough to match ``operation``/``operations``, ``expand``/``expanded``."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """Stemmed words that are not stopwords (numbers kept)."""
    return {stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1}


def entities(text: str) -> set[str]:
    """Casefolded capitalized words and acronyms that are not sentence openers, titles or dates."""
    found = set()
    for match in _CAPITALIZED.finditer(text):
        word = match.group(0).replace("’", "'")
        key = word.lower()
        if key.endswith("'s"):
            key = key[:-2]
        if key in _NOT_ENTITIES or key in STOPWORDS or len(key) < 2:
            continue
        found.add(key)
    return found


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Character ranges of rough sentences (split at . ! ? before a capital, and at line ends)."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group(0) != "\n" and _ABBREVIATION.search(text[max(start, end - 8) : end]):
            continue
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def sentences(text: str) -> list[str]:
    """The rough sentences of ``text``."""
    return [text[s:e] for s, e in sentence_spans(text)]


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0 for two empty sets."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0
