"""Tests of the evaluation tools in eval/: the textacy baseline's offsets and run_eval's table/JSON."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

EVAL_DIR = Path(__file__).resolve().parents[1] / "eval"


def _load(name: str) -> ModuleType:
    """Import eval/<name>.py as a module (eval/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"atodds_eval_{name}", EVAL_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


TEXT = (
    "Harbour Votes On Ferry Plan\n\n"
    "The council met on Tuesday to discuss the ferry timetable.\n\n"
    '"We cannot keep running boats that nobody takes," Mayor Ingrid Falk said after the vote.\n\n'
    "Residents were not convinced by the plan.\n"
)


def test_textacy_baseline_offsets(tmp_path: Path, nlp: Any) -> None:
    pytest.importorskip("textacy")
    baseline = _load("textacy_baseline")
    path = tmp_path / "ferry.txt"
    path.write_text(TEXT, encoding="utf-8")
    text = path.read_text(encoding="utf-8")

    [(article, records, ok)] = list(baseline.extract([str(path)], nlp))
    assert ok and article == str(path)
    assert len(records) == 1
    rec = records[0]
    assert rec["article"] == str(path) and rec["kind"] == "direct" and rec["nested_source"] is None
    for span in (rec["content"], rec["cue"], rec["speaker"]["mention"]):
        assert text[span["start"] : span["end"]] == span["text"]
    assert rec["content"]["text"].startswith('"We cannot keep running boats')
    assert rec["content"]["text"].endswith('takes,"')
    assert rec["cue"]["text"] == "said"
    assert "Ingrid Falk" in rec["speaker"]["mention"]["text"]
    assert rec["speaker"]["name"] == rec["speaker"]["mention"]["text"]
    json.dumps(rec)  # one JSON line

    # textacy refuses a document with an odd number of quote marks: no line, flagged
    odd = tmp_path / "odd.txt"
    odd.write_text(TEXT + 'She added: "And another thing.\n', encoding="utf-8")
    [(_, odd_records, odd_ok)] = list(baseline.extract([str(odd)], nlp))
    assert odd_records == [] and odd_ok is False


def _polnear_report(p: float, r: float, f1: float, preds: int) -> dict[str, Any]:
    q = {"precision": p, "recall": r, "f1": f1, "tp": 3, "pred": preds, "speaker_acc": 0.5, "speaker_n": 2}
    tok = {"precision": 0.6, "recall": 0.4, "f1": 0.48}
    return {
        "articles": 2,
        "gold_attributions": 10,
        "gold_direct": 4,
        "predictions": preds,
        "quote_level": {"jaccard": {"all": q, "direct": q}},
        "token_level_citron": {"all": tok, "direct": tok},
        "run": {"tool_seconds": 1.5},
    }


def test_run_eval_table_and_json() -> None:
    run_eval = _load("run_eval")
    news = {
        "gold": {"statements": 126},
        "statements": {"all": {"recall": 0.5, "precision": 0.75, "f1": 0.6}},
        "speakers": {"name_accuracy": 0.8, "side_accuracy": 0.625, "matched": 63},
        "relations": {"contradict": {"precision": 0.25, "recall": 0.125, "gold": 157, "pred": 80}},
        "run": {"articles": 16, "tool_seconds": 30.0},
    }
    reports = {
        "polnear_atodds": _polnear_report(0.9, 0.7, 0.7875, 8),
        "polnear_textacy": _polnear_report(0.5, 0.1, 0.1667, 2),
        "news_atodds": news,
    }
    figures = run_eval.collect_figures(reports, {"files": 2, "quotations": 2, "files_refused": 1})
    assert figures["polnear"]["atodds"]["all"]["f1"] == 0.7875
    assert figures["polnear"]["textacy"]["direct"]["citron_f1"] == 0.48
    assert figures["polnear"]["textacy"]["files_refused"] == 1
    assert figures["news"]["atodds"]["contradict_recall"] == 0.125
    assert figures["news"]["textacy"] is None

    table = run_eval.render_table(figures)
    lines = table.splitlines()
    assert lines[0].split() == ["figure", "(%)", "atodds", "textacy"]
    row = next(line for line in lines if "Jaccard>=0.5, all" in line)
    assert "90.0 / 70.0 / 78.8" in row and "50.0 / 10.0 / 16.7" in row
    assert "PolNeAR dev (2 articles, 10 gold, 4 direct)" in table
    assert "news dev (16 articles, 126 gold statements)" in table
    assert "50.0 / 75.0 / 60.0" in next(line for line in lines if "statements R / P" in line)
    assert "80.0 (63)" in table and "25.0 / 12.5" in table
    assert next(line for line in lines if "contradict" in line).rstrip().endswith("n/a")

    out = run_eval.assemble(figures, reports, {"polnear_atodds": {"returncode": 0}}, {"polnear_limit": None})
    assert json.loads(json.dumps(out))["figures"]["polnear"]["atodds"]["all"]["precision"] == 0.9
    assert set(out) == {"settings", "figures", "runs", "reports"}

    # a failed step shows as n/a, not as a crash
    partial = run_eval.collect_figures({"polnear_atodds": reports["polnear_atodds"]})
    assert "n/a" in run_eval.render_table(partial)
