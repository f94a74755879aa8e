"""One actor per person or organization across articles."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..records import Actor, Statement

PERSON_RESOLUTIONS = frozenset({"named", "pronoun", "title"})
FUZZY_NAME_RATIO = 92


def name_key(name: str) -> str:
    """A name folded for comparison: no accents, punctuation, case or leading "the"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    folded = re.sub(r"[^\w\s]", " ", folded).casefold()
    folded = re.sub(r"^\s*the\s+", "", folded)
    return " ".join(folded.split())


def _slug(name: str) -> str:
    return "actor-" + (re.sub(r"\s+", "-", name_key(name)) or "unknown")


def _compatible(a: str, b: str) -> bool:
    return not a or not b or a == b


def merge_actors(statements: Sequence[Statement]) -> tuple[list[Actor], dict[str, str]]:
    """Actors for the speakers of ``statements`` and the map statement id -> actor id.

    People merge when one full name equals the other, or one is the other's surname and their sides
    agree, or the names are near-identical (typos, transliterations). Organizations merge by folded name.
    """
    clusters: list[dict[str, object]] = []
    member_of: dict[str, int] = {}
    by_person = sorted(
        (s for s in statements if s.speaker.name),
        key=lambda s: (s.speaker.resolution == "unknown", -len(s.speaker.name.split()), s.speaker.name),
    )
    for st in by_person:
        sp = st.speaker
        key = name_key(sp.name)
        is_person = sp.resolution in PERSON_RESOLUTIONS
        found = None
        for idx, cluster in enumerate(clusters):
            ckey = str(cluster["key"])
            kind_ok = cluster["person"] == is_person or sp.resolution == "unknown"
            if not kind_ok or not _compatible(str(cluster["side"]), sp.side):
                continue
            same = ckey == key
            surname = bool(cluster["person"]) and len(key.split()) == 1 and ckey.split()[-1] == key
            fuzzy = (
                bool(cluster["person"]) and len(key.split()) > 1 and fuzz.ratio(ckey, key) >= FUZZY_NAME_RATIO
            )
            if same or surname or fuzzy:
                found = idx
                break
        if found is None:
            clusters.append({"key": key, "person": is_person, "side": sp.side, "members": []})
            found = len(clusters) - 1
        cluster = clusters[found]
        if not cluster["side"] and sp.side:
            cluster["side"] = sp.side
        members = cluster["members"]
        assert isinstance(members, list)
        members.append(st)
        member_of[st.id] = found
    actors: list[Actor] = []
    statement_actor: dict[str, str] = {}
    used_ids: Counter[str] = Counter()
    for cluster in clusters:
        members = cluster["members"]
        assert isinstance(members, list)
        names = Counter(m.speaker.name for m in members)
        name = max(names, key=lambda n: (len(n.split()), names[n], n))
        roles: dict[str, None] = {}
        sides: Counter[str] = Counter()
        for m in members:
            if m.speaker.role:
                roles.setdefault(m.speaker.role, None)
            if m.speaker.side:
                sides[m.speaker.side] += 1
        actor_id = _slug(name)
        used_ids[actor_id] += 1
        if used_ids[actor_id] > 1:
            actor_id = f"{actor_id}-{used_ids[actor_id]}"
        aliases = sorted({m.speaker.name for m in members} - {name})
        side = sides.most_common(1)[0][0] if sides else ""
        kind = "person" if cluster["person"] else "organization"
        actors.append(Actor(actor_id, name, tuple(aliases), kind, tuple(roles), side))  # type: ignore[arg-type]
        for m in members:
            statement_actor[m.id] = actor_id
    return actors, statement_actor
