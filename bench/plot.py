"""The benchmark figure: side-by-side throughput, analyze scaling, corpus-stage scaling (matplotlib)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def plot(results: dict[str, Any], path: Path) -> None:
    """Write up to three panels to ``path`` (PNG) from a bench.json dict."""
    panels = [k for k in ("side_by_side", "analyze_scaling", "compare_scaling") if results.get(k)]
    fig, axes = plt.subplots(1, max(1, len(panels)), figsize=(5.5 * max(1, len(panels)), 4.2))
    axes = [axes] if len(panels) <= 1 else list(axes)
    draw: dict[str, Callable[[Any, Any], None]] = {
        "side_by_side": _bars,
        "analyze_scaling": _analyze,
        "compare_scaling": _compare,
    }
    for ax, key in zip(axes, panels, strict=False):
        draw[key](ax, results[key])
    m = results.get("machine", {})
    fig.suptitle(f"atodds benchmarks: {m.get('nproc')} cores, {m.get('cpu', '')}", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _bars(ax: Any, side: dict[str, Any]) -> None:
    runs = side["runs"]
    names = list(runs)
    ax.barh(names, [runs[n]["tokens_per_s"] for n in names], color="tab:blue")
    for k, n in enumerate(names):
        ax.text(runs[n]["tokens_per_s"], k, f" {runs[n]['seconds']:.0f}s", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("tokens / s (higher is better)")
    ax.set_title(f"{side['articles']} PolNeAR train articles", fontsize=10)


def _analyze(ax: Any, rows: list[dict[str, Any]]) -> None:
    n = [r["articles"] for r in rows]
    ax.plot(n, [r["seconds"] for r in rows], "o-", color="tab:blue", label="seconds")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles")
    ax.set_ylabel("seconds", color="tab:blue")
    twin = ax.twinx()
    twin.plot(n, [r["peak_rss_mib"] for r in rows], "s--", color="tab:red")
    twin.set_ylabel("peak RSS (MiB)", color="tab:red")
    twin.set_ylim(bottom=0)
    ax.set_title("analyze: input repeated " + ", ".join(f"{r['times']}x" for r in rows), fontsize=10)


def _compare(ax: Any, rows: list[dict[str, Any]]) -> None:
    for r in rows:
        if r.get("aborted"):
            ax.axvline(r["statements"], color="grey", linestyle=":")
            ax.text(
                r["statements"], 1, f" {r['statements']}: stopped after {r['aborted_after_s']} s", fontsize=7
            )
    rows = [r for r in rows if not r.get("aborted")]
    n = [r["statements"] for r in rows]
    for stage in ("embed", "assign_topics", "find_relations", "merge_actors", "group_statements"):
        ax.plot(n, [max(r[stage], 0.01) for r in rows], "o-", label=stage)
    ax.plot(n, [r["total_s"] for r in rows], "k--", label="total")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("statements")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=7)
    ax.set_title("corpus stages", fontsize=10)
