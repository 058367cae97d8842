"""The executor: results in order, resources loaded once per process, a small batch run in
this process, and a worker that dies is one clear error, not a hang."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from quellenlage.executor import InProcess, ProcessPool, WorkerDied


@dataclass
class Counter:
    """Stands for a loaded model: made once per process."""

    pid: int


def make_counter() -> Counter:
    return Counter(os.getpid())


def which_process(item: int, resources: Counter) -> tuple[int, int]:
    return item * item, resources.pid


def die_on_three(item: int, resources: Counter) -> int:
    if item == 3:
        os._exit(9)  # as the out-of-memory killer would end it
    return item


def test_in_process_loads_resources_once() -> None:
    executor = InProcess(make_counter)
    results = executor.map(which_process, [1, 2, 3])
    assert [r for r, _ in results] == [1, 4, 9]
    assert {pid for _, pid in results} == {os.getpid()}
    executor.close()


def test_pool_spreads_work_in_order_and_reuses_workers() -> None:
    pool = ProcessPool(make_counter, workers=2, min_batch=4)
    try:
        small = pool.map(which_process, [5])
        assert small == [(25, os.getpid())]  # too small for the workers
        first = pool.map(which_process, list(range(40)))
        second = pool.map(which_process, list(range(40)))
    finally:
        pool.close()
    assert [r for r, _ in first] == [n * n for n in range(40)]
    workers = {pid for _, pid in first} | {pid for _, pid in second}
    assert os.getpid() not in workers and 1 <= len(workers) <= 2  # the same workers twice


def test_a_dead_worker_is_an_error_not_a_hang() -> None:
    pool = ProcessPool(make_counter, workers=2, min_batch=2)
    with pytest.raises(WorkerDied, match="run the same command again"):
        pool.map(die_on_three, list(range(10)))
    pool.close()


def touch(path: str, resources: Counter) -> str:
    Path(path).write_text(str(resources.pid))
    return path


def test_submitted_work_runs_while_the_caller_goes_on(tmp_path: Path) -> None:
    """The workers compute a submitted batch before anyone asks for its results: the files
    the tasks write appear while this process only waits for them to appear."""
    pool = ProcessPool(make_counter, workers=2, min_batch=2)
    try:
        paths = [str(tmp_path / f"{n}.done") for n in range(6)]
        first = pool.submit(touch, paths[:3])
        second = pool.submit(touch, paths[3:])
        deadline = time.monotonic() + 120
        while not all(Path(p).exists() for p in paths) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(Path(p).exists() for p in paths)
        assert second.result() == paths[3:]  # collected in any order, each in its own order
        assert first.result() == paths[:3]
    finally:
        pool.close()
    assert {Path(p).read_text() for p in paths} != {str(os.getpid())}


def test_a_dead_worker_in_submitted_work_is_an_error_when_collected() -> None:
    pool = ProcessPool(make_counter, workers=2, min_batch=2)
    pending = pool.submit(die_on_three, list(range(10)))
    with pytest.raises(WorkerDied, match="run the same command again"):
        pending.result()
    pool.close()


def test_in_process_submit_is_computed_at_once() -> None:
    executor = InProcess(make_counter)
    pending = executor.submit(which_process, [2, 3])
    assert pending.result() == [(4, os.getpid()), (9, os.getpid())]
