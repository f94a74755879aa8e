"""Shared view helpers for the renderers: sides, speakers, relation pairs and sentence context."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from atodds.records import (
    Actor,
    Article,
    Relation,
    RelationLabel,
    Result,
    Span,
    Statement,
    StatementDate,
    StatementGroup,
)

NO_SIDE = "(no side)"
# Side colours avoid red and green, which the report uses for contradiction and agreement.
PALETTE = (
    "#2563eb",
    "#c2410c",
    "#7c3aed",
    "#0e7490",
    "#be185d",
    "#a16207",
    "#4338ca",
    "#57534e",
)
NO_SIDE_COLOUR = "#6b7280"

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s|$)|\n")


def clean(text: str) -> str:
    """Collapse every run of whitespace (newlines included) into one space."""
    return _SPACE.sub(" ", text).strip()


def shorten(text: str, limit: int = 80) -> str:
    """Clean ``text`` and cut it to ``limit`` characters, ending in an ellipsis when cut."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)].rstrip()
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 article`` / ``2 articles``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def safe_url(url: str) -> str:
    """``url`` when it is an http(s) URL without whitespace, else ''."""
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) and not _SPACE.search(url) else ""


def sentence_context(text: str, span: Span, window: int = 600) -> tuple[str, str, str] | None:
    """The sentence around ``span`` as (before, span text, after), or None if the span is not in ``text``."""
    if not 0 <= span.start <= span.end <= len(text) or text[span.start : span.end] != span.text:
        return None
    lo = max(0, span.start - window)
    start = lo
    for match in _SENTENCE_END.finditer(text, lo, span.start):
        start = match.end()
    hi = min(len(text), span.end + window)
    found = _SENTENCE_END.search(text, span.end, hi)
    end = found.end() if found else hi
    before = clean(text[start : span.start] + "x")[:-1]
    after = clean("x" + text[span.end : end])[1:]
    if start > 0 and start == lo:
        before = "…" + before
    if end < len(text) and not found:
        after += "…"
    return before, clean(span.text), after


@dataclass(frozen=True)
class Pair:
    """A relation with both of its statements and their sides."""

    relation: Relation
    left: Statement
    right: Statement
    left_side: str
    right_side: str


@dataclass
class SpeakerInfo:
    """One speaker (an actor, or a bare name) with the roles seen and how often they spoke."""

    key: str
    name: str
    side: str
    roles: list[str] = field(default_factory=list)
    statements: int = 0


class View:
    """Lookups over a ``Result`` that every renderer needs."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.statements = {st.id: st for st in result.statements}
        self.articles: dict[str, Article] = {a.id: a for a in result.articles}
        self.actors: dict[str, Actor] = {a.id: a for a in result.actors}
        self.topics = {t.id: t.label for t in result.topics}
        self.groups: dict[str, StatementGroup] = {g.id: g for g in result.groups}
        self._colours = {side: PALETTE[i % len(PALETTE)] for i, side in enumerate(self.named_sides())}

    def actor(self, st: Statement) -> Actor | None:
        """The actor a statement's speaker resolved to, if any."""
        actor_id = self.result.statement_actor.get(st.id)
        return self.actors.get(actor_id) if actor_id else None

    def side(self, st: Statement) -> str:
        """The statement's side: the speaker's, else the actor's, else ``NO_SIDE``."""
        actor = self.actor(st)
        return clean(st.speaker.side) or (clean(actor.side) if actor else "") or NO_SIDE

    def name(self, st: Statement) -> str:
        """The resolved actor's name, else the speaker's name, else 'unknown speaker'."""
        actor = self.actor(st)
        return (clean(actor.name) if actor else "") or clean(st.speaker.name) or "unknown speaker"

    def role(self, st: Statement) -> str:
        """The speaker's role, else the actor's first role."""
        actor = self.actor(st)
        return clean(st.speaker.role) or (clean(actor.roles[0]) if actor and actor.roles else "")

    def who(self, st: Statement) -> str:
        """``Name, role`` or ``Name``."""
        role = self.role(st)
        return f"{self.name(st)}, {role}" if role else self.name(st)

    def topic(self, st: Statement) -> str:
        """The label of the statement's topic, or ''."""
        return self.topics.get(self.result.statement_topic.get(st.id, ""), "")

    def group(self, st: Statement) -> StatementGroup | None:
        """The group of reports of the same utterance the statement belongs to."""
        return self.groups.get(self.result.statement_group.get(st.id, ""))

    def date(self, st: Statement) -> StatementDate | None:
        """When the statement was made, if its article is dated."""
        return self.result.statement_date.get(st.id)

    def utterance_pairs(self, pairs: list[Pair]) -> list[tuple[Pair, list[Pair]]]:
        """One entry per pair of utterances (statement groups): the strongest relation first, then the
        other reports' relations behind it; order of ``pairs`` kept."""
        found: dict[tuple[str, ...], tuple[Pair, list[Pair]]] = {}
        for pair in pairs:
            ends = (
                self.result.statement_group.get(pair.left.id) or pair.left.id,
                self.result.statement_group.get(pair.right.id) or pair.right.id,
            )
            key = (pair.relation.label, *sorted(ends))
            if key in found:
                found[key][1].append(pair)
            else:
                found[key] = (pair, [])
        return list(found.values())

    def article(self, st: Statement) -> Article | None:
        """The article a statement came from."""
        return self.articles.get(st.article_id)

    def named_sides(self) -> list[str]:
        """Every non-empty side seen on statements or actors, sorted."""
        sides = {clean(a.side) for a in self.result.actors}
        for st in self.result.statements:
            sides.add(clean(st.speaker.side))
        sides.discard("")
        return sorted(sides, key=lambda s: (s.casefold(), s))

    def sides(self) -> list[str]:
        """Named sides, then ``NO_SIDE`` if some statement has none."""
        sides = self.named_sides()
        if any(self.side(st) == NO_SIDE for st in self.result.statements):
            sides.append(NO_SIDE)
        return sides

    def colour(self, side: str) -> str:
        """A palette colour for a side, assigned in sorted side order."""
        return self._colours.get(side, NO_SIDE_COLOUR)

    def speaker_key(self, st: Statement) -> str:
        """Actor id when resolved, else the side and the case-folded name."""
        actor_id = self.result.statement_actor.get(st.id)
        return actor_id if actor_id in self.actors else f"{self.side(st)}::{self.name(st).casefold()}"

    def speakers(self) -> list[SpeakerInfo]:
        """Every speaker with at least one statement, by side, then most statements, then name."""
        found: dict[str, SpeakerInfo] = {}
        for st in self.result.statements:
            key = self.speaker_key(st)
            info = found.get(key)
            if info is None:
                actor = self.actor(st)
                info = found[key] = SpeakerInfo(key, self.name(st), self.side(st))
                for role in actor.roles if actor else ():
                    if clean(role) and clean(role) not in info.roles:
                        info.roles.append(clean(role))
            role = clean(st.speaker.role)
            if role and role not in info.roles:
                info.roles.append(role)
            info.statements += 1
        order = {side: i for i, side in enumerate(self.sides())}
        return sorted(found.values(), key=lambda s: (order.get(s.side, 0), -s.statements, s.name.casefold()))

    def per_side(self) -> Counter[str]:
        """Statement counts per side."""
        return Counter(self.side(st) for st in self.result.statements)

    def pairs(self, label: RelationLabel) -> list[Pair]:
        """Relations of one label whose statements exist, by score descending, then ids."""
        pairs = []
        for rel in self.result.relations:
            left, right = self.statements.get(rel.a), self.statements.get(rel.b)
            if rel.label == label and left is not None and right is not None:
                pairs.append(Pair(rel, left, right, self.side(left), self.side(right)))
        return sorted(pairs, key=lambda p: (-p.relation.score, p.relation.a, p.relation.b))

    def side_pairs(self, label: RelationLabel) -> Counter[tuple[str, str]]:
        """Counts of relations per unordered side pair (names sorted within the pair)."""
        counts: Counter[tuple[str, str]] = Counter()
        for pair in self.pairs(label):
            a, b = sorted((pair.left_side, pair.right_side))
            counts[(a, b)] += 1
        return counts

    def outlets(self) -> list[str]:
        """Distinct outlets, sorted."""
        return sorted({clean(a.outlet) for a in self.result.articles if clean(a.outlet)})

    def date_range(self) -> str:
        """``first – last`` publication date, one date, or ''."""
        dates = sorted({clean(a.published or "") for a in self.result.articles} - {""})
        if not dates:
            return ""
        return dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}"
