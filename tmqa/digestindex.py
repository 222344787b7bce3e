"""A compact index for cross-unit rules: 64-bit digests to small records, in flat arrays.

A Python dict of ints costs about 110 bytes per entry; a million-unit memory with two
consistency rules would need over 200 MB that way. Here an entry costs 16 bytes of
open-addressing slots (key digest, a 32-bit value, a 32-bit reference into an arena of
tuids), so the index of a million distinct segments stays under 40 MB per rule.
"""

from __future__ import annotations

from array import array

_EMPTY = 0
_LOAD = 0.6
_MASK32 = 0xFFFFFFFF


class TuidArena:
    """Append-only store of (file number, tuid) records, addressed by a 32-bit offset."""

    def __init__(self) -> None:
        self._data = bytearray()
        self._files: list[str] = []
        self._file_ids: dict[str, int] = {}

    def add(self, file: str, tuid: str) -> int:
        file_id = self._file_ids.get(file)
        if file_id is None:
            file_id = self._file_ids[file] = len(self._files)
            self._files.append(file)
        offset = len(self._data)
        # XML text can hold no NUL, so it ends a tuid; the file number goes first.
        self._data += file_id.to_bytes(4, "little") + tuid.encode("utf-8", "surrogatepass") + b"\0"
        return offset

    def get(self, offset: int) -> tuple[str, str]:
        data = self._data
        file_id = int.from_bytes(data[offset : offset + 4], "little")
        end = data.index(0, offset + 4)
        return self._files[file_id], data[offset + 4 : end].decode("utf-8", "surrogatepass")

    @property
    def nbytes(self) -> int:
        return len(self._data)


class DigestTable:
    """Open addressing with linear probing: 64-bit key -> (32-bit value, 32-bit reference)."""

    def __init__(self, capacity: int = 1 << 12) -> None:
        size = 1
        while size < capacity:
            size <<= 1
        self._alloc(size)
        self._count = 0

    def _alloc(self, size: int) -> None:
        self._mask = size - 1
        self._keys = array("Q", [_EMPTY]) * size
        self._vals = array("Q", [0]) * size

    def __len__(self) -> int:
        return self._count

    @staticmethod
    def _fix(key: int) -> int:
        # 0 marks an empty slot; remap the one digest that collides with it.
        return key or 1

    def get(self, key: int) -> tuple[int, int] | None:
        key = self._fix(key)
        keys, mask = self._keys, self._mask
        i = key & mask
        while True:
            k = keys[i]
            if k == key:
                packed = self._vals[i]
                return packed & _MASK32, packed >> 32
            if k == _EMPTY:
                return None
            i = (i + 1) & mask

    def put(self, key: int, value: int, ref: int) -> None:
        """Insert or replace; ``value`` and ``ref`` must fit in 32 bits."""
        key = self._fix(key)
        if (self._count + 1) > _LOAD * (self._mask + 1):
            self._grow()
        keys, mask = self._keys, self._mask
        i = key & mask
        while True:
            k = keys[i]
            if k in (key, _EMPTY):
                if k == _EMPTY:
                    self._count += 1
                keys[i] = key
                self._vals[i] = (ref << 32) | (value & _MASK32)
                return
            i = (i + 1) & mask

    def _grow(self) -> None:
        old_keys, old_vals = self._keys, self._vals
        self._alloc((self._mask + 1) * 2)
        keys, vals, mask = self._keys, self._vals, self._mask
        for k, v in zip(old_keys, old_vals, strict=True):
            if k != _EMPTY:
                i = k & mask
                while keys[i] != _EMPTY:
                    i = (i + 1) & mask
                keys[i] = k
                vals[i] = v

    @property
    def nbytes(self) -> int:
        return (self._mask + 1) * 16
