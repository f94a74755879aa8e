"""Across articles, in HTML: one remark reported by several outlets (with quote drift), the reports behind
a relation, and a timeline of statements per topic. Every piece of text goes through ``e``."""

from __future__ import annotations

from collections.abc import Callable

from atodds.records import QuoteDrift, Statement, StatementDate
from atodds.report.fragments import article_line, badge, e, empty
from atodds.report.model import Pair, View, clean, shorten

FLAG_TEXT = {
    "negation": "negation added or dropped",
    "number": "number changed",
    "modal": "modal changed (may / will ...)",
    "quantifier": "quantifier changed (some / all ...)",
}
UNDATED = "undated"


def outlet_label(view: View, st: Statement) -> str:
    """The outlet of a statement's article, else its title or source."""
    article = view.article(st)
    if article is None:
        return "unknown article"
    return clean(article.outlet) or clean(article.title) or clean(article.source)


def diff_words(drift: QuoteDrift, equal: Callable[[str], str], deleted: str, inserted: str) -> list[str]:
    """The diff as a list of pieces: kept words through ``equal`` (an escaper), deleted and inserted
    words escaped and wrapped by the ``deleted`` / ``inserted`` format strings (with ``{}``)."""
    words = []
    for op in drift.ops:
        if op.op == "equal":
            words.append(equal(op.a))
        if op.op in ("delete", "replace") and op.a:
            words.append(deleted.format(equal(op.a)))
        if op.op in ("insert", "replace") and op.b:
            words.append(inserted.format(equal(op.b)))
    return words


def drift_html(view: View, drift: QuoteDrift) -> str:
    """A word diff between two outlets' wordings: deletions struck, insertions underlined, flags named."""
    a, b = view.statements.get(drift.a), view.statements.get(drift.b)
    words = diff_words(drift, e, "<del>{}</del>", "<ins>{}</ins>")
    if drift.flags:
        flags = "".join(f'<span class="flag">{e(FLAG_TEXT.get(f, f))}</span>' for f in drift.flags)
        verdict = f'<p class="drift-flags"><strong>Meaning changes:</strong> {flags}</p>'
    elif drift.trivial:
        verdict = '<p class="muted small">Trivial: case, punctuation or a trimmed end only.</p>'
    else:
        verdict = (
            '<p class="muted small">Worded differently; no negation, number, modal or quantifier changed.</p>'
        )
    sources = " → ".join(e(outlet_label(view, st)) for st in (a, b) if st is not None)
    return (
        f'<div class="drift"><p class="small">{sources}</p>'
        f'<p class="diff">{" ".join(words)}</p>{verdict}</div>'
    )


def _report_item(view: View, st: Statement) -> str:
    text = e(shorten(st.content.text, 220))
    quote = f"“{text}”" if st.kind == "direct" else f'{text} <span class="kind">{e(st.kind)}</span>'
    return (
        f"<li><strong>{e(view.name(st))}</strong> {quote}"
        f'<span class="source"> · {article_line(view.article(st))}</span></li>'
    )


def groups_html(view: View) -> str:
    """Every remark reported more than once: canonical text, the outlets, each report and the drift."""
    blocks = []
    for group in view.result.groups:
        members = [view.statements[s] for s in group.statements if s in view.statements]
        if len({m.article_id for m in members}) < 2:
            continue
        side = view.side(members[0])
        outlets = sorted({outlet_label(view, m) for m in members}, key=str.casefold)
        drift = "".join(drift_html(view, d) for d in group.drift)
        blocks.append(
            f'<article class="group" style="--side:{view.colour(side)}">'
            f"<header>{badge(view, side)} <strong>{e(view.name(members[0]))}</strong> "
            f'<span class="muted small">{e(", ".join(outlets))}</span></header>'
            f"<blockquote>{e(clean(group.canonical_text))}</blockquote>"
            f'<ul class="reports">{"".join(_report_item(view, m) for m in members)}</ul>{drift}</article>'
        )
    if not blocks:
        return empty("No remark was reported by more than one article.")
    return "".join(blocks)


def reports_behind(view: View, pair: Pair, others: list[Pair]) -> str:
    """The other reports of the two utterances a relation links, under its card."""
    shown = {pair.left.id, pair.right.id}
    items = []
    for st in (pair.left, pair.right):
        group = view.group(st)
        for sid in group.statements if group else ():
            if sid not in shown and sid in view.statements:
                shown.add(sid)
                items.append(_report_item(view, view.statements[sid]))
    if not items:
        return ""
    note = f" ({len(others)} more related pairs of reports)" if others else ""
    return (
        f'<details class="reports-behind"><summary>Every report behind it: {len(items)} more{e(note)}'
        f'</summary><ul class="reports">{"".join(items)}</ul></details>'
    )


def _when(found: StatementDate | None) -> str:
    if found is None:
        return UNDATED
    how = f"“{found.expression}”" if found.basis == "expression" else "publication date"
    return f"{'about ' if found.approximate else ''}{found.date} ({how})"


def timeline_entries(view: View, statement_ids: tuple[str, ...]) -> list[tuple[str, Statement, list[str]]]:
    """(date label, statement, outlets) per utterance, dated ones by date, then undated ones."""
    entries: dict[str, tuple[str, str, Statement, list[str]]] = {}
    for sid in statement_ids:
        st = view.statements.get(sid)
        if st is None:
            continue
        key = view.result.statement_group.get(sid) or sid
        found = view.date(st)
        order = found.date if found else "9999"
        if key in entries:
            entry = entries[key]
            entry[3].append(outlet_label(view, st))
            if order < entry[0]:
                entries[key] = (order, _when(found), st, entry[3])
        else:
            entries[key] = (order, _when(found), st, [outlet_label(view, st)])
    ranked = sorted(entries.values(), key=lambda x: (x[0], x[2].article_id, x[2].content.start))
    return [(when, st, sorted(set(outlets), key=str.casefold)) for _, when, st, outlets in ranked]


def timeline_sections(view: View) -> list[tuple[str, tuple[str, ...]]]:
    """(heading, statement ids): each topic, then the statements in no topic."""
    sections = [(t.label, t.statements) for t in view.result.topics]
    rest = tuple(st.id for st in view.result.statements if st.id not in view.result.statement_topic)
    if rest:
        sections.append(("Other statements" if sections else "All statements", rest))
    return sections


def timeline_html(view: View) -> str:
    """Per topic, who said what and when, earliest first (each utterance once, with its outlets)."""
    blocks = []
    for label, ids in timeline_sections(view):
        rows = []
        for when, st, outlets in timeline_entries(view, ids):
            side = view.side(st)
            rows.append(
                f'<li style="--side:{view.colour(side)}"><time>{e(when)}</time> {badge(view, side)} '
                f"<strong>{e(view.name(st))}</strong>: {e(shorten(st.content.text, 200))}"
                f'<span class="muted small"> · {e(", ".join(outlets))}</span></li>'
            )
        if rows:
            blocks.append(f'<div class="timeline"><h3>{e(label)}</h3><ol>{"".join(rows)}</ol></div>')
    if not blocks:
        return empty("No statements, so no timeline.")
    if not view.result.statement_date:
        blocks.insert(0, empty("No article carries a publication date: statements are in article order."))
    return "".join(blocks)
