"""Spans over the parse: the speaker mention of a subject, content spans trimmed of punctuation, and the
candidate record the finders return."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Candidate:
    """A statement found from a cue: character spans only, speaker not yet resolved."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    mention: tuple[int, int] | None
    verb: int  # token index of the cue (or -1)
    source: str  # "clause" | "object" | "according" | "colon" | "parenthetical"


RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
DOCUMENT_NOUNS = frozenset({"statement", "report", "release", "communique", "announcement", "letter", "post"})


def speaker_token(tok: Token) -> Token:
    """The speaker behind a subject: the noun a relative pronoun stands for ("officials, who said"), the
    author of a document ("a statement from the group")."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        return tok.head.head
    if tok.lemma_.lower() in DOCUMENT_NOUNS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return tok
