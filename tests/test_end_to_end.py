"""End to end: the CLI and the Python API on the seed article and on our own examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ATODDS = [sys.executable, "-m", "atodds"]


def run_cli(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ATODDS, *args], cwd=cwd or REPO, capture_output=True, text=True, input=stdin, timeout=600
    )


@pytest.fixture(scope="module")
def seed_run(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("seed")
    seed = shared / "seed" / "rafah-conflicting-accounts.txt"
    proc = run_cli(
        "analyze",
        str(seed),
        "--db",
        str(out / "a.db"),
        "--json",
        str(out / "a.json"),
        "--report",
        str(out / "r.html"),
        "--markdown",
        str(out / "s.md"),
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads((out / "a.json").read_text(encoding="utf-8"))
    data["_text"] = seed.read_text(encoding="utf-8")
    data["_out"] = str(out)
    data["_stderr"] = proc.stderr
    return data


def test_seed_speakers_and_sides(seed_run: dict) -> None:  # type: ignore[type-arg]
    speakers = {(s["speaker"]["name"], s["speaker"]["side"]) for s in seed_run["statements"]}
    for person, side in [
        ("John Kirby", "United States"),
        ("Yoav Gallant", "Israel"),
        ("Benjamin Netanyahu", "Israel"),
        ("Benny Gantz", "Israel"),
    ]:
        assert (person, side) in speakers
    kirby = [s for s in seed_run["statements"] if s["speaker"]["name"] == "John Kirby"]
    assert any(s["speaker"]["resolution"] == "pronoun" for s in kirby)
    assert any("spokesman" in s["speaker"]["role"].lower() for s in kirby)


def test_seed_offsets_exact(seed_run: dict) -> None:  # type: ignore[type-arg]
    text = seed_run["_text"]
    for st in seed_run["statements"]:
        c = st["content"]
        assert text[c["start"] : c["end"]] == c["text"]
    for fr in seed_run["frames"]:
        assert text[fr["start"] : fr["end"]] == fr["text"]


def test_seed_contradiction_between_sides(seed_run: dict) -> None:  # type: ignore[type-arg]
    by_id = {s["id"]: s for s in seed_run["statements"]}
    found = []
    for rel in seed_run["relations"]:
        if rel["label"] != "contradict":
            continue
        a, b = by_id[rel["a"]], by_id[rel["b"]]
        names = {a["speaker"]["name"], b["speaker"]["name"]}
        if "John Kirby" in names and names & {"Yoav Gallant", "Benny Gantz", "Benjamin Netanyahu"}:
            found.append(rel)
    assert found, "no Kirby vs Israeli minister contradiction"
    assert all(rel["evidence"] for rel in found)


def test_seed_framing_sentence(seed_run: dict) -> None:  # type: ignore[type-arg]
    assert any("does not appear to support" in f["text"] for f in seed_run["frames"])


def test_seed_outputs_written(seed_run: dict) -> None:  # type: ignore[type-arg]
    out = Path(seed_run["_out"])
    html = (out / "r.html").read_text(encoding="utf-8")
    assert "John Kirby" in html and "<script src" not in html
    assert "Kirby" in (out / "s.md").read_text(encoding="utf-8")
    assert "John Kirby" in seed_run["_stderr"]  # the terminal summary names who disagrees


def test_rerun_is_idempotent(seed_run: dict, shared: Path) -> None:  # type: ignore[type-arg]
    import sqlite3

    out = Path(seed_run["_out"])
    seed = shared / "seed" / "rafah-conflicting-accounts.txt"
    proc = run_cli("analyze", str(seed), "--db", str(out / "a.db"), "--json", str(out / "b.json"), "-q")
    assert proc.returncode == 0, proc.stderr
    again = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in again["statements"]] == [s["id"] for s in seed_run["statements"]]
    with sqlite3.connect(out / "a.db") as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 1


def test_extract_jsonl_shape(shared: Path) -> None:
    seed = shared / "seed" / "rafah-conflicting-accounts.txt"
    proc = run_cli("extract", str(seed), "--format", "jsonl", "-q")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows
    for row in rows:
        assert row["article"] == str(seed)
        assert set(row) >= {"article", "content", "cue", "speaker", "kind", "nested_source"}
        assert set(row["speaker"]) >= {"mention", "name", "role", "side", "resolution"}


def test_bad_inputs_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        'Port opens\n\n"The port opens on Monday," harbour master Ida Lind said.\n', encoding="utf-8"
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "broken.jsonl").write_text('{"text": 5}\nnot json\n', encoding="utf-8")
    proc = run_cli(
        "analyze", str(tmp_path), "--db", str(tmp_path / "x.db"), "--json", str(tmp_path / "o.json")
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert [a["source"] for a in data["articles"]] == [str(good)]
    codes = {f["code"] for f in data["failures"]}
    assert {"E003", "E004", "E007"} <= codes
    assert any(s["speaker"]["name"] == "Ida Lind" for s in data["statements"])


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_cli("analyze", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.db"))
    assert proc.returncode == 1
    assert "E001" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_config_exit_3(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[nlp]\nmodle = 'x'\n", encoding="utf-8")
    proc = run_cli("extract", "-", "--config", str(cfg), stdin="text")
    assert proc.returncode == 3 and "E040" in proc.stderr


def test_stdin_input() -> None:
    proc = run_cli("extract", "-", "--format", "csv", "-q", stdin='"We will win," coach Ola Berg said.\n')
    assert proc.returncode == 0, proc.stderr
    assert "Ola Berg" in proc.stdout


def test_python_api_on_texts() -> None:
    import atodds

    result = atodds.analyze(['"We will reopen the mine," Governor Ruth Anand said on Monday.'])
    assert [s.speaker.name for s in result.statements] == ["Ruth Anand"]
    assert result.to_dict()["statements"][0]["speaker"]["actor"]


def test_examples_end_to_end(tmp_path: Path) -> None:
    proc = run_cli(
        "analyze",
        "examples/",
        "--config",
        "examples/atodds.toml",
        "--db",
        str(tmp_path / "e.db"),
        "--json",
        str(tmp_path / "e.json"),
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    sides = {s["speaker"]["side"] for s in data["statements"]}
    assert {"Varland", "Kestria"} <= sides
    proc = run_cli("report", "--db", str(tmp_path / "e.db"), "--html", str(tmp_path / "r.html"))
    assert proc.returncode == 0, proc.stderr
    assert "Elena Marsh" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_process_pool_gives_the_same_result(tmp_path: Path) -> None:
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}.json"
        proc = run_cli(
            "analyze",
            "examples/",
            "--config",
            "examples/atodds.toml",
            "--jobs",
            jobs,
            "-q",
            "--db",
            str(tmp_path / f"j{jobs}.db"),
            "--json",
            str(out),
        )
        assert proc.returncode == 0, proc.stderr
        outs.append(json.loads(out.read_text(encoding="utf-8")))
    assert [s["id"] for s in outs[0]["statements"]] == [s["id"] for s in outs[1]["statements"]]
    assert outs[0]["relations"] == outs[1]["relations"]
