"""``--jobs``: one reader streams units to worker processes; results come back in file order.

The reader stays in the main process (a TMX is one stream). Batches of units go to workers,
which run the gates, the ordinary rules and the per-unit half (``prepare``) of cross-unit
rules. The main process runs the stateful half of cross-unit rules in file order and merges,
so the findings are byte-identical to a one-process run.

Units are read in rounds of ``BATCH`` per worker and dealt out by their source text, so a
segment that repeats always goes to the same worker and finds its results in that worker's
caches (dealt out in turn, each repeat would be computed once per worker). The main thread
does all pickling and pipe traffic itself: a ``multiprocessing.Pool`` would add three
threads to the main process, whose GIL hand-overs cost the reader about a third of its
speed. In each worker a thread receives units as soon as they arrive, so the main process
never blocks sending to a worker that is itself blocked sending a large result (a deadlock
once both pipes are full). At most two rounds are in flight, one being checked and one
waiting, so memory does not grow with the file.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import signal
import threading
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
_IN_FLIGHT = 2  # rounds: one being checked, one ready for when it is done

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


def _serve(checker: Checker, conn: Connection, siblings: list[Connection]) -> None:
    """A worker's loop: a pickled batch of units in, a pickled list of local results out."""
    # Ctrl-C reaches the whole process group; the main process decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for other in siblings:
        # The main process's ends of this worker's pipe and of those started before it,
        # inherited by fork: held here, they would keep the workers waiting for ever if the
        # main process died.
        other.close()
    batches: queue.SimpleQueue[bytes] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, batches), daemon=True).start()
    dumps, loads, protocol = pickle.dumps, pickle.loads, pickle.HIGHEST_PROTOCOL
    local = checker.local
    while True:
        data = batches.get()
        if data == _STOP:
            return
        try:
            reply = dumps((True, [local(unit) for unit in loads(data)]), protocol)
        except Exception as exc:  # sent back and raised in the main process
            try:
                reply = dumps((False, exc), protocol)
            except Exception:
                reply = dumps((False, WorkerError(traceback.format_exc())), protocol)
        try:
            conn.send_bytes(reply)
        except OSError:
            return  # the main process went away


def _receive(conn: Connection, batches: queue.SimpleQueue[bytes]) -> None:
    """Take batches off the pipe as they come (the main process bounds how many)."""
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            data = _STOP  # the main process went away
        batches.put(data)
        if data == _STOP:
            return


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
            proc = ctx.Process(
                target=_serve, args=(self.checker, theirs, [*self._conns, mine]), daemon=True
            )
            proc.start()
            theirs.close()
            self._procs.append(proc)
            self._conns.append(mine)
        # Rounds in the order sent: the units, and the positions each worker was given.
        self._pending: deque[tuple[list[Unit], list[list[int]]]] = deque()

    def check_units(self, units: Iterable[Unit]) -> Iterator[Finding]:
        """Findings in file order. A reading error is raised only after the units read
        before it are checked, as in a one-process run."""
        pending = self._pending
        jobs = self.jobs
        size = BATCH * jobs
        dumps, protocol = pickle.dumps, pickle.HIGHEST_PROTOCOL
        stream = iter(units)
        failure: Exception | None = None
        while failure is None:
            batch: list[Unit] = []
            try:
                for unit in stream:
                    batch.append(unit)
                    if len(batch) >= size:
                        break
            except Exception as exc:
                failure = exc
            if not batch:
                break
            if len(pending) >= _IN_FLIGHT:
                yield from self._merge()
            # str hashes differ between runs: only the speed depends on the dealing.
            given: list[list[int]] = [[] for _ in range(jobs)]
            for i, unit in enumerate(batch):
                given[hash(unit.source.plain) % jobs].append(i)
            for worker, positions in enumerate(given):
                if positions:
                    part = [batch[i] for i in positions]
                    self._conns[worker].send_bytes(dumps(part, protocol))
            pending.append((batch, given))
            if len(batch) < size:
                break
        while pending:
            yield from self._merge()
        if failure is not None:
            raise failure

    def _merge(self) -> Iterator[Finding]:
        batch, given = self._pending.popleft()
        results: list[Any] = [None] * len(batch)
        error: BaseException | None = None
        for worker, positions in enumerate(given):
            if not positions:
                continue
            try:
                ok, payload = pickle.loads(self._conns[worker].recv_bytes())
            except (EOFError, OSError):
                ok, payload = False, WorkerError(f"worker {worker + 1} of {self.jobs} died")
            if not ok:
                error = error or payload  # raised once every part of the round is read
                continue
            for i, result in zip(positions, payload, strict=True):
                results[i] = result
        if error is not None:
            raise error
        checker = self.checker
        for unit, (findings, gated, prepared) in zip(batch, results, strict=True):
            if not gated and checker.cross:
                findings.extend(checker.cross_unit(unit, prepared))
            yield from checker.finish(unit, findings)

    def close(self) -> None:
        """Stop the workers; results still in flight (after an error) are dropped."""
        for _, given in self._pending:
            for worker, positions in enumerate(given):
                if positions:
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
