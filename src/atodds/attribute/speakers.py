"""Resolve a statement's speaker mention to a name, role and side.

Rules, in order: a named person (full name from anywhere in the article); a pronoun (the nearest
compatible speaker or named person before it); a title or nominal ("the minister", "the spokesman") to
the person holding that role; an organization or country; otherwise the mention as it stands.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..nlp import text_of
from ..records import Span, Speaker
from .orgs import acronym_map, article_orgs, group_side, longer_name, modified_by_org, role_org
from .people import Person, collect_people, find_person
from .sides import YamlSideKnowledge
from .titles import GOVERNMENT_WORDS, TITLE_WORDS, clean_name

if TYPE_CHECKING:
    from ..merge.aliases import AliasTable

PERSON_PRONOUNS = frozenset(["he", "she", "him", "her", "i", "me"])
GROUP_PRONOUNS = frozenset(["it", "they", "them", "we", "us", "its", "their"])
PARTITIVE = re.compile(r"^(?:one|another|others|some|one of them)(?:\s+(?:man|woman|person|of them))?$", re.I)
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
    orgs: list[str]  # organizations the article names, longest first
    aliases: AliasTable | None = None

    @classmethod
    def build(
        cls,
        doc: Doc,
        knowledge: YamlSideKnowledge,
        quoted: list[tuple[int, int]],
        aliases: AliasTable | None = None,
    ) -> ArticleContext:
        people = collect_people(doc, knowledge, quoted)
        narrative = "".join(
            ch if not any(a <= i < b for a, b in quoted) else " " for i, ch in enumerate(text_of(doc))
        )
        counts = Counter(s for s in _all_sides(knowledge, narrative))
        home = counts.most_common(1)[0][0] if counts else ""
        return cls(doc, knowledge, people, home, acronym_map(doc), narrative, article_orgs(doc), aliases)

    def last_side_before(self, offset: int) -> str:
        """The side named last before ``offset`` in its sentence or the one before (for "its army")."""
        start = max(self.narrative.rfind(".", 0, max(self.narrative.rfind(".", 0, offset), 0)), 0)
        sides = [
            self.knowledge.term_side[m.group(0)]
            for m in self.knowledge._matches(self.narrative[start:offset])
        ]
        return sides[-1] if sides else ""

    def canonical(self, name: str) -> str:
        """The name the packaged or user alias list gives an organization ("China's coast guard" ->
        "China Coast Guard"), else ``name``."""
        return (self.aliases.canonical(name) if self.aliases is not None else None) or name

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
            side = ctx.knowledge.side_of(local) or side or role_org(local, ctx.orgs)
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
                before = [m for m in p.narrative_mentions if m < mention.start]
                if before and (best is None or max(before) > best[0]):
                    best = (max(before), p)
        if best is None:  # the tagger took the speaker's name for a place ("Hanna Berglund" as FAC)
            for sp in earlier:
                if (
                    sp.mention is not None
                    and sp.mention.start < mention.start
                    and _looks_like_a_name(ctx, sp)
                ):
                    best = (sp.mention.start, sp) if best is None or sp.mention.start > best[0] else best
    if best is None:
        return None
    found = best[1]
    if isinstance(found, Person):
        return person_speaker(ctx, mention, found, "pronoun")
    return Speaker(mention, found.name, found.role, found.side, "pronoun")


def _looks_like_a_name(ctx: ArticleContext, speaker: Speaker) -> bool:
    """Two or three capitalized words, no side, and no organization or place in its mention."""
    words = speaker.name.split()
    if (
        not 2 <= len(words) <= 3
        or not all(w[:1].isupper() for w in words)
        or speaker.side not in ("", speaker.name)
    ):
        return False
    return speaker.mention is not None and not _entities_in(ctx, speaker.mention, {"ORG", "GPE", "NORP"})


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
    if (lowered in PERSON_PRONOUNS or lowered in GROUP_PRONOUNS) and not (text.isupper() and len(text) > 1):
        found = _antecedent(ctx, mention, earlier, person=lowered in PERSON_PRONOUNS)
        return found or Speaker(mention, text, "", "", "unknown")
    if PARTITIVE.match(text):  # "Protesters said ... One man said ..., another said ...": one of them
        group = next((sp for sp in reversed(earlier) if sp.resolution == "nominal" and sp.side), None)
        if group is not None and mention.start - (group.mention.start if group.mention else 0) < 1500:
            return Speaker(mention, clean_name(_strip_det(text)), "", group.side, "nominal")
    for name in _entities_in(ctx, mention, {"PERSON"}):
        person = find_person(ctx.people, name)
        if person is not None:
            return person_speaker(ctx, mention, person, "named")
    for person in ctx.people:  # "Curator of Mammals Jordan Piha", a name the tagger missed here
        if " " in person.name and text.endswith(person.name):
            return person_speaker(ctx, mention, person, "named")
    titled = _by_title(ctx, mention)
    if titled is not None:
        return titled
    bare = _strip_det(text)
    head = bare.split(",")[0].strip()  # "Smart, now 23"
    known = find_person(ctx.people, head) if head[:1].isupper() and len(head.split()) <= 3 else None
    if known is not None and head.split()[-1].casefold() == known.surname:
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
        name = ctx.canonical(longer_name(proper, ctx.narrative))
        return Speaker(mention, name, "", side or ctx.knowledge.side_of(name) or name, "organization")
    if orgs and not nominal:
        name = clean_name(_strip_det(orgs[0]))
        name = ctx.canonical(longer_name(ctx.acronyms.get(name, name), ctx.narrative))
        return Speaker(mention, name, "", side or ctx.knowledge.side_of(name) or name, "organization")
    if bare in ctx.acronyms:
        name = ctx.canonical(ctx.acronyms[bare])
        return Speaker(mention, name, "", side or ctx.knowledge.side_of(name) or name, "organization")
    if nominal:
        return _nominal(ctx, mention, clean_name(bare), side, earlier)
    name = clean_name(bare)
    if proper and ctx.narrative.count(proper) and (longer := longer_name(proper, ctx.narrative)) != proper:
        return Speaker(mention, longer, "", side or ctx.knowledge.side_of(longer) or longer, "organization")
    return Speaker(mention, name, "", side, "unknown")


def _nominal(ctx: ArticleContext, mention: Span, name: str, side: str, earlier: list[Speaker]) -> Speaker:
    """A common-noun speaker: "China's coast guard" (a known organization), "zoo officials" (of an
    organization the article names), "Officials" (the officials who spoke before), "Protesters"."""
    if re.match(r"^(?:its|their)\s", mention.text.strip(), re.IGNORECASE):
        named = ctx.last_side_before(mention.start)  # "Israel ... and its army said": the side before
        name = f"{named}'s {name}" if named else name
        side = side or named
    if name[:1].isupper() and (longer := longer_name(name, ctx.narrative)) != name:
        return Speaker(mention, longer, "", side or ctx.knowledge.side_of(longer) or longer, "organization")
    canonical = ctx.canonical(name)
    if canonical != name:
        return Speaker(mention, canonical, "", side or ctx.knowledge.side_of(canonical) or "", "nominal")
    named_orgs = [clean_name(_strip_det(o)) for o in _entities_in(ctx, mention, {"ORG"})]
    org_side = next((ctx.acronyms.get(o, o) for o in named_orgs if o and o != name), "")
    if org_side:  # "Tulsa Zoo officials", "GM executives": they speak for the organization they name
        return Speaker(mention, name, "", side or org_side, "nominal")
    expanded = modified_by_org(name, ctx.orgs)
    if expanded is not None:
        return Speaker(
            mention, expanded[0], "", side or ctx.knowledge.side_of(expanded[1]) or expanded[1], "nominal"
        )
    words = name.split()
    if len(words) == 1:  # "Officials", "the ministry": the last speaker of that kind
        head = words[0].casefold()
        for sp in reversed(earlier):
            if sp.name and sp.name.split()[-1].casefold() == head and sp.name.casefold() != head:
                return Speaker(mention, sp.name, sp.role, sp.side, "nominal")
    return Speaker(mention, name, "", side or group_side(name), "nominal")
