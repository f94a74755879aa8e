"""Request dependencies shared by the pages and the API: the snapshot, the filters, search results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request
from markupsafe import Markup, escape

from atodds.report.model import clean, shorten
from atodds.web.data import Corpus, Filters, Snapshot
from atodds.web.pages import url
from atodds.web.search import Hit, highlight


def corpus(request: Request) -> Corpus:
    """The app's database."""
    found: Corpus = request.app.state.corpus
    return found


def snapshot(request: Request) -> Snapshot:
    """The current snapshot of the app's database."""
    return corpus(request).snapshot()


def filters(
    side: Annotated[str, Query(description="Only statements of this side.")] = "",
    actor: Annotated[str, Query(description="Only this speaker (actor id or speaker key).")] = "",
    topic: Annotated[str, Query(description="Only this topic id.")] = "",
    outlet: Annotated[str, Query(description="Only articles of this outlet.")] = "",
    date_from: Annotated[str, Query(description="Published on or after (YYYY[-MM[-DD]]).")] = "",
    date_to: Annotated[str, Query(description="Published on or before (YYYY[-MM[-DD]]).")] = "",
    kind: Annotated[str, Query(description="Relation kind: contradict or agree.")] = "",
) -> Filters:
    """The filters of a request (raises ``FilterError``, answered with 400, on a bad value)."""
    return Filters(side, actor, topic, outlet, date_from, date_to, kind)


@dataclass(frozen=True)
class ShownHit:
    """A search hit ready for the page and the API."""

    kind: str
    ref: str
    rank: float
    label: Markup
    who: str
    text: Markup
    url: str
    record: dict[str, Any]


def resolve_hits(snap: Snapshot, hits: list[Hit], words: list[str]) -> list[ShownHit]:
    """Search hits with what they point to; hits on records the snapshot lacks are skipped."""
    view = snap.view
    shown: list[ShownHit] = []
    for hit in hits:
        if hit.kind == "statement" and hit.ref in view.statements:
            st = view.statements[hit.ref]
            text = highlight(clean(st.content.text), words)
            who = f"{view.side(st)} · {view.role(st)}" if view.role(st) else view.side(st)
            link = url("/articles", st.article_id) + "#st-" + url("", st.id)[1:]
            label = highlight(view.name(st), words)
            shown.append(ShownHit(*_hit(hit), label, who, text, link, snap.statement_json(st)))
        elif hit.kind == "article" and hit.ref in view.articles:
            art = view.articles[hit.ref]
            label = highlight(clean(art.title or art.source), words)
            text = escape(shorten(art.text, 240))
            link = url("/articles", art.id)
            shown.append(ShownHit(*_hit(hit), label, clean(art.outlet), text, link, snap.article_json(art)))
        elif hit.kind == "actor" and hit.ref in snap.speaker_by_key:
            sp = snap.speaker_by_key[hit.ref]
            label = highlight(sp.name, words)
            who = " · ".join([sp.side, *sp.roles])
            link = url("/actors", sp.key)
            shown.append(ShownHit(*_hit(hit), label, who, Markup(""), link, snap.speaker_json(sp)))
    return shown


def _hit(hit: Hit) -> tuple[str, str, float]:
    return hit.kind, hit.ref, hit.rank
