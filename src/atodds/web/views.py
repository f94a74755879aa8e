"""The HTML pages: overview, topics, actors, articles, relations and search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from atodds.report.across import groups_html, timeline_html
from atodds.report.fragments import badge
from atodds.report.model import clean, plural
from atodds.web import pages
from atodds.web.data import Corpus, Filters, Snapshot
from atodds.web.deps import corpus, filters, resolve_hits, snapshot
from atodds.web.pages import pair_cards, render, statement_ctx, url
from atodds.web.search import MAX_CHARS, SEARCH_KINDS, SearchError, search, terms

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Snap = Annotated[Snapshot, Depends(snapshot)]
Filt = Annotated[Filters, Depends(filters)]
TOP = 5


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the common context."""
    context.setdefault("db_name", request.app.state.corpus.path.name)
    return HTMLResponse(render(template, **context), status_code=status)


def _common(snap: Snapshot, f: Filters, active: str) -> dict[str, Any]:
    return {"options": snap.options(), "filters": f, "active": active}


@router.get("/")
def overview(request: Request, snap: Snap, f: Filt) -> HTMLResponse:
    """Counts, the side x side matrix and the strongest disagreements."""
    statements = snap.statements(f)
    pairs = snap.pairs(f)
    against = [p for p in pairs if p.relation.label == "contradict"]
    q = f.active()
    tiles = [
        ("Articles", len({st.article_id for st in statements}), url("/articles", **q)),
        ("Statements", len(statements), url("/topics", **q)),
        ("Speakers", len(snap.speakers_for(f)), url("/actors", **q)),
        ("Sides", len({snap.view.side(st) for st in statements}), url("/actors", **q)),
        ("Contradictions", len(against), url("/relations", **{**q, "kind": "contradict"})),
        ("Agreements", len(pairs) - len(against), url("/relations", **{**q, "kind": "agree"})),
    ]
    subtitle = " · ".join(
        [plural(len(snap.result.articles), "article"), plural(len(snap.result.statements), "statement")]
    )
    return page(
        request,
        "overview.html",
        title="Who disagrees with whom",
        subtitle=subtitle,
        tiles=tiles,
        dates=snap.view.date_range(),
        matrix=pages.matrix(snap, pairs),
        cards=pair_cards(snap, against[:TOP]),
        total_disagreements=len(against),
        shown=TOP,
        **_common(snap, f, "/"),
    )


def _topic_blocks(snap: Snapshot, f: Filters, only: str = "") -> list[dict[str, Any]]:
    blocks = []
    for topic in snap.result.topics:
        if (only and topic.id != only) or (f.topic and topic.id != f.topic):
            continue
        positions = snap.topic_positions(topic, f)
        if not positions:
            continue
        blocks.append(
            {
                "label": topic.label,
                "url": url("/topics", topic.id),
                "count": sum(len(v) for v in positions.values()),
                "positions": [
                    (side, Markup(badge(snap.view, side)), [statement_ctx(snap, st) for st in sts])
                    for side, sts in positions.items()
                ],
            }
        )
    return blocks


@router.get("/topics")
def topics(request: Request, snap: Snap, f: Filt) -> HTMLResponse:
    """Every topic with each side's positions next to each other."""
    blocks = _topic_blocks(snap, f)
    return page(
        request,
        "topics.html",
        title="Topics",
        topics=blocks,
        action="/topics",
        show_filters=True,
        **_common(snap, f, "/topics"),
    )


@router.get("/topics/{topic_id:path}")
def topic(topic_id: str, request: Request, snap: Snap, f: Filt) -> HTMLResponse:
    """One topic's positions, side by side."""
    found = snap.topics.get(topic_id)
    if found is None:
        raise HTTPException(404, "No topic with that id.")
    blocks = _topic_blocks(snap, f, only=topic_id)
    return page(
        request,
        "topics.html",
        title=f"Topic: {found.label}",
        topics=blocks,
        action=url("/topics", topic_id),
        show_filters=True,
        **_common(snap, f, "/topics"),
    )


@router.get("/actors")
def actors(request: Request, snap: Snap, f: Filt) -> HTMLResponse:
    """Every speaker with side, roles and the number of statements."""
    rows = [
        {
            "name": sp.name,
            "url": url("/actors", sp.key, **f.active()),
            "badge": Markup(badge(snap.view, sp.side)),
            "roles": sp.roles,
            "count": n,
        }
        for sp, n in snap.speakers_for(f)
    ]
    return page(request, "actors.html", title="Actors", actors=rows, **_common(snap, f, "/actors"))


@router.get("/actors/{key:path}")
def actor(key: str, request: Request, snap: Snap, f: Filt) -> HTMLResponse:
    """One speaker: their statements and the relations they are in."""
    sp = snap.speaker_by_key.get(key)
    if sp is None:
        raise HTTPException(404, "No actor with that id.")
    sts = snap.actor_statements(key, f)
    mine = {st.id for st in sts}
    pairs = [p for p in snap.pairs(f) if p.left.id in mine or p.right.id in mine]
    roles = ", ".join(sp.roles)
    return page(
        request,
        "statements.html",
        title=sp.name,
        subtitle=" · ".join(x for x in (sp.side, roles) if x),
        statements=[statement_ctx(snap, st) for st in sts],
        pairs=pair_cards(snap, pairs) if pairs else "",
        pair_count=len(pairs),
        action=url("/actors", key),
        show_filters=True,
        filter_fields=("topic", "outlet", "date", "kind"),
        **_common(snap, f, "/actors"),
    )


@router.get("/articles")
def articles(request: Request, snap: Snap, f: Filt) -> HTMLResponse:
    """Every article with its outlet, date and number of statements."""
    counts: dict[str, int] = {}
    for st in snap.statements(f):
        counts[st.article_id] = counts.get(st.article_id, 0) + 1
    rows = [
        {
            "title": clean(a.title or a.source),
            "url": url("/articles", a.id),
            "outlet": clean(a.outlet),
            "published": a.published or "",
            "count": counts.get(a.id, 0),
        }
        for a in snap.result.articles
        if not f.active() or a.id in counts
    ]
    return page(request, "articles.html", title="Articles", articles=rows, **_common(snap, f, "/articles"))


@router.get("/articles/{article_id:path}")
def article(article_id: str, request: Request, snap: Snap) -> HTMLResponse:
    """One article with its statements highlighted in the text."""
    art = snap.view.articles.get(article_id)
    if art is None:
        raise HTTPException(404, "No article with that id.")
    sts = [st for st in snap.result.statements if st.article_id == article_id]
    frames = [clean(fr.span.text) for fr in snap.result.frames if fr.article_id == article_id]
    return page(
        request,
        "article.html",
        title=clean(art.title or art.source),
        active="/articles",
        line=pages.article_line_markup(art),
        text=pages.article_text(snap, art, sts),
        statements=[statement_ctx(snap, st) for st in sts],
        frames=frames,
    )


@router.get("/relations")
def relations(request: Request, snap: Snap, f: Filt) -> HTMLResponse:
    """Contradictions and agreements with the evidence, side by side."""
    pairs = snap.pairs(f)
    return page(
        request,
        "relations.html",
        title="Relations",
        subtitle=plural(len(pairs), "relation"),
        cards=pair_cards(snap, pairs),
        **_common(snap, f, "/relations"),
    )


@router.get("/timeline")
def timeline(request: Request, snap: Snap) -> HTMLResponse:
    """Per topic, who said what and when; then each remark reported by several outlets, with quote drift."""
    view = snap.view
    return page(
        request,
        "timeline.html",
        title="Timeline",
        subtitle="Who said what, when, and how outlets worded it",
        timeline=Markup(timeline_html(view)),
        groups=Markup(groups_html(view)),
        active="/timeline",
    )


@router.get("/search")
def search_page(
    request: Request,
    snap: Snap,
    db: Annotated[Corpus, Depends(corpus)],
    q: Annotated[str, Query()] = "",
    kind: Annotated[str, Query()] = "",
) -> HTMLResponse:
    """Full-text search; a query that cannot be run gets a message (status 400), never an error page."""
    message, shown, status = "", [], 200
    try:
        shown = resolve_hits(snap, search(db.path, q, kind), terms(q))
    except SearchError as exc:
        message = str(exc)  # a 200 page with the message: the browser logs no failed load
    return page(
        request,
        "search.html",
        status,
        title="Search",
        active="/search",
        q=q[: MAX_CHARS * 2],
        kind=kind if kind in SEARCH_KINDS else "",
        kinds=SEARCH_KINDS,
        hits=shown,
        message=message,
        max_chars=MAX_CHARS,
    )
