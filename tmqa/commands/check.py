"""``tmqa check``: run the rules over TMX files and report the findings."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tmqa import exitcodes, reporters
from tmqa.config import Config, load_config
from tmqa.context import Context
from tmqa.decision import Selection, failing
from tmqa.engine import Checker, Report, discover, run_check
from tmqa.errors import InputError
from tmqa.model import Glossary, Unit
from tmqa.output import write_text
from tmqa.rules.registry import is_code_prefix
from tmqa.signature import check_signature, rules_digest

if TYPE_CHECKING:
    from tmqa.baseline import Entry


def _flatten(groups: Sequence[Sequence[str]] | None) -> tuple[str, ...]:
    return tuple(c for group in groups or () for c in group)


def _validated(codes: tuple[str, ...], option: str) -> tuple[str, ...]:
    for code in codes:
        if not is_code_prefix(code):
            raise InputError(None, f"{option}: unknown rule code or prefix {code!r}")
    return codes


def load_glossaries(paths: Sequence[str]) -> Glossary | None:
    if not paths:
        return None
    from tmqa.readers.glossary import load_glossary

    return Glossary.combine([load_glossary(p) for p in paths])


def choose_format(cli: str | None, config: Config) -> str:
    """``--format``, else the configuration's, else ``github`` inside GitHub Actions, else text."""
    fmt = cli or config.format
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in reporters.FORMATS:
        raise InputError(
            None, f"--format: unknown format {fmt!r} (choose {', '.join(reporters.FORMATS)})"
        )
    return fmt


def selection_from(args: argparse.Namespace, config: Config) -> Selection:
    """Command line over configuration: ``--select`` replaces ``select``; ignores and
    extensions add to the configuration's."""
    select = _validated(_flatten(args.select), "--select") or config.select or ("ALL",)
    return Selection(
        select=select,
        ignore=config.ignore + _validated(_flatten(args.ignore), "--ignore"),
        extend_select=config.extend_select
        + _validated(_flatten(args.extend_select), "--extend-select"),
        severity=config.severity,
    )


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config, isolated=args.isolated)
    if not args.paths:
        raise InputError(None, "check: no TMX file or directory given")
    fmt = choose_format(args.format, config)
    fail_on = args.fail_on or config.fail_on or "error"
    selection = selection_from(args, config)
    glossary = load_glossaries(args.glossary or config.glossaries)
    baseline = None
    baseline_path = args.baseline or config.baseline
    if baseline_path and not args.write_baseline:
        from tmqa.baseline import Baseline

        baseline = Baseline.load(baseline_path)
    checker = Checker(
        selection,
        Context(glossary, config.rule_options),
        use_suppressions=not args.no_suppressions,
        file_ignores=config.ignores_for if config.per_file_ignores else None,
    )
    files = discover(args.paths)
    if args.changed_since:
        from tmqa.gitchanges import only_changed

        files = only_changed(files, args.changed_since, args.paths)
    report = Report(fail_on=fail_on, rules=checker.severities)
    hooks: list[Callable[[Unit], None]] = []
    if fmt == "junit":
        unit_ids = report.unit_ids = {}
        hooks.append(lambda u: unit_ids.setdefault(u.file, []).append((u.tuid, u.line)))
    progress = None
    if not args.no_progress:
        from tmqa import progress as progress_mod

        if progress_mod.wanted():
            progress = progress_mod.Progress(files)
            hooks.append(progress.unit)
    on_unit = _chain(hooks)
    try:
        for info, finding in run_check(
            files,
            checker,
            source_lang=args.source_lang or config.source_lang,
            target_lang=args.target_lang or config.target_lang,
            allow_huge=args.allow_huge,
            on_unit=on_unit,
        ):
            if finding is None:
                report.files.append(info)
                if progress is not None:
                    progress.file_done()
            else:
                report.findings.append(finding)
    finally:
        if progress is not None:
            progress.close()
    inputs = [i.path for i in report.files]
    if args.write_baseline:
        from tmqa.baseline import write_baseline

        n = write_baseline(args.write_baseline, report.findings, inputs)
        print(f"tmqa: wrote {n} finding{'s' if n != 1 else ''} to {args.write_baseline}",
              file=sys.stderr)
        return exitcodes.CLEAN
    stale = 0
    if baseline is not None:
        outcome = baseline.apply(report.findings, inputs, selection.is_selected)
        report.findings = outcome.findings
        report.baselined = outcome.baselined
        stale = len(outcome.stale)
        _tell_baseline(baseline.path, outcome.baselined, outcome.stale, args.baseline_strict)
    report.signature = check_signature(
        glossary.digest if glossary else "",
        rules_digest((code, sev.label) for code, sev in report.rules.items()),
    )
    render = reporters.get(fmt)
    write_text(args.output, lambda out: render(report, out), inputs=inputs)
    failures = failing(report.findings, fail_on)
    if args.baseline_strict:
        failures += stale
    return exitcodes.for_result(failures)


def _chain(hooks: list[Callable[[Unit], None]]) -> Callable[[Unit], None] | None:
    if len(hooks) < 2:
        return hooks[0] if hooks else None

    def both(unit: Unit) -> None:
        for hook in hooks:
            hook(unit)

    return both


def _tell_baseline(path: str, baselined: int, stale: Sequence[Entry], strict: bool) -> None:
    """One stderr line for the baseline, then one per stale entry (fixed or edited since)."""
    line = f"tmqa: {baselined} finding{'s' if baselined != 1 else ''} baselined in {path}"
    if stale:
        line += (
            f"; {len(stale)} stale entr{'ies' if len(stale) != 1 else 'y'} no longer match"
            f"{' (--baseline-strict: failing)' if strict else ''}; refresh with --write-baseline"
        )
    print(line, file=sys.stderr)
    for e in stale:
        print(f"tmqa: stale baseline entry: {e.file} [{e.tuid}] {e.code} {e.message}",
              file=sys.stderr)
