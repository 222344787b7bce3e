"""``--jobs``: one reader streams units to worker processes; results come back in file order.

The reader stays in the main process (a TMX is one stream). Batches of units go to workers,
which run the gates, the ordinary rules and the per-unit half (``prepare``) of cross-unit
rules. The main process runs the stateful half of cross-unit rules in file order and merges,
so the findings are byte-identical to a one-process run.

Each worker has its own pipe and at most one batch in flight: batches go round-robin, so the
oldest batch in flight is always the next worker's, and its result is read just before that
worker gets its next batch. The main thread does all pickling and pipe traffic itself: a
``multiprocessing.Pool`` would add three threads to the main process, whose GIL hand-overs
cost the reader about a third of its speed. No send can block on a worker that is itself
blocked sending (a worker is sent a batch only once its last result has been read), and at
most ``jobs`` batches are in flight, so memory does not grow with the file.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from tmqa.engine import Checker
from tmqa.model import Finding, Unit

BATCH = 256
# Below this much TMX the worker start-up costs more than it saves (about 3,000 units).
AUTO_JOBS_MIN_BYTES = 1_000_000
_STOP = b""

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


class WorkerError(RuntimeError):
    """A worker failed with an exception that could not be sent back as itself."""


def _serve(checker: Checker, conn: Connection) -> None:
    """A worker's loop: a pickled batch of units in, a pickled list of local results out."""
    # Ctrl-C reaches the whole process group; the main process decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    dumps, loads, protocol = pickle.dumps, pickle.loads, pickle.HIGHEST_PROTOCOL
    local = checker.local
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return  # the main process went away
        if data == _STOP:
            return
        try:
            reply = dumps((True, [local(unit) for unit in loads(data)]), protocol)
        except Exception as exc:  # sent back and raised in the main process
            try:
                reply = dumps((False, exc), protocol)
            except Exception:
                reply = dumps((False, WorkerError(traceback.format_exc())), protocol)
        conn.send_bytes(reply)


class ParallelChecker:
    """Check a stream of units with ``jobs`` worker processes; same output as ``Checker``."""

    def __init__(self, checker: Checker, jobs: int) -> None:
        self.checker = checker
        self.jobs = jobs
        # fork shares the compiled glossary index with the workers at no cost; spawn (where
        # fork is unavailable) pickles the checker once per worker.
        ctx = (
            multiprocessing.get_context("fork")
            if "fork" in multiprocessing.get_all_start_methods()
            else multiprocessing.get_context("spawn")
        )
        self._procs: list[BaseProcess] = []
        self._conns: list[Connection] = []
        for _ in range(jobs):
            mine, theirs = ctx.Pipe(duplex=True)
            proc = ctx.Process(target=_serve, args=(self.checker, theirs), daemon=True)
            proc.start()
            theirs.close()
            self._procs.append(proc)
            self._conns.append(mine)
        # (batch, worker) in the order sent; never more than one per worker.
        self._pending: deque[tuple[list[Unit], int]] = deque()
        self._sent = 0

    def check_units(self, units: Iterable[Unit]) -> Iterator[Finding]:
        """Findings in file order. A reading error is raised only after the units read
        before it are checked, as in a one-process run."""
        pending = self._pending
        stream = iter(units)
        failure: Exception | None = None
        while failure is None:
            batch: list[Unit] = []
            try:
                for unit in stream:
                    batch.append(unit)
                    if len(batch) >= BATCH:
                        break
            except Exception as exc:
                failure = exc
            if not batch:
                break
            worker = self._sent % self.jobs
            if len(pending) >= self.jobs:
                yield from self._merge()  # the oldest batch in flight is this worker's
            self._conns[worker].send_bytes(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
            pending.append((batch, worker))
            self._sent += 1
            if len(batch) < BATCH:
                break
        while pending:
            yield from self._merge()
        if failure is not None:
            raise failure

    def _merge(self) -> Iterator[Finding]:
        batch, worker = self._pending.popleft()
        try:
            ok, payload = pickle.loads(self._conns[worker].recv_bytes())
        except (EOFError, OSError):
            raise WorkerError(f"worker process {worker + 1} of {self.jobs} died") from None
        if not ok:
            raise payload
        checker = self.checker
        for unit, (findings, gated, prepared) in zip(batch, payload, strict=True):
            if not gated and checker.cross:
                findings.extend(checker.cross_unit(unit, prepared))
            yield from checker.finish(unit, findings)

    def close(self) -> None:
        """Stop the workers; results still in flight (after an error) are dropped."""
        for _, worker in self._pending:
            with contextlib.suppress(EOFError, OSError):
                self._conns[worker].recv_bytes()
        self._pending.clear()
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.send_bytes(_STOP)
            conn.close()
        for proc in self._procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join()
