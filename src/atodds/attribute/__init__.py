"""Attribute: turn raw attributions into statements with resolved speakers."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..extract.quotes import find_quotes
from ..records import Attribution, Speaker, Statement
from .sides import SideKnowledge, YamlSideKnowledge, load_knowledge
from .speakers import ArticleContext, resolve

__all__ = ["SideKnowledge", "YamlSideKnowledge", "attribute", "load_knowledge", "statement_id"]


def statement_id(article_id: str, attribution: Attribution) -> str:
    """A stable id: the article id and the content's offsets."""
    return f"{article_id}-{attribution.content.start}-{attribution.content.end}"


def attribute(
    doc: Doc, attributions: Sequence[Attribution], article_id: str, knowledge: YamlSideKnowledge
) -> tuple[Statement, ...]:
    """Resolve every attribution's speaker, in document order."""
    quoted = [(q.open, q.close) for q in find_quotes(doc.text)]
    ctx = ArticleContext.build(doc, knowledge, quoted)
    speakers: list[Speaker] = []
    statements: list[Statement] = []
    for att in attributions:
        speaker = resolve(ctx, att.mention, speakers)
        speakers.append(speaker)
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
