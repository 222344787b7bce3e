"""A bounded cache for per-text results: memories repeat segments, but a run must not grow."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class TextCache(Generic[V]):
    """Two generations of at most ``limit`` entries each: when the young one fills up it
    becomes the old one, and an old entry read again moves back to the young one.

    A least-recently-used cache at the cost of a dict lookup (no per-hit bookkeeping): a
    segment repeated across a million-unit memory stays cached, a one-off is dropped after
    ``2 * limit`` newer texts. A key is only stored the second time it is put: in a memory
    of unique segments, caching every result would cost more (kept objects, walked by the
    garbage collector) than it saves; ``eager`` stores it the first time, for results
    dear to compute and likely met again. Only results that do not depend on what was cached
    before are stored, so the cache changes the speed of a run, never its findings.
    """

    __slots__ = ("_eager", "_limit", "_old", "_seen", "young")

    def __init__(self, limit: int, eager: bool = False) -> None:
        self._limit = limit
        self._eager = eager
        self.young: dict[Hashable, V] = {}  # read directly by callers: one lookup on a hit
        self._old: dict[Hashable, V] = {}
        self._seen: set[int] = set()  # hashes of the keys put once (ints: not walked)

    def get(self, key: Hashable) -> V | None:
        value = self.young.get(key)
        if value is None and self._old:
            value = self._old.get(key)
            if value is not None:
                self._store(key, value)
        return value

    def put(self, key: Hashable, value: V) -> None:
        if self._eager:
            self._store(key, value)
            return
        seen = self._seen
        h = hash(key)
        if h not in seen:
            if len(seen) >= 4 * self._limit:
                seen.clear()
            seen.add(h)
            return
        self._store(key, value)

    def _store(self, key: Hashable, value: V) -> None:
        if len(self.young) >= self._limit:
            self._old = self.young
            self.young = {}
        self.young[key] = value

    def __len__(self) -> int:
        return len(self.young) + len(self._old)
