"""``tmqa check``: run the rules over TMX files and report the findings."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from tmqa import exitcodes, reporters
from tmqa.context import Context
from tmqa.decision import Selection, failing
from tmqa.engine import Checker, Report, run_check
from tmqa.errors import InputError
from tmqa.model import Glossary
from tmqa.output import write_text
from tmqa.rules.registry import is_code_prefix
from tmqa.signature import check_signature, rules_digest


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


def run(args: argparse.Namespace) -> int:
    if not args.paths:
        raise InputError(None, "check: no TMX file or directory given")
    fmt = args.format or "text"
    if fmt not in reporters.FORMATS:
        raise InputError(None, f"--format: unknown format {fmt!r} (choose {', '.join(reporters.FORMATS)})")
    selection = Selection(
        select=_validated(_flatten(args.select), "--select") or ("ALL",),
        ignore=_validated(_flatten(args.ignore), "--ignore"),
        extend_select=_validated(_flatten(args.extend_select), "--extend-select"),
    )
    glossary = load_glossaries(args.glossary)
    checker = Checker(selection, Context(glossary), use_suppressions=not args.no_suppressions)
    report = Report()
    for info, finding in run_check(
        args.paths,
        checker,
        source_lang=args.source_lang,
        target_lang=args.target_lang,
        allow_huge=args.allow_huge,
    ):
        if finding is None:
            report.files.append(info)
        else:
            report.findings.append(finding)
    report.signature = check_signature(
        glossary.digest if glossary else "",
        rules_digest((r.code, checker._severity[r.code].label) for r in checker.gates + checker.rules),
    )
    render = reporters.get(fmt)
    write_text(args.output, lambda out: render(report, out), inputs=[i.path for i in report.files])
    return exitcodes.for_result(failing(report.findings, args.fail_on or "error"))
