"""``--jobs``: one reader streams units to worker processes; results come back in file order.

The reader stays in the main process (a TMX is one stream). Batches of units go to workers,
which run the gates, the ordinary rules and the per-unit half (``prepare``) of cross-unit
rules (``Checker.local``). The main process runs the stateful half of cross-unit rules in
file order and merges, so the findings are byte-identical to a one-process run.

The main process is one of the ``jobs`` processes that check: it starts ``jobs - 1`` workers
and checks a share of the units itself, so two processes share two cores (three would take
turns). Units are read in rounds of ``BATCH`` per process and dealt out by their source
text, so a segment that repeats always meets the same process's caches (dealt in turn, each
would compute it again). The main process's share is smaller (``_MAIN_SHARE``): it also
reads, merges and writes. It does all pickling and pipe traffic on its main thread: a
``multiprocessing.Pool`` would add three threads, whose GIL hand-overs cost the reader about
a third of its speed. In each worker a thread receives units as soon as they arrive, so the
main process never blocks sending to a worker that is itself blocked sending a large result
(a deadlock once both pipes are full). A round is sent before the main process checks its
own part of it, so the workers always have the next round waiting; at most two rounds are
in flight, so memory does not grow with the file.
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
# The main process takes 3 of every 5 * jobs units (30% with --jobs 2), the workers share the
# rest: measured so that neither side waits for the other on the benchmark memory.
_MAIN_SHARE = 3

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
    """Check a stream of units in ``jobs`` processes (this one and ``jobs - 1`` workers);
    the same output as ``Checker``."""

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
        for _ in range(jobs - 1):
            mine, theirs = ctx.Pipe(duplex=True)
            proc = ctx.Process(
                target=_serve, args=(self.checker, theirs, [*self._conns, mine]), daemon=True
            )
            proc.start()
            theirs.close()
            self._procs.append(proc)
            self._conns.append(mine)
        # Rounds in the order sent: the units, the positions each process was given (the
        # main process first), and the main process's results.
        self._pending: deque[tuple[list[Unit], list[list[int]], list[Any]]] = deque()

    def _deal(self, batch: list[Unit]) -> list[list[int]]:
        """Positions of ``batch`` per process: the main process's, then each worker's."""
        jobs = self.jobs
        workers = jobs - 1
        slots = 5 * jobs
        given: list[list[int]] = [[] for _ in range(jobs)]
        for i, unit in enumerate(batch):
            # str hashes differ between runs: only the speed depends on the dealing.
            slot = hash(unit.source.plain) % slots
            given[0 if slot < _MAIN_SHARE else 1 + (slot - _MAIN_SHARE) % workers].append(i)
        return given

    def check_units(self, units: Iterable[Unit]) -> Iterator[Finding]:
        """Findings in file order. A reading error is raised only after the units read
        before it are checked, as in a one-process run."""
        pending = self._pending
        size = BATCH * self.jobs
        dumps, protocol = pickle.dumps, pickle.HIGHEST_PROTOCOL
        local = self.checker.local
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
            given = self._deal(batch)
            for conn, positions in zip(self._conns, given[1:], strict=True):
                if positions:
                    conn.send_bytes(dumps([batch[i] for i in positions], protocol))
            pending.append((batch, given, []))
            # The workers have this round; check the main process's part of it meanwhile.
            pending[-1][2].extend(local(batch[i]) for i in given[0])
            if len(pending) >= _IN_FLIGHT:
                yield from self._merge()
            if len(batch) < size:
                break
        while pending:
            yield from self._merge()
        if failure is not None:
            raise failure

    def _merge(self) -> Iterator[Finding]:
        batch, given, own = self._pending.popleft()
        results: list[Any] = [None] * len(batch)
        for i, result in zip(given[0], own, strict=True):
            results[i] = result
        error: BaseException | None = None
        for worker, (conn, positions) in enumerate(zip(self._conns, given[1:], strict=True)):
            if not positions:
                continue
            try:
                ok, payload = pickle.loads(conn.recv_bytes())
            except (EOFError, OSError):
                ok, payload = False, WorkerError(f"worker {worker + 1} of {self.jobs - 1} died")
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
        for _, given, _ in self._pending:
            for conn, positions in zip(self._conns, given[1:], strict=True):
                if positions:
                    with contextlib.suppress(EOFError, OSError):
                        conn.recv_bytes()
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
