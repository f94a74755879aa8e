"""HTML cards for disagreements (side by side, with the highlighted sentence), agreements and frames."""

from __future__ import annotations

from atodds.records import Frame, Statement
from atodds.report.across import reports_behind
from atodds.report.fragments import article_line, badge, e, empty
from atodds.report.model import Pair, View, clean, sentence_context, shorten


def _meter(score: float) -> str:
    pct = max(0.0, min(1.0, score)) * 100
    return (
        f'<span class="score" title="score {score:.2f}">{score:.2f}'
        f'<span class="meter"><span style="width:{pct:.0f}%"></span></span></span>'
    )


def context_html(view: View, st: Statement) -> str:
    """The sentence the statement came from, with the statement highlighted by <mark>."""
    article = view.article(st)
    found = sentence_context(article.text, st.content) if article else None
    if not found:
        return ""
    before, quote, after = found
    return f'<p class="context">{e(before)}<mark>{e(quote)}</mark>{e(after)}</p>'


def claim_html(view: View, st: Statement, side: str) -> str:
    """One side of a pair: speaker, role, quote, sentence in context and the article."""
    role = view.role(st)
    role_html = f'<span class="role">{e(role)}</span>' if role else ""
    text = clean(st.content.text)
    quote = f"“{e(text)}”" if st.kind == "direct" else e(text)
    kind = "" if st.kind == "direct" else f' <span class="kind">{e(st.kind)}</span>'
    cue = f' <span class="cue">{e(clean(st.cue.text))}</span>' if st.cue and clean(st.cue.text) else ""
    return (
        f'<div class="claim" style="--side:{view.colour(side)}">'
        f'<p class="who">{badge(view, side)} <strong>{e(view.name(st))}</strong>{role_html}{cue}</p>'
        f"<blockquote>{quote}{kind}</blockquote>"
        f"{context_html(view, st)}"
        f'<p class="source">{article_line(view.article(st))}</p></div>'
    )


def pair_card(view: View, number: int, pair: Pair, behind: str = "") -> str:
    """A disagreement: left side's claim and right side's claim next to each other, with the evidence
    (and ``behind``: the other reports of the same two utterances)."""
    rel = pair.relation
    topic = view.topic(pair.left) or view.topic(pair.right)
    topic_html = f'<span class="topic">{e(topic)}</span>' if topic else ""
    evidence = "".join(f"<li>{e(clean(item))}</li>" for item in rel.evidence if clean(item))
    evidence_html = f'<div class="evidence"><h4>Evidence</h4><ul>{evidence}</ul></div>' if evidence else ""
    model = f'<span class="muted small">model: {e(rel.model)}</span>' if rel.model else ""
    return (
        f'<article class="pair" id="contradiction-{number}">'
        f'<header class="pair-head"><span class="num">#{number}</span>'
        f'{badge(view, pair.left_side)}<span class="vs">vs</span>{badge(view, pair.right_side)}'
        f"{topic_html}{_meter(rel.score)}</header>"
        f'<div class="pair-body">{claim_html(view, pair.left, pair.left_side)}'
        f'<div class="divider" aria-hidden="true">⇄</div>'
        f"{claim_html(view, pair.right, pair.right_side)}</div>"
        f"{evidence_html}{model}{behind}</article>"
    )


def disagreements_html(view: View) -> str:
    """Every contradiction, strongest first, once per pair of utterances with the reports behind it."""
    pairs = view.utterance_pairs(view.pairs("contradict"))
    if not pairs:
        return empty("No contradictions found.")
    return "".join(
        pair_card(view, i, pair, reports_behind(view, pair, others))
        for i, (pair, others) in enumerate(pairs, 1)
    )


def _compact_side(view: View, st: Statement, side: str) -> str:
    text = e(shorten(st.content.text, 140))
    quote = f"“{text}”" if st.kind == "direct" else text
    return (
        f'<div class="agree-side">{badge(view, side)} <strong>{e(view.name(st))}</strong>'
        f'<span class="agree-quote">{quote}</span></div>'
    )


def agreements_html(view: View) -> str:
    """Agreements as a compact list."""
    pairs = view.utterance_pairs(view.pairs("agree"))
    if not pairs:
        return empty("No agreements found.")
    items = []
    for pair, others in pairs:
        evidence = "; ".join(clean(x) for x in pair.relation.evidence if clean(x))
        title = f' title="{e(evidence)}"' if evidence else ""
        items.append(
            f'<li class="agree"{title}>{_compact_side(view, pair.left, pair.left_side)}'
            f'<span class="eq" aria-label="agrees with">＝</span>'
            f"{_compact_side(view, pair.right, pair.right_side)}{_meter(pair.relation.score)}"
            f"{reports_behind(view, pair, others)}</li>"
        )
    return f'<ul class="agreements">{"".join(items)}</ul>'


def _frame_item(view: View, frame: Frame) -> str:
    sides = "".join(badge(view, clean(s)) for s in frame.sides if clean(s))
    return (
        f'<li class="frame"><blockquote>{e(clean(frame.span.text))}</blockquote>'
        f'<p class="source">{sides} {article_line(view.articles.get(frame.article_id))}</p></li>'
    )


def frames_html(view: View) -> str:
    """The sentences in which the articles themselves say that accounts conflict."""
    frames = view.result.frames
    if not frames:
        return empty("No framing sentences found.")
    return f'<ul class="frames">{"".join(_frame_item(view, f) for f in frames)}</ul>'
