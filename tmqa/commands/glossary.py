"""``tmqa glossary lint``: check glossary files themselves; exit 1 on problems, 2 on bad input."""

from __future__ import annotations

import argparse
import sys

from tmqa import exitcodes
from tmqa.errors import InputError
from tmqa.glossary_lint import lint_file


def _plural(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def lint(args: argparse.Namespace) -> int:
    """Lint every file, one line per problem, then a summary; unreadable files exit 2."""
    out = sys.stdout
    problems = warnings = entries = 0
    files_with_problems = 0
    unreadable = 0
    for path in args.files:
        try:
            found, count = lint_file(path, args.source_lang, args.target_lang)
        except InputError as exc:
            # Keep going: the other files' problems are still worth reporting.
            print(f"tmqa: error: {exc}", file=sys.stderr)
            unreadable += 1
            continue
        entries += count
        for problem in found:
            out.write(f"{problem}\n")
        problems += len(found)
        warnings += sum(1 for p in found if p.severity == "warning")
        files_with_problems += bool(found)
    checked = len(args.files) - unreadable
    if problems:
        detail = f" ({_plural(warnings, 'warning')})" if warnings else ""
        out.write(
            f"Found {_plural(problems, 'problem')}{detail} in {files_with_problems} of "
            f"{_plural(checked, 'file')} ({_plural(entries, 'entry', 'entries')}).\n"
        )
    elif checked:
        out.write(
            f"No problems in {_plural(checked, 'file')} "
            f"({_plural(entries, 'entry', 'entries')}).\n"
        )
    out.flush()
    if unreadable:
        return exitcodes.USAGE_OR_INPUT
    return exitcodes.FINDINGS if problems else exitcodes.CLEAN
