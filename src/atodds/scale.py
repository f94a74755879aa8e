"""Executors: run the plain worker function over batches in-process or in a process pool.

Both implement ``Executor.map_batches``; the worker and its ``Options`` are picklable, so the process
pool (and, later, Dask) runs the very same code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, TypeVar

from .config import Options

T = TypeVar("T")
R = TypeVar("R")
Worker = Callable[[Sequence[T], Options], list[R]]


class Executor(Protocol):
    """Runs ``worker(batch, options)`` over batches and yields results in input order."""

    def map_batches(
        self, worker: Worker[T, R], batches: Iterable[Sequence[T]], options: Options
    ) -> Iterator[list[R]]:
        """Results of each batch, in order."""


class LocalExecutor:
    """Everything in this process."""

    def map_batches(
        self, worker: Worker[T, R], batches: Iterable[Sequence[T]], options: Options
    ) -> Iterator[list[R]]:
        for batch in batches:
            yield worker(batch, options)


class ProcessExecutor:
    """A pool of ``jobs`` worker processes; at most ``2 * jobs`` batches in flight (flat memory)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)

    def map_batches(
        self, worker: Worker[T, R], batches: Iterable[Sequence[T]], options: Options
    ) -> Iterator[list[R]]:
        with ProcessPoolExecutor(max_workers=self.jobs) as pool:
            pending: list[Future[list[R]]] = []
            for batch in batches:
                pending.append(pool.submit(worker, batch, options))
                if len(pending) >= 2 * self.jobs:
                    yield pending.pop(0).result()
            for future in pending:
                yield future.result()


def get_executor(jobs: int) -> Executor:
    """In-process for one job, a process pool for more."""
    return LocalExecutor() if jobs <= 1 else ProcessExecutor(jobs)
