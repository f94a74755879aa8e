"""What the web UI shows: a cached, read-only snapshot of the database, filters, and JSON shapes."""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from atodds.records import Article, RelationLabel, Result, Statement, Topic
from atodds.report.model import Pair, SpeakerInfo, View, clean
from atodds.store import Store

KINDS: tuple[RelationLabel, ...] = ("contradict", "agree")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class FilterError(ValueError):
    """A filter value that cannot be used; the message says what is expected."""


@dataclass(frozen=True)
class Filters:
    """Narrowing of what the pages and the API show. Empty strings mean 'any'."""

    side: str = ""
    actor: str = ""
    topic: str = ""
    outlet: str = ""
    date_from: str = ""
    date_to: str = ""
    kind: str = ""

    def __post_init__(self) -> None:
        if self.kind and self.kind not in KINDS:
            raise FilterError(f"kind must be one of {', '.join(KINDS)} (got {self.kind[:40]!r})")
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value and not _DATE.fullmatch(value):
                raise FilterError(f"{name} must be a date like 2026-05-12 (got {value[:40]!r})")

    def active(self) -> dict[str, str]:
        """The filters that are set, as query parameters."""
        return {k: v for k, v in asdict(self).items() if v}


class Snapshot:
    """The whole database as one ``Result`` with the lookups the pages need."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.view = View(result)
        self.speakers = self.view.speakers()
        self.speaker_by_key = {sp.key: sp for sp in self.speakers}
        self.topics = {t.id: t for t in result.topics}

    # -- filtering -----------------------------------------------------------------------------------

    def outlet(self, st: Statement) -> str:
        """The outlet of a statement's article, or ''."""
        article = self.view.article(st)
        return clean(article.outlet) if article else ""

    def matches(self, st: Statement, f: Filters) -> bool:
        """Whether a statement passes every filter that is set (``kind`` applies to relations only)."""
        article = self.view.article(st)
        published = (article.published or "") if article else ""
        checks = (
            (f.side, lambda: self.view.side(st) == f.side),
            (f.actor, lambda: self.view.speaker_key(st) == f.actor),
            (f.topic, lambda: self.result.statement_topic.get(st.id) == f.topic),
            (f.outlet, lambda: self.outlet(st) == f.outlet),
            (f.date_from, lambda: bool(published) and published[: len(f.date_from)] >= f.date_from),
            (f.date_to, lambda: bool(published) and published[: len(f.date_to)] <= f.date_to),
        )
        return all(check() for value, check in checks if value)

    def statements(self, f: Filters) -> list[Statement]:
        """Statements passing the filters, in article order."""
        return [st for st in self.result.statements if self.matches(st, f)]

    def pairs(self, f: Filters) -> list[Pair]:
        """Relations of the chosen kind (both by default) with at least one statement passing the filters."""
        found = [p for k in KINDS if not f.kind or k == f.kind for p in self.view.pairs(k)]
        kept = [p for p in found if self.matches(p.left, f) or self.matches(p.right, f)]
        return sorted(kept, key=lambda p: (p.relation.label != "contradict", -p.relation.score))

    def topic_positions(self, topic: Topic, f: Filters) -> dict[str, list[Statement]]:
        """A topic's statements passing the filters, by side (sides in the view's order)."""
        by_side: dict[str, list[Statement]] = {}
        for sid in topic.statements:
            st = self.view.statements.get(sid)
            if st is not None and self.matches(st, f):
                by_side.setdefault(self.view.side(st), []).append(st)
        order = {s: i for i, s in enumerate(self.view.sides())}
        return dict(sorted(by_side.items(), key=lambda kv: order.get(kv[0], len(order))))

    def actor_statements(self, key: str, f: Filters) -> list[Statement]:
        """The statements of one speaker passing the filters."""
        return [st for st in self.statements(f) if self.view.speaker_key(st) == key]

    def speakers_for(self, f: Filters) -> list[tuple[SpeakerInfo, int]]:
        """Speakers with the number of their statements passing the filters (speakers with none left out)."""
        counts: dict[str, int] = {}
        for st in self.statements(f):
            key = self.view.speaker_key(st)
            counts[key] = counts.get(key, 0) + 1
        return [(sp, counts[sp.key]) for sp in self.speakers if sp.key in counts]

    def options(self) -> dict[str, list[tuple[str, str]]]:
        """(value, label) choices for the filter form."""
        return {
            "side": [(s, s) for s in self.view.sides()],
            "actor": [(sp.key, sp.name) for sp in sorted(self.speakers, key=lambda s: s.name.casefold())],
            "topic": [(t.id, t.label) for t in self.result.topics],
            "outlet": [(o, o) for o in self.view.outlets()],
            "kind": [(k, k) for k in KINDS],
        }

    # -- JSON shapes ---------------------------------------------------------------------------------

    def article_json(self, article: Article) -> dict[str, Any]:
        """An article without its text."""
        return article.to_dict()

    def statement_json(self, st: Statement) -> dict[str, Any]:
        """A statement with its resolved speaker, side, topic and article."""
        article = self.view.article(st)
        return {
            "id": st.id,
            "article": st.article_id,
            "title": article.title if article else "",
            "outlet": self.outlet(st),
            "published": article.published if article else None,
            "url": article.url if article else "",
            "content": st.content.to_dict(),
            "cue": st.cue.text if st.cue else None,
            "kind": st.kind,
            "speaker": self.view.name(st),
            "speaker_key": self.view.speaker_key(st),
            "role": self.view.role(st),
            "side": self.view.side(st),
            "actor": self.result.statement_actor.get(st.id),
            "topic": self.result.statement_topic.get(st.id),
            "group": self.result.statement_group.get(st.id),
            "date": date.to_dict() if (date := self.view.date(st)) else None,
        }

    def pair_json(self, pair: Pair) -> dict[str, Any]:
        """A relation with both statements."""
        return {
            **pair.relation.to_dict(),
            "sides": [pair.left_side, pair.right_side],
            "statements": [self.statement_json(pair.left), self.statement_json(pair.right)],
        }

    def speaker_json(self, sp: SpeakerInfo, count: int | None = None) -> dict[str, Any]:
        """A speaker (actor or bare name) with roles and the number of statements."""
        actor = self.view.actors.get(sp.key)
        return {
            "key": sp.key,
            "name": sp.name,
            "side": sp.side,
            "roles": list(sp.roles),
            "kind": actor.kind if actor else "person",
            "aliases": list(actor.aliases) if actor else [],
            "statements": sp.statements if count is None else count,
        }

    def side_matrix_json(self, f: Filters) -> dict[str, list[dict[str, Any]]]:
        """Relation counts per unordered pair of sides, per kind."""
        out: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
        counts: dict[tuple[str, str, str], int] = {}
        for pair in self.pairs(f):
            a, b = sorted((pair.left_side, pair.right_side))
            key = (pair.relation.label, a, b)
            counts[key] = counts.get(key, 0) + 1
        for (label, a, b), n in sorted(counts.items()):
            out[label].append({"a": a, "b": b, "count": n})
        return out


class Corpus:
    """The database behind the server: reloaded only when the file (or its WAL) changes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        with Store.open(self.path, read_only=True):  # fails early: missing, foreign, old or newer schema
            pass
        self._lock = threading.Lock()
        self._stamp: tuple[int, ...] | None = None
        self._snapshot: Snapshot | None = None

    def _fingerprint(self) -> tuple[int, ...]:
        stamp: list[int] = []
        for p in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                info = p.stat()
            except OSError:
                stamp += [0, 0]
                continue
            stamp += [info.st_mtime_ns, info.st_size]
        return tuple(stamp)

    def snapshot(self) -> Snapshot:
        """The current snapshot, reloading the database when it has changed."""
        stamp = self._fingerprint()
        with self._lock:
            if self._snapshot is None or stamp != self._stamp:
                with Store.open(self.path, read_only=True) as store:
                    self._snapshot = Snapshot(store.load_result())
                self._stamp = stamp
            return self._snapshot
