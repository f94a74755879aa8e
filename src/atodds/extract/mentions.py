"""Spans over the parse: the speaker mention of a subject, content spans trimmed of punctuation."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..nlp import text_of

MENTION_SKIP_DEPS = frozenset({"relcl", "acl", "advcl", "cc"})
EDGE_PUNCT = set(" \t\n,.;:!?\"'“”‘’«»()[]—–-")
MAX_MENTION_TOKENS = 14


def trim_span(text: str, start: int, end: int, keep_closing_quote: bool = False) -> tuple[int, int]:
    """Strip whitespace, quote marks and punctuation from both ends of ``text[start:end]``."""
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        if keep_closing_quote and text[end - 1] in '"”’»':
            break
        end -= 1
    return start, end


def mention_tokens(subject: Token) -> list[Token]:
    """The tokens naming the speaker: the subject's subtree without relative clauses and the like."""
    keep: list[Token] = [subject]
    stack = [c for c in subject.children if c.dep_ not in MENTION_SKIP_DEPS]
    while stack:
        tok = stack.pop()
        keep.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in {"relcl", "acl"} or tok.dep_ == "pobj")
    keep.sort(key=lambda t: t.i)
    # keep a contiguous run around the subject
    lo = hi = keep.index(subject)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi < len(keep) - 1 and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    run = keep[lo : hi + 1]
    if len(run) > MAX_MENTION_TOKENS:
        run = [t for t in run if t.head == subject and t.dep_ in {"compound", "amod", "det", "poss"}]
        run = sorted([*run, subject], key=lambda t: t.i)
    return run


def mention_span(doc: Doc, subject: Token) -> tuple[int, int]:
    """Character span of the speaker mention headed by ``subject``."""
    toks = mention_tokens(subject)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return trim_span(text_of(doc), start, end)


def subtree_span(tok: Token) -> tuple[int, int]:
    """Character span of a token's whole subtree."""
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right.text)
