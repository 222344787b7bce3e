"""``--jobs``: one reader streams units to worker processes; results come back in file order.

The reader stays in the main process (a TMX is one stream). Batches of units go to workers,
which run the gates, the ordinary rules and the per-unit half (``prepare``) of cross-unit
rules. The main process runs the stateful half of cross-unit rules in file order and merges,
so the findings are byte-identical to a one-process run. At most ``2 * jobs`` batches are in
flight, so memory does not grow with the file.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from tmqa.engine import Checker
from tmqa.model import Finding, Unit

BATCH = 256
# Below this much TMX the worker start-up costs more than it saves (about 3,000 units).
AUTO_JOBS_MIN_BYTES = 1_000_000

_WORKER: Checker | None = None
LocalResult = tuple[list[Finding], bool, list[Any]]


def default_jobs(paths: Iterable[str]) -> int:
    """All cores for inputs of a few thousand units or more, else one process."""
    size = 0
    for path in paths:
        try:
            size += os.path.getsize(path)
        except OSError:
            continue
    return (os.cpu_count() or 1) if size >= AUTO_JOBS_MIN_BYTES else 1


def _init(checker: Checker) -> None:
    global _WORKER
    _WORKER = checker


def _work(batch: list[Unit]) -> list[LocalResult]:
    checker = _WORKER
    assert checker is not None, "worker not initialised"
    return [checker.local(unit) for unit in batch]


def _batches(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    for unit in units:
        batch.append(unit)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class ParallelChecker:
    """Check a stream of units with ``jobs`` worker processes; same output as ``Checker``."""

    def __init__(self, checker: Checker, jobs: int) -> None:
        self.checker = checker
        self.jobs = jobs
        # fork shares the compiled glossary index with the workers at no cost; spawn (where
        # fork is unavailable) pickles the checker once per worker.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        ctx = multiprocessing.get_context(method)
        self.pool = ctx.Pool(jobs, initializer=_init, initargs=(checker,))

    def check_units(self, units: Iterable[Unit]) -> Iterator[Finding]:
        checker = self.checker
        pending: deque[tuple[list[Unit], Any]] = deque()
        limit = 2 * self.jobs
        for batch in _batches(units, BATCH):
            pending.append((batch, self.pool.apply_async(_work, (batch,))))
            if len(pending) >= limit:
                yield from self._merge(checker, *pending.popleft())
        while pending:
            yield from self._merge(checker, *pending.popleft())

    @staticmethod
    def _merge(checker: Checker, batch: list[Unit], result: Any) -> Iterator[Finding]:
        for unit, (findings, gated, prepared) in zip(batch, result.get(), strict=True):
            if not gated and checker.cross:
                findings.extend(checker.cross_unit(unit, prepared))
            yield from checker.finish(unit, findings)

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def terminate(self) -> None:
        self.pool.terminate()
        self.pool.join()
