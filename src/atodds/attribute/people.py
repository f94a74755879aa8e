"""Who is who in one article: people named in it, with their full names, roles and sides."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..nlp import text_of
from .orgs import acronym_map, affiliation, role_side
from .sides import YamlSideKnowledge
from .titles import HONORIFICS, TITLE_WORDS, clean_name, strip_det

OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "obj"})
ROLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "case"})


@dataclass
class Person:
    """One person named in an article."""

    name: str
    role: str = ""
    side: str = ""
    mentions: list[int] = field(default_factory=list)  # character offsets of the name's mentions
    agent_mentions: list[int] = field(default_factory=list)  # those outside quotes, not in object position
    narrative_mentions: list[int] = field(default_factory=list)  # those outside quotes
    affiliation: str = ""  # an organization the article says the person works for

    @property
    def plausible_antecedent(self) -> bool:
        """A full name or a known role: a lone capitalized word ("Bolt") may be a product or a place."""
        return len(self.name.split()) >= 2 or bool(self.role)

    @property
    def surname(self) -> str:
        return self.name.split()[-1].casefold()


def premodifier_role(ent: Span) -> str:
    """ "Israeli Defense Minister Yoav Gallant" -> "Israeli Defense Minister"."""
    doc = ent.doc
    root = ent.root
    left = [t for t in root.subtree if t.i < ent.start and t.dep_ in ROLE_DEPS | {"det"}]
    left = [t for t in left if t.i >= ent.start - 8]
    if not left:
        return ""
    start = min(t.i for t in left)
    while start < ent.start and (doc[start].dep_ == "det" or doc[start].is_punct):
        start += 1
    if start >= ent.start:
        return ""
    return text_of(doc)[doc[start].idx : doc[ent.start - 1].idx + len(doc[ent.start - 1].text)].strip(" ,")


def appositive_role(ent: Span) -> str:
    """ "John Kirby, the White House spokesman" or "the spokesman, John Kirby" -> the role phrase."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON":
            left, right = child.left_edge, child.right_edge
            return strip_det(text_of(ent.doc)[left.idx : right.idx + len(right.text)])
    if root.dep_ == "appos" and root.head.ent_type_ != "PERSON" and root.head.pos_ == "NOUN":
        head = root.head
        toks = [t for t in head.subtree if t.i <= head.i]
        return strip_det(text_of(ent.doc)[toks[0].idx : head.idx + len(head.text)])
    return ""


FOLLOWING_ROLE = re.compile(
    r",\s+((?:the|a|an)\s+)?([^,.;:“”\"()]{3,90}?)(?=,|\.|;|\s+(?:said|says|told|added)\b)"
)


def following_role(ent: Span) -> str:
    """ "Kent Walker, general counsel of Acme, said" -> "general counsel of Acme" (with a title word)."""
    match = FOLLOWING_ROLE.match(text_of(ent.doc), ent.end_char)
    if match is None:
        return ""
    role = match.group(2).strip()
    words = [w.casefold() for w in re.findall(r"[\w-]+", role)]
    if not any(w in TITLE_WORDS for w in words) or (words and words[0] in {"who", "which", "that"}):
        return ""
    return role


def is_titled(role: str) -> bool:
    """Whether a role names an office or function ("Defense Minister", "spokesman")."""
    return any(w.casefold().strip(",.") in TITLE_WORDS for w in role.split())


def context_side(token: Token, knowledge: YamlSideKnowledge) -> str | None:
    """A side named in the relative clause or appositive of a person's mention."""
    for child in token.children:
        if child.dep_ in {"relcl", "appos", "acl"}:
            left, right = child.left_edge, child.right_edge
            side = knowledge.side_of(text_of(token.doc)[left.idx : right.idx + len(right.text)])
            if side:
                return side
    return None


def collect_people(doc: Doc, knowledge: YamlSideKnowledge, quoted: list[tuple[int, int]]) -> list[Person]:
    """Everyone the article names, merged by surname: the longest name, the first role found."""
    by_surname: dict[str, Person] = {}
    ordered: list[Person] = []
    not_people = _mostly_not_people(doc)
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = clean_name(ent.text)
        if name.casefold() in not_people or (ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN"):
            continue  # "the Orlen dam", "the Rafah operation": a name used as a modifier is no person
        if not name or not name[0].isupper():
            continue
        surname = name.split()[-1].casefold()
        person = by_surname.get(surname)
        if person is None:
            person = Person(name)
            by_surname[surname] = person
            ordered.append(person)
        elif len(name.split()) > len(person.name.split()):
            person.name = name
        person.mentions.append(ent.start_char)
        in_quote = any(a <= ent.start_char < b for a, b in quoted)
        root = ent.root.head if ent.root.dep_ == "appos" else ent.root
        if not in_quote:  # a name inside a quote is what the speaker talks about, not who speaks next
            person.narrative_mentions.append(ent.start_char)
            if root.dep_ not in OBJECT_DEPS:
                person.agent_mentions.append(ent.start_char)
        role = "" if in_quote else (premodifier_role(ent) or appositive_role(ent) or following_role(ent))
        if role.casefold().strip(".") in HONORIFICS:
            role = ""
        if role and not person.role:
            person.role = role
        if not person.side and not in_quote:
            person.side = knowledge.side_of(role) or context_side(ent.root, knowledge) or ""
        if not person.affiliation and not in_quote:
            person.affiliation = affiliation(ent)
    extend_surnames(doc, ordered, quoted)
    acronyms = acronym_map(doc)
    for person in ordered:
        if not person.side:
            person.side = knowledge.side_of_person(person.name) or ""
        if not person.side and person.affiliation:
            person.side = knowledge.side_of(person.affiliation) or person.affiliation
        if not person.side and person.role:
            person.side = role_side(doc, person.role, acronyms)
    return ordered


def extend_surnames(doc: Doc, people: list[Person], quoted: list[tuple[int, int]]) -> None:
    """A person the tagger knows only by surname, written in full somewhere it missed ("Curator of
    Mammals Jordan Piha"): take the full name, and the role written before it."""
    for person in people:
        if " " in person.name:
            continue
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if tok.text != person.name or any(a <= tok.idx < b for a, b in quoted):
                continue
            if prev.pos_ != "PROPN" or not prev.text[:1].isupper() or prev.ent_type_ not in {"", "PERSON"}:
                continue
            if prev.lower_.strip(".") in TITLE_WORDS | HONORIFICS or prev.whitespace_ != " ":
                continue
            person.name = f"{prev.text} {tok.text}"
            person.mentions.append(prev.idx)
            person.narrative_mentions.append(prev.idx)
            if tok.dep_ not in OBJECT_DEPS:
                person.agent_mentions.append(prev.idx)
            start = tok.left_edge
            if not person.role and start.i < prev.i:
                role = text_of(doc)[start.idx : prev.idx].strip(" ,")
                person.role = strip_det(role) if is_titled(role) else ""
            break


def _mostly_not_people(doc: Doc) -> set[str]:
    """Single-word names the tagger calls a person less often than a place or organization ("Rafah")."""
    votes: dict[str, list[int]] = {}
    for ent in doc.ents:
        key = clean_name(ent.text).casefold()
        if " " in key:  # "the Caucus of Independent Members": a lone "Caucus" later is no person
            first = key.removeprefix("the ").split()[0]
            if ent.label_ == "ORG" and first[:1].isalpha():
                votes.setdefault(first, [0, 0])[1] += 1
            continue
        tally = votes.setdefault(key, [0, 0])
        tally[0 if ent.label_ == "PERSON" else 1] += 1
    return {k for k, (person, other) in votes.items() if other >= person}


def find_person(people: list[Person], name: str) -> Person | None:
    """The person whose full name or surname is ``name``."""
    key = clean_name(name).casefold()
    for person in people:
        if person.name.casefold() == key:
            return person
    last = key.split()[-1] if key else ""
    for person in people:
        if person.surname == last:
            return person
    return None
