"""Writing the corpus stages' links and reading a whole ``Result`` back. Callers hold the transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable

from atodds.records import Result, Topic
from atodds.store import rows

IN_LIST = "(SELECT value FROM json_each(?))"  # one parameter: a JSON array of ids


def next_seq(conn: sqlite3.Connection, table: str) -> int:
    """The next free ``seq`` of ``table`` (one of the schema's own tables)."""
    return int(conn.execute(f"SELECT coalesce(max(seq), 0) + 1 FROM {table}").fetchone()[0])


def _members(
    lists: Iterable[tuple[str, tuple[str, ...]]], mapping: dict[str, str]
) -> list[tuple[str, str, int]]:
    """(statement, owner, position) rows from the owners' member lists, then from map entries not listed."""
    found: dict[str, tuple[str, int]] = {}
    size: dict[str, int] = {}
    pairs = [(sid, owner) for owner, sids in lists for sid in sids] + list(mapping.items())
    for sid, owner in pairs:
        if sid not in found:
            found[sid] = (owner, size.get(owner, 0))
            size[owner] = size.get(owner, 0) + 1
    return [(sid, owner, seq) for sid, (owner, seq) in found.items()]


def replace_links(conn: sqlite3.Connection, result: Result, ids_json: str) -> None:
    """Delete the links of the statements ``ids_json`` and of ``result``'s groups and topics, insert
    ``result``'s, then drop actors, groups and topics that are neither in ``result`` nor linked."""
    group_ids = json.dumps([g.id for g in result.groups])
    topic_ids = json.dumps([t.id for t in result.topics])
    actor_ids = json.dumps([a.id for a in result.actors])
    conn.execute(f"DELETE FROM statement_actor WHERE statement_id IN {IN_LIST}", (ids_json,))
    conn.execute(
        f"DELETE FROM group_members WHERE statement_id IN {IN_LIST} OR group_id IN {IN_LIST}",
        (ids_json, group_ids),
    )
    conn.execute(
        f"DELETE FROM topic_members WHERE statement_id IN {IN_LIST} OR topic_id IN {IN_LIST}",
        (ids_json, topic_ids),
    )
    conn.execute(f"DELETE FROM relations WHERE a IN {IN_LIST} OR b IN {IN_LIST}", (ids_json, ids_json))

    base = next_seq(conn, "actors")
    conn.executemany(rows.ACTOR_UPSERT, [rows.actor_row(a, base + i) for i, a in enumerate(result.actors)])
    conn.executemany(
        "INSERT INTO statement_actor (statement_id, actor_id) VALUES (?, ?)", result.statement_actor.items()
    )
    conn.execute(f"DELETE FROM statement_dates WHERE statement_id IN {IN_LIST}", (ids_json,))
    conn.executemany(rows.DATE_INSERT, [rows.date_row(sid, d) for sid, d in result.statement_date.items()])
    base = next_seq(conn, "statement_groups")
    conn.executemany(rows.GROUP_UPSERT, [rows.group_row(g, base + i) for i, g in enumerate(result.groups)])
    conn.executemany(
        "INSERT INTO group_members (statement_id, group_id, seq) VALUES (?, ?, ?)",
        _members(((g.id, g.statements) for g in result.groups), result.statement_group),
    )
    base = next_seq(conn, "topics")
    conn.executemany(
        "INSERT INTO topics (id, seq, label) VALUES (?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, label = excluded.label",
        [(t.id, base + i, t.label) for i, t in enumerate(result.topics)],
    )
    conn.executemany(
        "INSERT INTO topic_members (statement_id, topic_id, seq) VALUES (?, ?, ?)",
        _members(((t.id, t.statements) for t in result.topics), result.statement_topic),
    )
    base = next_seq(conn, "relations")
    conn.executemany(
        rows.RELATION_UPSERT, [rows.relation_row(r, base + i) for i, r in enumerate(result.relations)]
    )

    conn.execute(
        f"DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM statement_actor) AND id NOT IN {IN_LIST}",
        (actor_ids,),
    )
    conn.execute(
        "DELETE FROM statement_groups WHERE id NOT IN (SELECT group_id FROM group_members) "
        f"AND id NOT IN {IN_LIST}",
        (group_ids,),
    )
    conn.execute(
        f"DELETE FROM topics WHERE id NOT IN (SELECT topic_id FROM topic_members) AND id NOT IN {IN_LIST}",
        (topic_ids,),
    )


def read_result(conn: sqlite3.Connection, article_ids: Iterable[str] | None) -> Result:
    """The database (or the articles ``article_ids``) as a ``Result``; see ``Store.load_result``."""
    whole = article_ids is None
    where = ""
    params: tuple[str, ...] = ()
    if article_ids is not None:
        wanted = [article_ids] if isinstance(article_ids, str) else list(article_ids)
        where = f"WHERE a.id IN {IN_LIST}"
        params = (json.dumps(wanted),)
    scope = (
        f"WITH scope(id) AS (SELECT s.id FROM statements s JOIN articles a ON a.id = s.article_id {where}) "
    )

    def query(sql: str) -> sqlite3.Cursor:
        return conn.execute(sql, params)

    def scoped(sql: str) -> sqlite3.Cursor:
        return conn.execute(scope + sql, params)

    res = Result()
    res.articles = [rows.article_from(r) for r in query(f"SELECT a.* FROM articles a {where} ORDER BY a.seq")]
    of_articles = "JOIN articles a ON a.id = x.article_id " + where + " ORDER BY a.seq, x.seq"
    res.statements = [rows.statement_from(r) for r in query(f"SELECT x.* FROM statements x {of_articles}")]
    res.frames = [rows.frame_from(r) for r in query(f"SELECT x.* FROM frames x {of_articles}")]
    links = scoped("SELECT statement_id, actor_id FROM statement_actor WHERE statement_id IN scope")
    res.statement_actor = {r[0]: r[1] for r in links}
    linked = (
        "" if whole else "WHERE id IN (SELECT actor_id FROM statement_actor WHERE statement_id IN scope) "
    )
    res.actors = [rows.actor_from(r) for r in scoped(f"SELECT * FROM actors {linked}ORDER BY seq")]

    groups = _owners(conn, scoped, "statement_groups", "group_members", "group_id", whole)
    res.groups = [rows.group_from(r, members) for r, members in groups]
    res.statement_group = {sid: g.id for g in res.groups for sid in g.statements}
    dates = scoped("SELECT * FROM statement_dates WHERE statement_id IN scope")
    res.statement_date = {r["statement_id"]: rows.date_from(r) for r in dates}
    topics = _owners(conn, scoped, "topics", "topic_members", "topic_id", whole)
    res.topics = [Topic(r["id"], r["label"], members) for r, members in topics]
    res.statement_topic = {sid: t.id for t in res.topics for sid in t.statements}

    rels = scoped("SELECT * FROM relations WHERE a IN scope AND b IN scope ORDER BY seq")
    res.relations = [rows.relation_from(r) for r in rels]
    if whole:
        res.failures = [rows.failure_from(r) for r in conn.execute("SELECT * FROM failures ORDER BY seq")]
    return res


def _owners(
    conn: sqlite3.Connection,
    scoped: Callable[[str], sqlite3.Cursor],
    table: str,
    member_table: str,
    key: str,
    whole: bool,
) -> list[tuple[sqlite3.Row, tuple[str, ...]]]:
    """Groups or topics with their in-scope members in order; a partial load drops memberless owners."""
    members: dict[str, list[str]] = {}
    for owner, sid in scoped(
        f"SELECT {key}, statement_id FROM {member_table} WHERE statement_id IN scope ORDER BY seq"
    ):
        members.setdefault(owner, []).append(sid)
    owners = conn.execute(f"SELECT * FROM {table} ORDER BY seq")
    return [(r, tuple(members.get(r["id"], ()))) for r in owners if whole or r["id"] in members]
