"""One self-contained HTML report: inline CSS and SVG, no scripts, no network, every text escaped."""

from __future__ import annotations

from importlib import resources
from string import Template

from atodds.records import Article, Result, Statement
from atodds.report.across import groups_html, timeline_html
from atodds.report.cards import agreements_html, disagreements_html, frames_html
from atodds.report.charts import bar_chart, side_matrix
from atodds.report.fragments import article_line, badge, e, empty, section
from atodds.report.graph import actor_graph
from atodds.report.model import View, clean, plural

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
NAV = (
    ("overview", "Overview"),
    ("sides", "Sides"),
    ("matrix", "Who disagrees with whom"),
    ("disagreements", "Disagreements"),
    ("agreements", "Agreements"),
    ("framing", "Framing"),
    ("groups", "Same remark"),
    ("timeline", "Timeline"),
    ("statements", "Statements"),
    ("failures", "Failures"),
)


def _resource(name: str) -> str:
    return resources.files("atodds.report").joinpath("templates", name).read_text(encoding="utf-8")


def _overview(view: View) -> str:
    result = view.result
    tiles = [
        ("Articles", len(result.articles)),
        ("Outlets", len(view.outlets())),
        ("Statements", len(result.statements)),
        ("Speakers", len(view.speakers())),
        ("Sides", len(view.named_sides())),
        ("Contradictions", len(view.pairs("contradict"))),
        ("Agreements", len(view.pairs("agree"))),
        ("Failures", len(result.failures)),
    ]
    tiles_html = "".join(f'<div class="tile"><b>{n}</b><span>{e(label)}</span></div>' for label, n in tiles)
    meta = []
    if view.date_range():
        meta.append(f"<dt>Dates</dt><dd>{e(view.date_range())}</dd>")
    if view.outlets():
        meta.append(f"<dt>Outlets</dt><dd>{e(', '.join(view.outlets()))}</dd>")
    articles = "".join(f"<li>{article_line(a, show_url=True)}</li>" for a in result.articles)
    articles_html = f'<ol class="articles">{articles}</ol>' if articles else empty("No articles analyzed.")
    return f'<div class="tiles">{tiles_html}</div><dl class="meta">{"".join(meta)}</dl>{articles_html}'


def _roles(roles: list[str]) -> str:
    return "".join(f'<span class="role">{e(role)}</span>' for role in roles)


def _sides(view: View) -> str:
    per_side = view.per_side()
    speakers = view.speakers()
    cards = []
    for side in view.sides():
        rows = "".join(
            f"<li><strong>{e(sp.name)}</strong>{_roles(sp.roles)}"
            f'<span class="n" title="statements">{sp.statements}</span></li>'
            for sp in speakers
            if sp.side == side
        )
        cards.append(
            f'<div class="side-card" style="--side:{view.colour(side)}"><h3>{e(side)}</h3>'
            f'<p class="muted">{plural(per_side[side], "statement")}</p>'
            f'<ul class="speakers">{rows}</ul></div>'
        )
    if not cards:
        return empty("No sides: no attributed statements were found.")
    chart = bar_chart([(s, per_side[s], view.colour(s)) for s in view.sides()], "Statements per side")
    return f'<div class="cards">{"".join(cards)}</div><figure class="figure">{chart}</figure>'


def _matrix(view: View) -> str:
    against, along = view.side_pairs("contradict"), view.side_pairs("agree")
    involved = {s for key in (*against, *along) for s in key}
    sides = [s for s in view.sides() if s in involved]
    if not sides:
        return empty("No relations between statements were found.")
    graph = actor_graph(view)
    return (
        '<div class="matrices">'
        f"{side_matrix(sides, against, 'Contradictions', '220,38,38')}"
        f"{side_matrix(sides, along, 'Agreements', '5,150,105')}</div>"
        + (
            f'<figure class="graph-box">{graph}<figcaption>Actors: red lines contradict, green lines agree; '
            "thicker lines carry more evidence.</figcaption></figure>"
            if graph
            else ""
        )
    )


def _statement_row(view: View, st: Statement) -> str:
    role = view.role(st)
    role_html = f'<span class="role">{e(role)}</span>' if role else ""
    side = view.side(st)
    nested = f' <span class="muted small">via {e(st.nested_source)}</span>' if st.nested_source else ""
    return (
        f"<tr><td><strong>{e(view.name(st))}</strong>{role_html}</td><td>{badge(view, side)}</td>"
        f'<td><span class="kind">{e(st.kind)}</span></td><td>{e(clean(st.content.text))}{nested}</td></tr>'
    )


def _statements(view: View) -> str:
    groups: dict[str, list[Statement]] = {}
    for st in view.result.statements:
        groups.setdefault(st.article_id, []).append(st)
    if not groups:
        return empty("No statements.")
    order = [a.id for a in view.result.articles if a.id in groups]
    order += [aid for aid in groups if aid not in view.articles]
    blocks = []
    for aid in order:
        article: Article | None = view.articles.get(aid)
        rows = "".join(_statement_row(view, st) for st in groups[aid])
        blocks.append(
            f'<div class="article-block"><h3>{article_line(article)}</h3><div class="table-wrap">'
            f'<table class="statements"><thead><tr><th>Speaker</th><th>Side</th><th>Kind</th>'
            f"<th>Content</th></tr></thead><tbody>{rows}</tbody></table></div></div>"
        )
    return "".join(blocks)


def _failures(view: View) -> str:
    failures = view.result.failures
    if not failures:
        return empty("None: every input was analyzed.")
    rows = "".join(
        f"<tr><td>{e(f.source)}</td><td><code>{e(f.code)}</code></td><td>{e(f.reason)}</td></tr>"
        for f in failures
    )
    return (
        '<div class="table-wrap"><table class="failures"><thead><tr><th>Source</th><th>Code</th>'
        f"<th>Reason</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def render_html(result: Result, title: str = "atodds report") -> str:
    """The whole report as one self-contained HTML page."""
    view = View(result)
    n_against = len(view.utterance_pairs(view.pairs("contradict")))
    n_along = len(view.utterance_pairs(view.pairs("agree")))
    n_groups = sum(
        1
        for g in result.groups
        if len({view.statements[s].article_id for s in g.statements if s in view.statements}) > 1
    )
    body = "".join(
        [
            section("overview", "Overview", _overview(view)),
            section("sides", "Sides and speakers", _sides(view), len(view.named_sides())),
            section("matrix", "Who disagrees with whom", _matrix(view)),
            section("disagreements", "Disagreements", disagreements_html(view), n_against),
            section("agreements", "Agreements", agreements_html(view), n_along),
            section("framing", "How the articles frame it", frames_html(view), len(result.frames)),
            section("groups", "The same remark in several articles", groups_html(view), n_groups),
            section("timeline", "Timeline: who said what, when", timeline_html(view)),
            section("statements", "All statements", _statements(view), len(result.statements)),
            section("failures", "Failures", _failures(view), len(result.failures)),
        ]
    )
    nav = "".join(f'<a href="#{anchor}">{e(label)}</a>' for anchor, label in NAV)
    page = Template(_resource("page.html"))
    return page.substitute(
        title=e(clean(title) or "atodds report"),
        csp=e(CSP),
        css=_resource("report.css"),
        nav=nav,
        body=body,
        subtitle=e(
            f"{plural(len(result.articles), 'article')} · {plural(len(result.statements), 'statement')} · "
            f"{plural(n_against, 'contradiction')}"
        ),
    )
