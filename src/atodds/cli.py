"""The ``atodds`` command line.

Exit codes: 0 done (inputs that failed are recorded and listed, and the rest analyzed); 1 nothing could
be analyzed (no input, or every input failed), or ``--strict`` and some input failed; 2 wrong usage;
3 a configuration, database or model problem (the message says what to do); 130 interrupted.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from .config import Options, load_config
from .errors import AtoddsError, error

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

app = typer.Typer(
    help="atodds maps who said what in news coverage, for which side, and where the sides' accounts are "
    "at odds.\n\nTypical use: atodds analyze articles/ --report report.html",
    epilog="Exit codes: 0 done (failed inputs are recorded and listed); 1 nothing analyzed, or --strict "
    "and an input failed; 2 wrong usage; 3 configuration, database or model problem; 130 interrupted.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="A TOML file laid over the defaults.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        help="Worker processes, or Dask workers of a local cluster (0: all cores; default: config's "
        "[run] jobs)."
    ),
]
ExecutorOpt = Annotated[
    str | None,
    typer.Option(
        "--executor",
        help="Where articles are analyzed: local (this process), process (a pool of --jobs processes) or "
        "dask (--scheduler's cluster, else a local cluster of --jobs workers). Default: dask when "
        "--scheduler is given, else process when jobs > 1, else local.",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Address of a running Dask scheduler, e.g. tcp://host:8786 (implies --executor dask); its "
        "workers need atodds installed.",
    ),
]
LOCAL = "127.0.0.1"


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"atodds {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """atodds: who said what, for which side, and where the sides' accounts are at odds."""


def _options(config: Path | None, jobs: int | None = None) -> Options:
    options = Options.from_config(load_config(config))
    if jobs is not None:
        from dataclasses import replace

        options = replace(options, jobs=max(0, jobs))
    return options


def _executor(options: Options, kind: str | None, scheduler: str | None) -> Any:
    from .scale import EXECUTORS, get_executor

    if kind is not None and kind not in EXECUTORS:
        raise typer.BadParameter(f"use {', '.join(EXECUTORS)}", param_hint="--executor")
    if scheduler and kind not in (None, "dask"):
        raise typer.BadParameter("--scheduler needs --executor dask", param_hint="--scheduler")
    return get_executor(options.jobs, kind, scheduler)


def _read(paths: list[str], options: Options) -> tuple[Iterator[Any], int | None]:
    """The inputs, read lazily (streamed), and how many articles they hold when that is known."""
    from itertools import chain

    from .ingest import read_articles

    items = read_articles(paths, options)
    first = next(items, None)
    if first is None:
        raise error("E011", paths=", ".join(paths))
    return chain([first], items), _article_count(paths)


def _article_count(paths: list[str]) -> int | None:
    """The number of input files when each holds one article (text or HTML), else None (unknown)."""
    from .ingest import SUFFIX_KINDS, expand_inputs
    from .ingest.common import suffix_of

    count = 0
    for path in expand_inputs(paths):
        if path != "-" and SUFFIX_KINDS.get(suffix_of(path)) not in ("txt", "html"):
            return None
        count += 1
    return count


def _run(
    paths: list[str],
    options: Options,
    db: str | None,
    quiet: bool,
    corpus: bool = True,
    executor: Any = None,
    on_analysis: Any = None,
) -> Any:
    from .progress import progress_bar
    from .run import run_analysis
    from .store import Store

    items, total = _read(paths, options)
    store = Store.open(db) if db else None
    try:
        with progress_bar(total, quiet) as advance:
            return run_analysis(
                items, options, store, executor, progress=advance, corpus=corpus, on_analysis=on_analysis
            )
    finally:
        if store is not None:
            store.close()


def _report_failures(result: Any, quiet: bool) -> None:
    if result.failures and not quiet:
        err.print(f"[yellow]{len(result.failures)} input(s) could not be analyzed:[/yellow]")
        for failure in result.failures[:20]:
            err.print(
                f"  {failure.code} {failure.source}: {failure.reason}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )


def _exit_code(result: Any, strict: bool) -> int:
    if not result.articles:
        return 1
    return 1 if strict and result.failures else 0


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: Annotated[str, typer.Option(help="SQLite database to store the results in.")] = "atodds.db",
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the whole run as JSON.")] = None,
    markdown: Annotated[Path | None, typer.Option(help="Write a Markdown summary.")] = None,
    report: Annotated[Path | None, typer.Option(help="Write a self-contained HTML report.")] = None,
    jobs: JobsOpt = None,
    executor: ExecutorOpt = None,
    scheduler: SchedulerOpt = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any input failed.")] = False,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Analyze articles end to end: statements, speakers, sides, topics, contradictions, agreements."""
    from .report import summarize, write_markdown, write_report

    options = _options(config, jobs)
    result = _run(paths, options, db, quiet, executor=_executor(options, executor, scheduler))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    if markdown:
        write_markdown(result, markdown)
    if report:
        write_report(result, report)
    _report_failures(result, quiet)
    if not quiet:
        for line in summarize(result):
            err.print(line, markup=False, highlight=False, soft_wrap=True)
        written = [str(p) for p in (db, json_out, markdown, report) if p]
        err.print("Wrote " + ", ".join(written), markup=False, highlight=False)
    raise typer.Exit(_exit_code(result, strict))


def extract_row(statement: Any, source: str) -> dict[str, Any]:
    """One line of ``atodds extract --format jsonl``."""
    row = statement.to_dict()
    row.pop("article")
    return {"article": source, **row}


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or table.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    jobs: JobsOpt = None,
    executor: ExecutorOpt = None,
    scheduler: SchedulerOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Extract attributed statements with their speakers (no database, no comparison)."""
    if fmt not in {"jsonl", "csv", "table"}:
        raise typer.BadParameter("use jsonl, csv or table", param_hint="--format")
    options = _options(config, jobs)
    sink = _Sink(output)
    rows: list[dict[str, Any]] = []  # csv and table are written at the end; jsonl as each article comes
    analyzed = 0

    def take(analysis: Any) -> None:
        nonlocal analyzed
        analyzed += 1
        new = [extract_row(s, analysis.article.source) for s in analysis.statements]
        if fmt == "jsonl":
            _write_rows(new, fmt, sink.out())
        else:
            rows.extend(new)

    try:
        run = _executor(options, executor, scheduler)
        result = _run(paths, options, None, quiet, corpus=False, executor=run, on_analysis=take)
        _write_rows(rows, fmt, sink.out())
    finally:
        sink.close()
    _report_failures(result, quiet)
    raise typer.Exit(0 if analyzed else 1)


class _Sink:
    """``--output`` (or stdout), opened on first use, so that a run that fails early writes no file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.handle: Any = None

    def out(self) -> Any:
        if self.handle is None:
            self.handle = self.path.open("w", encoding="utf-8", newline="") if self.path else sys.stdout
        return self.handle

    def close(self) -> None:
        if self.path and self.handle is not None:
            self.handle.close()


def _write_rows(rows: list[dict[str, Any]], fmt: str, out: Any) -> None:
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    flat = [
        {
            "article": r["article"],
            "kind": r["kind"],
            "speaker": r["speaker"]["name"],
            "role": r["speaker"]["role"],
            "side": r["speaker"]["side"],
            "cue": r["cue"]["text"] if r["cue"] else "",
            "content": r["content"]["text"],
            "start": r["content"]["start"],
            "end": r["content"]["end"],
        }
        for r in rows
    ]
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(flat[0]) if flat else ["article"])
        writer.writeheader()
        writer.writerows(flat)
        return
    from rich.table import Table

    table = Table("speaker", "side", "kind", "content", show_lines=False)
    for r in flat:
        table.add_row(r["speaker"], r["side"], r["kind"], r["content"])
    Console(file=out).print(table)


@app.command()
def compare(
    input_path: Annotated[Path, typer.Option("--input", help="JSONL lines {id, a, b}.")],
    output: Annotated[Path, typer.Option("--output", help="JSONL lines {id, label, scores}.")],
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Label text pairs: contradict, agree, discuss or unrelated, with the four scores."""
    from .compare import compare_pairs_file

    options = _options(config)
    count = compare_pairs_file(input_path, output, options)
    if not quiet:
        err.print(f"Compared {count} pairs; wrote {output}", markup=False, highlight=False)


@app.command()
def report(
    db: Annotated[str, typer.Option(help="The database written by 'atodds analyze'.")] = "atodds.db",
    html: Annotated[Path | None, typer.Option(help="Write the HTML report here.")] = None,
    markdown: Annotated[Path | None, typer.Option(help="Write the Markdown summary here.")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Write the HTML report (and/or Markdown) from a database alone."""
    from .report import write_markdown, write_report
    from .store import Store

    if html is None and markdown is None:
        raise typer.BadParameter("give --html and/or --markdown")
    with Store.open(db, read_only=True) as store:
        result = store.load_result()
    if html:
        write_report(result, html)
    if markdown:
        write_markdown(result, markdown)
    if not quiet:
        err.print(f"Wrote {', '.join(str(p) for p in (html, markdown) if p)}", markup=False, highlight=False)


@app.command()
def serve(
    db: Annotated[str, typer.Option(help="The database (opened read-only).")] = "atodds.db",
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = LOCAL,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve a read-only web UI and JSON API (API docs at /docs) over a database."""
    from .web.cli import serve as run_server

    run_server(db, host, port)


@app.command()
def export(
    db: Annotated[str, typer.Option(help="The database written by 'atodds analyze'.")] = "atodds.db",
    fmt: Annotated[str, typer.Option("--format", help="csv, jsonl or markdown.")] = "csv",
    what: Annotated[str, typer.Option(help="statements, actors or relations.")] = "statements",
    output: OutputOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Export statements, actors or relations from a database as CSV, JSON Lines or Markdown."""
    from .export import FORMATS, WHAT
    from .export import export as run_export

    if fmt not in FORMATS:
        raise typer.BadParameter("use csv, jsonl or markdown", param_hint="--format")
    if what not in WHAT:
        raise typer.BadParameter("use statements, actors or relations", param_hint="--what")
    count = run_export(db, fmt, what, output)
    if not quiet and output:
        err.print(f"Wrote {count} {what} to {output}", markup=False, highlight=False)


train_app = typer.Typer(help="Retrain the shipped models from ../shared (seeded, CPU).", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("extract")
def train_extract(
    data: Annotated[Path, typer.Option(help="PolNeAR folder (train split inside).")] = Path(
        "../shared/data/benchmarks/polnear"
    ),
    out: Annotated[Path, typer.Option(help="Where to write the model.")] = Path(
        "src/atodds/data/extract_model.json"
    ),
    seed: Annotated[int, typer.Option(help="Random seed.")] = 13,
) -> None:
    """Train the attribution candidate classifier on PolNeAR train (about 5 minutes on 2 cores)."""
    from .train.extract import main as train_main

    raise typer.Exit(train_main(["--data", str(data), "--out", str(out), "--seed", str(seed)]))


@train_app.command("compare")
def train_compare(
    data: Annotated[
        Path, typer.Option(help="Benchmarks folder (fnc1, sick, emergent, perspectrum inside).")
    ] = Path("../shared/data/benchmarks"),
    out: Annotated[Path, typer.Option(help="Where to write the weights.")] = Path(
        "src/atodds/data/compare_model.npz"
    ),
    report: Annotated[Path, typer.Option(help="Where to write the dev figures (JSON).")] = Path(
        "docs/compare-model-dev.json"
    ),
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    cache: Annotated[
        Path | None, typer.Option(help="Embedding cache file: a rerun skips the encoder.")
    ] = None,
) -> None:
    """Train the stance model (contradict / agree / discuss / unrelated) on the benchmarks' train
    splits, calibrate it on their dev splits (about 15 minutes on 2 cores)."""
    from .train.compare import main as train_main

    args = ["--data", str(data), "--out", str(out), "--report", str(report), "--seed", str(seed)]
    raise typer.Exit(train_main(args + (["--cache", str(cache)] if cache else [])))


def main() -> None:
    """Entry point: run the app, turning catalogued errors into one clear line and exit code 3."""
    try:
        app()
    except AtoddsError as exc:
        err.print(f"[red]error[/red] {exc.code}: {exc.message}", highlight=False)
        sys.exit(3)
    except KeyboardInterrupt:
        err.print("Interrupted. Articles already analyzed are stored; run the same command again to resume.")
        sys.exit(130)
