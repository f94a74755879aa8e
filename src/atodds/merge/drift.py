"""Quote drift: how two outlets' wordings of one direct quote differ, and whether the change alters meaning.

The diff is over words (case and punctuation are ignored). Words added or dropped only at either end are
a trimmed quote (trivial); edits inside it are flagged when they touch a negation, a number, a modal verb
or a quantifier ("may" -> "will", "some" -> "all"), which change what the speaker is reported to say.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from ..records import DiffOp, QuoteDrift, Statement
from .words import tokens

NEGATIONS = frozenset("not no never nothing none nobody neither nor cannot without n't".split())
MODALS = frozenset("may might can could will would shall should must".split())
QUANTIFIERS = frozenset(
    "all some most many few every each any several always sometimes often rarely seldom only".split()
)
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen twenty "
    "thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen dozens "
    "hundreds thousands millions billions half percent".split()
)
MIN_SHARED = 0.5  # share of the shorter quote's words that must align for two quotes to be one quote


def _words(text: str) -> list[str]:
    return [t for t in tokens(text) if t[0].isalnum() or t[0] == "_"]


def _key(word: str) -> str:
    return word.casefold().replace("’", "'")


def _negations(words: Sequence[str]) -> int:
    count = 0
    for w in words:
        k = _key(w)
        count += k in NEGATIONS or k.endswith("n't")
    return count


def _numbers(words: Sequence[str]) -> Counter[str]:
    return Counter(_key(w) for w in words if any(c.isdigit() for c in w) or _key(w) in NUMBER_WORDS)


def _of(words: Sequence[str], vocabulary: frozenset[str]) -> Counter[str]:
    return Counter(_key(w) for w in words if _key(w) in vocabulary)


def _flags(removed: list[str], added: list[str]) -> tuple[str, ...]:
    """What the edited words change: the same test on what left and what came in."""
    flags = []
    if _negations(removed) != _negations(added):
        flags.append("negation")
    if _numbers(removed) != _numbers(added):
        flags.append("number")
    if _of(removed, MODALS) != _of(added, MODALS):
        flags.append("modal")
    if _of(removed, QUANTIFIERS) != _of(added, QUANTIFIERS):
        flags.append("quantifier")
    return tuple(flags)


def diff_quotes(a_id: str, a_text: str, b_id: str, b_text: str) -> QuoteDrift | None:
    """The word diff from ``a_text`` to ``b_text``; None when they share too little to be one quote."""
    a, b = _words(a_text), _words(b_text)
    if not a or not b:
        return None
    matcher = SequenceMatcher(None, [_key(w) for w in a], [_key(w) for w in b], autojunk=False)
    blocks = matcher.get_opcodes()
    same = sum(i2 - i1 for tag, i1, i2, _, _ in blocks if tag == "equal")
    if same < MIN_SHARED * min(len(a), len(b)):
        return None
    ops: list[DiffOp] = []
    removed: list[str] = []
    added: list[str] = []
    inner = False
    for n, (tag, i1, i2, j1, j2) in enumerate(blocks):
        ops.append(DiffOp(tag, " ".join(a[i1:i2]), " ".join(b[j1:j2])))
        at_end = n in (0, len(blocks) - 1) and tag in ("insert", "delete")
        if tag != "equal" and not at_end:
            inner = True
            removed.extend(a[i1:i2])
            added.extend(b[j1:j2])
    return QuoteDrift(a_id, b_id, tuple(ops), _flags(removed, added), trivial=not inner)


def group_drift(members: Sequence[Statement]) -> tuple[QuoteDrift, ...]:
    """Drift of each differently worded direct quote in a group against the group's longest one, for
    quotes from different articles."""
    direct = [m for m in members if m.kind == "direct"]
    if len(direct) < 2:
        return ()
    reference = max(direct, key=lambda m: (len(m.content.text), m.id))
    seen = {_norm(reference.content.text)}
    found = []
    for m in direct:
        norm = _norm(m.content.text)
        if m.article_id == reference.article_id or norm in seen:
            continue
        seen.add(norm)
        drift = diff_quotes(reference.id, reference.content.text, m.id, m.content.text)
        if drift is not None:
            found.append(drift)
    return tuple(found)


def _norm(text: str) -> str:
    return " ".join(_key(w) for w in _words(text))
