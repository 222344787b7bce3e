"""Exit codes, decided in one place."""

from __future__ import annotations

CLEAN = 0  # nothing at or above --fail-on (or every score threshold met)
FINDINGS = 1  # findings at or above --fail-on, or a score below its threshold
USAGE_OR_INPUT = 2  # usage, configuration or input error


def for_result(failures: int) -> int:
    """The exit code of a run that completed with ``failures`` failing findings or thresholds."""
    return FINDINGS if failures else CLEAN
