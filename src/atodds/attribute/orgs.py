"""Organizations in one article: the side a role or a nominal speaker names, and an organization's full name.

"Tulsa Zoo Zoological Curator of Mammals" speaks for the Tulsa Zoo; "zoo officials" are the Tulsa Zoo's
officials when the article names the Tulsa Zoo; "the Minority" is the "Minority in Parliament" the
article named in full.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..nlp import text_of
from .titles import HONORIFICS, TITLE_WORDS, clean_name, strip_det

ORG_LABELS = frozenset({"ORG", "FAC"})
GROUP_NOUNS = frozenset(
    """protesters demonstrators activists residents strikers students farmers villagers fans parents
    families campaigners unions""".split()
)
RANK_WORDS = frozenset({"senior", "junior", "assistant", "associate", "principal", "keeper", "lead"})
LONGER_NAME = r"(?:\s+(?:of|for|in|on)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"


def _bare(text: str) -> str:
    return clean_name(re.sub(r"^(?:the|The)\s+", "", text.strip()))


def article_orgs(doc: Doc) -> list[str]:
    """The organizations the article names, without a leading "the", longest first, no duplicates."""
    names = {_bare(e.text) for e in doc.ents if e.label_ in ORG_LABELS}
    return sorted((n for n in names if n and n.casefold() not in HONORIFICS), key=len, reverse=True)


def trim_title(org: str, known: list[str]) -> str:
    """An organization's name without the office the tagger ran into it ("Tulsa Zoo Zoological
    Curator" -> "Tulsa Zoo"): cut at the first title word, then the longest name the article gives
    elsewhere that starts the rest."""
    words = org.split()
    office = TITLE_WORDS | RANK_WORDS
    cut = next((i for i, w in enumerate(words) if w.casefold().strip(",.") in office), len(words))
    while cut > 1 and words[cut - 1].casefold() in {"of", "for", "the", "and"}:
        cut -= 1
    if cut == len(words) or cut == 0:
        return org
    rest = " ".join(words[:cut])
    prefixes = [k for k in known if k != org and (rest == k or rest.startswith(k + " "))]
    return max(prefixes, key=len) if prefixes else rest


def role_org(role: str, known: list[str]) -> str:
    """The organization a role names ("Tulsa Zoo Zoological Curator of Mammals" -> "Tulsa Zoo")."""
    for org in known:
        if re.search(rf"(?<![\w]){re.escape(org)}(?![\w])", role):
            return trim_title(org, known)
    return ""


def modified_by_org(nominal: str, known: list[str]) -> tuple[str, str] | None:
    """ "zoo officials" in an article about the Tulsa Zoo -> ("Tulsa Zoo officials", "Tulsa Zoo"): a
    common-noun modifier that is a word of an organization the article names stands for it."""
    words = nominal.split()
    if len(words) < 2 or words[0][:1].isupper() or not words[0].isalpha():
        return None
    modifier = words[0].casefold()
    for org in known:
        org_words = org.split()
        lowered = [w.casefold() for w in org_words]
        if modifier in lowered and len(org_words) >= 2:
            upto = lowered.index(modifier) + 1
            return " ".join(org_words[:upto] + words[1:]), trim_title(org, known)
    return None


def longer_name(name: str, text: str) -> str:
    """The fuller name the article gives an organization: "the Minority in Parliament" for "Minority",
    "the National Task Force for the West Philippine Sea" for "National Task Force" (only a form the
    article introduces with "the")."""
    if not name[:1].isupper():
        return name
    pattern = rf"\b[Tt]he\s+({re.escape(name)}{LONGER_NAME})"
    found = [m.group(1) for m in re.finditer(pattern, text)]
    return max(found, key=len) if found else name


def group_side(nominal: str) -> str:
    """ "Protesters" speak for the protesters: a group of people that is itself a side."""
    words = nominal.split()
    return words[-1].casefold() if len(words) <= 2 and words and words[-1].casefold() in GROUP_NOUNS else ""


def role_side(doc: Doc, role: str, acronyms: dict[str, str]) -> str:
    """The organization or place a role names ("Tulsa Zoo Zoological Curator of Mammals" -> "Tulsa Zoo")."""
    org = role_org(role, article_orgs(doc))
    if org and not (org.isupper() and org not in acronyms):
        return acronyms.get(org, org)
    places = [e.text for e in doc.ents if e.label_ == "GPE" and e.text in role]
    places = [p for p in places if (p.casefold() not in HONORIFICS and not p.isupper()) or p in acronyms]
    places += [a for a in acronyms if re.search(rf"\b{re.escape(a)}\b", role)]
    return acronyms.get(places[0], clean_name(places[0])) if places else ""


def acronym_map(doc: Doc) -> dict[str, str]:
    """Acronyms the article defines or implies: "National Task Force (NTF)", "General Motors" -> "GM"."""
    found: dict[str, str] = {}
    for match in re.finditer(
        r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|for|the|and|on)\s+)*){2,})\(([A-Z][A-Z0-9&-]{1,9})\)", text_of(doc)
    ):
        found.setdefault(match.group(2), re.sub(r"^The\s+", "", match.group(1).strip()))
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        words = [w for w in ent.text.split() if w[:1].isupper()]
        if len(words) >= 2:
            found.setdefault("".join(w[0] for w in words), clean_name(ent.text.removeprefix("the ")))
    return found


AFFILIATION_VERBS = frozenset({"work", "serve", "teach", "research"})


def affiliation(ent: Span) -> str:
    """ "Ana Ruiz works at the Harbour Museum" -> "Harbour Museum"."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in AFFILIATION_VERBS:
        return ""
    for prep in root.head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"at", "for", "with"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "ORG":
                    ents = [e for e in ent.doc.ents if e.start <= obj.i < e.end]
                    if ents:
                        return strip_det(ents[0].text).strip()
    return ""
