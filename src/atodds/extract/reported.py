"""Reported speech from the dependency parse: "X said (that) ...", "..., X said", "according to X"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..limits import check_deadline
from ..nlp import text_of
from .cues import OBJECT_CONTENT_VERBS, PARTICLE_VERBS, SPEECH_VERBS, WEAK_VERBS
from .introductions import DASHES, according_candidate, colon_candidate, dash_candidate
from .mentions import Candidate, mention_span, speaker_token, subtree_span, trim_span

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
INHERIT_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp", "acl"})
CLAUSE_DEPS = frozenset({"ccomp"})
MIN_OBJECT_WORDS = 4


EVENT_SUFFIXES = ("tion", "sion", "ure", "ment", "ance", "ence")
COLLECTIVE_AGENTS = frozenset(
    """government administration department parliament management movement organization organisation
    coalition opposition commission delegation federation association institution corporation foundation
    legislature agency agencies prosecution defence defense presidency cabinet""".split()
)


def is_event_noun(tok: Token) -> bool:
    """A common noun naming an event or act ("the closure", "the inspection"): it does not speak."""
    lemma = tok.lemma_.lower()
    return (
        tok.pos_ == "NOUN"
        and not tok.ent_type_
        and lemma.endswith(EVENT_SUFFIXES)
        and lemma not in COLLECTIVE_AGENTS
    )


def find_subject(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject, inherited from the governing verb for "adding that ..." and conjuncts."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.ent_type_ not in {"DATE", "TIME"}]
    if subjects:  # two subjects is a misparse ("..., Elizabeth," said Carlie Christensen): the nearer
        subject = min(subjects, key=lambda c: abs(c.i - verb.i))
        if subject.pos_ == "VERB" and depth == 0:  # "Beaming before reporters, Smart, now 23, said"
            subject = _stranded_subject(verb) or subject
        return speaker_token(subject)
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return speaker_token(pobj)
    if depth == 0 and verb.dep_ == "ROOT":
        stranded = _stranded_subject(verb)
        if stranded is not None:
            return stranded
    if depth == 0 and verb.dep_ in INHERIT_DEPS and is_cue(verb):
        # "X said A, adding that B": the speaker of the nearest speech verb above, not A's subject
        node = verb.head
        for _ in range(4):
            if is_cue(node) and any(c.dep_ in SUBJECT_DEPS for c in node.children):
                return find_subject(node, depth + 1)
            if node.head is node:
                break
            node = node.head
    if depth < 2 and verb.dep_ in INHERIT_DEPS and verb.head is not verb:
        return find_subject(verb.head, depth + 1)
    return None


def _stranded_subject(verb: Token) -> Token | None:
    """ "Beaming before reporters, Smart, now 23, said she ...": the parser hangs the name on the
    phrase before it; the proper noun just before ", said" (past an aside) is the speaker."""
    doc = verb.doc
    i = verb.i - 1
    if i < verb.sent.start or doc[i].text != ",":
        return None
    while i >= max(verb.sent.start, verb.i - 6):
        tok = doc[i]
        if tok.is_punct or tok.pos_ in {"NUM", "ADV"}:
            i -= 1
            continue
        return tok if tok.pos_ == "PROPN" and tok.text[:1].isupper() else None
    return None


def is_cue(tok: Token) -> bool:
    """A verb of saying, thinking or reporting (by lemma and part of speech)."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    if tok.lemma_.lower() == "call":  # "called the fire 'a tragic accident'", not "called a meeting"
        return any(c.dep_ == "oprd" for c in tok.children)
    if tok.lemma_.lower() not in SPEECH_VERBS:
        return False
    if tok.lemma_.lower() in {"point", "spell", "weigh", "chime", "lash"}:
        return any((tok.lemma_.lower(), c.lower_) in PARTICLE_VERBS for c in tok.children if c.dep_ == "prt")
    return True


def _own_action(child: Token) -> bool:
    """A conjunct that is the speaker's next action ("claims X and refuses Y") or another speaker's
    statement ("X says A, Y calls it B"): not part of the content."""
    if child.dep_ != "conj" or child.pos_ not in {"VERB", "AUX"}:
        return False
    has_subject = any(c.dep_ in SUBJECT_DEPS for c in child.children)
    return not has_subject or is_cue(child)


def _right_content(doc: Doc, verb: Token, first: Token) -> tuple[int, int]:
    """From ``first`` (skipping a leading "that") to the end of the verb's right side in its sentence,
    without the speaker's own further actions."""
    start_tok = first
    if start_tok.lower_ == "that" and start_tok.i + 1 < len(doc):
        start_tok = doc[start_tok.i + 1]
    rights = [c for c in verb.rights if c.i >= first.i]
    stop = next((c for c in rights if _own_action(c)), None)
    if stop is not None:
        kept = [c for c in rights if c.i < stop.i and c.dep_ not in {"cc", "punct"}]
        right = max((c.right_edge for c in kept), key=lambda t: t.i, default=first.right_edge)
    else:
        right = verb.right_edge
    sent_end = verb.sent.end
    end_tok = doc[min(right.i, sent_end - 1)]
    for tok in doc[
        start_tok.i + 2 : end_tok.i + 1
    ]:  # "... will proceed, asserting that ...": a new statement
        if tok.tag_ == "VBG" and doc[tok.i - 1].text == "," and is_cue(tok):
            end_tok = doc[tok.i - 1]
            break
    while end_tok.i > start_tok.i and (end_tok.pos_ == "CCONJ" or end_tok.text in {",", ";"}):
        end_tok = doc[end_tok.i - 1]  # "... the crowd, and [another said]"
    return trim_span(text_of(doc), start_tok.idx, end_tok.idx + len(end_tok.text), keep_closing_quote=True)


def _inverted_content(doc: Doc, verb: Token, subject: Token) -> tuple[int, int] | None:
    """ "A plan was meant to stall talks, Prime Minister X asserted Tuesday": the parser joins the
    reporting clause to the statement as a conjunct; the statement is the sentence before it."""
    if verb.dep_ not in {"conj", "parataxis"} or verb.head.i > verb.i or subject.i > verb.i:
        return None
    m_start = subject.left_edge.i
    if m_start < 2 or doc[m_start - 1].text != "," or any(t.dep_ == "cc" for t in doc[verb.head.i : m_start]):
        return None
    sent = verb.sent
    return trim_span(text_of(doc), sent.start_char, doc[m_start - 1].idx, keep_closing_quote=True)


def _participle_after_comma(verb: Token) -> bool:
    """ "..., asserting the necessity to act": a participial cue whose object is what was said."""
    return verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.i > 0 and verb.doc[verb.i - 1].text == ","


def _parenthetical(doc: Doc, verb: Token, subject: Token) -> bool:
    """ "A, X said, B": a reporting clause set off by commas inside the statement it reports."""
    if verb.dep_ != "parataxis" or verb.head.i < verb.i or subject.i > verb.i:
        return False
    before, after = subject.left_edge.i - 1, verb.right_edge.i
    if before <= verb.sent.start or doc[before].text != ",":
        return False
    return doc[after].text == "," or (after + 1 < len(doc) and doc[after + 1].text == ",")


def clause_candidate(doc: Doc, verb: Token) -> Candidate | None:
    """The statement a cue verb introduces, or None when it has no content or no speaker."""
    lemma = verb.lemma_.lower()
    subject = find_subject(verb)
    if subject is None or is_event_noun(subject):
        return None
    clauses = [c for c in verb.children if c.dep_ in CLAUSE_DEPS]
    # prefer a clause after the verb; "..., X said" only when that clause is not another speaker's statement
    right_clauses = [c for c in clauses if c.i > verb.i]
    clauses = right_clauses or [c for c in clauses if not (is_cue(c) and find_subject(c) is not None)]
    content: tuple[int, int] | None = None
    source = "clause"
    if clauses:
        clause = clauses[0]
        if clause.i > verb.i:
            first = min((c.left_edge for c in clauses), key=lambda t: t.i)
            bare_object = [c for c in verb.children if c.dep_ == "dobj" and c.i == first.i - 1]
            if bare_object and bare_object[0].n_lefts == 0 and bare_object[0].pos_ == "NOUN":
                first = bare_object[0]  # "Hamas warns offer is Israel's last chance": the parser split it
            content = _right_content(doc, verb, first)
        else:
            start, end = subtree_span(clause)
            content = trim_span(text_of(doc), start, end, keep_closing_quote=True)
    elif colon := next((t for t in doc[verb.i + 1 : min(verb.i + 5, verb.sent.end)] if t.text == ":"), None):
        end_tok = verb.sent[-1]
        content = trim_span(text_of(doc), colon.idx + 1, end_tok.idx + len(end_tok.text), True)
        source = "colon"
    elif (inverted := _inverted_content(doc, verb, subject)) is not None:
        content = inverted
    elif _parenthetical(doc, verb, subject):  # "China's actions, the Philippines said, have put ..."
        sent = verb.sent
        content = trim_span(text_of(doc), sent.start_char, sent.end_char, keep_closing_quote=True)
        source = "parenthetical"
    elif lemma in OBJECT_CONTENT_VERBS or _participle_after_comma(verb):
        objects = [c for c in verb.rights if c.dep_ in {"dobj", "xcomp", "prep", "oprd", "dative"}]
        if objects:
            content = _right_content(doc, verb, objects[0].left_edge)
            source = "object"
    if content is None or content[1] - content[0] < 8:
        return None
    content_text = text_of(doc)[content[0] : content[1]]
    quoted = any(q in content_text for q in '"“”')
    if source == "object" and len(content_text.split()) < MIN_OBJECT_WORDS and not quoted:
        return None  # "denied the accusation" reports a reaction, not what was said
    if lemma in WEAK_VERBS and source != "clause":
        return None
    m_start, m_end = mention_span(doc, subject)
    if m_start < content[1] and content[0] < m_end and source != "parenthetical":
        return None  # the "speaker" sits inside the content: a misparse
    return Candidate(content, (verb.idx, verb.idx + len(verb.text)), (m_start, m_end), verb.i, source)


def _cut_before(doc: Doc, outer: Candidate, stop: int) -> Candidate:
    """End ``outer``'s content at ``stop``, where a later statement's attribution starts inside it
    ("A told reporters X, and another said Y": X stops before "and another said")."""
    start, end = trim_span(text_of(doc), outer.content[0], stop, keep_closing_quote=True)
    for tail in (" and", " but", " adding", " saying", " noting"):
        if text_of(doc)[start:end].endswith(tail):
            start, end = trim_span(text_of(doc), start, end - len(tail), keep_closing_quote=True)
    return Candidate((start, end), outer.cue, outer.mention, outer.verb, outer.source)


def _separate(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    out = []
    for cand in found:
        for other in found:
            if other is cand or other.cue is None:
                continue
            c_start, c_end = cand.content
            cue_inside = c_start < other.cue[0] and other.cue[1] <= c_end
            if not cue_inside or other.content[0] < other.cue[1] or other.content[1] > c_end + 2:
                continue
            stop = other.cue[0]
            if other.mention is not None and c_start < other.mention[0] < stop:
                stop = other.mention[0]
            if stop - c_start >= 8:
                cand = _cut_before(doc, cand, stop)
                c_start, c_end = cand.content
        out.append(cand)
    return out


def find_candidates(doc: Doc) -> list[Candidate]:
    """Every reported-speech candidate in the document, in order of their cues."""
    found: list[Candidate] = []
    for tok in doc:
        cand: Candidate | None = None
        if tok.lower_ == "according":
            cand = according_candidate(doc, tok)
        elif tok.text == ":":
            cand = colon_candidate(doc, tok)
        elif tok.text in DASHES:
            cand = dash_candidate(doc, tok)
        elif is_cue(tok):
            check_deadline()
            cand = clause_candidate(doc, tok)
        if cand is not None:
            found.append(cand)
    return _separate(doc, found)
