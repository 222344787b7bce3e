"""SARIF 2.1.0 reporter, in the shape GitHub code scanning accepts (one run, one result a finding).

Locations are relative to the working directory (run tmqa from the repository root in CI), and
each result's ``partialFingerprints`` carries the baseline fingerprint computed on that path, so
code scanning tracks an alert across line moves exactly as ``--baseline`` does.
"""

from __future__ import annotations

import json
from typing import Any, TextIO
from urllib.parse import quote

from tmqa import __version__
from tmqa.baseline import Fingerprinter
from tmqa.engine import Report
from tmqa.model import Severity
from tmqa.reporters import describe
from tmqa.rules.registry import Rule, lookup

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/tmqa/"
FINGERPRINT_KEY = "tmqa/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _description(r: Rule) -> str:
    """The rule's documentation before its ``## Why is this bad?`` section."""
    return r.doc.split("## Why is this bad?", 1)[0].strip()


def rule_descriptor(r: Rule, severity: Severity) -> dict[str, Any]:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": _description(r)},
        "help": {"text": r.doc, "markdown": r.doc},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"tags": ["translation-qa"]},
    }


def build(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    severities = dict(report.rules)
    for f in report.findings:
        severities.setdefault(f.code, f.severity)
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for code in sorted(severities):
        found = lookup(code)
        if found is not None:
            index[code] = len(rules)
            rules.append(rule_descriptor(found, severities[code]))
    fp = Fingerprinter()
    results = []
    for f in report.findings:
        location: dict[str, Any] = {"artifactLocation": {"uri": quote(fp.path(f.file), safe="/")}}
        if f.line > 0:
            location["region"] = {"startLine": f.line}
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": LEVELS[f.severity],
            "message": {"text": describe(f)},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {FINGERPRINT_KEY: fp(f)},
            "properties": {"tuid": f.tuid, "side": f.side, "span": [f.span[0], f.span[1]]},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tmqa",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
                "properties": {"signature": report.signature, "units": report.units},
            }
        ],
    }


def render(report: Report, out: TextIO) -> None:
    json.dump(build(report), out, ensure_ascii=False, indent=2)
    out.write("\n")
