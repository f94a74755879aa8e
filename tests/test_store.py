"""Tests of the SQLite store, on hand-built records and throwaway databases."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from atodds.errors import AtoddsError
from atodds.records import (
    Actor,
    Article,
    ArticleAnalysis,
    Failure,
    Frame,
    Relation,
    Result,
    Span,
    Speaker,
    Statement,
    StatementGroup,
    Topic,
)
from atodds.store import SCHEMA_VERSION, Store
from payloads import span

TEXT_1 = (
    "The town council voted on Tuesday to close the Elm Street library. "
    '"We cannot keep heating an empty building," said Mayor Dana Reyes. '
    "Residents disputed that account. "
    '"The reading room is full every afternoon," Priya Natarajan, who chairs the Friends of the Library, '
    "told reporters. "
    "According to a memo quoted by the staff union, managers had been warned about the budget gap in March. "
    "The two sides gave very different visitor numbers."
)
TEXT_2 = (
    "Mayor Dana Reyes defended the closure on Wednesday. "
    "The building is almost empty most days, Reyes told the evening meeting. "
    "Library volunteers say otherwise."
)


def first_analysis() -> ArticleAnalysis:
    """Three statements (one with no cue and no mention, quoting a nested source) and two frames."""
    article = Article(
        id="art-1",
        source="inbox/library-1.txt",
        text=TEXT_1,
        title="Council votes to close library",
        url="https://example.org/library-1",
        outlet="Example Gazette",
        published="2024-03-05",
        source_kind="txt",
    )
    reyes = Speaker(span(TEXT_1, "Mayor Dana Reyes"), "Dana Reyes", "mayor", "council", "named")
    natarajan = Speaker(span(TEXT_1, "Priya Natarajan"), "Priya Natarajan", "chair", "residents", "named")
    unknown = Speaker(None, "", "", "", "unknown")
    statements = (
        Statement(
            "art-1:s0",
            "art-1",
            span(TEXT_1, "We cannot keep heating an empty building"),
            span(TEXT_1, "said"),
            reyes,
            "direct",
        ),
        Statement(
            "art-1:s1",
            "art-1",
            span(TEXT_1, "The reading room is full every afternoon"),
            span(TEXT_1, "told"),
            natarajan,
            "direct",
        ),
        Statement(
            "art-1:s2",
            "art-1",
            span(TEXT_1, "managers had been warned about the budget gap in March"),
            None,
            unknown,
            "indirect",
            nested_source="the staff union",
        ),
    )
    frames = (
        Frame("art-1", span(TEXT_1, "Residents disputed that account."), ("residents", "council")),
        Frame("art-1", span(TEXT_1, "The two sides gave very different visitor numbers.")),
    )
    return ArticleAnalysis(article, statements, frames)


def second_analysis() -> ArticleAnalysis:
    """One indirect statement by a speaker named only by surname."""
    article = Article(id="art-2", source="inbox/library-2.html", text=TEXT_2, source_kind="html")
    at = TEXT_2.index("Reyes told")
    reyes = Speaker(Span.of(TEXT_2, at, at + len("Reyes")), "Dana Reyes", "mayor", "council", "named")
    statement = Statement(
        "art-2:s0",
        "art-2",
        span(TEXT_2, "The building is almost empty most days"),
        span(TEXT_2, "told"),
        reyes,
        "indirect",
    )
    return ArticleAnalysis(article, (statement,), ())


def corpus_result(first: ArticleAnalysis, second: ArticleAnalysis) -> Result:
    """A whole run over both articles, with a relation given in descending id order."""
    statements = [*first.statements, *second.statements]
    return Result(
        articles=[first.article, second.article],
        statements=statements,
        frames=[*first.frames, *second.frames],
        actors=[
            Actor("actor-reyes", "Dana Reyes", ("Reyes", "Mayor Reyes"), "person", ("mayor",), "council"),
            Actor("actor-natarajan", "Priya Natarajan", (), "person", ("chair",), "residents"),
            Actor("actor-union", "the staff union", (), "organization", (), "staff"),
        ],
        groups=[StatementGroup("group-1", ("art-1:s0", "art-2:s0"), "The building is empty", True)],
        topics=[Topic("topic-1", "library use", ("art-1:s0", "art-1:s1", "art-2:s0"))],
        relations=[
            Relation("art-2:s0", "art-1:s1", "contradict", 0.8731, ("empty", "full"), "nli-test"),
            Relation("art-1:s0", "art-2:s0", "agree", 0.91, (), "nli-test"),
        ],
        failures=[Failure("inbox/broken.warc", "E009", "the WARC archive is damaged")],
        statement_actor={"art-1:s0": "actor-reyes", "art-1:s1": "actor-natarajan", "art-2:s0": "actor-reyes"},
        statement_topic={"art-1:s0": "topic-1", "art-1:s1": "topic-1", "art-2:s0": "topic-1"},
        statement_group={"art-1:s0": "group-1", "art-2:s0": "group-1"},
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "atodds.db"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with Store.open(db) as st:
        yield st


def saved_corpus(store: Store) -> Result:
    first, second = first_analysis(), second_analysis()
    store.save_article(first)
    store.save_article(second)
    result = corpus_result(first, second)
    for failure in result.failures:
        store.record_failure(failure)
    store.save_corpus(result)
    return result


def code_of(excinfo: pytest.ExceptionInfo[AtoddsError]) -> str:
    return excinfo.value.code


# -- articles -----------------------------------------------------------------------------------------


def test_article_round_trip(store: Store) -> None:
    analysis = first_analysis()
    assert store.save_article(analysis) is True
    assert store.has_article("art-1")
    assert not store.has_article("art-2")
    loaded = store.load_article("art-1")
    assert loaded == analysis
    assert loaded is not None
    assert loaded.statements[2].cue is None
    assert loaded.statements[2].speaker.mention is None
    assert loaded.statements[2].nested_source == "the staff union"
    assert [f.sides for f in loaded.frames] == [("residents", "council"), ()]
    assert store.load_article("art-2") is None


def test_resave_is_idempotent(store: Store) -> None:
    analysis = first_analysis()
    assert store.save_article(analysis) is True
    before = store.counts()
    changed = replace(analysis, article=replace(analysis.article, title="Another title"), frames=())
    assert store.save_article(changed) is False
    assert store.counts() == before
    assert store.load_article("art-1") == analysis


def test_statement_of_another_article_is_refused(store: Store) -> None:
    analysis = first_analysis()
    stray = replace(analysis.statements[0], article_id="art-9")
    with pytest.raises(AtoddsError) as excinfo:
        store.save_article(replace(analysis, statements=(stray,)))
    assert code_of(excinfo) == "E054"
    assert store.counts()["articles"] == 0


def test_duplicate_statement_id_rolls_back_the_article(store: Store) -> None:
    analysis = first_analysis()
    twice = replace(analysis, statements=(analysis.statements[0], analysis.statements[0]))
    with pytest.raises(AtoddsError) as excinfo:
        store.save_article(twice)
    assert code_of(excinfo) == "E054"
    assert store.counts()["articles"] == 0
    assert not store.has_article("art-1")


# -- failures -----------------------------------------------------------------------------------------


def test_failure_is_recorded_then_cleared_by_success(store: Store) -> None:
    analysis = first_analysis()
    store.record_failure(Failure(analysis.article.source, "E020", "the parser crashed"))
    store.record_failure(Failure("inbox/other.txt", "E003", "empty"))
    assert [f.source for f in store.failures()] == [analysis.article.source, "inbox/other.txt"]
    assert store.save_article(analysis) is True
    assert store.failures() == [Failure("inbox/other.txt", "E003", "empty")]
    assert store.counts()["failures"] == 1


def test_record_failure_upserts_and_leaves_articles(store: Store) -> None:
    analysis = first_analysis()
    store.save_article(analysis)
    store.record_failure(Failure("inbox/x.txt", "E003", "empty"))
    store.record_failure(Failure("inbox/x.txt", "E006", "not UTF-8"))
    store.record_failure(Failure(analysis.article.source, "E020", "failed on a re-run"))
    assert store.failures() == [
        Failure("inbox/x.txt", "E006", "not UTF-8"),
        Failure(analysis.article.source, "E020", "failed on a re-run"),
    ]
    assert store.load_article("art-1") == analysis


# -- corpus stages and whole results ------------------------------------------------------------------


def test_load_result_equals_what_was_saved(store: Store) -> None:
    result = saved_corpus(store)
    loaded = store.load_result()
    assert loaded.to_dict() == result.to_dict()
    assert loaded == result
    assert loaded.relations[0].a == "art-2:s0"  # the saved orientation survives the a <= b storage
    assert store.counts() == {"articles": 2, "statements": 4, "actors": 3, "relations": 2, "failures": 1}


def test_load_result_of_some_articles(store: Store) -> None:
    saved_corpus(store)
    part = store.load_result(["art-2"])
    assert [a.id for a in part.articles] == ["art-2"]
    assert [s.id for s in part.statements] == ["art-2:s0"]
    assert part.frames == []
    assert [a.id for a in part.actors] == ["actor-reyes"]
    assert part.groups == [StatementGroup("group-1", ("art-2:s0",), "The building is empty", True)]
    assert part.topics == [Topic("topic-1", "library use", ("art-2:s0",))]
    assert part.relations == []
    assert part.failures == []
    assert part.statement_actor == {"art-2:s0": "actor-reyes"}
    assert store.load_result([]).to_dict() == Result().to_dict()


def test_save_corpus_replaces_earlier_links(store: Store) -> None:
    result = saved_corpus(store)
    again = replace(
        result,
        actors=[result.actors[0]],
        groups=[],
        topics=[Topic("topic-2", "budget", ("art-1:s2",))],
        relations=[Relation("art-1:s0", "art-1:s1", "contradict", 0.5, ("cannot", "full"), "nli-test-2")],
        statement_actor={"art-1:s0": "actor-reyes", "art-2:s0": "actor-reyes"},
        statement_topic={"art-1:s2": "topic-2"},
        statement_group={},
    )
    store.save_corpus(again)
    loaded = store.load_result()
    assert loaded.relations == again.relations
    assert [a.id for a in loaded.actors] == ["actor-reyes"]  # the unlinked actors are gone
    assert loaded.groups == []
    assert loaded.topics == again.topics
    assert loaded.statement_actor == again.statement_actor
    assert loaded.to_dict() == again.to_dict()
    assert store.counts()["relations"] == 1


def test_partial_save_corpus_keeps_other_statements_links(store: Store) -> None:
    result = saved_corpus(store)
    second = second_analysis()
    only_second = Result(
        statements=list(second.statements),
        actors=[Actor("actor-reyes-2", "D. Reyes")],
        statement_actor={"art-2:s0": "actor-reyes-2"},
    )
    store.save_corpus(only_second)
    loaded = store.load_result()
    assert loaded.statement_actor == {**result.statement_actor, "art-2:s0": "actor-reyes-2"}
    assert loaded.relations == []  # both relations involved art-2:s0
    assert loaded.groups == [replace(result.groups[0], statements=("art-1:s0",))]
    assert loaded.topics == [replace(result.topics[0], statements=("art-1:s0", "art-1:s1"))]
    assert [a.id for a in loaded.actors] == ["actor-reyes", "actor-natarajan", "actor-reyes-2"]


def test_save_corpus_with_unknown_statement_changes_nothing(store: Store) -> None:
    saved_corpus(store)
    before = store.load_result()
    bad = Result(relations=[Relation("art-1:s0", "art-7:s3", "agree", 0.7)])
    with pytest.raises(AtoddsError) as excinfo:
        store.save_corpus(bad)
    assert code_of(excinfo) == "E054"
    assert "art-7:s3" in str(excinfo.value)
    assert store.load_result() == before


def test_save_corpus_with_unknown_actor_changes_nothing(store: Store) -> None:
    saved_corpus(store)
    before = store.load_result()
    bad = Result(statements=[first_analysis().statements[0]], statement_actor={"art-1:s0": "actor-nobody"})
    with pytest.raises(AtoddsError) as excinfo:
        store.save_corpus(bad)
    assert code_of(excinfo) == "E054"
    assert store.load_result() == before


# -- opening, read-only, versions, concurrency --------------------------------------------------------


def test_read_only_store_refuses_writes(db: Path) -> None:
    with Store.open(db) as st:
        st.save_article(first_analysis())
    with Store.open(db, read_only=True) as ro:
        assert ro.read_only
        assert ro.load_article("art-1") == first_analysis()
        for write in (
            lambda: ro.save_article(second_analysis()),
            lambda: ro.record_failure(Failure("x", "E003", "empty")),
            lambda: ro.save_corpus(Result()),
        ):
            with pytest.raises(AtoddsError) as excinfo:
                write()
            assert code_of(excinfo) == "E055"
        with pytest.raises(sqlite3.OperationalError):  # the connection itself is read-only too
            ro._conn.execute("DELETE FROM articles")
        assert ro.counts()["articles"] == 1


def test_missing_database_in_read_only_mode(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    with pytest.raises(AtoddsError) as excinfo:
        Store.open(missing, read_only=True)
    assert code_of(excinfo) == "E053"
    assert not missing.exists()


def test_unopenable_paths(tmp_path: Path) -> None:
    not_db = tmp_path / "notes.db"
    not_db.write_text("These are my notes, not a database. " * 10, encoding="utf-8")
    foreign = tmp_path / "foreign.db"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
    for path in (tmp_path / "no-such-folder" / "atodds.db", tmp_path, not_db, foreign):
        with pytest.raises(AtoddsError) as excinfo:
            Store.open(path)
        assert code_of(excinfo) == "E050", path
    with pytest.raises(AtoddsError) as excinfo:
        Store.open(foreign, read_only=True)
    assert code_of(excinfo) == "E050"


def test_schema_is_versioned(db: Path) -> None:
    with Store.open(db) as st:
        assert st.schema_version == SCHEMA_VERSION >= 1
        assert st._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert st._conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        st.save_article(first_analysis())
    with Store.open(db) as st:  # reopening migrates nothing and keeps the data
        assert st.schema_version == SCHEMA_VERSION
        assert st.has_article("art-1")


def test_newer_schema_is_refused(db: Path) -> None:
    Store.open(db).close()
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    for read_only in (False, True):
        with pytest.raises(AtoddsError) as excinfo:
            Store.open(db, read_only=read_only)
        assert code_of(excinfo) == "E051"


def test_reader_is_not_blocked_by_a_writer(db: Path) -> None:
    with Store.open(db) as st:
        st.save_article(first_analysis())
    with closing(sqlite3.connect(db, isolation_level=None)) as writer:
        assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        writer.execute("BEGIN EXCLUSIVE")  # in rollback-journal mode this would lock readers out
        writer.execute(
            "INSERT INTO failures (source, seq, code, reason, at) VALUES ('x', 1, 'E003', 'r', 'now')"
        )
        with Store.open(db, read_only=True, timeout=0.2) as reader:
            assert reader.failures() == []
            assert reader.has_article("art-1")
            writer.execute("COMMIT")
            assert reader.failures() == [Failure("x", "E003", "r")]


def test_second_writer_waits_then_reports_busy(db: Path) -> None:
    Store.open(db).close()
    with closing(sqlite3.connect(db, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        with Store.open(db, timeout=0.1) as st:
            with pytest.raises(AtoddsError) as excinfo:
                st.record_failure(Failure("x", "E003", "empty"))
            assert code_of(excinfo) == "E052"
            writer.execute("ROLLBACK")
            st.record_failure(Failure("x", "E003", "empty"))
            assert st.counts()["failures"] == 1


def test_second_writer_waits_for_the_first(db: Path) -> None:
    Store.open(db).close()
    with closing(sqlite3.connect(db, isolation_level=None, check_same_thread=False)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO failures (source, seq, code, reason, at) VALUES ('a', 1, 'E003', 'r', 'now')"
        )
        timer = threading.Timer(0.3, writer.execute, ("COMMIT",))
        timer.start()
        try:
            with Store.open(db, timeout=10) as st:
                st.record_failure(Failure("b", "E003", "empty"))  # blocks until the commit, then succeeds
                assert [f.source for f in st.failures()] == ["a", "b"]
        finally:
            timer.join()


def test_integrity_ok(db: Path) -> None:
    with Store.open(db) as st:
        saved_corpus(st)
        assert st.integrity_ok()
    with closing(sqlite3.connect(db)) as conn:  # foreign keys are off by default in a bare connection
        conn.execute(
            "INSERT INTO statement_actor (statement_id, actor_id) VALUES ('art-9:s9', 'actor-reyes')"
        )
        conn.commit()
    with Store.open(db, read_only=True) as st:
        assert not st.integrity_ok()


def test_context_manager_closes(db: Path) -> None:
    with Store.open(db) as st:
        st.save_article(first_analysis())
    with pytest.raises(sqlite3.ProgrammingError):
        st.counts()


def test_analyzer_fingerprint_follows_per_article_settings() -> None:
    from atodds.config import Options
    from atodds.pipeline import analyzer_fingerprint

    base = analyzer_fingerprint(Options())
    assert analyzer_fingerprint(Options()) == base
    assert analyzer_fingerprint(Options(learned_threshold=0.5)) != base
    assert analyzer_fingerprint(Options(learned_extraction="off")) != base
    assert analyzer_fingerprint(Options(min_quote_words=5)) != base


def test_a_busy_database_while_opening_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes opening a new database at once can get SQLITE_BUSY outside SQLite's own busy wait;
    opening tries again until its timeout instead of failing with E052 at once."""
    from atodds.store import core

    real_migrate = core.migrate
    calls: list[int] = []

    def busy(conn: sqlite3.Connection, path: Path, times: int) -> int:
        calls.append(1)
        if len(calls) <= times:
            raise sqlite3.OperationalError("database is locked")
        return real_migrate(conn, path)

    monkeypatch.setattr(core, "migrate", lambda conn, path: busy(conn, path, times=1))
    with core.Store.open(tmp_path / "a.db", timeout=5) as store:
        assert store.schema_version == SCHEMA_VERSION
    assert len(calls) == 2
    calls.clear()
    monkeypatch.setattr(core, "migrate", lambda conn, path: busy(conn, path, times=1000))
    with pytest.raises(AtoddsError) as failed:
        core.Store.open(tmp_path / "b.db", timeout=0.3)  # busy for longer than the timeout: E052
    assert failed.value.code == "E052"
