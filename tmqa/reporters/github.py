"""GitHub Actions reporter: one ``::error``/``::warning``/``::notice`` workflow command a finding.

GitHub turns each command into an annotation on the file and line in the pull request. Paths are
relative to the working directory, which in a workflow is the checkout.
"""

from __future__ import annotations

import os
from typing import TextIO

from tmqa.baseline import Fingerprinter
from tmqa.engine import Report
from tmqa.model import Finding, Severity
from tmqa.reporters import describe

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as @actions/core does (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus ``:`` and ``,`` which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


_PATHS: dict[str, Fingerprinter] = {}


def line(f: Finding, out: TextIO) -> None:
    cwd = os.getcwd()
    paths = _PATHS.get(cwd) or _PATHS.setdefault(cwd, Fingerprinter(cwd))
    props = [f"file={escape_property(paths.path(f.file))}"]
    if f.line > 0:
        props.append(f"line={f.line}")
    props.append(f"title={escape_property(f'{f.code} {f.rule}')}")
    out.write(f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(describe(f))}\n")


def summary(report: Report, out: TextIO) -> None:
    out.write(f"tmqa: {report.summary_line()}\n")


def render(report: Report, out: TextIO) -> None:
    for f in report.findings:
        line(f, out)
    summary(report, out)
