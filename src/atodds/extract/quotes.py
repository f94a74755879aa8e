"""Quotation marks: find quoted spans by scanning characters, paragraph by paragraph.

Straight and curly double quotes (also mismatched pairs such as ``"…”``), guillemets, and curly single
quotes when they clearly open and close a phrase (headlines: ``says ‘X will expand’``).
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = "“„«"
CLOSERS = "”»"
AMBIGUOUS = '"'
LEFT_CONTEXT = " \t\n([{—–-:/"


@dataclass(frozen=True)
class Quote:
    """A quoted span: ``start``/``end`` exclude the marks; ``open``/``close`` are the marks' offsets."""

    open: int
    close: int  # offset of the closing mark, or the paragraph end when the quote runs on
    start: int
    end: int
    closed: bool


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _is_opening(text: str, i: int, lo: int) -> bool:
    ch = text[i]
    if ch in OPENERS:
        return True
    if ch in CLOSERS:  # a closing mark typed for an opening one, at a paragraph's start: '”We won.”'
        return not text[lo:i].strip() and i + 1 < len(text) and text[i + 1].isalnum()
    before = text[i - 1] if i > lo else " "
    return before in LEFT_CONTEXT


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_quotes(text: str, lo: int, hi: int) -> list[Quote]:
    found: list[Quote] = []
    pending: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if ch not in OPENERS and ch not in CLOSERS and ch != AMBIGUOUS:
            continue
        opening = _is_opening(text, i, lo)
        if pending is None:
            if opening:
                pending = i
            continue
        if opening and ch != AMBIGUOUS and text[i - 1] in LEFT_CONTEXT:
            pending = i  # a new quote opens before the last one closed: the last had no closing mark
            continue
        start, end = _trim(text, pending + 1, i)
        if end > start:
            found.append(Quote(pending, i, start, end, True))
        pending = None
    if pending is not None:
        start, end = _trim(text, pending + 1, hi)
        if end > start:
            found.append(Quote(pending, hi, start, end, False))
    return found


def _single_quotes(text: str, lo: int, hi: int) -> list[Quote]:
    """Curly single quotes used as quotation marks (not apostrophes)."""
    found: list[Quote] = []
    i = lo
    while i < hi:
        if text[i] == "‘" and (i == lo or text[i - 1] in LEFT_CONTEXT):
            j = i + 1
            while j < hi:
                if text[j] == "’" and (j + 1 >= hi or not text[j + 1].isalnum()) and text[j - 1] != " ":
                    break
                j += 1
            if j < hi:
                start, end = _trim(text, i + 1, j)
                if end > start:
                    found.append(Quote(i, j, start, end, True))
                i = j
        i += 1
    return found


def find_quotes(text: str) -> list[Quote]:
    """All quoted spans of ``text`` in document order. A quote never crosses a paragraph break."""
    quotes: list[Quote] = []
    for lo, hi in _paragraphs(text):
        doubles = _double_quotes(text, lo, hi)
        singles = [
            q for q in _single_quotes(text, lo, hi) if not any(d.open <= q.open <= d.close for d in doubles)
        ]
        quotes.extend(doubles)
        quotes.extend(singles)
    return sorted(quotes, key=lambda q: q.open)
