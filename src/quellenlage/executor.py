"""The one place where parallelism lives: per-item tasks run in this process or in a pool of
worker processes, each worker holding its own resources (models), loaded once.

A task is a module-level function ``task(item, resources) -> result``; results come back in
the order of the items. ``submit`` hands a batch over and returns at once with a ``Pending``
whose ``result()`` waits for it, so the caller reads the next batch and stores the last one
while the workers compute (``map`` is ``submit(...).result()``). ``map_files`` runs a task
over the rows of Parquet files (one row a dict), each file's results written to its own
Parquet file under a temporary name and renamed when complete, so a file once there is
finished (batches resume by skipping it).
``RayExecutor`` implements the same interface on a Ray cluster (Ray Data ``map_batches``
over actors that load their resources once).
Workers are started with ``spawn``: a fresh interpreter inherits no locks, threads or open
database handles of the parent, which ``fork`` would copy mid-state. Workers ignore SIGINT
(Ctrl-C reaches the whole process group): the parent decides, and ``close(interrupted=True)``
ends them at once, so no worker outlives the command.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import signal
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    import pyarrow as pa

from threadpoolctl import threadpool_limits

T = TypeVar("T")
R = TypeVar("R")
Res = TypeVar("Res")
Res_co = TypeVar("Res_co", covariant=True)

_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)
_worker_resources: Any = None  # the resources of this worker process (set by ``_start``)


class WorkerDied(RuntimeError):
    """A worker process ended in the middle of its work (killed, out of memory, crashed)."""


Row = dict[str, Any]
RowTask = Callable[[Row, Any], Row]
FileJob = tuple[str, str]  # (input Parquet file, output Parquet file)
ENGINES = ("local", "ray")
RAY_MISSING = "--engine ray needs Ray: pip install 'quellenlage[ray]'"


class EngineMissing(RuntimeError):
    """The chosen engine's package is not installed."""


class Pending(Generic[R]):
    """The results of a submitted batch, in the order of its items, once ``result()``
    returns (it waits for them)."""

    def __init__(self, collect: Callable[[], list[R]]) -> None:
        self._collect = collect

    def result(self) -> list[R]:
        return self._collect()

    @classmethod
    def done(cls, results: list[R]) -> Pending[R]:
        return cls(lambda: results)


class Executor(Protocol[Res_co]):
    def map(self, task: Callable[[T, Res_co], R], items: Sequence[T]) -> list[R]: ...

    def submit(self, task: Callable[[T, Res_co], R], items: Sequence[T]) -> Pending[R]: ...

    def close(self, interrupted: bool = False) -> None: ...


class FileExecutor(Executor[Res_co], Protocol[Res_co]):
    def map_files(
        self, task: Callable[[Row, Res_co], Row], jobs: Sequence[FileJob], schema: pa.Schema
    ) -> Iterator[str]: ...


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

    def submit(self, task: Callable[[T, Res], R], items: Sequence[T]) -> Pending[R]:
        """Computed now: this process has nobody to hand the work to."""
        return Pending.done(self.map(task, items))

    def map_files(
        self, task: Callable[[Row, Res], Row], jobs: Sequence[FileJob], schema: pa.Schema
    ) -> Iterator[str]:
        return _map_files(self.map, task, jobs, schema)

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
        return self.submit(task, items).result()

    def submit(self, task: Callable[[T, Res], R], items: Sequence[T]) -> Pending[R]:
        """The items in chunks to the workers (four per worker, so that they finish
        together); a batch too small for them is computed here and now."""
        if self.workers <= 1 or len(items) < self._min_batch:
            return Pending.done(self._local.map(task, items))
        size = max(1, len(items) // (self.workers * 4))
        pool = self._started_pool()
        try:
            chunks = [
                pool.submit(_run_chunk, task, items[i : i + size])
                for i in range(0, len(items), size)
            ]
        except BrokenProcessPool as error:
            raise self._died() from error
        return Pending(lambda: self._collect(chunks))

    def _started_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(self._make, os.getpid()),
            )
        return self._pool

    def _collect(self, chunks: list[Future[list[R]]]) -> list[R]:
        try:
            return [result for chunk in chunks for result in chunk.result()]
        except BrokenProcessPool as error:
            raise self._died() from error

    def _died(self) -> WorkerDied:
        self.close(interrupted=True)
        return WorkerDied(
            "a worker process died (out of memory or killed); what was stored is kept, "
            "run the same command again to continue"
        )

    def map_files(
        self, task: Callable[[Row, Res], Row], jobs: Sequence[FileJob], schema: pa.Schema
    ) -> Iterator[str]:
        """Each file's rows spread over the workers, one file after another."""
        return _map_files(self.map, task, jobs, schema)

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


class RayExecutor(Generic[Res]):
    """The same interface on a Ray cluster: Ray Data ``map_batches`` with a callable class, as
    many actors as the cluster has CPUs, each loading its resources once. In ``map_files`` a
    file is one actor call (the actor reads the input file, runs the task on each row and
    writes the output file), so only paths travel through the driver; on a cluster of several
    machines the files must be on storage they all see.

    ``address`` is a running cluster (``auto``, ``ray://HOST:PORT``); without it a local
    cluster of ``cpus`` is started here and shut down by ``close``."""

    def __init__(
        self, make_resources: Callable[[], Res], address: str | None = None, cpus: int = 1
    ) -> None:
        ray = _import_ray()
        self._make = make_resources
        self._started = not ray.is_initialized()
        if self._started:
            options: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(num_cpus=cpus, include_dashboard=False, **options)
        _quiet_ray_data()
        self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))

    def map(self, task: Callable[[T, Res], R], items: Sequence[T]) -> list[R]:
        if not items:
            return []
        import cloudpickle

        payloads = [{"index": i, "item": cloudpickle.dumps(item)} for i, item in enumerate(items)]
        results = self._actors(payloads, _RayItems, (task, self._make), 8)
        done = sorted(
            (int(i), bytes(r))
            for batch in results
            for i, r in zip(batch["index"], batch["result"], strict=True)
        )
        return [cloudpickle.loads(result) for _, result in done]

    def submit(self, task: Callable[[T, Res], R], items: Sequence[T]) -> Pending[R]:
        """Computed now: a Ray dataset runs as a whole (``batch`` hands Ray whole files)."""
        return Pending.done(self.map(task, items))

    def map_files(
        self, task: Callable[[Row, Res], Row], jobs: Sequence[FileJob], schema: pa.Schema
    ) -> Iterator[str]:
        if not jobs:
            return

        files = [{"source": s, "target": t} for s, t in jobs]
        for batch in self._actors(files, _RayFiles, (task, self._make, schema), 1):
            yield from (str(target) for target in batch["target"])

    def _actors(
        self, rows: list[Row], worker: type, arguments: tuple[Any, ...], batch_size: int
    ) -> Iterator[Any]:
        """``rows`` through actors of ``worker``, ``batch_size`` rows per call (a block
        each, so that every actor gets work)."""
        import ray.data

        blocks = -(-len(rows) // batch_size)
        data = ray.data.from_items(rows, override_num_blocks=blocks)
        with warnings.catch_warnings():  # max_restarts has no named parameter (yet)
            warnings.simplefilter("ignore", DeprecationWarning)
            mapped = data.map_batches(
                worker,
                fn_constructor_args=arguments,
                batch_size=batch_size,
                compute=ray.data.ActorPoolStrategy(size=min(self.workers, blocks)),
                num_cpus=1,
                max_restarts=0,  # a lost actor ends the run: run again, finished shards stay
            )
        try:
            yield from mapped.iter_batches(batch_size=None, batch_format="numpy")
        except ray.exceptions.RayError as error:
            raise WorkerDied(f"a Ray worker failed: {_first_line(error)}") from error

    def close(self, interrupted: bool = False) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False


class _RayItems:
    """A Ray actor for ``map``: its own resources, loaded once."""

    def __init__(self, task: Callable[[Any, Any], Any], make_resources: Callable[[], Any]):
        _one_thread_per_task()
        self.task = task
        self.resources = make_resources()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        import cloudpickle

        results = [
            cloudpickle.dumps(self.task(cloudpickle.loads(i), self.resources))
            for i in batch["item"]
        ]
        return {"index": list(batch["index"]), "result": results}


class _RayFiles:
    """A Ray actor for ``map_files``: one input file to one output file per call."""

    def __init__(self, task: RowTask, make_resources: Callable[[], Any], schema: pa.Schema) -> None:
        _one_thread_per_task()
        self.task = task
        self.schema = schema
        self.resources = make_resources()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        targets = []
        for source, target in zip(batch["source"], batch["target"], strict=True):
            rows = _read_rows(str(source))
            write_parquet(
                [self.task(row, self.resources) for row in rows], str(target), self.schema
            )
            targets.append(str(target))
        return {"target": targets}


def _import_ray() -> Any:
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # a local cluster needs no token
    try:
        import ray
        import ray.data
    except ImportError as error:
        raise EngineMissing(RAY_MISSING) from error
    return ray


def _quiet_ray_data() -> None:
    """No progress bars or plan lines from Ray Data: quellenlage shows its own progress."""
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _first_line(error: BaseException) -> str:
    lines = [line for line in str(error).splitlines() if line.strip()]
    return lines[-1].strip() if lines else type(error).__name__


def _map_files(
    map_items: Callable[[Callable[[Row, Any], Row], Sequence[Row]], list[Row]],
    task: Callable[[Row, Any], Row],
    jobs: Sequence[FileJob],
    schema: pa.Schema,
) -> Iterator[str]:
    for source, target in jobs:
        write_parquet(map_items(task, _read_rows(source)), target, schema)
        yield target


def _read_rows(path: str) -> list[Row]:
    import pyarrow.parquet as pq

    rows: list[Row] = pq.read_table(path).to_pylist()
    return rows


def write_parquet(rows: Sequence[Row], target: str | os.PathLike[str], schema: pa.Schema) -> None:
    """``rows`` as a Parquet file at ``target``, complete or not at all (temporary name,
    then rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    partial = f"{os.fspath(target)}.{os.getpid()}.partial"
    pq.write_table(pa.Table.from_pylist(list(rows), schema=schema), partial)
    os.replace(partial, target)


def make_executor(make_resources: Callable[[], Res], workers: int) -> Executor[Res]:
    return ProcessPool(make_resources, workers) if workers > 1 else InProcess(make_resources)


def make_file_executor(
    make_resources: Callable[[], Res], engine: str, workers: int, address: str | None = None
) -> FileExecutor[Res]:
    """The executor of a batch: ``local`` (this machine's processes) or ``ray``."""
    if engine == "ray":
        return RayExecutor(make_resources, address, workers)
    if workers > 1:
        return ProcessPool(make_resources, workers)
    return InProcess(make_resources)


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


def _run_chunk(task: Callable[[Any, Any], Any], items: Sequence[Any]) -> list[Any]:
    return [task(item, _worker_resources) for item in items]
