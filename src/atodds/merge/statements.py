"""The same statement reported by several outlets: one group, with its canonical text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..ids import content_id
from ..records import Statement, StatementGroup

SAME_STATEMENT_RATIO = 75


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def group_statements(
    statements: Sequence[Statement], statement_actor: dict[str, str]
) -> tuple[list[StatementGroup], dict[str, str]]:
    """Group reports of the same utterance: same actor, different articles, near-identical content."""
    parent = {s.id: s.id for s in statements}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_actor: dict[str, list[Statement]] = {}
    for st in statements:
        by_actor.setdefault(statement_actor.get(st.id, ""), []).append(st)
    for actor, members in by_actor.items():
        if not actor:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.article_id == b.article_id:
                    continue
                if fuzz.token_set_ratio(_norm(a.content.text), _norm(b.content.text)) >= SAME_STATEMENT_RATIO:
                    parent[find(a.id)] = find(b.id)
    clusters: dict[str, list[Statement]] = {}
    for st in statements:
        clusters.setdefault(find(st.id), []).append(st)
    groups: list[StatementGroup] = []
    statement_group: dict[str, str] = {}
    for members in clusters.values():
        direct = [m for m in members if m.kind == "direct"] or members
        canonical = max(direct, key=lambda m: len(m.content.text)).content.text
        quotes = {_norm(m.content.text) for m in members if m.kind == "direct"}
        group_id = content_id("g", [m.id for m in members])
        groups.append(StatementGroup(group_id, tuple(m.id for m in members), canonical, len(quotes) > 1))
        for m in members:
            statement_group[m.id] = group_id
    return groups, statement_group
