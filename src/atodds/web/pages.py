"""HTML for the served UI: Jinja2 (autoescape on) around the static report's escaped fragments."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from atodds.records import Article, Statement
from atodds.report.across import reports_behind
from atodds.report.cards import pair_card
from atodds.report.charts import side_matrix
from atodds.report.fragments import article_line, badge, empty
from atodds.report.model import Pair, clean
from atodds.web.data import Snapshot

NAV = (
    ("/", "Overview"),
    ("/topics", "Topics"),
    ("/actors", "Actors"),
    ("/articles", "Articles"),
    ("/relations", "Relations"),
    ("/timeline", "Timeline"),
    ("/search", "Search"),
    ("/docs", "API"),
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment; every ``{{ }}`` is escaped unless it is ``Markup``."""
    env = Environment(
        loader=PackageLoader("atodds.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render(template: str, **context: Any) -> str:
    """Render a page; ``context`` needs ``title``, and gets the navigation."""
    context.setdefault("subtitle", "")
    context.setdefault("message", "")
    context.setdefault("active", "")
    context.setdefault("db_name", "the database")
    return environment().get_template(template).render(nav=NAV, **context)


@lru_cache(maxsize=4)
def stylesheet(name: str) -> str:
    """``report.css`` (the static report's) or ``web.css`` (the UI's additions)."""
    if name == "report.css":
        return resources.files("atodds.report").joinpath("templates", name).read_text(encoding="utf-8")
    return resources.files("atodds.web").joinpath("static", name).read_text(encoding="utf-8")


def url(path: str, ref: str = "", **query: str) -> str:
    """A local URL: ``path``, then ``ref`` quoted as one path segment, then the non-empty query values."""
    target = path + ("/" + quote(ref, safe="") if ref else "")
    params = {k: v for k, v in query.items() if v}
    return target + ("?" + urlencode(params) if params else "")


def statement_ctx(snap: Snapshot, st: Statement) -> dict[str, Any]:
    """What ``statement_card`` shows."""
    view = snap.view
    article = view.article(st)
    side = view.side(st)
    return {
        "speaker": view.name(st),
        "role": view.role(st),
        "side": side,
        "colour": view.colour(side),
        "badge": Markup(badge(view, side)),
        "kind": st.kind,
        "text": clean(st.content.text),
        "title": clean(article.title or article.source) if article else "unknown article",
        "outlet": snap.outlet(st),
        "published": (article.published or "") if article else "",
        "article_url": url("/articles", st.article_id) + f"#st-{quote(st.id, safe='')}",
        "actor_url": url("/actors", view.speaker_key(st)),
    }


def pair_cards(snap: Snapshot, pairs: list[Pair]) -> Markup:
    """The report's side-by-side cards, once per pair of utterances (with every report behind it),
    relation kind shown on agreements."""
    if not pairs:
        return Markup(empty("No relations match."))
    cards = []
    for i, (pair, others) in enumerate(snap.view.utterance_pairs(pairs), 1):
        card = pair_card(snap.view, i, pair, reports_behind(snap.view, pair, others))
        if pair.relation.label == "agree":
            card = card.replace('<article class="pair"', '<article class="pair agree-pair"', 1)
            card = card.replace('<span class="vs">vs</span>', '<span class="vs">agrees with</span>', 1)
        cards.append(card)
    return Markup("".join(cards))


def matrix(snap: Snapshot, pairs: list[Pair]) -> Markup:
    """Contradiction and agreement side x side tables for ``pairs``."""
    from collections import Counter

    counts: dict[str, Counter[tuple[str, str]]] = {"contradict": Counter(), "agree": Counter()}
    for pair in pairs:
        a, b = sorted((pair.left_side, pair.right_side))
        counts[pair.relation.label][(a, b)] += 1
    involved = {s for c in counts.values() for key in c for s in key}
    sides = [s for s in snap.view.sides() if s in involved]
    if not sides:
        return Markup(empty("No relations between statements match."))
    return Markup(
        '<div class="matrices">'
        + side_matrix(sides, counts["contradict"], "Contradictions", "220,38,38")
        + side_matrix(sides, counts["agree"], "Agreements", "5,150,105")
        + "</div>"
    )


def article_text(snap: Snapshot, article: Article, statements: list[Statement]) -> Markup:
    """The article's text, escaped, with each statement's span in a ``<mark>`` of its side's colour."""
    text = article.text
    spans = sorted(
        (st for st in statements if 0 <= st.content.start <= st.content.end <= len(text)),
        key=lambda st: (st.content.start, -st.content.end),
    )
    out: list[str] = []
    pos = 0
    for st in spans:
        start, end = st.content.start, st.content.end
        if start < pos or start == end:
            continue  # overlapping or empty: shown in the list below only
        side = snap.view.side(st)
        out.append(str(escape(text[pos:start])))
        out.append(
            f'<mark id="st-{escape(quote(st.id, safe=""))}" style="--side:{snap.view.colour(side)}" '
            f'title="{escape(snap.view.who(st))} ({escape(side)})">{escape(text[start:end])}</mark>'
        )
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def article_line_markup(article: Article | None) -> Markup:
    """``Title · Outlet · date`` with the title linked to the original when it is http(s)."""
    return Markup(article_line(article, show_url=True))
