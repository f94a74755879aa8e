"""Resolve a statement's speaker mention to a name, role and side.

Rules, in order: a named person (full name from anywhere in the article); a pronoun (the nearest
compatible speaker or named person before it); a title or nominal ("the minister", "the spokesman") to
the person holding that role; an organization or country; otherwise the mention as it stands.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from ..nlp import text_of
from ..records import Span, Speaker
from .people import (
    GOVERNMENT_WORDS,
    TITLE_WORDS,
    Person,
    acronym_map,
    clean_name,
    collect_people,
    find_person,
)
from .sides import YamlSideKnowledge

PERSON_PRONOUNS = frozenset(["he", "she", "him", "her", "i", "me"])
GROUP_PRONOUNS = frozenset(["it", "they", "them", "we", "us", "its", "their"])
DETERMINERS = ("the ", "The ", "a ", "A ", "an ", "An ", "its ", "Its ", "their ", "Their ")


@dataclass
class ArticleContext:
    """What speaker resolution needs to know about one article."""

    doc: Doc
    knowledge: YamlSideKnowledge
    people: list[Person]
    home_side: str  # the side the article's narrative names most (fallback for officials)
    acronyms: dict[str, str]
    narrative: str  # the text with quotes blanked out

    @classmethod
    def build(cls, doc: Doc, knowledge: YamlSideKnowledge, quoted: list[tuple[int, int]]) -> ArticleContext:
        people = collect_people(doc, knowledge, quoted)
        narrative = "".join(
            ch if not any(a <= i < b for a, b in quoted) else " " for i, ch in enumerate(text_of(doc))
        )
        counts = Counter(s for s in _all_sides(knowledge, narrative))
        home = counts.most_common(1)[0][0] if counts else ""
        return cls(doc, knowledge, people, home, acronym_map(doc), narrative)

    def nearby_side(self, offset: int, paragraphs: int = 3) -> str:
        """The first side the narrative names in the paragraph of ``offset`` or the ones before it."""
        end = offset
        for _ in range(paragraphs):
            start = self.narrative.rfind("\n", 0, max(end - 1, 0)) + 1
            sides = self.knowledge.sides_in(self.narrative[start:end])
            if sides:
                return sides[0]
            if start == 0:
                break
            end = start - 1
        return ""


def _all_sides(knowledge: YamlSideKnowledge, text: str) -> list[str]:
    return [knowledge.term_side[m.group(0)] for m in knowledge._matches(text)]


FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "in", "on", "de", "la", "del", "du", "des", "&"})


def proper_phrase(text: str) -> str:
    """The whole name when a mention is one proper noun phrase ("Minority in Parliament"), else ""."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip(" ,")
    words = text.split()
    if not words or not words[0][:1].isupper():
        return ""
    if all(w[:1].isupper() or w.casefold() in FUNCTION_WORDS for w in words) and "'s" not in text:
        return text
    return ""


def _strip_det(text: str) -> str:
    for det in DETERMINERS:
        if text.startswith(det):
            return text[len(det) :]
    return text


def person_speaker(ctx: ArticleContext, mention: Span | None, person: Person, resolution: str) -> Speaker:
    """A speaker for a known person; the role given at this mention wins over the article's."""
    role = person.role
    side = person.side
    if mention is not None and resolution == "named":
        local = mention.text.replace(person.name, "").strip(" ,")
        surname = person.name.split()[-1]
        if local and surname not in local and any(w[:1].isupper() for w in local.split()):
            role = role if role else local
            side = ctx.knowledge.side_of(local) or side
    if not side and role and any(w.casefold() in GOVERNMENT_WORDS for w in role.split()):
        side = ctx.nearby_side(person.mentions[0] if person.mentions else 0) or ctx.home_side
    return Speaker(mention, person.name, role, side, resolution)  # type: ignore[arg-type]


def _entities_in(ctx: ArticleContext, mention: Span, labels: set[str]) -> list[str]:
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return []
    return [e.text for e in span.ents if e.label_ in labels]


def _antecedent(ctx: ArticleContext, mention: Span, earlier: list[Speaker], person: bool) -> Speaker | None:
    """The nearest speaker or named person before a pronoun."""
    best: tuple[int, Speaker | Person] | None = None
    for sp in earlier:
        if sp.mention is None or sp.mention.start >= mention.start:
            continue
        is_person = find_person(ctx.people, sp.name) is not None
        if is_person == person and (best is None or sp.mention.start > best[0]):
            best = (sp.mention.start, sp)
    if person:  # a named person mentioned (not as an object) after the last speaker is nearer
        for p in ctx.people:
            if not p.plausible_antecedent:
                continue
            before = [m for m in p.agent_mentions if m < mention.start]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), p)
        if best is None:
            for p in ctx.people:
                before = [m for m in p.mentions if m < mention.start]
                if before and (best is None or max(before) > best[0]):
                    best = (max(before), p)
    if best is None:
        return None
    found = best[1]
    if isinstance(found, Person):
        return person_speaker(ctx, mention, found, "pronoun")
    return Speaker(mention, found.name, found.role, found.side, "pronoun")


def _by_title(ctx: ArticleContext, mention: Span) -> Speaker | None:
    words = [w.casefold().strip(",.") for w in _strip_det(mention.text).split()]
    if not words or words[-1] not in TITLE_WORDS or any(w[:1].isupper() for w in mention.text.split()[1:-1]):
        return None
    head = words[-1]
    for person in ctx.people:
        if head in person.role.casefold().split() or (
            head == "pm" and "prime minister" in person.role.lower()
        ):
            return person_speaker(ctx, mention, person, "title")
    return None


def resolve(ctx: ArticleContext, mention: Span | None, earlier: list[Speaker]) -> Speaker:
    """The speaker behind ``mention`` (None: the previous speaker goes on)."""
    if mention is None:
        if earlier:
            last = earlier[-1]
            return Speaker(None, last.name, last.role, last.side, "unknown")
        return Speaker(None, "", "", "", "unknown")
    text = mention.text.strip()
    lowered = text.casefold()
    if lowered in PERSON_PRONOUNS or lowered in GROUP_PRONOUNS:
        found = _antecedent(ctx, mention, earlier, person=lowered in PERSON_PRONOUNS)
        return found or Speaker(mention, text, "", "", "unknown")
    for name in _entities_in(ctx, mention, {"PERSON"}):
        person = find_person(ctx.people, name)
        if person is not None:
            return person_speaker(ctx, mention, person, "named")
    titled = _by_title(ctx, mention)
    if titled is not None:
        return titled
    bare = _strip_det(text)
    known = find_person(ctx.people, bare) if bare[:1].isupper() and len(bare.split()) <= 3 else None
    if known is not None and bare.split()[-1].casefold() == known.surname:
        return person_speaker(ctx, mention, known, "named")
    side = ctx.knowledge.side_of(text) or ""
    canonical = ctx.knowledge.canonical(text)
    orgs = _entities_in(ctx, mention, {"ORG", "GPE", "NORP", "FAC"})
    head_is_noun = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    nominal = head_is_noun is not None and head_is_noun.root.pos_ == "NOUN"
    if canonical:
        return Speaker(mention, canonical, "", canonical, "organization")
    proper = proper_phrase(bare)
    if proper and (orgs or proper in ctx.acronyms.values()) and len(proper.split()) > 1:
        return Speaker(mention, proper, "", side or ctx.knowledge.side_of(proper) or proper, "organization")
    if orgs and not nominal:
        name = clean_name(_strip_det(orgs[0]))
        name = ctx.acronyms.get(name, name)
        return Speaker(mention, name, "", side or ctx.knowledge.side_of(name) or name, "organization")
    if bare in ctx.acronyms:
        name = ctx.acronyms[bare]
        return Speaker(mention, name, "", side or ctx.knowledge.side_of(name) or name, "organization")
    name = clean_name(bare)
    if nominal:  # "Tulsa Zoo officials", "GM executives": they speak for the organization they name
        named_orgs = [clean_name(_strip_det(o)) for o in _entities_in(ctx, mention, {"ORG"})]
        org_side = next((ctx.acronyms.get(o, o) for o in named_orgs if o and o != name), "")
        return Speaker(mention, name, "", side or org_side, "nominal")
    return Speaker(mention, name, "", side, "unknown")
