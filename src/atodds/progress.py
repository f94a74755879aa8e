"""A rich progress bar on stderr (articles/s, ETA), silent when quiet or for a handful of inputs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

MIN_ITEMS_FOR_BAR = 4


class RateColumn(TextColumn):
    """Articles per second."""

    def __init__(self) -> None:
        super().__init__("")

    def render(self, task):  # type: ignore[no-untyped-def]
        elapsed = task.finished_time if task.finished else task.elapsed
        if not elapsed or not task.completed:
            return Text("")
        return Text(f"{task.completed / elapsed:.1f} articles/s")


@contextmanager
def progress_bar(total: int | None, quiet: bool) -> Iterator[Callable[[int], None]]:
    """Yield an ``advance(n)`` callback; draws a bar only when useful (``total`` None: not known in
    advance, as for streamed JSONL or WARC input)."""
    if quiet or (total is not None and total < MIN_ITEMS_FOR_BAR):
        yield lambda n: None
        return
    columns = (
        TextColumn("analyzing"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("analyze", total=total)
        yield lambda n: bar.advance(task, n)
