"""The pipeline: read units -> run rules -> decide (select, severity, gating, suppressions)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from tmqa.context import Context
from tmqa.decision import Selection
from tmqa.errors import InputError
from tmqa.model import Finding, Severity, Unit, content_hash
from tmqa.readers.tmx import TmxFile, TmxReader
from tmqa.rules.registry import Problem, Rule, all_rules

SUPPRESS_PROP = "x-tmqa-ignore"


@dataclass
class Report:
    """What a check produced, in file order; reporters only format it."""

    files: list[TmxFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    signature: str = ""
    fail_on: str = "error"
    # Effective severity of every rule that ran (SARIF lists them as its rules).
    rules: dict[str, Severity] = field(default_factory=dict)
    # ``(tuid, line)`` of every unit per file; only collected for JUnit (one testcase per
    # unit), because a million-unit memory should not keep every tuid in memory otherwise.
    unit_ids: dict[str, list[tuple[str, int]]] | None = None
    baselined: int = 0
    # Counts of every finding reported, kept even when a streaming format does not hold them.
    total: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    # Files that could not be read, as one-line messages; any makes the run exit 2.
    errors: list[str] = field(default_factory=list)

    @property
    def units(self) -> int:
        return sum(f.units for f in self.files)

    def count(self, finding: Finding) -> None:
        self.total += 1
        self.by_rule[finding.code] += 1
        self.by_severity[finding.severity.label] += 1

    def add(self, finding: Finding) -> None:
        self.count(finding)
        self.findings.append(finding)

    def summary_line(self) -> str:
        counts = ", ".join(
            f"{self.by_severity[s]} {s}"
            for s in ("error", "warning", "info")
            if self.by_severity[s]
        )
        n, files = self.total, len(self.files)
        return (
            f"{n} finding{'s' if n != 1 else ''}{' (' + counts + ')' if counts else ''} "
            f"in {self.units} units of {files} file{'s' if files != 1 else ''}"
        )


def suppressed_codes(unit: Unit) -> tuple[str, ...]:
    """Codes (or prefixes) a unit's ``x-tmqa-ignore`` props name; empty when it has none."""
    codes: list[str] = []
    for value in unit.prop_values(SUPPRESS_PROP):
        codes.extend(c.strip().upper() for c in value.replace(";", ",").split(",") if c.strip())
    return tuple(codes)


class Checker:
    """Runs rules over units. One instance per run: cross-unit rules keep state in it."""

    def __init__(
        self,
        selection: Selection | None = None,
        context: Context | None = None,
        *,
        use_suppressions: bool = True,
        rules: Sequence[Rule] | None = None,
        file_ignores: Callable[[str], tuple[str, ...]] | None = None,
    ) -> None:
        self.selection = selection or Selection()
        self.context = context or Context()
        self.use_suppressions = use_suppressions
        # ``per-file-ignores``: codes silenced in a whole file, looked up once per file.
        self.file_ignores = file_ignores
        self._file_ignores: dict[str, tuple[str, ...]] = {}
        chosen = [r for r in (rules or all_rules()) if self.selection.is_selected(r.code)]
        self.gates = [r for r in chosen if r.gate]
        self.rules = [r for r in chosen if not r.gate and not r.cross_unit]
        self.cross = [r for r in chosen if r.cross_unit and not r.gate]
        self._always = [r for r in self.rules if not r.needs]
        self._on_anomalies = [r for r in self.rules if r.needs == "anomalies"]
        self._on_codes = [r for r in self.rules if r.needs == "codes"]
        self._on_props = [r for r in self.rules if r.needs == "props"]
        self._severity = {r.code: self.selection.severity_of(r.code, r.severity) for r in chosen}
        # Findings of a unit are ordered by rule code whichever process produced them, so the
        # output is byte-identical for any --jobs.
        self._rank = {r.code: i for i, r in enumerate(sorted(chosen, key=lambda r: r.code))}

    def _finding(self, r: Rule, unit: Unit, p: Problem, chash: str) -> Finding:
        return Finding(
            code=r.code,
            rule=r.name,
            severity=self._severity[r.code],
            message=p.message,
            file=unit.file,
            line=unit.line,
            tuid=unit.tuid,
            side=p.side,
            span=p.span,
            suggestion=p.suggestion,
            content_hash=chash,
        )

    def local(self, unit: Unit) -> tuple[list[Finding], bool, list[Any]]:
        """Per-unit work (may run in a worker): gates, ordinary rules, cross-unit ``prepare``.

        Returns the findings, whether a gate fired (then nothing else runs on the unit), and
        one prepared value per cross-unit rule for ``cross``.
        """
        ctx = self.context
        ctx.begin_unit()
        findings: list[Finding] = []
        chash = ""
        for r in self.gates:
            for p in r.func(unit, ctx):
                chash = chash or content_hash(unit)
                findings.append(self._finding(r, unit, p, chash))
        if findings:
            # A gating finding (empty target) silences every other rule on the unit.
            return findings, True, []
        rules = self._always
        if unit.anomalies and self._on_anomalies:
            rules = rules + self._on_anomalies
        if self._on_codes and (
            unit.source.has_codes or (unit.target is not None and unit.target.has_codes)
        ):
            rules = rules + self._on_codes
        if unit.props and self._on_props:
            rules = rules + self._on_props
        for r in rules:
            for p in r.func(unit, ctx):
                chash = chash or content_hash(unit)
                findings.append(self._finding(r, unit, p, chash))
        prepared = [r.prepare(unit, ctx) if r.prepare is not None else None for r in self.cross]
        return findings, False, prepared

    def cross_unit(self, unit: Unit, prepared: list[Any]) -> list[Finding]:
        """Cross-unit rules, in file order, in the process that owns the run's state."""
        ctx = self.context
        findings: list[Finding] = []
        chash = ""
        for r, value in zip(self.cross, prepared, strict=True):
            if r.prepare is None:
                ctx.begin_unit()
                problems = r.func(unit, ctx)
            else:
                problems = r.func(unit, ctx, value)
            for p in problems:
                chash = chash or content_hash(unit)
                findings.append(self._finding(r, unit, p, chash))
        return findings

    def finish(self, unit: Unit, findings: list[Finding]) -> list[Finding]:
        """Order by rule code, then apply suppressions and per-file ignores."""
        if not findings:
            return findings
        rank = self._rank
        findings.sort(key=lambda f: rank[f.code])
        if self.use_suppressions:
            codes = suppressed_codes(unit)
            if codes:
                findings = [f for f in findings if not f.code.startswith(codes)]
        if findings and self.file_ignores is not None:
            ignored = self._file_ignores.get(unit.file)
            if ignored is None:
                ignored = self._file_ignores[unit.file] = self.file_ignores(unit.file)
            if ignored:
                findings = [f for f in findings if not f.code.startswith(ignored)]
        return findings

    def check_unit(self, unit: Unit) -> list[Finding]:
        findings, gated, prepared = self.local(unit)
        if not gated and self.cross:
            findings.extend(self.cross_unit(unit, prepared))
        return self.finish(unit, findings)

    @property
    def severities(self) -> dict[str, Severity]:
        """The effective severity of every rule this checker runs."""
        return dict(self._severity)

    def check_units(self, units: Iterable[Unit]) -> Iterator[Finding]:
        for unit in units:
            yield from self.check_unit(unit)


def discover(paths: Sequence[str]) -> list[str]:
    """Expand directories into their ``*.tmx`` files (sorted); files are taken as given."""
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found: list[str] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files if f.lower().endswith(".tmx"))
            out.extend(sorted(found))
        elif os.path.exists(path):
            out.append(path)
        else:
            raise InputError(path, "no such file or directory")
    return out


class UnitChecker(Protocol):
    def check_units(self, units: Iterable[Unit]) -> Iterator[Finding]: ...


def run_check(
    paths: Sequence[str],
    checker: UnitChecker,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    allow_huge: bool = False,
    on_unit: Callable[[Unit], None] | None = None,
    on_error: Callable[[TmxFile, InputError], None] | None = None,
) -> Iterator[tuple[TmxFile, Finding | None]]:
    """Stream findings file by file; yields ``(file, None)`` once a file is fully read.

    ``on_unit`` sees every unit before it is checked (progress, JUnit's unit list).
    ``on_error`` receives a file that could not be read (the run goes on with the next
    file); without it the error propagates.
    """
    for path in discover(paths):
        reader = TmxReader(path, source_lang, target_lang, allow_huge=allow_huge)
        units: Iterable[Unit] = reader if on_unit is None else _tap(reader, on_unit)
        try:
            for finding in checker.check_units(units):
                yield reader.info, finding
        except InputError as exc:
            if on_error is None:
                raise
            on_error(reader.info, exc)
            continue
        yield reader.info, None


def _tap(units: Iterable[Unit], on_unit: Callable[[Unit], None]) -> Iterator[Unit]:
    for unit in units:
        on_unit(unit)
        yield unit
