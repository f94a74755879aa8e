"""atodds's benchmarks, in one run on one machine over the same input (PolNeAR train texts, read only).

1. Side by side: the bare spaCy parse atodds does, textacy's direct_quotations on it, ``atodds extract``
   and ``atodds analyze`` (all --jobs 1), then ``analyze --jobs 2`` and ``analyze --executor dask`` with
   2 workers: seconds, tokens/s, articles/s, peak RSS (whole process tree) and the ratios.
2. Scaling of ``analyze`` over 1x, 4x, 16x a base sample (copies edited so dedup does not skip them).
3. Scaling of the corpus stages over 1k, 10k, 100k statements (bench/compare_stage.py).

Writes bench/results/bench.json and bench/results/bench.png. Nothing here is a test: no timing is asserted.

Usage: python bench/run_bench.py [--articles 0] [--scales 1,4,16 --scale-base 210]
                                 [--compare 1000,10000,100000] [--out bench/results/bench.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

from measure import as_row, run_measured

HERE = Path(__file__).resolve().parent
POLNEAR = HERE.parent.parent / "shared" / "data" / "benchmarks" / "polnear" / "train" / "text"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def log(message: str) -> None:
    """Progress on stderr."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def sample(files: list[Path], count: int) -> list[Path]:
    """``count`` files spread evenly over ``files`` (all of them for 0), so every outlet is in it."""
    if count <= 0 or count >= len(files):
        return files
    step = len(files) / count
    return [files[int(k * step)] for k in range(count)]


def link_input(files: list[Path], folder: Path) -> Path:
    """A folder of symbolic links to ``files`` (the texts stay where they are)."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        (folder / f.name).symlink_to(f)
    return folder


def scaled_input(files: list[Path], times: int, folder: Path) -> Path:
    """``times`` copies of each file, each copy after the first with one line appended so that its content
    hash (the article id) differs and dedup does not skip it."""
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(times):
        for f in files:
            text = f.read_text(encoding="utf-8")
            if copy:
                text = f"{text.rstrip()}\n\n(Copy {copy} of this article.)\n"
            (folder / f"{f.stem}~{copy}.txt").write_text(text, encoding="utf-8")
    return folder


def machine() -> dict[str, Any]:
    """Where the figures come from."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"nproc": cores, "cpu": model, "memory_gib": round(mem, 1), "python": platform.python_version()}


def run_json(cmd: list[str]) -> tuple[dict[str, Any], Any]:
    """Run a bench helper that prints one JSON line; its report and the measurement."""
    m = run_measured(cmd, env=ENV)
    if m.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({m.returncode}):\n{m.stderr[-3000:]}")
    return json.loads(m.stdout.strip().splitlines()[-1]), m


def run_cli(args: list[str]) -> Any:
    """Run ``atodds ARGS`` and return the measurement (exit on failure)."""
    m = run_measured([str(BIN / "atodds"), *args], env=ENV)
    if m.returncode != 0:
        raise SystemExit(f"atodds {' '.join(args)} failed ({m.returncode}):\n{m.stderr[-3000:]}")
    return m


def side_by_side(folder: Path, work: Path, articles: int) -> dict[str, Any]:
    """Parse, textacy, extract, analyze (--jobs 1), analyze --jobs 2 and with Dask (2 workers)."""
    rows: dict[str, Any] = {}
    log("parse")
    parse, m = run_json([sys.executable, str(HERE / "parse_only.py"), str(folder)])
    tokens = parse["tokens"]
    rows["parse"] = as_row(m, inner_work_s=parse["work_s"], load_s=parse["load_s"])
    log("textacy")
    textacy, m = run_json([sys.executable, str(HERE / "parse_only.py"), str(folder), "--textacy"])
    rows["textacy"] = as_row(m, quotes=textacy["quotes"])
    log("extract --jobs 1")
    out = work / "extract.jsonl"
    rows["extract"] = as_row(run_cli(["extract", str(folder), "--jobs", "1", "-q", "-o", str(out)]))
    rows["extract"]["statements"] = sum(1 for _ in out.open(encoding="utf-8"))
    runs = {
        "analyze": ["--jobs", "1"],
        "analyze_jobs2": ["--jobs", "2", "--executor", "process"],
        "analyze_dask2": ["--jobs", "2", "--executor", "dask"],
    }
    for name, extra in runs.items():
        log(f"analyze {' '.join(extra)}")
        db = work / f"{name}.db"
        rows[name] = as_row(run_cli(["analyze", str(folder), "--db", str(db), "-q", *extra]))
    for row in rows.values():
        row["tokens_per_s"] = round(tokens / row["seconds"], 1)
        row["articles_per_s"] = round(articles / row["seconds"], 2)
    sec = {k: v["seconds"] for k, v in rows.items()}
    ratios = {
        "textacy/parse": sec["parse"] / sec["textacy"],
        "extract/parse": sec["parse"] / sec["extract"],
        "analyze/parse": sec["parse"] / sec["analyze"],
        "jobs2/jobs1": sec["analyze"] / sec["analyze_jobs2"],
        "dask2/jobs1": sec["analyze"] / sec["analyze_dask2"],
    }
    return {
        "articles": articles,
        "tokens": tokens,
        "runs": rows,
        "ratios": {k: round(v, 3) for k, v in ratios.items()},
        "analyze_db": str(work / "analyze.db"),
    }


def scaling(files: list[Path], scales: list[int], work: Path, jobs: int) -> list[dict[str, Any]]:
    """``atodds analyze --jobs JOBS`` over ``files`` repeated 1x, 4x, ... (edited copies)."""
    rows = []
    for times in scales:
        folder = scaled_input(files, times, work / f"x{times}")
        log(f"analyze {times}x ({times * len(files)} articles, --jobs {jobs})")
        m = run_cli(["analyze", str(folder), "--db", str(work / f"x{times}.db"), "-q", "--jobs", str(jobs)])
        n = times * len(files)
        rows.append(as_row(m, times=times, articles=n, articles_per_s=round(n / m.seconds, 2)))
    return rows


def compare_scaling(db: str, sizes: list[int], embed_cap: int, timeout: float) -> list[dict[str, Any]]:
    """The corpus stages over each number of statements in ``sizes``; a size that runs past ``timeout``
    seconds is stopped and recorded with the stage it was in."""
    rows = []
    for n in sizes:
        log(f"corpus stages over {n} statements")
        cmd = [sys.executable, str(HERE / "compare_stage.py"), db, str(n), "--embed-cap", str(embed_cap)]
        m = run_measured(cmd, env=ENV, timeout=timeout)
        if m.returncode != 0:
            stages = [line for line in m.stderr.splitlines() if line.startswith("stage ")]
            stuck = stages[-1].removeprefix("stage ") if stages else m.stderr[-300:]
            rows.append(
                {"statements": n, "aborted": True, "aborted_after_s": round(m.seconds), "stuck_in": stuck}
            )
            continue
        report = json.loads(m.stdout.strip().splitlines()[-1])
        rows.append({**report, "process_seconds": round(m.seconds, 2)})
    return rows


def ints(text: str) -> list[int]:
    """'1,4,16' -> [1, 4, 16] ('' -> [])."""
    return [int(x) for x in text.split(",") if x.strip()]


def main() -> None:
    """Run the selected benchmarks and write the JSON and the plot."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", type=Path, default=POLNEAR, help="folder of .txt articles (PolNeAR train)")
    ap.add_argument("--articles", type=int, default=0, help="sample this many articles (0: all)")
    ap.add_argument("--scales", default="1,4,16", help="analyze scaling: input repeated these many times")
    ap.add_argument("--scale-base", type=int, default=0, help="articles in the 1x input (0: --articles)")
    ap.add_argument("--scale-jobs", type=int, default=2, help="--jobs of the scaling runs")
    ap.add_argument("--compare", default="1000,10000,100000", help="statement counts for the corpus stages")
    ap.add_argument("--embed-cap", type=int, default=10_000, help="embed at most this many texts per size")
    ap.add_argument("--compare-timeout", type=float, default=1800, help="seconds per statement count")
    ap.add_argument("--skip-side-by-side", action="store_true")
    ap.add_argument("--db", help="statements for --compare (default: the side-by-side analyze database)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "bench.json")
    args = ap.parse_args()
    if not args.input.is_dir():
        raise SystemExit(f"no input folder {args.input} (PolNeAR train texts are in ../shared)")
    files = sorted(args.input.glob("*.txt"))
    chosen = sample(files, args.articles)
    results: dict[str, Any] = {"machine": machine(), "input": str(args.input)}
    results["args"] = {k: str(v) for k, v in vars(args).items()}
    with tempfile.TemporaryDirectory(prefix="atodds-bench-") as tmp:
        work = Path(tmp)
        db = args.db
        if not args.skip_side_by_side:
            folder = link_input(chosen, work / "input")
            results["side_by_side"] = side_by_side(folder, work, len(chosen))
            db = db or results["side_by_side"]["analyze_db"]
        if ints(args.scales):
            base = sample(files, args.scale_base) if args.scale_base else chosen
            results["analyze_scaling"] = scaling(base, ints(args.scales), work, args.scale_jobs)
        if ints(args.compare):
            if not db:
                raise SystemExit("--compare needs statements: run the side by side, or pass --db")
            sizes = ints(args.compare)
            results["compare_scaling"] = compare_scaling(db, sizes, args.embed_cap, args.compare_timeout)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {args.out}")
    from plot import plot

    plot(results, args.out.with_suffix(".png"))
    log(f"wrote {args.out.with_suffix('.png')}")


if __name__ == "__main__":
    main()
