"""Plain-text reporter: ``path:line: CODE name [tuid] message`` and a summary."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from tmqa.engine import Report


def render(report: Report, out: TextIO) -> None:
    for f in report.findings:
        hint = f" (suggestion: {f.suggestion})" if f.suggestion else ""
        out.write(f"{f.file}:{f.line}: {f.code} {f.rule} [{f.tuid}] {f.message}{hint}\n")
    by_sev = Counter(f.severity.label for f in report.findings)
    counts = ", ".join(f"{by_sev[s]} {s}" for s in ("error", "warning", "info") if by_sev[s])
    files = len(report.files)
    out.write(
        f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}"
        f"{' (' + counts + ')' if counts else ''} in {report.units} units of "
        f"{files} file{'s' if files != 1 else ''}\n"
    )
    out.write(f"signature: {report.signature}\n")
