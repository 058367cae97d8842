"""The one place where parallelism lives: per-item tasks run in this process or in a pool of
worker processes, each worker holding its own resources (models), loaded once.

A task is a module-level function ``task(item, resources) -> result``; results come back in
the order of the items. Ray implements the same interface elsewhere (a batch per actor).
Workers are started with ``spawn``: a fresh interpreter inherits no locks, threads or open
database handles of the parent, which ``fork`` would copy mid-state. Workers ignore SIGINT
(Ctrl-C reaches the whole process group): the parent decides, and ``close(interrupted=True)``
ends them at once, so no worker outlives the command.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from multiprocessing.pool import Pool
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Res = TypeVar("Res")
Res_co = TypeVar("Res_co", covariant=True)

_worker_resources: Any = None  # the resources of this worker process (set by ``_start``)


class Executor(Protocol[Res_co]):
    def map(self, task: Callable[[T, Res_co], R], items: Sequence[T]) -> list[R]: ...

    def close(self, interrupted: bool = False) -> None: ...


def default_workers() -> int:
    """One worker per CPU this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


class InProcess(Generic[Res]):
    """Tasks one after another in this process, with one set of resources."""

    def __init__(self, make_resources: Callable[[], Res]) -> None:
        self._make = make_resources
        self._resources: Res | None = None

    @property
    def resources(self) -> Res:
        if self._resources is None:
            self._resources = self._make()
        return self._resources

    def map(self, task: Callable[[T, Res], R], items: Sequence[T]) -> list[R]:
        return [task(item, self.resources) for item in items]

    def close(self, interrupted: bool = False) -> None:
        self._resources = None


class ProcessPool(Generic[Res]):
    """Tasks spread over ``workers`` processes; small batches run in this process, where
    starting workers would cost more than it saves. The pool starts on first need and lives
    until ``close``, so its workers load their models once for a whole ingest."""

    def __init__(self, make_resources: Callable[[], Res], workers: int, min_batch: int = 8):
        self.workers = workers
        self._make = make_resources
        self._local = InProcess(make_resources)
        self._min_batch = min_batch
        self._pool: Pool | None = None

    def map(self, task: Callable[[T, Res], R], items: Sequence[T]) -> list[R]:
        if self.workers <= 1 or len(items) < self._min_batch:
            return self._local.map(task, items)
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = context.Pool(self.workers, initializer=_start, initargs=(self._make,))
        chunk = max(1, len(items) // (self.workers * 4))
        return self._pool.starmap(_run, [(task, item) for item in items], chunksize=chunk)

    def close(self, interrupted: bool = False) -> None:
        """Wait for the workers to finish (or, ``interrupted``, end them now)."""
        if self._pool is not None:
            if interrupted:
                self._pool.terminate()
            else:
                self._pool.close()
            self._pool.join()
            self._pool = None
        self._local.close()


def make_executor(make_resources: Callable[[], Res], workers: int) -> Executor[Res]:
    return ProcessPool(make_resources, workers) if workers > 1 else InProcess(make_resources)


def _start(make_resources: Callable[[], Any]) -> None:
    global _worker_resources
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_resources = make_resources()


def _run(task: Callable[[Any, Any], Any], item: Any) -> Any:
    return task(item, _worker_resources)
