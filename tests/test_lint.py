"""The code base stays ruff- and mypy-clean (both are in the test extra, so CI enforces it)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *cmd], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_is_clean() -> None:
    proc = _run("ruff", "check", "--no-cache", "tmqa", "tests", "benchmarks", "scripts", "fuzz")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_is_clean() -> None:
    proc = _run("mypy", "tmqa")
    assert proc.returncode == 0, proc.stdout + proc.stderr
