"""Run one command as a subprocess and measure its wall time and peak RSS (summed over its process tree)."""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

POLL_S = 0.1


@dataclass
class Measured:
    """Wall seconds, peak RSS of the whole process tree in MiB, exit code and captured stdout."""

    seconds: float
    peak_rss_mib: float
    returncode: int
    stdout: str
    stderr: str


def _tree_rss(proc: psutil.Process) -> int:
    """Resident bytes of ``proc`` and all its descendants (worker pools, Dask workers)."""
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def run_measured(
    cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float | None = None
) -> Measured:
    """Run ``cmd`` to completion (killed after ``timeout`` seconds: return code -9), polling the RSS of its
    process tree every ``POLL_S`` seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    peak = 0
    watched = psutil.Process(proc.pid)
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(watched))
            stop.wait(POLL_S)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    poller.join()
    return Measured(seconds, peak / 2**20, proc.returncode, out, err)


def as_row(m: Measured, **extra: Any) -> dict[str, Any]:
    """A JSON-ready record of one measurement."""
    return {"seconds": round(m.seconds, 2), "peak_rss_mib": round(m.peak_rss_mib, 1), **extra}
