"""One way to run independent tasks: in this process, on local processes, or on a Dask cluster.

Every executor has the :class:`concurrent.futures.Executor` interface (``submit``,
``map``, ``shutdown``, use as a context manager) and ``map`` returns results in input
order. Tasks that draw random numbers take their seed from :func:`task_seeds`, one per
task, never one per worker: the same input and seed give the same output whatever the
number of workers or where they run.

- :class:`SerialExecutor` runs tasks in the calling process (``workers=1``).
- :class:`LocalExecutor` runs them on local processes (default: one per core).
- :class:`DaskExecutor` sends them to a ``dask.distributed`` scheduler
  (``--scheduler tcp://HOST:PORT`` or the ``EQUIPOISE_DASK_SCHEDULER`` variable);
  it needs the optional extra ``equipoise[dask]``.

Examples
--------
>>> with get_executor(workers=1) as ex:
...     list(ex.map(abs, [-1, 2, -3]))
[1, 2, 3]
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from .errors import EquipoiseError

__all__ = ["SCHEDULER_ENV", "SerialExecutor", "LocalExecutor", "DaskExecutor", "get_executor", "task_seeds",
           "chunks", "default_workers", "run_chunked"]

#: Environment variable naming a Dask scheduler (``tcp://HOST:PORT``) when ``--scheduler`` is not given.
SCHEDULER_ENV = "EQUIPOISE_DASK_SCHEDULER"


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def task_seeds(seed: int | None, n: int) -> list[int]:
    """``n`` independent seeds for ``n`` tasks, derived from ``seed`` (``numpy.random.SeedSequence.spawn``).

    >>> task_seeds(1, 3) == task_seeds(1, 3), len(set(task_seeds(1, 3)))
    (True, 3)
    """
    import numpy as np

    from .seeding import DEFAULT_SEED
    children = np.random.SeedSequence(DEFAULT_SEED if seed is None else int(seed)).spawn(n)
    return [int(c.generate_state(1, dtype=np.uint64)[0] >> 1) for c in children]


def chunks(n: int, size: int) -> list[range]:
    """``range(n)`` cut into consecutive pieces of ``size`` (the last may be shorter).

    The cut depends on ``n`` and ``size`` only, never on the number of workers.

    >>> chunks(5, 2)
    [range(0, 2), range(2, 4), range(4, 5)]
    """
    return [range(i, min(i + size, n)) for i in range(0, n, size)]


class SerialExecutor(cf.Executor):
    """Run every task at once in the calling process (no pickling, no start-up cost)."""

    workers = 1
    where = "this process"

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> cf.Future:
        fut: cf.Future = cf.Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered by fut.result(), as a pool would
            fut.set_exception(exc)
        return fut

    def map(self, fn: Callable, *iterables: Iterable, timeout=None, chunksize: int = 1) -> Iterator:
        return map(fn, *iterables)


class LocalExecutor(cf.ProcessPoolExecutor):
    """Local worker processes (``workers`` of them, default one per core).

    Processes are forked when this process runs no other thread (fast start), else
    spawned (forking a threaded process, such as the web app, is unsafe); ``method``
    chooses explicitly.
    """

    where = "local processes"

    def __init__(self, workers: int | None = None, *, method: str | None = None):
        import multiprocessing as mp
        self.workers = workers or default_workers()
        if method is None:
            method = "fork" if threading.active_count() == 1 and "fork" in mp.get_all_start_methods() else "spawn"
        super().__init__(max_workers=self.workers, mp_context=mp.get_context(method))


class DaskExecutor(cf.Executor):
    """Tasks on a ``dask.distributed`` cluster, through a client connected to ``address``.

    Parameters
    ----------
    address : str
        The scheduler, ``tcp://HOST:PORT``.
    timeout : float
        Seconds to wait for the scheduler to answer.
    """

    where = "Dask cluster"

    def __init__(self, address: str, *, timeout: float = 10):
        try:
            from distributed import Client
        except ImportError as exc:
            raise EquipoiseError("running on a Dask cluster needs dask.distributed: "
                                 "pip install 'equipoise[dask]'", field="--scheduler") from exc
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise EquipoiseError(f"cannot reach the Dask scheduler at {address}: {exc}", field="--scheduler") from None
        self.address = address
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> cf.Future:
        dfut = self.client.submit(fn, *args, pure=False, **kwargs)
        fut: cf.Future = cf.Future()

        def done(f) -> None:
            try:
                fut.set_result(f.result())
            except BaseException as exc:
                fut.set_exception(exc)

        dfut.add_done_callback(done)
        return fut

    def map(self, fn: Callable, *iterables: Iterable, timeout=None, chunksize: int = 1) -> Iterator:
        args = [list(it) for it in iterables]
        futures = self.client.map(fn, *args, pure=False) if args and args[0] else []
        return (f.result() for f in futures)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.client.close()


def get_executor(workers: int | None = None, scheduler: str | None = None) -> cf.Executor:
    """The executor for ``--workers`` and ``--scheduler`` (or :data:`SCHEDULER_ENV`).

    Parameters
    ----------
    workers : int, optional
        Local processes; default one per core; 1 runs in this process.
    scheduler : str, optional
        A Dask scheduler address; wins over ``workers``.

    Raises
    ------
    EquipoiseError
        ``workers`` below 1, dask.distributed missing, or the scheduler unreachable.
    """
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if scheduler:
        return DaskExecutor(scheduler)
    if workers is not None and workers < 1:
        raise EquipoiseError(f"--workers must be 1 or more, got {workers}", field="--workers")
    workers = workers or default_workers()
    return SerialExecutor() if workers == 1 else LocalExecutor(workers)


def run_chunked(executor: cf.Executor | None, fn: Callable, pieces: Sequence) -> list:
    """``[fn(p) for p in pieces]``, through ``executor`` when it has more than one worker."""
    if executor is None or getattr(executor, "workers", 1) == 1 or len(pieces) < 2:
        return [fn(p) for p in pieces]
    return list(executor.map(fn, pieces))
