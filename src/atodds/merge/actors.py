"""One actor per person or organization across articles."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..records import Actor, Statement
from .aliases import AliasTable

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


@dataclass
class _Cluster:
    key: str
    person: bool
    side: str
    articles: set[str] = field(default_factory=set)
    members: list[Statement] = field(default_factory=list)


def _prefix(short: str, long: str) -> bool:
    """``short`` is the start of ``long`` word for word ("national task force" of "national task force
    for the west philippine sea")."""
    s, w = short.split(), long.split()
    return 0 < len(s) < len(w) and w[: len(s)] == s


def _same(cluster: _Cluster, key: str, is_person: bool | None, side: str, article: str) -> bool:
    """Whether a speaker named ``key`` is the actor ``cluster`` (``is_person`` None: either kind)."""
    ckey = cluster.key
    if ckey == key:
        return True  # one name: the same actor, whatever resolution reached it
    if is_person is not None and cluster.person != is_person:
        return False
    if cluster.person:
        return len(key.split()) > 1 and fuzz.ratio(ckey, key) >= FUZZY_NAME_RATIO
    # organizations: a shortened name ("the task force") when the article or the side says so
    evidence = article in cluster.articles or bool(side and side == cluster.side)
    return evidence and len(key.split()) >= 2 and (_prefix(key, ckey) or _prefix(ckey, key))


def _surname_of(clusters: list[_Cluster], key: str, article: str) -> _Cluster | None:
    """The one person whose surname is ``key``: the only candidate, or the only one in the same article.
    Two people who share a surname are not merged on it alone."""
    found = [c for c in clusters if c.person and len(key.split()) == 1 and c.key.split()[-1] == key]
    if len(found) > 1:
        found = [c for c in found if article in c.articles]
    return found[0] if len(found) == 1 else None


def merge_actors(
    statements: Sequence[Statement], aliases: AliasTable | None = None
) -> tuple[list[Actor], dict[str, str]]:
    """Actors for the speakers of ``statements`` and the map statement id -> actor id.

    Names first go through the alias table (packaged and user aliases, side names). People merge when
    one full name equals the other, or one is the other's surname and their sides agree, or the names are
    near-identical (typos, transliterations); two people who share only a surname stay apart when their
    sides differ. Organizations merge by name, or by a shortened name within an article or a side.
    """
    aliases = aliases or AliasTable.load()
    clusters: list[_Cluster] = []
    shown: dict[str, str] = {}  # statement id -> the name the actor is known by
    by_person = sorted(
        (s for s in statements if s.speaker.name),
        key=lambda s: (s.speaker.resolution == "unknown", -len(s.speaker.name.split()), s.speaker.name),
    )
    for st in by_person:
        sp = st.speaker
        canonical = aliases.canonical(sp.name)
        shown[st.id] = canonical or sp.name
        key = name_key(canonical or sp.name)
        known_person = canonical is None or aliases.is_person(canonical)
        is_person = sp.resolution in PERSON_RESOLUTIONS and known_person
        side = sp.side or aliases.side_of(canonical or sp.name)
        flexible = None if sp.resolution == "unknown" else is_person
        near = [c for c in clusters if _compatible(c.side, side)]
        found = _surname_of(near, key, st.article_id) if flexible is not False else None
        if found is None:
            found = next((c for c in near if _same(c, key, flexible, side, st.article_id)), None)
        if found is None:
            found = _Cluster(key, is_person, side)
            clusters.append(found)
        if not found.side and side:
            found.side = side
        found.articles.add(st.article_id)
        found.members.append(st)
    return _actors(clusters, shown, aliases)


def _actors(
    clusters: list[_Cluster], shown: dict[str, str], aliases: AliasTable
) -> tuple[list[Actor], dict[str, str]]:
    actors: list[Actor] = []
    statement_actor: dict[str, str] = {}
    used_ids: Counter[str] = Counter()
    for cluster in clusters:
        members = cluster.members
        names = Counter(shown[m.id] for m in members)
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
        aliases_seen = sorted(({m.speaker.name for m in members} | set(names)) - {name})
        side = sides.most_common(1)[0][0] if sides else (cluster.side or aliases.side_of(name))
        kind = "person" if cluster.person else "organization"
        actors.append(Actor(actor_id, name, tuple(aliases_seen), kind, tuple(roles), side))  # type: ignore[arg-type]
        for m in members:
            statement_actor[m.id] = actor_id
    return actors, statement_actor
