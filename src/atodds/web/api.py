"""The JSON API under ``/api``: the same data as the pages, with the same filters."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from atodds.report.across import timeline_entries, timeline_sections
from atodds.web.data import Corpus, Filters, Snapshot
from atodds.web.deps import corpus, filters, resolve_hits, snapshot
from atodds.web.search import MAX_HITS, search, terms

router = APIRouter(prefix="/api", tags=["api"])

Snap = Annotated[Snapshot, Depends(snapshot)]
Filt = Annotated[Filters, Depends(filters)]


def _not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"No {what} with that id.")


@router.get("/overview")
def overview(snap: Snap, f: Filt) -> dict[str, Any]:
    """Counts, the sides, the side x side relation counts and the top disagreements."""
    statements = snap.statements(f)
    pairs = snap.pairs(f)
    against = [p for p in pairs if p.relation.label == "contradict"]
    return {
        "filters": f.active(),
        "counts": {
            "articles": len({st.article_id for st in statements})
            if f.active()
            else len(snap.result.articles),
            "statements": len(statements),
            "speakers": len(snap.speakers_for(f)),
            "sides": len({snap.view.side(st) for st in statements}),
            "contradictions": len(against),
            "agreements": len(pairs) - len(against),
            "failures": len(snap.result.failures),
        },
        "sides": snap.view.sides(),
        "matrix": snap.side_matrix_json(f),
        "top_disagreements": [snap.pair_json(p) for p in against[:10]],
    }


@router.get("/statements")
def statements(
    snap: Snap,
    f: Filt,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Statements passing the filters, in article order, a page at a time."""
    found = snap.statements(f)
    return {"total": len(found), "items": [snap.statement_json(st) for st in found[offset : offset + limit]]}


@router.get("/topics")
def topics(snap: Snap, f: Filt) -> dict[str, Any]:
    """Topics with each side's positions (the statements passing the filters)."""
    items = []
    for topic in snap.result.topics:
        if f.topic and topic.id != f.topic:
            continue
        positions = snap.topic_positions(topic, f)
        if positions:
            items.append(_topic_json(snap, topic.id, positions))
    return {"items": items}


def _topic_json(snap: Snapshot, topic_id: str, positions: dict[str, list[Any]]) -> dict[str, Any]:
    topic = snap.topics[topic_id]
    return {
        "id": topic.id,
        "label": topic.label,
        "positions": [
            {"side": side, "statements": [snap.statement_json(st) for st in sts]}
            for side, sts in positions.items()
        ],
    }


@router.get("/topics/{topic_id:path}")
def topic(topic_id: str, snap: Snap, f: Filt) -> dict[str, Any]:
    """One topic with each side's positions."""
    if topic_id not in snap.topics:
        raise _not_found("topic")
    return _topic_json(snap, topic_id, snap.topic_positions(snap.topics[topic_id], f))


@router.get("/actors")
def actors(snap: Snap, f: Filt) -> dict[str, Any]:
    """Speakers (resolved actors, or bare names) with side, roles and statement counts."""
    return {"items": [snap.speaker_json(sp, n) for sp, n in snap.speakers_for(f)]}


@router.get("/actors/{key:path}")
def actor(key: str, snap: Snap, f: Filt) -> dict[str, Any]:
    """One speaker with their statements passing the filters."""
    sp = snap.speaker_by_key.get(key)
    if sp is None:
        raise _not_found("actor")
    sts = snap.actor_statements(key, f)
    return {**snap.speaker_json(sp), "items": [snap.statement_json(st) for st in sts]}


@router.get("/articles")
def articles(snap: Snap, f: Filt) -> dict[str, Any]:
    """Articles (without their text) having statements that pass the filters, or all when none is set."""
    keep = {st.article_id for st in snap.statements(f)}
    arts = [a for a in snap.result.articles if not f.active() or a.id in keep]
    return {"items": [snap.article_json(a) for a in arts]}


@router.get("/articles/{article_id:path}")
def article(article_id: str, snap: Snap) -> dict[str, Any]:
    """One article with its text, statements (offsets into the text) and framing sentences."""
    art = snap.view.articles.get(article_id)
    if art is None:
        raise _not_found("article")
    sts = [st for st in snap.result.statements if st.article_id == article_id]
    frames = [fr.to_dict() for fr in snap.result.frames if fr.article_id == article_id]
    return {
        **snap.article_json(art),
        "text": art.text,
        "statements": [snap.statement_json(st) for st in sts],
        "frames": frames,
    }


@router.get("/relations")
def relations(snap: Snap, f: Filt) -> dict[str, Any]:
    """Contradictions, then agreements, strongest first, with evidence and both statements."""
    return {"items": [snap.pair_json(p) for p in snap.pairs(f)]}


@router.get("/timeline")
def timeline(snap: Snap) -> dict[str, Any]:
    """Per topic, each utterance once with its date (and how it was reached) and its outlets."""
    view = snap.view
    items = []
    for label, ids in timeline_sections(view):
        entries = [
            {"when": when, "outlets": outlets, "statement": snap.statement_json(st)}
            for when, st, outlets in timeline_entries(view, ids)
        ]
        topic = snap.result.statement_topic.get(ids[0]) if ids else None
        items.append({"topic": topic, "label": label, "entries": entries})
    return {"items": items}


@router.get("/groups")
def groups(snap: Snap) -> dict[str, Any]:
    """Statement groups reported by more than one article, with their outlets and quote drift."""
    items = []
    for group in snap.result.groups:
        members = [view_st for s in group.statements if (view_st := snap.view.statements.get(s))]
        if len({m.article_id for m in members}) > 1:
            items.append({**group.to_dict(), "reports": [snap.statement_json(m) for m in members]})
    return {"items": items}


@router.get("/search")
def search_api(
    snap: Snap,
    db: Annotated[Corpus, Depends(corpus)],
    q: Annotated[str, Query(description="Words to find (all required; prefixes match).")] = "",
    kind: Annotated[str, Query(description="statement, article or actor; empty for all.")] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_HITS)] = 50,
) -> dict[str, Any]:
    """Full-text search over statements, speakers and article titles (400 with a message on a bad query)."""
    hits = search(db.path, q, kind, limit)
    shown = resolve_hits(snap, hits, terms(q))
    return {
        "query": q,
        "items": [{"kind": h.kind, "ref": h.ref, "rank": h.rank, "record": h.record} for h in shown],
    }
