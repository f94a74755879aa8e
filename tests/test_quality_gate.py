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

# news-dev, all 16 articles (measured 2026-11-27: R 0.857, P 0.871, name 0.750, side 0.731)
NEWS_FLOORS = {
    "statement_recall": 0.83,
    "statement_precision": 0.84,
    "speaker_name": 0.72,
    "speaker_side": 0.70,
}
# PolNeAR dev, first 30 articles (measured 2026-11-27: content F1 0.596, direct F1 0.822, speaker 0.832;
# a subset keeps `make test` short; `make eval-polnear` runs all 84)
POLNEAR_LIMIT = 30
POLNEAR_FLOORS = {"content_f1": 0.57, "direct_f1": 0.79, "speaker_accuracy": 0.80}

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
    data = _score(shared / "eval" / "score_news.py", tmp_path / "news.json")
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
