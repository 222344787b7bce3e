"""JSON reporter: one object with the files, the findings and a summary."""

from __future__ import annotations

import json
from typing import Any, TextIO

from tmqa import __version__
from tmqa.engine import Report
from tmqa.model import Finding


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "file": f.file,
        "line": f.line,
        "tuid": f.tuid,
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.label,
        "side": f.side,
        "span": [f.span[0], f.span[1]],
        "message": f.message,
        "suggestion": f.suggestion,
    }


def files_list(report: Report) -> list[dict[str, Any]]:
    return [
        {"path": info.path, "units": info.units, "target_lang": info.target_lang}
        for info in report.files
    ]


def summary_dict(report: Report) -> dict[str, Any]:
    return {
        "units": report.units,
        "findings": report.total,
        "by_rule": dict(sorted(report.by_rule.items())),
    }


def envelope(report: Report, findings: list[dict[str, Any]] | None) -> dict[str, Any]:
    """The report object; ``findings`` is left out when None (JSON Lines streams them)."""
    doc: dict[str, Any] = {
        "tool": "tmqa",
        "version": __version__,
        "signature": report.signature,
        "files": files_list(report),
    }
    if findings is not None:
        doc["findings"] = findings
    doc["summary"] = summary_dict(report)
    return doc


def render(report: Report, out: TextIO) -> None:
    doc = envelope(report, [finding_dict(f) for f in report.findings])
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")
