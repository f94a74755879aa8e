"""Candidate generation and features for the learned attribution classifier.

Every verb with a subject (or a passive verb) and a complement gives one candidate per complement reading:
a clause ("says that ..."), an infinitive ("wants to cut taxes"), an object ("supports the bill"), a
prepositional object ("calls for a ban"); nouns with a clausal or "of" complement give nominal candidates
("his announcement that ..."). Features are plain strings; the model scores each candidate.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..nlp import text_of
from .cues import SPEECH_VERBS
from .mentions import mention_span, trim_span
from .reported import Candidate, find_subject

QUOTE_CHARS = frozenset('"“”«»')
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
NOMINAL_PREPS = frozenset({"of", "on", "about", "for", "against"})
PHRASAL_PREPS = frozenset({"for", "on", "about", "of", "to", "against", "with", "at", "in"})
STOP_DEPS = frozenset({"punct", "cc"})
MODALS = frozenset({"will", "would", "could", "should", "may", "might", "must", "can", "shall"})
CONTENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "DATE", "CARDINAL", "PERCENT", "MONEY"})
MIN_CHARS = 6
MAX_WORDS = 80


@dataclass(frozen=True)
class Proposal:
    """A candidate with the strings that describe it to the model."""

    cand: Candidate
    kind: str  # complement reading: ccomp, ccomp_left, xcomp, obj, obj_prep, pobj, noun_clause, noun_of
    features: tuple[str, ...]


def _span(doc: Doc, first: Token, last: Token) -> tuple[int, int]:
    """Characters from ``first`` to ``last`` (inclusive), clipped to the sentence and trimmed."""
    sent = first.sent
    last = doc[min(last.i, sent.end - 1)]
    return trim_span(text_of(doc), first.idx, last.idx + len(last.text), keep_closing_quote=True)


def _subtree(doc: Doc, tok: Token, skip_that: bool = True) -> tuple[int, int]:
    """The span of a complement's subtree, without a leading complementizer "that"."""
    first = tok.left_edge
    if skip_that and first.lower_ in {"that", "whether", "if"} and first.i < tok.i:
        first = doc[first.i + 1]
    return _span(doc, first, tok.right_edge)


def _right_of(doc: Doc, head: Token, first: Token) -> tuple[int, int]:
    """From ``first`` to the right edge of the head's dependents after it (stopping at a conjoined verb
    with its own subject: another statement)."""
    last = first.right_edge
    for child in head.rights:
        if child.i < first.i or child.dep_ in STOP_DEPS:
            continue
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
            break
        last = max(last, child.right_edge, key=lambda t: t.i)
    if first.lower_ in {"that", "whether"} and first.i < last.i:
        first = doc[first.i + 1]
    return _span(doc, first, last)


def _readings(doc: Doc, head: Token) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """(kind, content, cue) for each complement reading of a verb or noun."""
    out: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    cue = (head.idx, head.idx + len(head.text))
    prt = [c for c in head.children if c.dep_ == "prt"]
    if prt:
        cue = (min(cue[0], prt[0].idx), max(cue[1], prt[0].idx + len(prt[0].text)))
    agent = [c for c in head.children if c.dep_ == "agent"]
    subjpass = [c for c in head.children if c.dep_ == "nsubjpass" and c.i < head.i]
    if agent and subjpass:  # "the move was first reported by MSNBC"
        out.append(("passive", _subtree(doc, subjpass[0]), (head.idx, agent[0].idx + len(agent[0].text))))
    for child in head.children:
        dep = child.dep_
        if head.pos_ == "NOUN":
            if dep in {"acl", "ccomp"} and any(
                t.lower_ == "that" and t.dep_ == "mark" for t in child.children
            ):
                out.append(("noun_clause", _subtree(doc, child), cue))
            elif dep == "prep" and child.lower_ in NOMINAL_PREPS:
                objs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                if objs:
                    out.append(("noun_" + child.lower_, _subtree(doc, objs[0]), cue))
            continue
        if dep == "ccomp":
            if child.i > head.i:
                out.append(("ccomp", _right_of(doc, head, child.left_edge), cue))
            else:
                out.append(("ccomp_left", _subtree(doc, child), cue))
        elif dep == "xcomp" and child.i > head.i:
            out.append(("xcomp", _subtree(doc, child, skip_that=False), cue))
            subj = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < head.i]
            if subj:  # "the speaker appeared to be shrinking", "Trump is expected to win"
                out.append(("raise", _span(doc, subj[0].left_edge, child.right_edge), cue))
        elif dep in OBJECT_DEPS and child.i > head.i:
            out.append(("obj", _subtree(doc, child), cue))
            preps = [c for c in head.rights if c.dep_ == "prep" and c.i > child.i]
            if preps:
                out.append(("obj_prep", _span(doc, child.left_edge, preps[0].right_edge), cue))
        elif dep == "prep" and child.i > head.i and child.lower_ in PHRASAL_PREPS:
            objs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objs:
                pcue = (cue[0], child.idx + len(child.text))
                out.append(("pobj_" + child.lower_, _subtree(doc, objs[0]), pcue))
    return out


def _subject_features(subject: Token | None) -> list[str]:
    if subject is None:
        return ["subj=none"]
    feats = [f"subj_pos={subject.pos_}", f"subj_ent={subject.ent_type_ or '-'}"]
    if subject.pos_ == "PRON":
        feats.append(f"subj_pron={subject.lower_}")
    elif subject.pos_ == "NOUN":
        feats.append(f"subj_noun={subject.lemma_.lower()}")
    return feats


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return str(next((e for e in edges if n <= e), "more"))


def _content_features(doc: Doc, kind: str, content: tuple[int, int]) -> list[str]:
    """What the content is: its head word, a modal, its own subject, the entities in it."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None or not len(span):
        return []
    root = span.root
    lemma = root.lemma_.lower()
    feats = [f"c_root_pos={root.pos_}", f"c_root_lemma={lemma}", f"kind_root={kind}|{root.pos_}"]
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS for c in root.children):
        feats.append("c_modal")
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in root.children):
        feats.append(f"c_has_subj|{kind}")
    feats.extend(f"c_ent={label}" for label in sorted({e.label_ for e in span.ents} & CONTENT_ENTS))
    return feats


def _cue_features(head: Token, kind: str, lemma: str, words: int, subject: Token | None) -> list[str]:
    """Where the cue stands in its sentence, its tense and modality, its lemma with the content's length
    and with the kind of source."""
    sent = head.sent
    place = "first" if head.i - sent.start < 3 else "mid" if sent.end - head.i > 3 else "end"
    feats = [f"lemma_len={lemma}|{_bucket(words, (3, 8, 20))}", f"cue_place={place}"]
    if subject is not None:
        feats.append(f"lemma_subjent={lemma}|{subject.ent_type_ or subject.pos_}")
    if head.pos_ in {"VERB", "AUX"}:
        feats.append(f"cue_tag_kind={head.tag_}|{kind.split('_')[0]}")
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in head.children):
            feats.append("cue_modal")
    return feats


def _features(doc: Doc, head: Token, kind: str, content: tuple[int, int], subject: Token | None) -> list[str]:
    lemma = head.lemma_.lower()
    prt = next((c.lower_ for c in head.children if c.dep_ == "prt"), "")
    text = text_of(doc)[content[0] : content[1]]
    words = len(text.split())
    k = kind.split("_")[0]
    feats = [
        f"lemma={lemma}",
        f"kind={kind}",
        f"lemma_kind={lemma}|{kind}",
        f"lemma_k={lemma}|{k}",
        f"pos={head.pos_}",
        f"tag={head.tag_}",
        f"dep={head.dep_}",
        f"len={_bucket(words, (2, 4, 8, 16, 32))}",
        f"kind_len={kind}|{_bucket(words, (2, 4, 8, 16))}",
        f"lexicon={lemma in SPEECH_VERBS}",
        f"lexicon_kind={lemma in SPEECH_VERBS}|{kind}",
        *_subject_features(subject),
        *_content_features(doc, kind, content),
        *_cue_features(head, kind, lemma, words, subject),
    ]
    if prt:
        feats.append(f"lemma_prt={lemma}|{prt}")
    if any(c in QUOTE_CHARS for c in text):
        feats.append("quote_in")
    if text[:1] in QUOTE_CHARS:
        feats.append("quote_start")
    if any(c.dep_ == "neg" for c in head.children):
        feats.append("neg")
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in head.children):
        feats.append(f"passive|{lemma}")
    if any(t.text in QUOTE_CHARS for t in head.sent):
        feats.append("sent_quote")
    if subject is not None:
        feats.append(f"lemma_subj={lemma}|{subject.pos_}")
        feats.append(f"subj_kind={subject.pos_}|{k}")
        feats.append(f"subj_side={'left' if subject.i < head.i else 'right'}")
    anc = [a for a in head.ancestors if a.pos_ in {"VERB", "AUX"}]
    if anc:
        feats.append(f"head_dep={head.dep_}|parent_lex={anc[0].lemma_.lower() in SPEECH_VERBS}")
    for i, a in enumerate(anc[:3]):
        if a.lemma_.lower() in SPEECH_VERBS:
            feats.append(f"under_cue{i}")
    n_inside = sum(1 for t in doc[head.sent.start : head.i] if t.text in QUOTE_CHARS)
    if n_inside % 2 == 1:
        feats.append("cue_in_quote")
    first_word = doc.char_span(content[0], content[1], alignment_mode="expand")
    if first_word is not None and len(first_word):
        feats.append(f"first_pos={first_word[0].pos_}")
        feats.append(f"kind_first={kind}|{first_word[0].pos_}")
    return feats


def propose(doc: Doc) -> list[Proposal]:
    """Every candidate reading of every verb or complement-taking noun in ``doc``."""
    found: list[Proposal] = []
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX", "NOUN"}:
            continue
        if tok.pos_ == "NOUN":
            subject = next((c for c in tok.children if c.dep_ == "poss"), None)
        else:
            subject = find_subject(tok)
            passive = any(c.dep_ == "auxpass" for c in tok.children)
            if subject is None and not passive:
                continue
        for kind, content, cue in _readings(doc, tok):
            if (
                content[1] - content[0] < MIN_CHARS
                or len(text_of(doc)[content[0] : content[1]].split()) > MAX_WORDS
            ):
                continue
            src = subject
            if kind == "raise":
                src = None
            elif kind == "passive":
                src = next(
                    (o for a in tok.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"),
                    None,
                )
            mention = mention_span(doc, src) if src is not None else None
            if mention is not None and mention[0] < content[1] and content[0] < mention[1]:
                continue
            feats = _features(doc, tok, kind, content, src)
            cand = Candidate(content, cue, mention, tok.i, "learned")
            found.append(Proposal(cand, kind, tuple(feats)))
    return found
