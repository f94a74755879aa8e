"""A Markdown report: overview, sides, disagreements side by side, agreements, framing, failures."""

from __future__ import annotations

import re

from atodds.records import QuoteDrift, Result, Statement
from atodds.report.across import FLAG_TEXT, diff_words, outlet_label, timeline_entries, timeline_sections
from atodds.report.model import Pair, View, clean, safe_url, sentence_context

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(text: str) -> str:
    """One inline-safe line: Markdown specials and pipes backslash-escaped, ``<``/``>`` as entities."""
    text = _ENTITY.sub("&amp;", _INLINE_SPECIAL.sub(r"\\\1", clean(text)))
    return text.replace("<", "&lt;").replace(">", "&gt;")


def md_link(text: str, url: str) -> str:
    """``[text](url)`` for http(s) URLs, else the escaped text (the URL shown as plain text)."""
    url = safe_url(url)
    if not url:
        return md(text)
    for char, code in (("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ("|", "%7C")):
        url = url.replace(char, code)
    return f"[{md(text) or md(url)}]({url})"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table from already-escaped cells."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return lines


def _article_cell(view: View, st: Statement) -> str:
    article = view.article(st)
    if article is None:
        return ""
    title = md_link(article.title or article.source, article.url)
    extra = ", ".join(md(x) for x in (article.outlet, article.published or "") if clean(x))
    return f"{title} ({extra})" if extra else title


def _quote(st: Statement) -> str:
    """Direct speech in quotation marks; reported speech marked as such."""
    if st.kind == "direct":
        return f"“{md(st.content.text)}”"
    return f"{md(st.content.text)} ({st.kind})"


def _agreement(view: View, number: int, pair: Pair) -> str:
    """One compact agreement line."""
    left = f"**{md(pair.left_side)}** ({md(view.who(pair.left))}): {_quote(pair.left)}"
    right = f"**{md(pair.right_side)}** ({md(view.who(pair.right))}): {_quote(pair.right)}"
    return f"{number}. {left} ＝ {right} (score {pair.relation.score:.2f})"


def _context(view: View, st: Statement) -> str:
    article = view.article(st)
    found = sentence_context(article.text, st.content) if article else None
    if not found:
        return ""
    before, quote, after = found
    lead = " " if before.endswith(" ") else ""
    trail = " " if after.startswith(" ") else ""
    return f"{md(before)}{lead}**{md(quote)}**{trail}{md(after)}"


def _pair_section(view: View, number: int, pair: Pair) -> list[str]:
    rel = pair.relation
    topic = view.topic(pair.left) or view.topic(pair.right)
    sides = f"{md(pair.left_side)} vs {md(pair.right_side)}"
    lines = [f"### {number}. {sides} (score {rel.score:.2f})", ""]
    if topic:
        lines += [f"Topic: {md(topic)}", ""]
    rows = [
        ["Speaker", md(view.name(pair.left)), md(view.name(pair.right))],
        ["Role", md(view.role(pair.left)), md(view.role(pair.right))],
        ["Quote", _quote(pair.left), _quote(pair.right)],
        ["In context", _context(view, pair.left), _context(view, pair.right)],
        ["Article", _article_cell(view, pair.left), _article_cell(view, pair.right)],
    ]
    lines += table([" ", md(pair.left_side), md(pair.right_side)], rows)
    if rel.evidence:
        lines += ["", "Evidence:", *(f"- {md(item)}" for item in rel.evidence)]
    return [*lines, ""]


def _overview(view: View) -> list[str]:
    result = view.result
    rows = [
        ["Articles", str(len(result.articles))],
        ["Outlets", md(", ".join(view.outlets())) or str(0)],
        ["Dates", md(view.date_range()) or "–"],
        ["Statements", str(len(result.statements))],
        ["Speakers", str(len(view.speakers()))],
        ["Sides", str(len(view.named_sides()))],
        ["Contradictions", str(len(view.pairs("contradict")))],
        ["Agreements", str(len(view.pairs("agree")))],
        ["Failures", str(len(result.failures))],
    ]
    lines = ["## Overview", "", *table(["", "Count"], rows), ""]
    if result.articles:
        arows = [
            [str(i), md_link(a.title or a.source, a.url), md(a.outlet), md(a.published or ""), md(a.source)]
            for i, a in enumerate(result.articles, 1)
        ]
        lines += ["### Articles", "", *table(["#", "Title", "Outlet", "Published", "Source"], arows), ""]
    return lines


def _sides(view: View) -> list[str]:
    lines = ["## Sides", ""]
    per_side = view.per_side()
    speakers = view.speakers()
    if not speakers:
        return [*lines, "No attributed statements.", ""]
    for side in view.sides():
        lines += [f"### {md(side)} ({per_side[side]} statements)", ""]
        for sp in (s for s in speakers if s.side == side):
            roles = f" — {md('; '.join(sp.roles))}" if sp.roles else ""
            lines.append(f"- **{md(sp.name)}**{roles} ({sp.statements})")
        lines.append("")
    return lines


def _frames(view: View) -> list[str]:
    lines = ["## How the articles frame it", ""]
    if not view.result.frames:
        return [*lines, "No framing sentences found.", ""]
    for frame in view.result.frames:
        article = view.articles.get(frame.article_id)
        where = f" — {md(article.outlet or article.title or article.source)}" if article else ""
        sides = f" ({md(', '.join(frame.sides))})" if frame.sides else ""
        lines.append(f"> {md(frame.span.text)}{where}{sides}")
        lines.append("")
    return lines


def _drift(view: View, drift: QuoteDrift) -> list[str]:
    """A word diff in Markdown: ~~deleted~~ and **inserted** words, and the meaning flags."""
    parts = diff_words(drift, md, "~~{}~~", "**{}**")
    a, b = view.statements.get(drift.a), view.statements.get(drift.b)
    where = " → ".join(md(outlet_label(view, st)) for st in (a, b) if st is not None)
    flags = ", ".join(FLAG_TEXT.get(f, f) for f in drift.flags)
    verdict = f"meaning changes: {md(flags)}" if flags else ("trivial" if drift.trivial else "reworded")
    return [f"  - drift ({where}; {verdict}): {' '.join(parts)}"]


def _groups(view: View) -> list[str]:
    lines = ["## The same remark in several articles", ""]
    shown = 0
    for group in view.result.groups:
        members = [view.statements[s] for s in group.statements if s in view.statements]
        if len({m.article_id for m in members}) < 2:
            continue
        shown += 1
        outlets = md(", ".join(sorted({outlet_label(view, m) for m in members}, key=str.casefold)))
        lines.append(f"{shown}. **{md(view.name(members[0]))}**: “{md(group.canonical_text)}” ({outlets})")
        lines += [f"  - {_quote(m)} — {_article_cell(view, m)}" for m in members]
        for drift in group.drift:
            lines += _drift(view, drift)
    return [*lines, ""] if shown else [*lines, "No remark was reported by more than one article.", ""]


def _timeline(view: View) -> list[str]:
    lines = ["## Timeline", ""]
    for label, ids in timeline_sections(view):
        entries = timeline_entries(view, ids)
        if entries:
            lines += [f"### {md(label)}", ""]
            for when, st, outlets in entries:
                who = f"**{md(view.name(st))}** ({md(view.side(st))})"
                lines.append(f"- {md(when)}: {who}: {_quote(st)} — {md(', '.join(outlets))}")
            lines.append("")
    return lines if len(lines) > 2 else [*lines, "No statements, so no timeline.", ""]


def render_markdown(result: Result) -> str:
    """The whole report as Markdown."""
    view = View(result)
    lines = ["# atodds report", "", *_overview(view), *_sides(view), "## Disagreements", ""]
    contradictions = view.utterance_pairs(view.pairs("contradict"))
    for i, (pair, others) in enumerate(contradictions, 1):
        lines += _pair_section(view, i, pair)
        if others:
            lines += [f"Also between other reports of the same remarks: {len(others)} more pairs.", ""]
    if not contradictions:
        lines += ["No contradictions found.", ""]
    lines += ["## Agreements", ""]
    agreements = view.utterance_pairs(view.pairs("agree"))
    lines += [_agreement(view, i, pair) for i, (pair, _) in enumerate(agreements, 1)]
    lines += [""] if agreements else ["No agreements found.", ""]
    lines += _frames(view)
    lines += _groups(view)
    lines += _timeline(view)
    lines += ["## Failures", ""]
    if result.failures:
        rows = [[md(f.source), md(f.code), md(f.reason)] for f in result.failures]
        lines += [*table(["Source", "Code", "Reason"], rows), ""]
    else:
        lines += ["None.", ""]
    return "\n".join(lines).rstrip() + "\n"
