"""JSON Lines reporter: one finding object per line as found, then one summary object."""

from __future__ import annotations

import json
from typing import TextIO

from tmqa.engine import Report
from tmqa.model import Finding
from tmqa.reporters.json import envelope, finding_dict


def line(f: Finding, out: TextIO) -> None:
    out.write(json.dumps(finding_dict(f), ensure_ascii=False) + "\n")


def summary(report: Report, out: TextIO) -> None:
    out.write(json.dumps(envelope(report, None), ensure_ascii=False) + "\n")


def render(report: Report, out: TextIO) -> None:
    for f in report.findings:
        line(f, out)
    summary(report, out)
