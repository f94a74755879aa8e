"""Per-document time limits: one pathological document must not stall a batch.

``time_limit(seconds)`` bounds the work inside it two ways:

- in a process's main thread (in-process runs, process-pool workers), a real-time timer interrupts the
  work wherever it is, the spaCy parse included;
- everywhere (Dask runs tasks in worker threads, where timers cannot interrupt), the deadline is also
  kept per thread, and the extraction and attribution loops call ``check_deadline()``.

Either way the work ends with ``DocumentTimeout``; the worker records the document as failed (E024)
and goes on with the next one.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class DocumentTimeout(Exception):
    """Raised when a document's work runs past its time limit."""


_local = threading.local()


def check_deadline() -> None:
    """Raise ``DocumentTimeout`` when this thread is inside a ``time_limit`` that has run out."""
    deadline: float | None = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise DocumentTimeout


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    # The timer only runs for an outermost limit, so there is no outer deadline to restore: clearing it
    # here keeps the thread clean even when the alarm lands while ``time_limit`` is already cleaning up
    # (a cooperative check raised first and the timer fired a moment later).
    _local.deadline = None
    raise DocumentTimeout


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Run the body with at most ``seconds`` of wall-clock time (no limit when ``seconds <= 0``)."""
    if seconds <= 0:
        yield
        return
    outer: float | None = getattr(_local, "deadline", None)
    deadline = time.monotonic() + seconds
    _local.deadline = deadline if outer is None else min(outer, deadline)
    in_main = threading.current_thread() is threading.main_thread()
    use_timer = hasattr(signal, "setitimer") and in_main and outer is None
    previous = signal.signal(signal.SIGALRM, _on_alarm) if use_timer else None
    if use_timer:
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            if use_timer:
                signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # reached even when a late alarm raises above: no deadline or handler is left behind
            _local.deadline = outer
            if use_timer:
                signal.signal(signal.SIGALRM, previous)
