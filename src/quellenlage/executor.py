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

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, Protocol, TypeVar

from threadpoolctl import threadpool_limits

T = TypeVar("T")
R = TypeVar("R")
Res = TypeVar("Res")
Res_co = TypeVar("Res_co", covariant=True)

_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)
_worker_resources: Any = None  # the resources of this worker process (set by ``_start``)


class WorkerDied(RuntimeError):
    """A worker process ended in the middle of its work (killed, out of memory, crashed)."""


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
        with threadpool_limits(limits=1):  # see ``_one_thread_per_task``
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
        self._pool: ProcessPoolExecutor | None = None

    def map(self, task: Callable[[T, Res], R], items: Sequence[T]) -> list[R]:
        if self.workers <= 1 or len(items) < self._min_batch:
            return self._local.map(task, items)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(self._make, os.getpid()),
            )
        chunk = max(1, len(items) // (self.workers * 4))
        try:
            return list(self._pool.map(_run, [task] * len(items), items, chunksize=chunk))
        except BrokenProcessPool as error:
            self.close(interrupted=True)
            raise WorkerDied(
                "a worker process died (out of memory or killed); what was stored is kept, "
                "run the same command again to continue"
            ) from error

    def close(self, interrupted: bool = False) -> None:
        """Wait for the workers to finish (or, ``interrupted``, end them now)."""
        if self._pool is not None:
            if interrupted:
                for process in list(getattr(self._pool, "_processes", {}).values()):
                    process.terminate()  # the executor has no public way to end busy workers
                self._pool.shutdown(wait=True, cancel_futures=True)
            else:
                self._pool.shutdown(wait=True)
            self._pool = None
        self._local.close()


def make_executor(make_resources: Callable[[], Res], workers: int) -> Executor[Res]:
    return ProcessPool(make_resources, workers) if workers > 1 else InProcess(make_resources)


def _start(make_resources: Callable[[], Any], parent: int) -> None:
    global _worker_resources
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent(parent)
    _one_thread_per_task()
    _worker_resources = make_resources()


def _one_thread_per_task() -> None:
    """One BLAS/OpenMP thread in this worker. The models multiply small matrices, where a
    second thread gains little, and OpenBLAS threads spin while they wait, so with a worker
    per core (or any other load) they fight over the cores: ingest ran 6.5 x slower under
    load. The libraries loaded already are limited now, those loaded later (models load
    lazily) read the variables when they load."""
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    threadpool_limits(limits=1)


def _watch_parent(parent: int) -> None:
    """End this worker when its parent is gone (``kill -9`` leaves the parent no chance to
    end it): an orphaned worker would otherwise wait for work forever, holding its models.
    Linux delivers SIGKILL on the parent's death (``PR_SET_PDEATHSIG``); elsewhere this is a
    no-op and the orphan ends when it next reads from the closed queue."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _run(task: Callable[[Any, Any], Any], item: Any) -> Any:
    return task(item, _worker_resources)
