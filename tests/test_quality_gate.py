"""The quality gate: atodds scored by ../shared/eval on gold data, against pinned floors.

A floor may only be lowered on purpose, in a commit that says why (trafilatura's eval-gate pattern).
The figures behind the floors are in the README ("Accuracy"); `make eval` reproduces them in full.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ATODDS = str(Path(sys.executable).with_name("atodds"))

# news-dev, all 16 articles (measured 2026-11-28: R 0.905, P 0.905, name 0.904, side 0.868)
NEWS_FLOORS = {
    "statement_recall": 0.88,
    "statement_precision": 0.87,
    "speaker_name": 0.87,
    "speaker_side": 0.83,
}
# PolNeAR dev, first 30 articles (measured 2026-11-28: content F1 0.605, direct F1 0.816, speaker 0.891;
# a subset keeps `make test` short; `make eval-polnear` runs all 84)
POLNEAR_LIMIT = 30
POLNEAR_FLOORS = {"content_f1": 0.58, "direct_f1": 0.80, "speaker_accuracy": 0.86}

pytestmark = pytest.mark.gate


def _score(script: Path, out: Path, *args: str) -> dict:  # type: ignore[type-arg]
    proc = subprocess.run(
        [sys.executable, str(script), "--cmd", ATODDS, "--out", str(out), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(out.read_text(encoding="utf-8"))


def test_news_dev_floors(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"  # a fresh database: the corpus stages cover every stored article
    data = _score(shared / "eval" / "score_news.py", tmp_path / "news.json", "--extra-args", f"--db {db}")
    st, sp = data["statements"]["all"], data["speakers"]
    measured = {
        "statement_recall": st["recall"],
        "statement_precision": st["precision"],
        "speaker_name": sp["name_accuracy"],
        "speaker_side": sp["side_accuracy"],
    }
    below = {k: (round(v, 3), NEWS_FLOORS[k]) for k, v in measured.items() if v < NEWS_FLOORS[k]}
    assert not below, f"below the floor (measured, floor): {below}"
    assert data["predictions"]["problems"] == {} or not any(data["predictions"]["problems"].values())


def test_polnear_dev_floors(shared: Path, tmp_path: Path) -> None:
    data = _score(
        shared / "eval" / "score_polnear.py", tmp_path / "polnear.json", "--limit", str(POLNEAR_LIMIT)
    )
    jaccard = data["quote_level"]["jaccard"]
    measured = {
        "content_f1": jaccard["all"]["f1"],
        "direct_f1": jaccard["direct"]["f1"],
        "speaker_accuracy": jaccard["all"]["speaker_acc"],
    }
    below = {k: (round(v, 3), POLNEAR_FLOORS[k]) for k, v in measured.items() if v < POLNEAR_FLOORS[k]}
    assert not below, f"below the floor (measured, floor): {below}"
    assert data["prediction_problems"]["content_text_mismatch"] == 0


# stance, `atodds compare` with the default model on samples (make eval-stance runs the full dev sets)
STANCE_SAMPLE = 300
# (measured 2026-11-28 on these samples, seed 13: FNC score 0.867, SICK contradiction F1 0.818)
STANCE_FLOORS = {"fnc1_score": 0.84, "sick_contradiction_f1": 0.78}


def test_stance_floors(shared: Path, tmp_path: Path) -> None:
    data = _score(
        shared / "eval" / "score_stance.py",
        tmp_path / "stance.json",
        "--datasets",
        "fnc1,sick",
        "--sample",
        str(STANCE_SAMPLE),
        "--submissions",
        "none",
    )
    fnc, sick = data["datasets"]["fnc1"]["results"]["tool"], data["datasets"]["sick"]["results"]["tool"]
    measured = {"fnc1_score": fnc["fnc"]["relative"], "sick_contradiction_f1": sick["contradiction"]["f1"]}
    below = {k: (round(v, 3), STANCE_FLOORS[k]) for k, v in measured.items() if v < STANCE_FLOORS[k]}
    assert not below, f"below the floor (measured, floor): {below}"
