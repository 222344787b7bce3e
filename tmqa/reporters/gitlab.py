"""GitLab Code Quality reporter: the Code Climate JSON array a merge request widget shows."""

from __future__ import annotations

import json
from typing import Any, TextIO

from tmqa.baseline import Fingerprinter
from tmqa.engine import Report
from tmqa.model import Severity
from tmqa.reporters import describe

# Code Quality knows info, minor, major, critical and blocker; tmqa's errors fail the build
# but block nothing by themselves, so they are "major".
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def build(report: Report) -> list[dict[str, Any]]:
    fp = Fingerprinter()
    seen: dict[str, int] = {}
    issues = []
    for f in report.findings:
        # GitLab merges issues that share a fingerprint; two findings of one rule in one unit
        # (two missing terms) share the baseline fingerprint, so number the repeats.
        base = fp(f)
        n = seen[base] = seen.get(base, 0) + 1
        issues.append(
            {
                "type": "issue",
                "description": f"{f.code} {describe(f)}",
                "check_name": f"{f.code} {f.rule}",
                "categories": ["Style"],
                "fingerprint": base if n == 1 else f"{base}-{n}",
                "severity": SEVERITIES[f.severity],
                "location": {"path": fp.path(f.file), "lines": {"begin": max(f.line, 1)}},
            }
        )
    return issues


def render(report: Report, out: TextIO) -> None:
    json.dump(build(report), out, ensure_ascii=False, indent=2)
    out.write("\n")
