"""Attribute: turn raw attributions into statements with resolved speakers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from ..extract.quotes import find_quotes
from ..limits import check_deadline
from ..merge.aliases import AliasTable
from ..nlp import text_of
from ..records import Attribution, Speaker, Statement
from .sides import SideKnowledge, YamlSideKnowledge, load_knowledge
from .speakers import ArticleContext, resolve

__all__ = ["SideKnowledge", "YamlSideKnowledge", "attribute", "load_knowledge", "statement_id"]


def statement_id(article_id: str, attribution: Attribution) -> str:
    """A stable id: the article id and the content's offsets."""
    return f"{article_id}-{attribution.content.start}-{attribution.content.end}"


def attribute(
    doc: Doc,
    attributions: Sequence[Attribution],
    article_id: str,
    knowledge: YamlSideKnowledge,
    aliases: AliasTable | None = None,
) -> tuple[Statement, ...]:
    """Resolve every attribution's speaker, in document order (``aliases``: the actor alias list that
    gives organizations their canonical names)."""
    quoted = [(q.open, q.close) for q in find_quotes(text_of(doc))]
    ctx = ArticleContext.build(doc, knowledge, quoted, aliases or AliasTable.load())
    speakers: list[Speaker] = []
    for att in attributions:
        check_deadline()
        speakers.append(resolve(ctx, att.mention, speakers))
    speakers = _consistent(speakers)
    statements: list[Statement] = []
    for att, speaker in zip(attributions, speakers, strict=True):
        statements.append(
            Statement(
                statement_id(article_id, att),
                article_id,
                att.content,
                att.cue,
                speaker,
                att.kind,
                att.nested_source,
            )
        )
    return tuple(statements)


def _consistent(speakers: list[Speaker]) -> list[Speaker]:
    """One person, one side and role within an article: fill gaps from the speaker's other statements."""
    sides: dict[str, Counter[str]] = {}
    roles: dict[str, str] = {}
    for sp in speakers:
        if sp.name and sp.side:
            sides.setdefault(sp.name, Counter())[sp.side] += 1
        if sp.name and sp.role and sp.name not in roles:
            roles[sp.name] = sp.role
    out = []
    for sp in speakers:
        side = sp.side or (sides[sp.name].most_common(1)[0][0] if sp.name in sides else "")
        out.append(replace(sp, side=side, role=sp.role or roles.get(sp.name, "")))
    return out
