"""Pair features on two statement texts, each with a human-readable evidence string when it fires."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import Axis, Lexicon, lexicon, normalize
from .text import content_words, jaccard

_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:\s?%| per ?cent| percent)?")
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\"“”]|\b(?:but|while|whereas|although|though)\b")
NEGATION_WINDOW = 4  # words before a predicate that can negate it


@dataclass(frozen=True)
class Polar:
    """One antonym-lexicon hit: the word, its axis, its pole (0/1) after negation, and whether negated."""

    axis: str
    pole: int
    word: str
    negated: bool

    def show(self) -> str:
        return f"not {self.word}" if self.negated else self.word


@dataclass(frozen=True)
class PairFeatures:
    """What two texts have in common and where they pull apart."""

    cosine: float | None
    overlap: float
    antonyms: tuple[tuple[Polar, Polar], ...] = ()
    aligned: tuple[tuple[Polar, Polar], ...] = ()  # same axis, same pole: both say "limited"
    negation_mismatch: bool = False
    negated_side: str = ""
    numbers_a: tuple[str, ...] = ()
    numbers_b: tuple[str, ...] = ()
    hedged: tuple[bool, bool] = (False, False)
    certain: tuple[bool, bool] = (False, False)
    refute_b: tuple[str, ...] = ()
    refute_a: tuple[str, ...] = ()
    negated_shared: tuple[str, ...] = ()  # words one text negates that the other asserts
    evidence: tuple[str, ...] = field(default=())

    @property
    def numbers_differ(self) -> bool:
        """Both texts give numbers and share none."""
        return bool(self.numbers_a and self.numbers_b and not set(self.numbers_a) & set(self.numbers_b))

    @property
    def modality_mismatch(self) -> bool:
        """One text hedges and the other commits."""
        (ha, hb), (ca, cb) = self.hedged, self.certain
        return (ha and not hb and cb) or (hb and not ha and ca)


def _negated(norm: str, start: int, lex: Lexicon) -> bool:
    """Whether a negation word stands within a few words before ``start`` in the same clause."""
    window = norm[max(0, start - 60) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    tail = " ".join(window.split()[-NEGATION_WINDOW:])
    return bool(lex.negation.search(tail))


def polar_hits(text: str, lex: Lexicon | None = None) -> list[Polar]:
    """Every antonym-lexicon predicate in ``text`` with its effective pole (a negated pole flips)."""
    lex = lex or lexicon()
    norm = normalize(text)
    hits: list[Polar] = []
    for axis in lex.axes:
        taken: list[tuple[int, int]] = []
        for pole, pattern in enumerate(axis.poles):
            for match in pattern.finditer(norm):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue  # a word listed on both poles of an axis counts once
                taken.append(match.span())
                negated = _negated(norm, match.start(), lex)
                hits.append(Polar(axis.name, pole ^ int(negated), match.group(0), negated))
    return hits


def _compare_poles(
    a: list[Polar], b: list[Polar], axes: tuple[Axis, ...], opposite: bool
) -> list[tuple[Polar, Polar]]:
    """Hits on one axis where each text is one-sided, with opposite (or the same) poles."""
    found = []
    for axis in axes:
        poles_a = {h.pole for h in a if h.axis == axis.name}
        poles_b = {h.pole for h in b if h.axis == axis.name}
        if len(poles_a) != 1 or len(poles_b) != 1 or (poles_a != poles_b) != opposite:
            continue
        found.append((next(h for h in a if h.axis == axis.name), next(h for h in b if h.axis == axis.name)))
    return found


def numbers(text: str) -> tuple[str, ...]:
    """Numbers in ``text``, normalized (thousands separators and spaces dropped)."""
    out = []
    for match in _NUMBER.finditer(text):
        value = match.group(0).replace(",", "").replace(" ", "").replace("percent", "%").replace("per", "")
        if value.rstrip("%").isdigit() and len(value) == 4 and value.startswith(("19", "20")):
            continue  # a year says when, not how much
        out.append(value)
    return tuple(dict.fromkeys(out))


def _terms(pattern: re.Pattern[str], norm: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group(0) for m in pattern.finditer(norm)))


@dataclass(frozen=True)
class TextProfile:
    """Everything ``pair_features`` reads from one text, computed once per distinct text."""

    hits: tuple[Polar, ...]
    negated: bool
    hedged: bool
    certain: bool
    refute: tuple[str, ...]
    numbers: tuple[str, ...]
    words: frozenset[str]
    negated_words: frozenset[str]


NEGATED_SCOPE_WORDS = 3  # content words after a negation that it covers


def negated_words(norm: str, lex: Lexicon) -> frozenset[str]:
    """Content words inside a negation's scope: "this was not maintenance" -> {"maintenance"}."""
    found: set[str] = set()
    for match in lex.negation.finditer(norm):
        rest = norm[match.end() : match.end() + 80]
        cut = _CLAUSE_BREAK.search(rest)
        scope = rest[: cut.start()] if cut else rest
        scoped = [w for w in scope.split() if content_words(w)][:NEGATED_SCOPE_WORDS]
        for word in scoped:
            found |= content_words(word)
    return frozenset(found)


@lru_cache(maxsize=8192)
def profile(text: str) -> TextProfile:
    """The lexical profile of ``text`` (cached: a statement meets many others in a topic)."""
    lex = lexicon()
    norm = normalize(text)
    return TextProfile(
        hits=tuple(polar_hits(text, lex)),
        negated=bool(lex.negation.search(norm)),
        hedged=bool(lex.hedges.search(norm)),
        certain=bool(lex.certainty.search(norm)),
        refute=_terms(lex.refute, norm),
        numbers=numbers(text),
        words=frozenset(content_words(text)),
        negated_words=negated_words(norm, lex),
    )


def pair_features(a: str, b: str, cosine: float | None = None) -> PairFeatures:
    """Features of the pair (``a``, ``b``); ``cosine`` is their embedding similarity when known."""
    axes = lexicon().axes
    pa, pb = profile(a), profile(b)
    features = PairFeatures(
        cosine=cosine,
        overlap=jaccard(set(pa.words), set(pb.words)),
        antonyms=tuple(_compare_poles(list(pa.hits), list(pb.hits), axes, opposite=True)),
        aligned=tuple(_compare_poles(list(pa.hits), list(pb.hits), axes, opposite=False)),
        negation_mismatch=pa.negated != pb.negated,
        negated_side=("a" if pa.negated else "b") if pa.negated != pb.negated else "",
        numbers_a=pa.numbers,
        numbers_b=pb.numbers,
        hedged=(pa.hedged, pb.hedged),
        certain=(pa.certain, pb.certain),
        refute_a=pa.refute,
        refute_b=pb.refute,
        negated_shared=tuple(
            sorted(
                (pa.negated_words & (pb.words - pb.negated_words))
                | (pb.negated_words & (pa.words - pa.negated_words))
            )
        ),
    )
    return _with_evidence(features)


def _with_evidence(f: PairFeatures) -> PairFeatures:
    notes = [f"antonymous predicates: {x.show()} vs {y.show()}" for x, y in f.antonyms]
    notes.extend(f"same predicate: {x.show()} / {y.show()}" for x, y in f.aligned)
    if f.negation_mismatch:
        notes.append(f"negation in one statement only ({f.negated_side})")
    if f.negated_shared:
        notes.append(f"one side negates what the other asserts: {', '.join(f.negated_shared[:3])}")
    if f.numbers_differ:
        notes.append(f"different numbers: {', '.join(f.numbers_a)} vs {', '.join(f.numbers_b)}")
    if f.modality_mismatch:
        notes.append("modality differs: one hedges, the other asserts")
    if f.refute_b and not f.refute_a:
        notes.append(f"refuting words in b: {', '.join(f.refute_b[:3])}")
    elif f.refute_a and not f.refute_b:
        notes.append(f"refuting words in a: {', '.join(f.refute_a[:3])}")
    if f.overlap >= 0.3:
        notes.append(f"word overlap {f.overlap:.2f}")
    if f.cosine is not None:
        notes.append(f"embedding cosine {f.cosine:.2f}")
    return PairFeatures(**{**f.__dict__, "evidence": tuple(notes)})
