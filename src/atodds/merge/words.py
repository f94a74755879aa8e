"""Word-level helpers shared by statement grouping and quote drift."""

from __future__ import annotations

import re

WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
STOPWORDS = frozenset(
    "a an the of to in on at by for from with as and or but if then that this these those it its is are was "
    "were be been being has have had do does did will would shall should can could may might must i we you "
    "he she they me us him her them my our your his their who which what there here so".split()
)


def tokens(text: str) -> list[str]:
    """Words and punctuation marks of ``text``, in order, as written."""
    return WORD.findall(text)


def words(text: str) -> list[str]:
    """The casefolded words of ``text`` (no punctuation; curly apostrophes made straight)."""
    return [t.casefold().replace("’", "'") for t in tokens(text) if t[0].isalnum() or t[0] == "_"]


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that carry content (no stopwords)."""
    return frozenset(w for w in words(text) if w not in STOPWORDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of words in common."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0
