"""Short plain-text lines for the terminal: counts, who disagrees with whom, side-vs-side counts."""

from __future__ import annotations

from atodds.records import Result, Statement
from atodds.report.model import Pair, View, plural, shorten

QUOTE_CHARS = 60


def _who(view: View, st: Statement) -> str:
    return f"{view.side(st)} ({view.who(st)})"


def contradiction_line(view: View, pair: Pair) -> str:
    """``Side A (Speaker, role) vs Side B (Speaker): "quote" / "quote" (score 0.83)``."""
    left = shorten(pair.left.content.text, QUOTE_CHARS)
    right = shorten(pair.right.content.text, QUOTE_CHARS)
    return (
        f'{_who(view, pair.left)} vs {_who(view, pair.right)}: "{left}" / "{right}" '
        f"(score {pair.relation.score:.2f})"
    )


def counts_line(view: View) -> str:
    """One line of totals."""
    result = view.result
    return ", ".join(
        [
            plural(len(result.articles), "article"),
            plural(len(result.statements), "statement"),
            plural(len(view.speakers()), "speaker"),
            plural(len(view.named_sides()), "side"),
            plural(len(view.pairs("contradict")), "contradiction"),
            plural(len(view.pairs("agree")), "agreement"),
            plural(len(result.failures), "failure"),
        ]
    )


def summarize(result: Result, limit: int = 10) -> list[str]:
    """Plain-text summary lines: totals, the top ``limit`` contradictions and side-vs-side counts."""
    view = View(result)
    lines = [counts_line(view)]
    contradictions = view.pairs("contradict")
    if contradictions:
        lines.append("Who disagrees with whom:")
        lines.extend("  " + contradiction_line(view, pair) for pair in contradictions[: max(0, limit)])
        if len(contradictions) > limit:
            lines.append(f"  … and {len(contradictions) - max(0, limit)} more")
    against, along = view.side_pairs("contradict"), view.side_pairs("agree")
    keys = sorted(set(against) | set(along), key=lambda k: (-against[k], -along[k], k))
    if keys:
        lines.append("Side vs side:")
        for a, b in keys:
            lines.append(
                f"  {a} vs {b}: {plural(against[(a, b)], 'contradiction')}, "
                f"{plural(along[(a, b)], 'agreement')}"
            )
    return lines
