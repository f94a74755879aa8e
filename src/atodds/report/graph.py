"""The actor graph: who contradicts or agrees with whom, as an inline SVG (no script, all text escaped).

Actors sit on a circle grouped by side (deterministic order); an edge joins two actors with at least one
relation, red for contradictions and green for agreements, its width growing with the summed scores.
"""

from __future__ import annotations

import math
from collections import defaultdict

from atodds.report.fragments import e
from atodds.report.model import View, shorten

SIZE = 440  # height; the width leaves room for labels on both sides
WIDTH = 760
RADIUS = 170
MAX_ACTORS = 24
EDGE_COLOURS = {"contradict": "#dc2626", "agree": "#059669"}


def _weights(view: View) -> dict[tuple[str, str, str], float]:
    """Summed relation scores per (speaker, speaker, label), speakers ordered within the key."""
    weights: dict[tuple[str, str, str], float] = defaultdict(float)
    for label in ("contradict", "agree"):
        for pair in view.pairs(label):
            a, b = sorted((view.speaker_key(pair.left), view.speaker_key(pair.right)))
            if a != b:
                weights[(a, b, label)] += pair.relation.score
    return weights


def actor_graph(view: View) -> str:
    """The SVG, or "" when no two speakers are related."""
    weights = _weights(view)
    if not weights:
        return ""
    involved = {k for a, b, _ in weights for k in (a, b)}
    speakers = [s for s in view.speakers() if s.key in involved][:MAX_ACTORS]
    index = {s.key: i for i, s in enumerate(speakers)}
    centre, middle = WIDTH / 2, SIZE / 2
    points = {
        s.key: (
            centre + RADIUS * math.cos(2 * math.pi * i / len(speakers) - math.pi / 2),
            middle + RADIUS * math.sin(2 * math.pi * i / len(speakers) - math.pi / 2),
        )
        for i, s in enumerate(speakers)
    }
    top = max(weights.values())
    parts = [
        f'<svg class="graph" viewBox="0 0 {WIDTH} {SIZE}" width="100%" role="img" '
        'aria-label="Actor graph: red lines contradict, green lines agree">',
        "<title>Who contradicts (red) or agrees with (green) whom</title>",
    ]
    for (a, b, label), weight in sorted(weights.items()):
        if a not in index or b not in index:
            continue
        (x1, y1), (x2, y2) = points[a], points[b]
        width = 1 + 5 * weight / top
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{EDGE_COLOURS[label]}" '
            f'stroke-width="{width:.1f}" stroke-opacity="0.7"><title>{e(label)}: {weight:.2f}</title></line>'
        )
    for s in speakers:
        x, y = points[s.key]
        anchor = "start" if x >= centre else "end"
        dx = 10 if x >= centre else -10
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{e(view.colour(s.side))}">'
            f"<title>{e(s.name)} ({e(s.side or 'no side')})</title></circle>"
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" font-size="12">'
            f"{e(shorten(s.name, 28))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
