"""The database schema and its migrations.

``PRAGMA user_version`` holds the schema version. ``MIGRATIONS[i]`` upgrades version ``i`` to ``i + 1``;
all pending migrations run in one transaction. ``PRAGMA application_id`` marks the file as atodds's.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from atodds.errors import error

APPLICATION_ID = 0x61746F64  # "atod"

_V1: tuple[str, ...] = (
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        outlet TEXT NOT NULL DEFAULT '',
        published TEXT,
        source_kind TEXT NOT NULL DEFAULT 'txt',
        text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'ok',
        added_at TEXT NOT NULL
    )""",
    "CREATE INDEX articles_source ON articles(source)",
    """CREATE TABLE statements (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        content_text TEXT NOT NULL,
        cue_start INTEGER,
        cue_end INTEGER,
        cue_text TEXT,
        mention_start INTEGER,
        mention_end INTEGER,
        mention_text TEXT,
        speaker_name TEXT NOT NULL,
        speaker_role TEXT NOT NULL,
        speaker_side TEXT NOT NULL,
        resolution TEXT NOT NULL,
        kind TEXT NOT NULL,
        nested_source TEXT,
        UNIQUE (article_id, seq)
    )""",
    """CREATE TABLE frames (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        span_text TEXT NOT NULL,
        sides TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    )""",
    """CREATE TABLE failures (
        source TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    """CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL,
        kind TEXT NOT NULL,
        roles TEXT NOT NULL,
        side TEXT NOT NULL
    )""",
    """CREATE TABLE statement_actor (
        statement_id TEXT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE
    )""",
    "CREATE INDEX statement_actor_actor ON statement_actor(actor_id)",
    """CREATE TABLE statement_groups (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        canonical_text TEXT NOT NULL,
        wording_differs INTEGER NOT NULL
    )""",
    """CREATE TABLE group_members (
        statement_id TEXT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
        group_id TEXT NOT NULL REFERENCES statement_groups(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL
    )""",
    "CREATE INDEX group_members_group ON group_members(group_id, seq)",
    """CREATE TABLE topics (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        label TEXT NOT NULL
    )""",
    """CREATE TABLE topic_members (
        statement_id TEXT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
        topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL
    )""",
    "CREATE INDEX topic_members_topic ON topic_members(topic_id, seq)",
    """CREATE TABLE relations (
        a TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        b TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        label TEXT NOT NULL,
        score REAL NOT NULL,
        evidence TEXT NOT NULL,
        model TEXT NOT NULL,
        flipped INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (a, b),
        CHECK (a <= b)
    )""",
    "CREATE INDEX relations_b ON relations(b)",
)

# v2: which analyzer (code and settings of the per-article stages) produced an article's statements, so
# that a newer atodds re-analyzes articles stored by an older one instead of reusing stale statements.
_V2: tuple[str, ...] = ("ALTER TABLE articles ADD COLUMN analyzer TEXT NOT NULL DEFAULT ''",)

# v3: full-text search (FTS5) over statements (text, speaker, role, side), articles (title, outlet) and
# actors (name, aliases, roles, side), kept current by triggers. ``search_keys`` maps each indexed record
# to its FTS rowid so that a delete or update touches one row. ``rebuild_search`` refills both.
_SEARCH_FILL: tuple[str, ...] = (
    "INSERT INTO search_keys (kind, ref) SELECT 'statement', id FROM statements",
    "INSERT INTO search_keys (kind, ref) SELECT 'article', id FROM articles",
    "INSERT INTO search_keys (kind, ref) SELECT 'actor', id FROM actors",
    """INSERT INTO search_fts (rowid, kind, ref, body, who)
        SELECT k.rowid, 'statement', s.id, s.content_text,
               s.speaker_name || ' ' || s.speaker_role || ' ' || s.speaker_side
        FROM statements s JOIN search_keys k ON k.kind = 'statement' AND k.ref = s.id""",
    """INSERT INTO search_fts (rowid, kind, ref, body, who)
        SELECT k.rowid, 'article', a.id, a.title, a.outlet
        FROM articles a JOIN search_keys k ON k.kind = 'article' AND k.ref = a.id""",
    """INSERT INTO search_fts (rowid, kind, ref, body, who)
        SELECT k.rowid, 'actor', x.id, x.name || ' ' || x.aliases, x.roles || ' ' || x.side
        FROM actors x JOIN search_keys k ON k.kind = 'actor' AND k.ref = x.id""",
)


def _search_triggers(table: str, kind: str, body: str, who: str) -> tuple[str, ...]:
    """Insert, delete and update triggers keeping ``search_fts`` in step with ``table``."""
    key = f"(SELECT rowid FROM search_keys WHERE kind = '{kind}' AND ref = {{row}}.id)"
    add = (
        f"INSERT OR IGNORE INTO search_keys (kind, ref) VALUES ('{kind}', new.id); "
        f"INSERT INTO search_fts (rowid, kind, ref, body, who) VALUES "
        f"({key.format(row='new')}, '{kind}', new.id, {body}, {who});"
    )
    drop = (
        f"DELETE FROM search_fts WHERE rowid = {key.format(row='old')}; "
        f"DELETE FROM search_keys WHERE kind = '{kind}' AND ref = old.id;"
    )
    return (
        f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {drop} END",
        f"CREATE TRIGGER {table}_search_au AFTER UPDATE ON {table} BEGIN {drop} {add} END",
    )


_V3: tuple[str, ...] = (
    """CREATE TABLE search_keys (
        rowid INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        UNIQUE (kind, ref)
    )""",
    "CREATE VIRTUAL TABLE search_fts USING fts5(kind UNINDEXED, ref UNINDEXED, body, who, "
    "tokenize = 'unicode61 remove_diacritics 2')",
    *_search_triggers(
        "statements",
        "statement",
        "new.content_text",
        "new.speaker_name || ' ' || new.speaker_role || ' ' || new.speaker_side",
    ),
    *_search_triggers("articles", "article", "new.title", "new.outlet"),
    *_search_triggers("actors", "actor", "new.name || ' ' || new.aliases", "new.roles || ' ' || new.side"),
    *_SEARCH_FILL,
)

# v4: when each statement was made (the publication date or a resolved expression near it), and each
# statement group's outlets and quote drift (JSON lists, see ``rows.drift_from``).
_V4: tuple[str, ...] = (
    """CREATE TABLE statement_dates (
        statement_id TEXT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        basis TEXT NOT NULL,
        expression TEXT NOT NULL DEFAULT '',
        approximate INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX statement_dates_date ON statement_dates(date)",
    "ALTER TABLE statement_groups ADD COLUMN outlets TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE statement_groups ADD COLUMN drift TEXT NOT NULL DEFAULT '[]'",
)

# v5: the statements' embeddings, one float32 matrix per article (computed by the workers), so that the
# corpus stages of a later run need not embed stored statements again.
_V5: tuple[str, ...] = (
    """CREATE TABLE article_vectors (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        rows INTEGER NOT NULL,
        dim INTEGER NOT NULL,
        data BLOB NOT NULL
    )""",
)

MIGRATIONS: list[tuple[str, ...]] = [_V1, _V2, _V3, _V4, _V5]
SCHEMA_VERSION = len(MIGRATIONS)


def _pragma_int(conn: sqlite3.Connection, name: str) -> int:
    return int(conn.execute(f"PRAGMA {name}").fetchone()[0])


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None


def check_version(conn: sqlite3.Connection, path: Path, *, read_only: bool) -> int:
    """Raise E051 for a newer database and E050 for a foreign one; return the schema version.
    Read-only, an empty database (no schema yet) is E053, like a missing one."""
    version = _pragma_int(conn, "user_version")
    if version > SCHEMA_VERSION:
        raise error("E051", path=path, found=version, supported=SCHEMA_VERSION)
    if version > 0 and _pragma_int(conn, "application_id") != APPLICATION_ID:
        raise error("E050", path=path, detail="it is not an atodds database (foreign application id)")
    if version == 0 and _has_tables(conn):
        raise error("E050", path=path, detail="it is not an atodds database (it has other tables)")
    if read_only and version == 0:  # an empty file, or one a writer is creating right now
        raise error("E053", path=path)
    if read_only and version < SCHEMA_VERSION:
        detail = (
            f"it has schema version {version}, older than this atodds ({SCHEMA_VERSION}); "
            "open it once for writing to upgrade it"
        )
        raise error("E050", path=path, detail=detail)
    return version


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the database to ``SCHEMA_VERSION`` in one transaction; return the version found."""
    found = check_version(conn, path, read_only=False)
    if found == SCHEMA_VERSION:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = check_version(conn, path, read_only=False)  # another process may have migrated meanwhile
        for version in range(found, SCHEMA_VERSION):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1:d}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return found


def rebuild_search(conn: sqlite3.Connection) -> None:
    """Empty and refill the full-text index from the tables (the caller holds a write transaction)."""
    conn.execute("DELETE FROM search_fts")
    conn.execute("DELETE FROM search_keys")
    for statement in _SEARCH_FILL:
        conn.execute(statement)
