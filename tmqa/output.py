"""Writing reports: to stdout, or atomically to a new file that is never one of the inputs."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from typing import TextIO

from tmqa.errors import InputError


def write_text(
    path: str | None, produce: Callable[[TextIO], None], inputs: Iterable[str] = ()
) -> None:
    """Run ``produce`` into stdout, or into a temporary file renamed over ``path`` at the end."""
    if path is None or path == "-":
        produce(sys.stdout)
        sys.stdout.flush()
        return
    target = os.path.abspath(path)
    for src in inputs:
        if os.path.exists(src) and os.path.exists(target) and os.path.samefile(src, target):
            raise InputError(path, "refusing to write a report over an input file")
    directory = os.path.dirname(target) or "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmqa-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        with open(fd, "w", encoding="utf-8", newline="\n") as fh:
            produce(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
