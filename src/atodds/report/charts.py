"""Inline pictures for the HTML report: an SVG bar chart and a side x side matrix with colour intensity."""

from __future__ import annotations

from collections import Counter

from atodds.report.fragments import e
from atodds.report.model import shorten

ROW = 30
LABEL_W = 180
BAR_W = 360
WIDTH = LABEL_W + BAR_W + 60


def bar_chart(items: list[tuple[str, int, str]], caption: str) -> str:
    """A horizontal SVG bar chart from (label, value, colour) rows; labels are escaped."""
    if not items:
        return ""
    top = max(value for _, value, _ in items) or 1
    height = ROW * len(items) + 8
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{e(caption)}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{e(caption)}</title>",
    ]
    for i, (label, value, colour) in enumerate(items):
        y = 4 + i * ROW
        width = max(2, round(BAR_W * value / top)) if value else 0
        parts.append(
            f"<g><title>{e(label)}: {value}</title>"
            f'<text x="{LABEL_W - 8}" y="{y + 19}" text-anchor="end" class="chart-label">'
            f"{e(shorten(label, 24))}</text>"
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{width}" height="{ROW - 10}" rx="3" fill="{e(colour)}"/>'
            f'<text x="{LABEL_W + width + 6}" y="{y + 19}" class="chart-value">{value}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _cell(count: int, top: int, rgb: str) -> str:
    if not count:
        return '<td class="zero">·</td>'
    alpha = 0.15 + 0.75 * count / max(top, 1)
    ink = "#fff" if alpha > 0.55 else "inherit"
    return f'<td style="background:rgba({rgb},{alpha:.2f});color:{ink}">{count}</td>'


def side_matrix(sides: list[str], counts: Counter[tuple[str, str]], caption: str, rgb: str) -> str:
    """A symmetric side x side table; cell colour intensity grows with the count."""
    if not sides:
        return ""
    top = max(counts.values(), default=0)
    head = "".join(f'<th scope="col" title="{e(s)}">{e(shorten(s, 18))}</th>' for s in sides)
    rows = []
    for a in sides:
        cells = "".join(_cell(counts[(min(a, b), max(a, b))], top, rgb) for b in sides)
        rows.append(f'<tr><th scope="row" title="{e(a)}">{e(shorten(a, 18))}</th>{cells}</tr>')
    return (
        f'<table class="matrix"><caption>{e(caption)}</caption>'
        f"<thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
