"""Atheris harness for the XML readers: any input gives units or an InputError, nothing else.

Run for a bounded time (not in CI):
    pip install atheris && python fuzz/fuzz_readers.py -max_total_time=300 \
        /tmp/tmqa-fuzz fuzz/corpus
(new inputs go to the first directory; fuzz/corpus holds the seeds)
"""

from __future__ import annotations

import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    from tmqa.errors import InputError
    from tmqa.readers.tmx import read_tmx

_FD, _PATH = tempfile.mkstemp(suffix=".tmx")
os.close(_FD)


def _load_glossary(path: str) -> None:
    try:
        from tmqa.readers.glossary import load_glossary
    except ImportError:
        return
    load_glossary(path)


def test_one_input(data: bytes) -> None:
    with open(_PATH, "wb") as fh:
        fh.write(data)
    for reader in (read_tmx, _load_glossary):
        try:
            reader(_PATH)
        except InputError as exc:
            if "\n" in str(exc):
                raise AssertionError("multi-line error message") from exc


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
