"""The ``Store``: one SQLite file holding articles, statements, failures and the corpus stages' output."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from atodds.errors import AtoddsError, error
from atodds.records import ArticleAnalysis, Failure, Result
from atodds.store import rows
from atodds.store.corpus import next_seq, read_result, replace_links
from atodds.store.schema import check_version, migrate

DEFAULT_TIMEOUT_S = 30.0


def _busy(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def _prepare(conn: sqlite3.Connection, path: Path, read_only: bool, deadline: float) -> None:
    """Check the schema (read-only) or switch to WAL and migrate. Two processes that open a new database
    at the same moment can get SQLITE_BUSY here without SQLite's busy wait (switching the journal mode,
    for one), so a busy error is retried until ``deadline``."""
    pause = 0.05
    while True:
        try:
            if read_only:
                check_version(conn, path, read_only=True)
            else:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                migrate(conn, path)
            return
        except sqlite3.Error as exc:
            if not _busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Transaction:
    """A ``with`` block holding one transaction (a write one when ``what`` names what is written).

    Commits on success and rolls back on error; SQLite errors leave it as coded errors.
    (A class rather than ``@contextmanager``: that one assigns ``__traceback__``, which the frozen
    ``AtoddsError`` refuses.)
    """

    def __init__(self, store: Store, what: str | None) -> None:
        self._store = store
        self._what = what

    def __enter__(self) -> sqlite3.Connection:
        store = self._store
        if self._what is not None and store.read_only:
            raise error("E055", path=store.path, what=self._what)
        try:
            store._conn.execute("BEGIN" if self._what is None else "BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            coded = self._coded(exc)
            if coded is None:
                raise
            raise coded from exc
        return store._conn

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        conn = self._store._conn
        if exc is None:
            try:
                conn.execute("COMMIT")
                return
            except sqlite3.Error as commit_exc:
                exc = commit_exc
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        coded = self._coded(exc) if isinstance(exc, sqlite3.Error) else None
        if coded is not None:
            raise coded from exc
        if exc_type is None:  # the commit failed in a way with no code
            raise exc

    def _coded(self, exc: sqlite3.Error) -> AtoddsError | None:
        path, what = self._store.path, self._what
        if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError):
            return None  # misuse, e.g. a closed store: not the database's fault
        if _busy(exc):
            return error("E052", path=path)
        if what is None:
            return (
                error("E050", path=path, detail=str(exc)) if isinstance(exc, sqlite3.DatabaseError) else None
            )
        if isinstance(exc, sqlite3.IntegrityError):
            return error("E054", path=path, what=what, detail=str(exc))
        if isinstance(exc, sqlite3.DatabaseError):
            return error("E056", path=path, what=what, detail=str(exc))
        return None


class Store:
    """An atodds database. Open it with ``Store.open``; it is also a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool) -> None:
        self._conn = conn
        self.path = path
        self.read_only = read_only

    # -- opening and closing -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, timeout: float = DEFAULT_TIMEOUT_S) -> Store:
        """Open (creating and migrating unless ``read_only``) the database at ``path``.

        Raises E050 (cannot open), E051 (newer schema), E052 (busy), E053 (read-only and missing).
        """
        p = Path(path)
        memory = str(path) == ":memory:"
        if read_only and not memory and not p.exists():
            raise error("E053", path=p)
        if p.is_dir():
            raise error("E050", path=p, detail="it is a folder")
        if not memory and not p.parent.is_dir():
            raise error("E050", path=p, detail=f"the folder {p.parent} does not exist")
        target = p.resolve().as_uri() + "?mode=ro" if read_only and not memory else str(path)
        try:
            conn = sqlite3.connect(
                target, timeout=timeout, isolation_level=None, uri=read_only and not memory
            )
        except sqlite3.Error as exc:
            raise error("E050", path=p, detail=str(exc)) from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            _prepare(conn, p, read_only, time.monotonic() + timeout)
        except AtoddsError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise (error("E052", path=p) if _busy(exc) else error("E050", path=p, detail=str(exc))) from exc
        return cls(conn, p, read_only)

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The database's ``PRAGMA user_version``."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # -- transactions --------------------------------------------------------------------------------

    def _write(self, what: str) -> _Transaction:
        """One write transaction; errors become E052 (busy), E054 (constraint), E055 (read-only), E056."""
        return _Transaction(self, what)

    def _read(self) -> _Transaction:
        """One read transaction, so that a multi-query read sees one snapshot."""
        return _Transaction(self, None)

    # -- per-article stages --------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether the article ``article_id`` is stored."""
        with self._read() as conn:
            return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def save_article(self, analysis: ArticleAnalysis, analyzer: str = "") -> bool:
        """Store an article with its statements and frames in one transaction.

        Returns False, storing nothing, when the article id is already stored by the same ``analyzer``;
        an article stored by another analyzer is replaced. Either way a failure recorded earlier for the
        same source is removed, since the source has now been read.
        """
        art = analysis.article
        what = f"the article from {art.source}"
        owners = [s.article_id for s in analysis.statements] + [f.article_id for f in analysis.frames]
        strays = [owner for owner in owners if owner != art.id]
        if strays:
            detail = f"it holds records of article {strays[0]}, not {art.id}"
            raise error("E054", path=self.path, what=what, detail=detail)
        with self._write(what) as conn:
            conn.execute("DELETE FROM failures WHERE source = ?", (art.source,))
            stored = conn.execute("SELECT analyzer, seq FROM articles WHERE id = ?", (art.id,)).fetchone()
            if stored is not None and stored["analyzer"] == analyzer:
                return False
            seq = next_seq(conn, "articles")
            if stored is not None:
                seq = stored["seq"]
                conn.execute("DELETE FROM articles WHERE id = ?", (art.id,))
            conn.execute(rows.ARTICLE_INSERT, rows.article_row(art, seq, _now(), analyzer))
            conn.executemany(
                rows.STATEMENT_INSERT, [rows.statement_row(s, i) for i, s in enumerate(analysis.statements)]
            )
            conn.executemany(rows.FRAME_INSERT, [rows.frame_row(f, i) for i, f in enumerate(analysis.frames)])
            vectors = rows.vectors_row(analysis)
            if vectors is not None:
                conn.execute(rows.VECTORS_INSERT, vectors)
        return True

    def record_failure(self, failure: Failure) -> None:
        """Record (or update) the failure of ``failure.source``; stored articles are left as they are."""
        with self._write(f"the failure of {failure.source}") as conn:
            conn.execute(
                "INSERT INTO failures (source, seq, code, reason, at) VALUES "
                "(?, (SELECT coalesce(max(seq), 0) + 1 FROM failures), ?, ?, ?) ON CONFLICT (source) "
                "DO UPDATE SET code = excluded.code, reason = excluded.reason, at = excluded.at",
                (failure.source, failure.code, failure.reason, _now()),
            )

    def load_article(self, article_id: str, analyzer: str | None = None) -> ArticleAnalysis | None:
        """The stored article with its statements and frames in their original order, or None (also
        when ``analyzer`` is given and the article was stored by another one)."""
        with self._read() as conn:
            row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None or (analyzer is not None and row["analyzer"] != analyzer):
                return None
            sts = conn.execute("SELECT * FROM statements WHERE article_id = ? ORDER BY seq", (article_id,))
            statements = tuple(rows.statement_from(r) for r in sts)
            frs = conn.execute("SELECT * FROM frames WHERE article_id = ? ORDER BY seq", (article_id,))
            frames = tuple(rows.frame_from(r) for r in frs)
            vec = conn.execute("SELECT * FROM article_vectors WHERE article_id = ?", (article_id,)).fetchone()
        matrix, model = rows.vectors_from(vec) if vec is not None else (None, "")
        return ArticleAnalysis(rows.article_from(row), statements, frames, matrix, model)

    def failures(self) -> list[Failure]:
        """All recorded failures, oldest first."""
        with self._read() as conn:
            return [rows.failure_from(r) for r in conn.execute("SELECT * FROM failures ORDER BY seq")]

    # -- corpus stages -------------------------------------------------------------------------------

    def save_corpus(self, result: Result) -> None:
        """Replace the actors, groups, topics and relations of ``result``'s statements in one transaction.

        The old links of every statement that ``result`` mentions are deleted and ``result``'s inserted;
        a group or topic in ``result`` gets exactly the members listed (plus those of the maps).
        Actors, groups and topics that end up neither in ``result`` nor linked to a statement are removed.
        All statements must already be stored (E054 otherwise).
        """
        ids = {s.id for s in result.statements}
        ids |= set(result.statement_actor) | set(result.statement_group) | set(result.statement_topic)
        ids |= set(result.statement_date)
        ids |= {sid for g in result.groups for sid in g.statements}
        ids |= {sid for t in result.topics for sid in t.statements}
        ids |= {sid for r in result.relations for sid in (r.a, r.b)}
        ids_json = json.dumps(sorted(ids))
        what = "the corpus stages"
        with self._write(what) as conn:
            missing_rows = conn.execute(
                "SELECT value FROM json_each(?) EXCEPT SELECT id FROM statements", (ids_json,)
            )
            missing = [r[0] for r in missing_rows]
            if missing:
                detail = f"{len(missing)} statement(s) are not stored, e.g. {', '.join(missing[:3])}"
                raise error("E054", path=self.path, what=what, detail=detail)
            conn.execute("PRAGMA defer_foreign_keys = ON")
            replace_links(conn, result, ids_json)
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                table, _rowid, parent, _fk = problems[0]
                detail = f"{len(problems)} {table} row(s) refer to {parent} that do not exist"
                raise error("E054", path=self.path, what=what, detail=detail)

    # -- whole results -------------------------------------------------------------------------------

    def load_result(self, article_ids: Iterable[str] | None = None) -> Result:
        """The whole database, or just the articles ``article_ids`` with their links, as a ``Result``.

        A partial load keeps only the actors, groups, topics and relations of those articles'
        statements (group and topic members outside them are left out) and no failures.
        """
        with self._read() as conn:
            return read_result(conn, article_ids)

    # -- health --------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many articles, statements, actors, relations and failures are stored."""
        with self._read() as conn:
            return {
                table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("articles", "statements", "actors", "relations", "failures")
            }

    def integrity_ok(self) -> bool:
        """Whether ``PRAGMA integrity_check`` says ok and no foreign key is dangling."""
        with self._read() as conn:
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
        return integrity == ["ok"] and not dangling
