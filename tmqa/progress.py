"""A progress bar on stderr for long checks on a terminal; silent in pipes and in CI."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from tmqa.model import Unit

# Below this many units a check is over before a progress line would be worth reading.
SHOW_AFTER = 5000
# Redraw at most this often; the clock is read only every CHECK_EVERY units.
INTERVAL = 0.2
CHECK_EVERY = 512
BAR_WIDTH = 20
SAMPLE = 65536


def wanted(stream: TextIO | None = None) -> bool:
    """True on an interactive terminal outside CI (the ``CI`` variable every CI service sets)."""
    stream = stream if stream is not None else sys.stderr
    if os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def estimate_lines(path: str) -> float | None:
    """About how many lines ``path`` has, from its size and the first 64 KB; None if unsure.

    The reader streams, so the number of units is unknown until the end; a unit's line number
    against this estimate says how far into the file the check is. A file on a few lines
    (minified XML) gives no estimate.
    """
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            sample = fh.read(SAMPLE)
    except OSError:
        return None
    newlines = sample.count(b"\n")
    if newlines < 16:
        return None
    return size * newlines / len(sample)


class Progress:
    """Counts units; past ``show_after`` redraws ``[bar] pct files units units/s`` in place."""

    def __init__(
        self, files: Sequence[str], stream: TextIO | None = None, show_after: int = SHOW_AFTER
    ) -> None:
        self.files = list(files)
        self.stream = stream if stream is not None else sys.stderr
        self.show_after = show_after
        self.units = 0
        self.done_files = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False
        self._unit: Unit | None = None
        self._lines: dict[str, float | None] = {}

    def unit(self, unit: Unit) -> None:
        self.units += 1
        self._unit = unit
        if self.units % CHECK_EVERY == 0 and self.units >= self.show_after:
            now = time.monotonic()
            if now - self.last >= INTERVAL:
                self.last = now
                self.draw(now)

    def file_done(self) -> None:
        self.done_files += 1

    def fraction(self) -> float:
        """Files done plus how far into the current one (by line), over all files."""
        within = 0.0
        u = self._unit
        if u is not None and self.done_files < len(self.files):
            if u.file not in self._lines:
                self._lines[u.file] = estimate_lines(u.file)
            lines = self._lines[u.file]
            if lines:
                within = min(u.line / lines, 0.99)
        return min((self.done_files + within) / max(len(self.files), 1), 1.0)

    def draw(self, now: float) -> None:
        rate = self.units / max(now - self.start, 1e-9)
        done = self.fraction()
        filled = int(BAR_WIDTH * done)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        files = f"  file {min(self.done_files + 1, len(self.files))}/{len(self.files)}"
        self.stream.write(
            f"\r[{bar}] {done:4.0%}{files if len(self.files) > 1 else ''}  "
            f"{self.units:,} units  {rate:,.0f} units/s\x1b[K"
        )
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Erase the line so that the report starts on a clean one."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
