"""Executors: run the plain worker function over batches in-process, in a process pool or on Dask.

All implement ``Executor.map_batches``; the worker and its ``Options`` are picklable, so every executor
runs the very same code. Results come back in input order, with a bounded number of batches in flight
(two per worker), so memory stays flat however long the input is. Each worker process loads the spaCy
model once (``load_nlp`` is cached per process) and keeps it for every batch it is given.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain
from typing import Any, Protocol, TypeVar

from .config import Options
from .errors import error

T = TypeVar("T")
R = TypeVar("R")
Worker = Callable[[Sequence[T], Options], list[R]]

EXECUTORS = ("local", "process", "dask")
IN_FLIGHT_PER_WORKER = 2
CONNECT_TIMEOUT_S = 10.0


class Executor(Protocol):
    """Runs ``worker(batch, options)`` over batches and yields results in input order."""

    def map_batches(
        self, worker: Worker[T, R], batches: Iterable[Sequence[T]], options: Options
    ) -> Iterator[list[R]]:
        """Results of each batch, in order."""


def available_cores() -> int:
    """The CPU cores this process may run on (its affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None) -> int:
    """``jobs`` as a worker count: 0 or None means all available cores."""
    return available_cores() if not jobs or jobs < 0 else jobs


def _in_order(
    submit: Callable[[Sequence[T]], Any], batches: Iterable[Sequence[T]], limit: int
) -> Iterator[Any]:
    """Submit batches, keeping at most ``limit`` in flight; yield each future in submission order."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= limit:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


class LocalExecutor:
    """Everything in this process."""

    def map_batches(
        self, worker: Worker[T, R], batches: Iterable[Sequence[T]], options: Options
    ) -> Iterator[list[R]]:
        for batch in batches:
            yield worker(batch, options)


class ProcessExecutor:
    """A pool of ``jobs`` worker processes; at most ``2 * jobs`` batches in flight (flat memory).

    An input of a single batch runs in this process: starting workers would cost more than it saves."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)

    def map_batches(
        self, worker: Worker[T, R], batches: Iterable[Sequence[T]], options: Options
    ) -> Iterator[list[R]]:
        it = iter(batches)
        first = next(it, None)
        second = next(it, None) if first is not None else None
        if first is None or second is None:  # one batch (or none): a pool would only add its start-up
            if first is not None:
                yield worker(first, options)
            return
        with ProcessPoolExecutor(max_workers=self.jobs) as pool:
            batches = chain((first, second), it)

            def submit(batch: Sequence[T]) -> Future[list[R]]:
                return pool.submit(worker, batch, options)

            for future in _in_order(submit, batches, IN_FLIGHT_PER_WORKER * self.jobs):
                yield future.result()


class DaskExecutor:
    """A Dask cluster: the one at ``scheduler`` (``tcp://host:8786``), or a LocalCluster of ``workers``
    single-threaded worker processes started for the run and closed after it."""

    def __init__(
        self, scheduler: str | None = None, workers: int | None = None, timeout: float = CONNECT_TIMEOUT_S
    ) -> None:
        self.scheduler = scheduler or None
        self.workers = resolve_jobs(workers)
        self.timeout = timeout

    def _connect(self) -> tuple[Any, Any]:
        """A connected ``(client, cluster)``; the cluster is None for an existing scheduler."""
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise error("E071", detail=exc) from exc
        if self.scheduler is None:
            cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,  # logging.ERROR: no scheduler chatter on stderr
            )
            return Client(cluster), cluster
        try:
            return Client(self.scheduler, timeout=self.timeout), None
        except (OSError, TimeoutError, ValueError) as exc:
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            raise error("E070", address=self.scheduler, detail=detail) from exc

    def map_batches(
        self, worker: Worker[T, R], batches: Iterable[Sequence[T]], options: Options
    ) -> Iterator[list[R]]:
        client, cluster = self._connect()
        try:
            slots = max(1, sum(client.nthreads().values()))

            def submit(batch: Sequence[T]) -> Any:
                return client.submit(worker, batch, options, pure=False)

            for future in _in_order(submit, batches, IN_FLIGHT_PER_WORKER * slots):
                result: list[R] = future.result()
                future.release()
                yield result
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def get_executor(jobs: int | None = 1, kind: str | None = None, scheduler: str | None = None) -> Executor:
    """The executor ``kind`` (local, process or dask) for ``jobs`` workers (0 or None: all cores).

    Without ``kind``: Dask when a ``scheduler`` address is given, else in-process for one job and a
    process pool for more.
    """
    if kind is None:
        kind = "dask" if scheduler else "local" if resolve_jobs(jobs) <= 1 else "process"
    if kind == "local":
        return LocalExecutor()
    if kind == "process":
        return ProcessExecutor(resolve_jobs(jobs))
    if kind == "dask":
        return DaskExecutor(scheduler, jobs)
    raise error("E072", name=kind, known=", ".join(EXECUTORS))
