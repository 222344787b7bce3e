"""GitHub Actions reporter: one ``::error``/``::warning``/``::notice`` workflow command a finding.

GitHub turns each command into an annotation on the file and line in the pull request. Paths are
relative to the working directory, which in a workflow is the checkout.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from tmqa.baseline import Fingerprinter
from tmqa.engine import Report
from tmqa.model import Severity
from tmqa.reporters import describe

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as @actions/core does (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus ``:`` and ``,`` which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, out: TextIO) -> None:
    fp = Fingerprinter()
    for f in report.findings:
        props = [f"file={escape_property(fp.path(f.file))}"]
        if f.line > 0:
            props.append(f"line={f.line}")
        props.append(f"title={escape_property(f'{f.code} {f.rule}')}")
        out.write(f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(describe(f))}\n")
    by_sev = Counter(f.severity.label for f in report.findings)
    counts = ", ".join(f"{by_sev[s]} {s}" for s in ("error", "warning", "info") if by_sev[s])
    n, files = len(report.findings), len(report.files)
    out.write(
        f"tmqa: {n} finding{'s' if n != 1 else ''}{' (' + counts + ')' if counts else ''} "
        f"in {report.units} units of {files} file{'s' if files != 1 else ''}\n"
    )
