"""Framing sentences: where the article, in its own voice, says that accounts conflict or agree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from atodds.records import Frame, Span

from .lexicon import Lexicon, lexicon

FrameKind = Literal["conflict", "agree"]


def mask_quoted(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the characters inside any ``quoted`` range replaced by spaces."""
    chars = list(text[start:end])
    for q_start, q_end in quoted:
        lo, hi = max(q_start, start), min(q_end, end)
        for i in range(lo, hi):
            chars[i - start] = " "
    return "".join(chars)


def frame_kind(own_voice: str, sides: Sequence[str] = (), lex: Lexicon | None = None) -> FrameKind | None:
    """Whether ``own_voice`` (a sentence with quotes masked) frames accounts as conflicting or agreeing.

    Strong conflict cues suffice; cues that are also ordinary reporting verbs ("denied", "rejects")
    count only when the sentence names two or more sides.
    """
    lex = lex or lexicon()
    text = own_voice.replace("’", "'")
    if any(p.search(text) for p in lex.frame_conflict):
        return "conflict"
    if len(set(sides)) >= 2 and any(p.search(text) for p in lex.frame_conflict_two_sides):
        return "conflict"
    if any(p.search(text) for p in lex.frame_agree):
        return "agree"
    return None


def find_frames(
    article_id: str,
    text: str,
    sentences: Sequence[tuple[int, int]],
    quoted: Sequence[tuple[int, int]],
    sides_in: Callable[[str], tuple[str, ...]],
) -> tuple[Frame, ...]:
    """The article's framing sentences (conflict or agree), with the sides each names.

    ``sentences`` and ``quoted`` are character ranges into ``text``; only the part of a sentence outside
    the quoted ranges is read for cues, so a speaker saying "they contradict us" is no frame.
    """
    lex = lexicon()
    ordered_quotes = sorted(quoted)
    frames = []
    for start, end in sentences:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        inside = [(s, e) for s, e in ordered_quotes if s < end and start < e]
        own = mask_quoted(text, start, end, inside)
        if not own.strip():
            continue
        sentence = text[start:end]
        sides = tuple(dict.fromkeys(sides_in(sentence)))
        if frame_kind(own, sides, lex) is not None:
            frames.append(Frame(article_id, Span.of(text, start, end), sides))
    return tuple(frames)
