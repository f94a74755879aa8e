"""The compare lexicon (``data/compare_lexicon.yaml``), loaded once and compiled to regular expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

LEXICON_FILE = "compare_lexicon.yaml"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def normalize(text: str) -> str:
    """Lowercase ``text`` and unify apostrophes, keeping its length (offsets stay valid)."""
    return text.translate(_APOSTROPHES).lower()


def term_pattern(term: str) -> str:
    """Regex source for one lexicon term: words on boundaries, a trailing ``*`` matches any ending."""
    parts = []
    for word in term.split():
        star = word.endswith("*")
        core = re.escape(word.rstrip("*"))
        parts.append(core + (r"[\w'-]*" if star else ""))
    body = r"\s+".join(parts)
    glued = term.startswith("n'")  # "n't" is glued to its verb: didn't, won't
    lead = r"(?<![\w'-])" if term[:1].isalnum() and not glued else ""
    return lead + body + r"(?![\w-])"


def compile_terms(terms: list[Any]) -> re.Pattern[str]:
    """One alternation over ``terms``, longest first so that phrases win over their first word."""
    odd = [t for t in terms if not isinstance(t, str)]
    if odd:  # YAML reads a bare no/yes/true as a boolean: quote such terms
        raise ValueError(f"{LEXICON_FILE}: terms must be strings, got {odd!r}")
    ordered = sorted(set(terms), key=len, reverse=True)
    return re.compile("|".join(f"(?:{term_pattern(t)})" for t in ordered))


@dataclass(frozen=True)
class Axis:
    """Two opposite poles of one meaning (``limited`` vs ``expand``)."""

    name: str
    poles: tuple[re.Pattern[str], re.Pattern[str]]


@dataclass(frozen=True)
class Lexicon:
    """Compiled lexicon; every pattern expects :func:`normalize`-d text."""

    negation: re.Pattern[str]
    hedges: re.Pattern[str]
    certainty: re.Pattern[str]
    refute: re.Pattern[str]
    axes: tuple[Axis, ...]
    frame_conflict: tuple[re.Pattern[str], ...]
    frame_conflict_two_sides: tuple[re.Pattern[str], ...]
    frame_agree: tuple[re.Pattern[str], ...]


def _regexes(items: list[Any]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(str(item), re.IGNORECASE) for item in items)


def build_lexicon(data: dict[str, Any]) -> Lexicon:
    """Compile a lexicon from its YAML mapping (the packaged file's shape)."""
    axes = []
    for name, poles in data["antonyms"].items():
        if len(poles) != 2:
            raise ValueError(f"{LEXICON_FILE}: antonym axis {name!r} must have exactly two poles")
        axes.append(Axis(str(name), (compile_terms(poles[0]), compile_terms(poles[1]))))
    frames = data["frames"]
    return Lexicon(
        negation=compile_terms(data["negation"]),
        hedges=compile_terms(data["hedges"]),
        certainty=compile_terms(data["certainty"]),
        refute=compile_terms(data["refute"]),
        axes=tuple(axes),
        frame_conflict=_regexes(frames["conflict"]),
        frame_conflict_two_sides=_regexes(frames["conflict_two_sides"]),
        frame_agree=_regexes(frames["agree"]),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicon, read and compiled once per process."""
    text = resources.files("atodds.data").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    return build_lexicon(yaml.safe_load(text))
