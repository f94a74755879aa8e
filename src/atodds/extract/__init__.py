"""Extract every attributed statement of a parsed article.

Two sources are reconciled: cue verbs from the parse (reported speech, "according to", colons) and
quotation marks found in the text. A cue whose content holds a quote gives a direct statement (content
all inside the quote) or a mixed one; a quote no cue covers is attached to the nearest cue before or
after it in its paragraph, merged with the quote before it when only an attribution separates them
(``"A," he said, "B."``), or taken as the continuation of the previous speaker when it fills a paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from ..config import Options
from ..limits import check_deadline
from ..nlp import text_of
from ..records import Attribution, Span, StatementKind
from .introductions import SIGNATURE_DASHES, signed_quote, transcript_label
from .learned import learned_candidates, merge_learned
from .mentions import mention_span
from .nested import nested_source
from .quotes import Quote, find_quotes
from .reported import Candidate, find_candidates, find_subject, is_cue

__all__ = ["extract", "find_quotes"]

MAX_WORDS_BETWEEN_SPLIT = 10  # '"A," Gallant said at the base on Monday. "B."': words before "B"


def _inside(quotes: Sequence[Quote], pos: int) -> bool:
    return any(q.open < pos < q.close for q in quotes)


def _outside_words(text: str, start: int, end: int, quotes: Sequence[Quote]) -> bool:
    """Whether ``text[start:end]`` has letters outside every quote."""
    for i in range(start, end):
        if text[i].isalnum() and not any(q.open <= i <= q.close for q in quotes):
            return True
    return False


def _from_candidate(text: str, cand: Candidate, quotes: list[Quote], used: set[int]) -> Attribution:
    start, end = cand.content
    inner = [i for i, q in enumerate(quotes) if q.start < end and start < q.end]
    kind: StatementKind = "indirect"
    if inner:
        used.update(inner)
        qs = [quotes[i] for i in inner]
        if not _outside_words(text, start, end, qs):
            kind, start, end = "direct", qs[0].start, qs[-1].end
        else:
            kind = "mixed"
            last = qs[-1]
            if last.closed and last.close >= end - 1:
                end = last.close + 1
            start = min(start, qs[0].open) if qs[0].open >= start - 1 else start
    content = Span.of(text, start, end)
    cue = Span.of(text, *cand.cue) if cand.cue else None
    mention = Span.of(text, *cand.mention) if cand.mention else None
    return Attribution(content, cue, mention, kind)


def _attach_quote(doc: Doc, quote: Quote, quotes: list[Quote], gap: int) -> Attribution | None:
    """A direct statement for a quote with a cue verb next to it (after it first, then before it)."""
    text = text_of(doc)
    para_end = text.find("\n", quote.close)
    para_end = len(text) if para_end < 0 else para_end
    para_start = text.rfind("\n", 0, quote.open) + 1
    next_open = min([q.open for q in quotes if q.open > quote.close] + [para_end])
    prev_close = max([q.close for q in quotes if q.close < quote.open] + [para_start])
    after = [t for t in doc if quote.close < t.idx < min(next_open, quote.close + gap) and is_cue(t)]
    before = [t for t in doc if max(prev_close, quote.open - gap) < t.idx < quote.open and is_cue(t)]
    before = [t for t in before if t.sent.start_char <= quote.open < t.sent.end_char]
    for verb in [*after[:1], *reversed(before[-1:])]:
        subject = find_subject(verb)
        if subject is None or _inside(quotes, subject.idx):
            continue
        mention = Span.of(text, *mention_span(doc, subject))
        cue = Span.of(text, verb.idx, verb.idx + len(verb.text))
        return Attribution(Span.of(text, quote.start, quote.end), cue, mention, "direct")
    return None


def _merge_split(text: str, att: Attribution, quote: Quote) -> Attribution | None:
    """``"A," he said, "B."``: extend a direct statement over the next quote when only its attribution
    stands between them."""
    if att.kind != "direct" or att.cue is None or att.mention is None:
        return None
    attribution_end = max(att.cue.end, att.mention.end)
    if not att.content.end < att.cue.start < quote.open or attribution_end > quote.open:
        return None
    between = text[attribution_end : quote.open]
    if len(between.split()) > MAX_WORDS_BETWEEN_SPLIT or "\n" in between or '"' in between:
        return None
    return Attribution(Span.of(text, att.content.start, quote.end), att.cue, att.mention, "direct")


def extract(doc: Doc, options: Options | None = None) -> list[Attribution]:
    """All attributed statements of ``doc``, in document order."""
    options = options or Options()
    text = text_of(doc)
    quotes = find_quotes(text)
    used: set[int] = set()
    found: list[Attribution] = []
    candidates = find_candidates(doc)
    # the trained candidate classifier (atodds.extract.learned; config [extract] learned, learned_threshold)
    learned_mode = options.learned_extraction
    if learned_mode != "off":
        found_learned = learned_candidates(
            doc, options.learned_threshold, rules=candidates, clauses_only=learned_mode == "clauses"
        )
        candidates += merge_learned(candidates, found_learned)
    for cand in candidates:
        check_deadline()
        anchor = cand.cue[0] if cand.cue else cand.content[0]
        if _inside(quotes, anchor):
            continue  # a cue inside a quote is part of what the quoted speaker says
        found.append(_from_candidate(text, cand, quotes, used))
    for i, quote in enumerate(quotes):
        if i in used:
            continue
        check_deadline()
        signature = signed_quote(text, quote.close) if quote.closed else None
        if signature is not None:
            cue, name = (Span.of(text, *s) for s in signature)
            found.append(Attribution(Span.of(text, quote.start, quote.end), cue, name, "direct"))
            used.add(i)
            continue
        label = transcript_label(text, quote.start, quote.end)
        if label is not None:
            speaker, words_start = label
            content = Span.of(text, words_start, quote.end)
            found.append(Attribution(content, None, Span.of(text, *speaker), "direct"))
            used.add(i)
            continue
        merged = False
        for j, att in enumerate(found):
            extended = _merge_split(text, att, quote)
            if extended is not None:
                found[j], merged = extended, True
                break
        if merged:
            used.add(i)
            continue
        attached = _attach_quote(doc, quote, quotes, options.max_attribution_gap)
        if attached is not None:
            found.append(attached)
            used.add(i)
            continue
        words = len(text[quote.start : quote.end].split())
        para_start = text.rfind("\n", 0, quote.open) + 1
        if words >= options.min_quote_words and text[para_start : quote.open].strip() == "":
            previous = _quote_before(text, found, quote)
            if previous is not None:  # a quote that runs on into the next paragraph: one statement
                j = found.index(previous)
                found[j] = replace(previous, content=Span.of(text, previous.content.start, quote.end))
                used.add(i)
                continue
            span = Span.of(text, quote.start, quote.end)
            found.append(Attribution(span, None, None, "direct", continues_previous=True))
            used.add(i)
    unique: dict[tuple[int, int], Attribution] = {}
    for att in sorted(_join_around_cue(text, found), key=lambda a: (a.content.start, -a.content.end)):
        key = (att.content.start, att.content.end)
        if key not in unique:
            unique[key] = _with_nested(doc, att)
    return list(unique.values())


def _join_around_cue(text: str, found: list[Attribution]) -> list[Attribution]:
    """'"A," she wrote, "and B."': two direct statements on either side of one cue in one paragraph
    (the parse gave the cue the second quote, the quote attacher the first) are one split quote."""
    by_cue: dict[tuple[int, int], list[Attribution]] = {}
    for att in found:
        if att.kind == "direct" and att.cue is not None:
            by_cue.setdefault((att.cue.start, att.cue.end), []).append(att)
    joined: dict[int, Attribution] = {}
    dropped: set[int] = set()
    for (cue_start, cue_end), atts in by_cue.items():
        before = [a for a in atts if a.content.end <= cue_start]
        after = [a for a in atts if a.content.start >= cue_end]
        if len(before) != 1 or len(after) != 1:
            continue
        between = text[before[0].content.end : after[0].content.start]
        marks = sum(between.count(m) for m in '"“”')
        if "\n" in between or marks > 2 or len(between.split()) > MAX_WORDS_BETWEEN_SPLIT + 2:
            continue  # only the attribution may stand between the two halves
        first, second = before[0], after[0]
        joined[id(first)] = replace(first, content=Span.of(text, first.content.start, second.content.end))
        dropped.add(id(second))
    return [joined.get(id(a), a) for a in found if id(a) not in dropped]


def _quote_before(text: str, found: list[Attribution], quote: Quote) -> Attribution | None:
    """The direct statement whose quote ends in the paragraph right before ``quote``'s, if any."""
    before = [a for a in found if a.content.end <= quote.open]
    if not before:
        return None
    prev = max(before, key=lambda a: a.content.end)
    between = text[prev.content.end : quote.open].rstrip()
    if prev.kind != "direct" or prev.continues_previous or "\n" in between:
        return None
    if prev.cue is not None and prev.cue.text in SIGNATURE_DASHES:
        return None  # a signed quote ends with its signature
    return prev


def _with_nested(doc: Doc, att: Attribution) -> Attribution:
    source = nested_source(doc, att.content.start, att.content.end, direct=att.kind == "direct")
    if source is None:
        return att
    return Attribution(att.content, att.cue, att.mention, att.kind, source, att.continues_previous)
