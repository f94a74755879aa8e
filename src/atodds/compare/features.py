"""Pair features on two statement texts, each with a human-readable evidence string when it fires."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


def pair_features(a: str, b: str, cosine: float | None = None) -> PairFeatures:
    """Features of the pair (``a``, ``b``); ``cosine`` is their embedding similarity when known."""
    lex = lexicon()
    norm_a, norm_b = normalize(a), normalize(b)
    hits_a, hits_b = polar_hits(a, lex), polar_hits(b, lex)
    antonyms = tuple(_compare_poles(hits_a, hits_b, lex.axes, opposite=True))
    aligned = tuple(_compare_poles(hits_a, hits_b, lex.axes, opposite=False))
    neg_a, neg_b = bool(lex.negation.search(norm_a)), bool(lex.negation.search(norm_b))
    features = PairFeatures(
        cosine=cosine,
        overlap=jaccard(content_words(a), content_words(b)),
        antonyms=antonyms,
        aligned=aligned,
        negation_mismatch=neg_a != neg_b,
        negated_side=("a" if neg_a else "b") if neg_a != neg_b else "",
        numbers_a=numbers(a),
        numbers_b=numbers(b),
        hedged=(bool(lex.hedges.search(norm_a)), bool(lex.hedges.search(norm_b))),
        certain=(bool(lex.certainty.search(norm_a)), bool(lex.certainty.search(norm_b))),
        refute_a=_terms(lex.refute, norm_a),
        refute_b=_terms(lex.refute, norm_b),
    )
    return _with_evidence(features)


def _with_evidence(f: PairFeatures) -> PairFeatures:
    notes = [f"antonymous predicates: {x.show()} vs {y.show()}" for x, y in f.antonyms]
    notes.extend(f"same predicate: {x.show()} / {y.show()}" for x, y in f.aligned)
    if f.negation_mismatch:
        notes.append(f"negation in one statement only ({f.negated_side})")
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
