"""``atodds export``: statements, actors and relations as CSV, JSON Lines and Markdown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from atodds.errors import AtoddsError
from atodds.export import FORMATS, WHAT, export, safe_cell
from payloads import PAYLOADS, build_db, example_corpus, hostile_corpus


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file, newlines inside cells kept as written."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("export") / "example.db", example_corpus())


def test_csv_statements(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "statements.csv"
    assert export(db, "csv", "statements", out) == 4
    rows = read_csv(out)
    assert [r["id"] for r in rows] == ["st-marsh", "st-brek", "st-osei", "st-brek-2"]
    marsh = rows[0]
    assert marsh["speaker"] == "Elena Marsh" and marsh["side"] == "Varland"
    assert marsh["outlet"] == "Harbour Gazette" and marsh["topic"] == "Orlen dam closure"
    assert marsh["content"].startswith("This was a political decision")


def test_jsonl_relations_and_actors(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "relations.jsonl"
    assert export(db, "jsonl", "relations", out) == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    first = rows[0]
    assert first["label"] == "contradict" and first["score"] == 0.82
    assert {first["side_a"], first["side_b"]} == {"Varland", "Kestria"}
    assert first["evidence"][0] == "antonymous predicates: political vs routine"
    export(db, "jsonl", "actors", out)
    actors = {a["id"]: a for a in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert actors["actor-tomas-brek"]["statements"] == 2 and actors["actor-tomas-brek"]["aliases"] == ["Brek"]


def test_markdown_table(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "relations.md"
    export(db, "markdown", "relations", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# atodds relations (2)"
    assert lines[2].startswith("| label | score |") and len(lines) == 6
    assert "| contradict | 0.82 | Varland | Elena Marsh |" in lines[4]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("what", WHAT)
def test_every_combination_to_stdout(
    db: Path, fmt: str, what: str, capsys: pytest.CaptureFixture[str]
) -> None:
    count = export(db, fmt, what, None)
    assert count > 0
    assert capsys.readouterr().out.strip()


def test_hostile_values(tmp_path: Path) -> None:
    db = build_db(tmp_path / "hostile.db", hostile_corpus(PAYLOADS))
    out = tmp_path / "s.csv"
    assert export(db, "csv", "statements", out) == 2 * len(PAYLOADS)
    rows = read_csv(out)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    contents = {unguard(r["content"]) for r in rows}
    assert set(PAYLOADS) <= contents
    md = tmp_path / "s.md"
    export(db, "markdown", "statements", md)
    table = [line for line in md.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    assert len(table) == 2 + 2 * len(PAYLOADS)  # no payload broke a row or added one
    assert all(line.endswith("|") for line in table)
    assert "<script>" not in md.read_text(encoding="utf-8")
    jl = tmp_path / "s.jsonl"
    export(db, "jsonl", "statements", jl)
    assert {json.loads(line)["content"] for line in jl.read_text(encoding="utf-8").splitlines()} >= set(
        PAYLOADS
    )


def unguard(value: str) -> str:
    """A CSV cell without the apostrophe that ``safe_cell`` put before a formula."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@", "\t", "\r") else value


def test_safe_cell() -> None:
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("@x") == "'@x" and safe_cell("fine") == "fine"
    assert safe_cell(["a", "b"]) == "a; b" and safe_cell(0.5) == 0.5


def test_bad_arguments_and_missing_db(db: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export(db, "xml", "statements", None)
    with pytest.raises(ValueError, match="unknown kind"):
        export(db, "csv", "groups", None)
    with pytest.raises(AtoddsError):
        export(tmp_path / "missing.db", "csv", "statements", None)


def test_empty_database_writes_a_header(tmp_path: Path) -> None:
    from atodds.store import Store

    Store.open(tmp_path / "empty.db").close()
    buf = tmp_path / "empty.csv"
    assert export(tmp_path / "empty.db", "csv", "actors", buf) == 0
    assert next(csv.reader(io.StringIO(buf.read_text(encoding="utf-8"))))[:2] == ["id", "name"]
