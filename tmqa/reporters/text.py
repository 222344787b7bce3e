"""Plain-text reporter: ``path:line: CODE name [tuid] message`` and a summary (streamable)."""

from __future__ import annotations

from typing import TextIO

from tmqa.engine import Report
from tmqa.model import Finding


def line(f: Finding, out: TextIO) -> None:
    hint = f" (suggestion: {f.suggestion})" if f.suggestion else ""
    out.write(f"{f.file}:{f.line}: {f.code} {f.rule} [{f.tuid}] {f.message}{hint}\n")


def summary(report: Report, out: TextIO) -> None:
    out.write(report.summary_line() + "\n")
    out.write(f"signature: {report.signature}\n")


def render(report: Report, out: TextIO) -> None:
    for f in report.findings:
        line(f, out)
    summary(report, out)
