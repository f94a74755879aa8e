"""The cue lexicon: verbs and phrases that introduce an attributed statement."""

from __future__ import annotations

# Verbs of saying, reporting and stating (lemmas). Beliefs and intentions count too: news attributes
# them like speech ("officials believe", "the ministry expects").
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say tell add claim deny insist warn accuse state assert announce argue explain note stress
    emphasize emphasise report confirm acknowledge admit suggest reply respond write declare urge
    describe predict promise vow threaten maintain contend allege reiterate repeat complain concede
    estimate tweet post comment observe remark recall caution signal indicate testify disclose
    reveal brief inform assure pledge boast lament mention protest retort counter quip concede
    charge caution affirm proclaim acknowledge swear advise recommend demand propose hint imply
    speculate conclude agree disagree dispute reject condemn denounce criticize criticise praise
    blame slam question ask believe think expect hope fear feel doubt estimate forecast project
    calculate point spell weigh chime lash continue
    """.split()
)

# Verbs whose content is their object (+ complements) rather than a clause: "condemned X for Y".
OBJECT_CONTENT_VERBS: frozenset[str] = frozenset(
    """
    condemn denounce criticize criticise praise blame slam accuse urge call reject dispute deny
    welcome applaud hail question warn
    """.split()
)

# Verbs that only count as cues with a quote or clause attached ("continued", "added").
WEAK_VERBS: frozenset[str] = frozenset(
    ["continue", "add", "feel", "point", "spell", "weigh", "chime", "lash", "ask"]
)

PARTICLE_VERBS: frozenset[tuple[str, str]] = frozenset(
    {("point", "out"), ("spell", "out"), ("weigh", "in"), ("chime", "in"), ("lash", "out")}
)

# Evidential subjects whose verbs relay another source inside a statement ("the report suggested").
EVIDENTIAL_VERBS: frozenset[str] = frozenset(
    ["suggest", "show", "indicate", "find", "conclude", "reveal", "say", "tell"]
)

PRONOUNS: frozenset[str] = frozenset(
    ["he", "she", "they", "it", "we", "i", "him", "her", "them", "us", "me", "his", "its", "their", "who"]
)


def is_cue_lemma(lemma: str) -> bool:
    """Whether ``lemma`` is a cue verb."""
    return lemma.lower() in SPEECH_VERBS
