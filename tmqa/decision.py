"""The one decision step: select/ignore by longest code prefix, severity overrides, fail-on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tmqa.model import Severity

FAIL_ON_CHOICES = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Selection:
    """Which rules run and how bad their findings are.

    A code is selected when the longest matching prefix among ``select`` / ``extend_select``
    and ``ignore`` comes from a select list (ties go to ignore), as in flake8 and ruff.
    """

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)

    def is_selected(self, code: str) -> bool:
        return _decide(code, self.select + self.extend_select, self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        best: tuple[int, Severity] | None = None
        for prefix, sev in self.severity.items():
            if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), sev)
        return best[1] if best else default


def _longest(code: str, prefixes: Sequence[str]) -> int:
    best = -1
    for p in prefixes:
        p = p.upper()
        if p == "ALL":
            best = max(best, 0)
        elif code.startswith(p):
            best = max(best, len(p))
    return best


@lru_cache(maxsize=1024)
def _decide(code: str, selected: tuple[str, ...], ignored: tuple[str, ...]) -> bool:
    s = _longest(code, selected)
    i = _longest(code, ignored)
    return s >= 0 and s > i


def fail_threshold(fail_on: str) -> Severity | None:
    """The lowest severity that fails the run, or None for ``never``."""
    if fail_on == "never":
        return None
    return Severity.parse(fail_on)


def failing(by_severity: Mapping[str, int], fail_on: str) -> int:
    """How many findings are at or above ``fail_on``, from counts by severity label.

    Counts rather than findings, because streamed formats do not keep the findings.
    """
    threshold = fail_threshold(fail_on)
    if threshold is None:
        return 0
    return sum(n for label, n in by_severity.items() if Severity.parse(label) >= threshold)
