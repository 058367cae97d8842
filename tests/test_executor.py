"""The executor: results in order, resources loaded once per process, a small batch run in
this process, and a worker that dies is one clear error, not a hang."""

from __future__ import annotations

import os
from dataclasses import dataclass

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
