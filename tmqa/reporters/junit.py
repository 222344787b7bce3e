"""JUnit XML reporter for GitLab and Jenkins: a testsuite per file, a testcase per unit.

A unit fails when it has a finding at or above ``--fail-on``; findings below it are listed in
the testcase's ``system-out`` and the unit passes, so the test counts agree with the exit code.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TextIO

from lxml import etree

from tmqa.baseline import Fingerprinter
from tmqa.decision import fail_threshold
from tmqa.engine import Report
from tmqa.model import Finding

# Characters XML 1.0 cannot carry at all; messages quote unit text, which may hold them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(f: Finding, path: str) -> str:
    hint = f" (suggestion: {f.suggestion})" if f.suggestion else ""
    return f"{path}:{f.line}: {f.code} {f.rule} [{f.tuid}] {f.severity.label}: {f.message}{hint}"


def render(report: Report, out: TextIO) -> None:
    threshold = fail_threshold(report.fail_on)
    fp = Fingerprinter()
    by_unit: dict[str, dict[tuple[str, int], list[Finding]]] = defaultdict(dict)
    for f in report.findings:
        by_unit[f.file].setdefault((f.tuid, f.line), []).append(f)
    root = etree.Element("testsuites", name="tmqa")
    total = total_failures = 0
    for info in report.files:
        findings = by_unit.get(info.path, {})
        units = report.unit_ids.get(info.path) if report.unit_ids is not None else None
        # Without the unit list (not collected) only units with findings can be listed.
        keys = list(dict.fromkeys(units)) if units is not None else list(findings)
        path = _clean(fp.path(info.path))
        suite = etree.SubElement(root, "testsuite", name=path)
        failures = 0
        for tuid, line in keys:
            case = etree.SubElement(
                suite,
                "testcase",
                classname=path,
                name=_clean(f"tu {tuid}"),
                file=path,
                line=str(line),
            )
            unit_findings = findings.get((tuid, line), [])
            failing: list[Finding] = []
            passing: list[Finding] = []
            for f in unit_findings:
                fails = threshold is not None and f.severity >= threshold
                (failing if fails else passing).append(f)
            if failing:
                failures += 1
                first = failing[0]
                more = f" (+{len(failing) - 1} more)" if len(failing) > 1 else ""
                failure = etree.SubElement(
                    case,
                    "failure",
                    type=first.code,
                    message=_clean(f"{first.code} {first.rule}: {first.message}{more}"),
                )
                failure.text = _clean("\n".join(_line(f, path) for f in failing))
            if passing:
                etree.SubElement(case, "system-out").text = _clean(
                    "\n".join(_line(f, path) for f in passing)
                )
        suite.set("tests", str(len(keys)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total += len(keys)
        total_failures += failures
    root.set("tests", str(total))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    out.write(
        etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode(
            "utf-8"
        )
    )
