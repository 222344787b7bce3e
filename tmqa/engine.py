"""The pipeline: read units -> run selected rules -> decide (select, severity, gating, suppressions)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from tmqa.context import Context
from tmqa.decision import Selection
from tmqa.errors import InputError
from tmqa.model import Finding, Unit, content_hash
from tmqa.readers.tmx import TmxFile, TmxReader
from tmqa.rules.registry import Rule, all_rules

SUPPRESS_PROP = "x-tmqa-ignore"


@dataclass
class Report:
    """What a check produced, in file order; reporters only format it."""

    files: list[TmxFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    signature: str = ""

    @property
    def units(self) -> int:
        return sum(f.units for f in self.files)


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
    ) -> None:
        self.selection = selection or Selection()
        self.context = context or Context()
        self.use_suppressions = use_suppressions
        chosen = [r for r in (rules or all_rules()) if self.selection.is_selected(r.code)]
        self.gates = [r for r in chosen if r.gate]
        self.rules = [r for r in chosen if not r.gate]
        self._severity = {r.code: self.selection.severity_of(r.code, r.severity) for r in chosen}

    def check_unit(self, unit: Unit) -> list[Finding]:
        ctx = self.context
        ctx.begin_unit()
        findings: list[Finding] = []
        chash = ""
        for group in (self.gates, self.rules):
            for r in group:
                for p in r.func(unit, ctx):
                    if not chash:
                        chash = content_hash(unit)
                    findings.append(
                        Finding(
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
                    )
            if findings:
                # A gating finding (empty target) silences every other rule on the unit.
                break
        if findings and self.use_suppressions:
            codes = suppressed_codes(unit)
            if codes:
                findings = [f for f in findings if not f.code.startswith(codes)]
        return findings

    def check_units(self, units: Iterable[Unit]) -> Iterator[Finding]:
        for unit in units:
            yield from self.check_unit(unit)


def discover(paths: Sequence[str]) -> list[str]:
    """Expand directories into their ``*.tmx`` files (sorted); files are taken as given."""
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files if f.lower().endswith(".tmx"))
            out.extend(sorted(found))
        elif os.path.exists(path):
            out.append(path)
        else:
            raise InputError(path, "no such file or directory")
    return out


def run_check(
    paths: Sequence[str],
    checker: Checker,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    allow_huge: bool = False,
) -> Iterator[tuple[TmxFile, Finding | None]]:
    """Stream findings file by file; yields ``(file, None)`` once a file is fully read."""
    for path in discover(paths):
        reader = TmxReader(path, source_lang, target_lang, allow_huge=allow_huge)
        for finding in checker.check_units(reader):
            yield reader.info, finding
        yield reader.info, None
