#!/usr/bin/env python3
"""Runs the project's scorers and textacy's ``direct_quotations`` baseline, and prints them side by side.

Steps, each run from the repository root with this Python:
  1. ``../shared/eval/score_polnear.py --cmd .venv/bin/atodds`` on PolNeAR dev;
  2. ``eval/textacy_baseline.py`` over the same dev files, then ``score_polnear.py --pred`` on its output;
  3. ``../shared/eval/score_news.py --cmd .venv/bin/atodds`` on news-dev (left out with --skip-news).

Prints one compact table (atodds and textacy columns) and writes every figure to --out as JSON: the
compact figures under "figures", each scorer's full report under "reports", each step's run under "runs".
Predictions are kept next to --out (``<stem>-polnear-atodds.jsonl``, ``<stem>-polnear-textacy.jsonl``,
``<stem>-news-atodds.json``) for ``--pred`` reruns of the scorers.

Usage: python eval/run_eval.py [--polnear-limit N] [--skip-news] [--out out/eval.json]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORE_POLNEAR = SHARED / "eval" / "score_polnear.py"
SCORE_NEWS = SHARED / "eval" / "score_news.py"
POLNEAR_DEV = SHARED / "data" / "benchmarks" / "polnear" / "dev"
NEWS_DEV = SHARED / "data" / "news-dev"
BASELINE = REPO / "eval" / "textacy_baseline.py"
SYSTEMS = ("atodds", "textacy")

Figures = dict[str, Any]


class EvalError(Exception):
    """A problem reported as one line, without a traceback."""


def log(msg: str) -> None:
    """Progress on stderr."""
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- inputs
def check_shared(skip_news: bool) -> None:
    """Raise EvalError when the scorers or data under ../shared are missing."""
    needed = [SCORE_POLNEAR, POLNEAR_DEV / "text", POLNEAR_DEV / "attributions"]
    if not skip_news:
        needed += [SCORE_NEWS, NEWS_DEV]
    missing = [p for p in needed if not p.exists()]
    if missing:
        raise EvalError(
            f"{missing[0]} not found: the scorers and data are expected in {SHARED} "
            "(a 'shared' folder next to the repository)"
        )


def polnear_files(data: Path, limit: int | None) -> list[Path]:
    """The split's scored article files, in the scorer's order: one per annotated article, sorted by name."""
    keys = sorted({re.sub(r"_[0-9a-f]{4}$", "", ann.stem) for ann in (data / "attributions").glob("*.ann")})
    files = [data / "text" / f"{key}.txt" for key in keys]
    files = [f for f in files if f.exists()]
    return files[:limit] if limit else files


# --------------------------------------------------------------------------- steps
def run_step(name: str, argv: list[str], timeout: float | None = None) -> dict[str, Any]:
    """Run ``argv`` from the repository root (stderr passes through) and describe how it went; the last
    line of stdout is kept as ``last_line``."""
    log(f"[{name}] {' '.join(argv[:4])}{' ...' if len(argv) > 4 else ''}")
    t0 = time.monotonic()
    try:
        res = subprocess.run(argv, cwd=REPO, stdout=subprocess.PIPE, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {
            "returncode": None,
            "error": f"timed out after {timeout:g}s",
            "seconds": round(time.monotonic() - t0, 1),
        }
    except OSError as exc:
        return {"returncode": None, "error": str(exc), "seconds": round(time.monotonic() - t0, 1)}
    info: dict[str, Any] = {"returncode": res.returncode, "seconds": round(time.monotonic() - t0, 1)}
    out_lines = res.stdout.strip().splitlines()
    info["last_line"] = out_lines[-1] if out_lines else ""
    if res.returncode != 0:
        info["error"] = f"exit {res.returncode}"
        info["stdout_tail"] = res.stdout[-1000:]
    return info


def read_report(path: Path) -> dict[str, Any] | None:
    """A scorer's JSON report, or None when it was not written."""
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return obj if isinstance(obj, dict) else None


# --------------------------------------------------------------------------- figures
def _get(obj: Any, *keys: str) -> Any:
    """obj[k1][k2]... or None where a key is missing."""
    for key in keys:
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def polnear_figures(report: dict[str, Any] | None) -> Figures | None:
    """The compact PolNeAR figures of one score_polnear.py report."""
    if report is None:
        return None
    out: Figures = {
        "articles": report.get("articles"),
        "gold": report.get("gold_attributions"),
        "gold_direct": report.get("gold_direct"),
        "predictions": report.get("predictions"),
        "tool_seconds": _get(report, "run", "tool_seconds"),
    }
    for subset in ("all", "direct"):
        q = _get(report, "quote_level", "jaccard", subset) or {}
        out[subset] = {
            "precision": q.get("precision"),
            "recall": q.get("recall"),
            "f1": q.get("f1"),
            "tp": q.get("tp"),
            "pred": q.get("pred"),
            "speaker_acc": q.get("speaker_acc"),
            "speaker_n": q.get("speaker_n"),
            "citron_f1": _get(report, "token_level_citron", subset, "f1"),
            "citron_precision": _get(report, "token_level_citron", subset, "precision"),
            "citron_recall": _get(report, "token_level_citron", subset, "recall"),
        }
    return out


def news_figures(report: dict[str, Any] | None) -> Figures | None:
    """The compact news-dev figures of one score_news.py report."""
    if report is None:
        return None
    return {
        "articles": _get(report, "run", "articles"),
        "gold_statements": _get(report, "gold", "statements"),
        "statement_recall": _get(report, "statements", "all", "recall"),
        "statement_precision": _get(report, "statements", "all", "precision"),
        "statement_f1": _get(report, "statements", "all", "f1"),
        "speaker_name_acc": _get(report, "speakers", "name_accuracy"),
        "speaker_side_acc": _get(report, "speakers", "side_accuracy"),
        "speakers_matched": _get(report, "speakers", "matched"),
        "contradict_precision": _get(report, "relations", "contradict", "precision"),
        "contradict_recall": _get(report, "relations", "contradict", "recall"),
        "contradict_gold": _get(report, "relations", "contradict", "gold"),
        "contradict_pred": _get(report, "relations", "contradict", "pred"),
        "tool_seconds": _get(report, "run", "tool_seconds"),
    }


def collect_figures(
    reports: dict[str, dict[str, Any] | None], baseline: dict[str, Any] | None = None
) -> Figures:
    """{"polnear": {system: figures}, "news": {system: figures}} from the reports keyed like
    ``polnear_atodds``, ``polnear_textacy``, ``news_atodds`` (missing or None: not run or failed);
    ``baseline`` is the textacy baseline's --stats line (its ``files_refused`` is added)."""
    figures: Figures = {
        "polnear": {s: polnear_figures(reports.get(f"polnear_{s}")) for s in SYSTEMS},
        "news": {s: news_figures(reports.get(f"news_{s}")) for s in SYSTEMS},
    }
    textacy = figures["polnear"]["textacy"]
    if textacy is not None and baseline:
        textacy["files_refused"] = baseline.get("files_refused")
    return figures


def parse_stats(line: str) -> dict[str, Any] | None:
    """The baseline's --stats JSON line, or None."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        return None
    return obj if isinstance(obj, dict) else None


def _pct(x: Any) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def _pct_of(d: Figures | None, key: str) -> str:
    return "n/a" if d is None else _pct(d.get(key))


def _prf(d: Figures | None, p: str, r: str, f: str | None = None) -> str:
    if d is None:
        return "n/a"
    parts = [_pct(d.get(p)), _pct(d.get(r))] + ([_pct(d.get(f))] if f else [])
    return " / ".join(parts)


def _acc(d: Figures | None, key: str, n_key: str) -> str:
    if d is None:
        return "n/a"
    n = d.get(n_key)
    return _pct(d.get(key)) + (f" ({n})" if n is not None else "")


def render_table(figures: Figures) -> str:
    """One compact text table: a row per figure, a column per system."""
    pol = figures.get("polnear", {})
    news = figures.get("news", {})
    rows: list[tuple[str, ...]] = []
    ref = next((pol[s] for s in SYSTEMS if pol.get(s)), None)
    head = "PolNeAR dev"
    if ref:
        head += f" ({ref.get('articles')} articles, {ref.get('gold')} gold, {ref.get('gold_direct')} direct)"
    rows.append((head, "", ""))
    for subset in ("all", "direct"):
        sub = {s: (pol.get(s) or {}).get(subset) if pol.get(s) else None for s in SYSTEMS}
        rows.append(
            (
                f"  content P / R / F1, Jaccard>=0.5, {subset}",
                *(_prf(sub[s], "precision", "recall", "f1") for s in SYSTEMS),
            )
        )
        rows.append(
            (
                f"  Citron token F1, {subset}",
                *(_pct_of(sub[s], "citron_f1") for s in SYSTEMS),
            )
        )
        rows.append(
            (
                f"  speaker acc on matched (n), {subset}",
                *(_acc(sub[s], "speaker_acc", "speaker_n") for s in SYSTEMS),
            )
        )
    rows.append(
        ("  predictions", *("n/a" if not pol.get(s) else str(pol[s].get("predictions")) for s in SYSTEMS))
    )
    if any((pol.get(s) or {}).get("files_refused") is not None for s in SYSTEMS):
        rows.append(
            (
                "  articles refused (odd number of quote marks)",
                *(str((pol.get(s) or {}).get("files_refused", "-")) for s in SYSTEMS),
            )
        )
    if news and any(news.get(s) for s in SYSTEMS):
        ref = next(news[s] for s in SYSTEMS if news.get(s))
        rows.append(
            (
                f"news dev ({ref.get('articles')} articles, {ref.get('gold_statements')} gold statements)",
                "",
                "",
            )
        )
        rows.append(
            (
                "  statements R / P / F1",
                *(
                    _prf(news.get(s), "statement_recall", "statement_precision", "statement_f1")
                    for s in SYSTEMS
                ),
            )
        )
        rows.append(
            (
                "  speaker name acc (matched)",
                *(_acc(news.get(s), "speaker_name_acc", "speakers_matched") for s in SYSTEMS),
            )
        )
        rows.append(("  speaker side acc", *(_acc(news.get(s), "speaker_side_acc", "none") for s in SYSTEMS)))
        rows.append(
            (
                "  contradict P / R",
                *(_prf(news.get(s), "contradict_precision", "contradict_recall") for s in SYSTEMS),
            )
        )
    header = ("figure (%)", *SYSTEMS)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def assemble(
    figures: Figures, reports: dict[str, Any], runs: dict[str, Any], settings: dict[str, Any]
) -> dict[str, Any]:
    """The JSON written to --out."""
    return {"settings": settings, "figures": figures, "runs": runs, "reports": reports}


# --------------------------------------------------------------------------- main
def run(args: argparse.Namespace) -> int:
    """All steps; returns the exit status (1 when a step failed)."""
    check_shared(args.skip_news)
    atodds = REPO / ".venv" / "bin" / "atodds"
    if not atodds.exists():
        raise EvalError(f"{atodds} not found: run `make setup` first")
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    stem = out.parent / out.stem
    py = sys.executable
    limit = ["--limit", str(args.polnear_limit)] if args.polnear_limit else []
    reports: dict[str, Any] = {}
    runs: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="atodds_eval_") as tmp:
        tmpd = Path(tmp)

        def scorer(key: str, argv: list[str]) -> None:
            rep_path = tmpd / f"{key}.json"
            runs[key] = run_step(key, [*argv, "--out", str(rep_path)])
            reports[key] = read_report(rep_path)
            if reports[key] is None:
                runs[key].setdefault("error", "no report written")

        scorer(
            "polnear_atodds",
            [
                py,
                str(SCORE_POLNEAR),
                "--cmd",
                ".venv/bin/atodds",
                "--data",
                str(POLNEAR_DEV),
                *limit,
                "--save-pred",
                f"{stem}-polnear-atodds.jsonl",
            ],
        )
        files = polnear_files(POLNEAR_DEV, args.polnear_limit)
        preds = Path(f"{stem}-polnear-textacy.jsonl")
        runs["textacy_baseline"] = run_step(
            "textacy_baseline",
            [py, str(BASELINE), *map(str, files), "--out", str(preds), "--stats"],
            timeout=3600,
        )
        if runs["textacy_baseline"]["returncode"] == 0:
            scorer(
                "polnear_textacy",
                [py, str(SCORE_POLNEAR), "--pred", str(preds), "--data", str(POLNEAR_DEV), *limit],
            )
        else:
            reports["polnear_textacy"] = None
        if not args.skip_news:
            scorer(
                "news_atodds",
                [
                    py,
                    str(SCORE_NEWS),
                    "--cmd",
                    ".venv/bin/atodds",
                    "--data",
                    str(NEWS_DEV),
                    "--save-pred",
                    f"{stem}-news-atodds.json",
                ],
            )
    figures = collect_figures(reports, parse_stats(runs["textacy_baseline"].get("last_line", "")))
    settings = {"polnear_limit": args.polnear_limit, "skip_news": args.skip_news, "shared": str(SHARED)}
    out.write_text(
        json.dumps(assemble(figures, reports, runs, settings), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(render_table(figures))
    failed = {k: v["error"] for k, v in runs.items() if v.get("error")}
    if failed:
        print("failed steps: " + "; ".join(f"{k}: {v}" for k, v in failed.items()))
    print(f"all figures: {out}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear-limit", type=int, help="score only the first N PolNeAR dev articles")
    ap.add_argument("--skip-news", action="store_true", help="leave out the news-dev run")
    ap.add_argument("--out", default="out/eval.json", help="JSON with every figure (default: %(default)s)")
    args = ap.parse_args(argv)
    try:
        return run(args)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
