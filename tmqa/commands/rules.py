"""``tmqa rules``: list the registry or print one rule's documentation."""

from __future__ import annotations

import argparse
import json
import sys

from tmqa import exitcodes
from tmqa.errors import InputError
from tmqa.rules.registry import Rule, all_rules, lookup


def markdown_table(rules: list[Rule]) -> str:
    """The README's rule table, generated from the registry."""
    lines = ["| code | name | severity | what it checks |", "|---|---|---|---|"]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| {r.code} | `{r.name}` | {r.severity.label} | {summary} |")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    if args.rule:
        found = lookup(args.rule)
        if found is None:
            raise InputError(None, f"unknown rule {args.rule!r} (see `tmqa rules`)")
        sys.stdout.write(f"{found.code} {found.name} ({found.severity.label})\n\n{found.doc}\n")
        return exitcodes.CLEAN
    rules = all_rules()
    if args.format == "markdown":
        sys.stdout.write(markdown_table(rules))
    elif args.format == "json":
        json.dump(
            [
                {"code": r.code, "name": r.name, "severity": r.severity.label, "summary": r.summary}
                for r in rules
            ],
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        width = max(len(r.name) for r in rules)
        for r in rules:
            sys.stdout.write(f"{r.code}  {r.name:<{width}}  {r.severity.label:<7}  {r.summary}\n")
    return exitcodes.CLEAN
