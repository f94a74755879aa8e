"""Stance evaluation: ``atodds compare`` on FNC-1 hold-out, SICK trial, Emergent dev and PERSPECTRUM dev.

FNC-1, SICK and Emergent are graded by ``../shared/eval/score_stance.py`` (the script that grades the
held-out test splits). Emergent has no dev split in ``../shared``: its dev claims (one in five, by a hash
of the claim id, as ``atodds train compare`` holds them out) are laid out under ``out/stance-data``.
PERSPECTRUM dev (support vs undermine) has no shared scorer: it is scored here, on the same
``atodds compare`` output. Usage: ``make eval-stance`` or ``python eval/run_stance_eval.py [--sample N]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from atodds.train.stance_data import emergent, perspectrum  # noqa: E402

SHARED = ROOT.parent / "shared"
ATODDS = ROOT / ".venv" / "bin" / "atodds"


def lay_out(data: Path) -> None:
    """FNC-1 hold-out and SICK trial (links to ../shared/data/stance-dev), Emergent dev claims (CSV)."""
    data.mkdir(parents=True, exist_ok=True)
    for name in ("fnc1", "sick"):
        link = data / name
        if not link.exists():
            link.symlink_to(SHARED / "data" / "stance-dev" / name, target_is_directory=True)
    _, dev = emergent(SHARED / "data" / "benchmarks")
    (data / "emergent").mkdir(exist_ok=True)
    stance = {"agree": "for", "contradict": "against", "discuss": "observing"}
    with (data / "emergent" / "emergent_test.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["claimHeadline", "articleHeadline", "articleHeadlineStance", "claimId"])
        for p in dev:
            writer.writerow([p.a, p.b, stance[p.label], p.group])


def perspectrum_dev(out: Path, atodds: str) -> dict[str, Any]:
    """Support-vs-undermine accuracy on PERSPECTRUM dev: argmax of p(agree) vs p(contradict)."""
    _, dev = perspectrum(SHARED / "data" / "benchmarks")
    pairs = out / "perspectrum-dev-pairs.jsonl"
    with pairs.open("w", encoding="utf-8") as handle:
        for i, p in enumerate(dev):
            handle.write(json.dumps({"id": f"p{i}", "a": p.a, "b": p.b}) + "\n")
    predicted = out / "perspectrum-dev-pred.jsonl"
    subprocess.run([atodds, "compare", "--input", str(pairs), "--output", str(predicted)], check=True)
    scores = {row["id"]: row["scores"] for row in map(json.loads, predicted.read_text().splitlines())}
    right = 0
    for i, p in enumerate(dev):
        s = scores[f"p{i}"]
        right += ("contradict" if s["contradict"] > s["agree"] else "agree") == p.label
    return {"n": len(dev), "support_undermine_accuracy": right / len(dev) if dev else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, help="score a stratified sample of N rows per dataset")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "stance-dev.json")
    ap.add_argument("--cmd", default=str(ATODDS), help="the atodds command (default: %(default)s)")
    args = ap.parse_args(argv)
    work = ROOT / "out" / "stance-data"
    lay_out(work)
    started = time.monotonic()
    scored = ROOT / "out" / "stance-dev-scorer.json"
    command = [
        sys.executable,
        str(SHARED / "eval" / "score_stance.py"),
        "--cmd",
        args.cmd,
        "--data",
        str(work),
        "--datasets",
        "fnc1,sick,emergent",
        "--submissions",
        "none",
        "--out",
        str(scored),
    ]
    if args.sample:
        command += ["--sample", str(args.sample)]
    subprocess.run(command, check=True)
    report = json.loads(scored.read_text())
    report["perspectrum"] = perspectrum_dev(ROOT / "out", args.cmd)
    report["seconds"] = round(time.monotonic() - started, 1)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    accuracy = report["perspectrum"]["support_undermine_accuracy"]
    print(f"PERSPECTRUM dev support/undermine accuracy: {accuracy:.3f} ({report['perspectrum']['n']} pairs)")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
