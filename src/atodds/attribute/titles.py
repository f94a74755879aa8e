"""Words that mark offices and titles, and the clean-up of names."""

from __future__ import annotations

TITLE_WORDS = frozenset(
    [
        "minister",
        "president",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "pm",
        "premier",
        "chancellor",
        "chief",
        "official",
        "ambassador",
        "general",
        "commander",
        "ceo",
        "director",
        "mayor",
        "governor",
        "senator",
        "representative",
        "lawmaker",
        "leader",
        "head",
        "chairman",
        "chairwoman",
        "chair",
        "envoy",
        "adviser",
        "advisor",
        "prosecutor",
        "attorney",
        "judge",
        "king",
        "queen",
        "prince",
        "emir",
        "sheikh",
        "foreign",
        "defense",
        "defence",
        "deputy",
        "press",
        "coordinator",
        "curator",
        "paleontologist",
        "boss",
        "manager",
        "executive",
        "commissioner",
        "counsel",
        "officer",
        "negotiator",
    ]
)
GOVERNMENT_WORDS = frozenset(
    [
        "minister",
        "president",
        "pm",
        "premier",
        "chancellor",
        "ambassador",
        "envoy",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "government",
        "cabinet",
        "general",
        "commander",
    ]
)
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mx"})


def clean_name(text: str) -> str:
    """A person's name without a possessive or stray punctuation."""
    text = text.strip(" ,.;:\"“”'’")
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def strip_det(text: str) -> str:
    for det in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(det):
            return text[len(det) :].strip()
    return text.strip()
