"""Typed records that flow through the pipeline.

Every offset is a Python ``str`` index into ``Article.text`` (for a ``.txt`` file, the file's text
exactly as read). Records are frozen so that stages cannot mutate each other's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

StatementKind = Literal["direct", "indirect", "mixed"]
Resolution = Literal["named", "pronoun", "nominal", "title", "organization", "unknown"]
RelationLabel = Literal["contradict", "agree"]
ActorKind = Literal["person", "organization"]
DiffKind = Literal["equal", "insert", "delete", "replace"]
DateBasis = Literal["published", "expression"]


@dataclass(frozen=True)
class Span:
    """A piece of an article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Build a span over ``text[start:end]``."""
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Article:
    """One news article as ingested. ``id`` is a hash of the normalized text."""

    id: str
    source: str
    text: str
    title: str = ""
    url: str = ""
    outlet: str = ""
    published: str | None = None
    source_kind: str = "txt"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
        }


@dataclass(frozen=True)
class Attribution:
    """A raw attributed statement found by ``extract``, before its speaker is resolved."""

    content: Span
    cue: Span | None
    mention: Span | None
    kind: StatementKind
    nested_source: str | None = None
    continues_previous: bool = False  # an unattributed quote paragraph that continues the last speaker


@dataclass(frozen=True)
class Speaker:
    """Who said it: the mention in the text and what it resolves to."""

    mention: Span | None
    name: str
    role: str = ""
    side: str = ""
    resolution: Resolution = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "mention": self.mention.to_dict() if self.mention else None,
            "name": self.name,
            "role": self.role,
            "side": self.side,
            "resolution": self.resolution,
        }


@dataclass(frozen=True)
class Statement:
    """An attributed statement with its resolved speaker."""

    id: str
    article_id: str
    content: Span
    cue: Span | None
    speaker: Speaker
    kind: StatementKind
    nested_source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article_id,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict(),
            "kind": self.kind,
            "nested_source": self.nested_source,
        }


@dataclass(frozen=True)
class Frame:
    """A sentence in the article's own voice saying that accounts conflict (or agree)."""

    article_id: str
    span: Span
    sides: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "start": self.span.start,
            "end": self.span.end,
            "text": self.span.text,
            "sides": list(self.sides),
        }


@dataclass(frozen=True)
class Actor:
    """One person or organization across all articles."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: ActorKind = "person"
    roles: tuple[str, ...] = ()
    side: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "roles": list(self.roles),
            "side": self.side,
        }


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level diff: ``equal``, ``insert``, ``delete`` or ``replace``."""

    op: DiffKind
    a: str = ""
    b: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "a": self.a, "b": self.b}


@dataclass(frozen=True)
class QuoteDrift:
    """Two outlets' wordings of one direct quote: the diff from ``a`` to ``b`` and what it changes.

    ``flags`` name meaning-changing edits (negation, number, modal, quantifier); ``trivial`` is true when
    only case, punctuation or a clause trimmed at either end differ."""

    a: str
    b: str
    ops: tuple[DiffOp, ...]
    flags: tuple[str, ...] = ()
    trivial: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "ops": [o.to_dict() for o in self.ops],
            "flags": list(self.flags),
            "trivial": self.trivial,
        }


@dataclass(frozen=True)
class StatementDate:
    """When a statement was made: ``date`` (ISO) reached from the article's publication date, or from an
    expression near the statement ("on Tuesday", "yesterday") resolved against it."""

    date: str
    basis: DateBasis = "published"
    expression: str = ""
    approximate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.date,
            "basis": self.basis,
            "expression": self.expression,
            "approximate": self.approximate,
        }


@dataclass(frozen=True)
class StatementGroup:
    """The same statement as reported by one or several outlets, with how direct quotes of it drift."""

    id: str
    statements: tuple[str, ...]
    canonical_text: str
    wording_differs: bool = False
    outlets: tuple[str, ...] = ()
    drift: tuple[QuoteDrift, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statements": list(self.statements),
            "canonical_text": self.canonical_text,
            "wording_differs": self.wording_differs,
            "outlets": list(self.outlets),
            "drift": [d.to_dict() for d in self.drift],
        }


@dataclass(frozen=True)
class Topic:
    """Statements about the same question."""

    id: str
    label: str
    statements: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "statements": list(self.statements)}


@dataclass(frozen=True)
class Relation:
    """Two statements that contradict or agree, with a score in [0, 1] and the evidence."""

    a: str
    b: str
    label: RelationLabel
    score: float
    evidence: tuple[str, ...] = ()
    model: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "label": self.label,
            "score": round(self.score, 4),
            "evidence": list(self.evidence),
            "model": self.model,
        }


@dataclass(frozen=True)
class Failure:
    """An input that could not be analyzed, with its error code and reason."""

    source: str
    code: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "code": self.code, "reason": self.reason}


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the per-article stages found in one article."""

    article: Article
    statements: tuple[Statement, ...]
    frames: tuple[Frame, ...] = ()
    # one embedding row per statement (float32, by ``vector_model``), computed in the worker so that
    # embedding runs in parallel and is stored once; None when not computed
    vectors: Any = field(default=None, compare=False, repr=False)
    vector_model: str = field(default="", compare=False, repr=False)


@dataclass
class Result:
    """A whole run: what ``atodds.analyze`` returns and ``analyze --json`` writes."""

    articles: list[Article] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    groups: list[StatementGroup] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    statement_actor: dict[str, str] = field(default_factory=dict)
    statement_topic: dict[str, str] = field(default_factory=dict)
    statement_group: dict[str, str] = field(default_factory=dict)
    statement_date: dict[str, StatementDate] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``atodds analyze --json`` (see README, "Output schema")."""
        source_of = {a.id: a.source for a in self.articles}
        statements = []
        for st in self.statements:
            row = st.to_dict()
            row["source"] = source_of.get(st.article_id, "")
            row["speaker"]["actor"] = self.statement_actor.get(st.id)
            row["topic"] = self.statement_topic.get(st.id)
            row["group"] = self.statement_group.get(st.id)
            date = self.statement_date.get(st.id)
            row["date"] = date.to_dict() if date else None
            statements.append(row)
        return {
            "articles": [a.to_dict() for a in self.articles],
            "statements": statements,
            "actors": [a.to_dict() for a in self.actors],
            "groups": [g.to_dict() for g in self.groups],
            "topics": [t.to_dict() for t in self.topics],
            "relations": [r.to_dict() for r in self.relations],
            "frames": [f.to_dict() for f in self.frames],
            "failures": [f.to_dict() for f in self.failures],
        }

    def statement(self, statement_id: str) -> Statement:
        """Look a statement up by id."""
        for st in self.statements:
            if st.id == statement_id:
                return st
        raise KeyError(statement_id)
