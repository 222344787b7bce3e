"""Command-line interface: argument parsing and dispatch; every command returns an exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tmqa import __version__, exitcodes
from tmqa.decision import FAIL_ON_CHOICES
from tmqa.errors import InputError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own usage errors: one line, exit code 2, like every input error.
        self.exit(exitcodes.USAGE_OR_INPUT, f"{self.prog}: error: {message}\n")


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tmqa", description="Translation and terminology QA for TMX and TBX.")
    parser.add_argument("--version", action="version", version=f"tmqa {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="check TMX files")
    check.add_argument("paths", nargs="*", metavar="PATH", help="TMX files or directories")
    check.add_argument("--glossary", "-g", action="append", default=[], metavar="FILE")
    check.add_argument("--source-lang", "-s")
    check.add_argument("--target-lang", "-t")
    check.add_argument("--select", action="append", type=_codes, metavar="CODES")
    check.add_argument("--ignore", action="append", type=_codes, metavar="CODES")
    check.add_argument("--extend-select", action="append", type=_codes, metavar="CODES")
    check.add_argument("--fail-on", choices=FAIL_ON_CHOICES)
    check.add_argument(
        "--format",
        "-f",
        dest="format",
        help="text, json, sarif, junit, github or gitlab (default: text; "
        "github when GITHUB_ACTIONS=true)",
    )
    check.add_argument("--output", "-o", metavar="FILE")
    check.add_argument(
        "--no-suppressions",
        action="store_true",
        help="ignore x-tmqa-ignore props in the TMX (audit)",
    )
    check.add_argument(
        "--allow-huge",
        action="store_true",
        help="lift libxml2's 10 MB text-node and depth-256 limits (trusted files)",
    )
    check.add_argument(
        "--config",
        metavar="FILE",
        help="read this tmqa.toml / pyproject.toml instead of searching for one",
    )
    check.add_argument("--isolated", action="store_true", help="ignore configuration files")
    check.add_argument("--baseline", metavar="FILE", help="drop findings recorded in FILE")
    check.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record every current finding in FILE and exit 0 (no report)",
    )
    check.add_argument(
        "--baseline-strict",
        action="store_true",
        help="fail when baseline entries no longer match any finding",
    )
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="check only TMX files git reports as changed since REF (or untracked)",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="worker processes (default: all cores for inputs over ~3,000 units)",
    )
    check.add_argument(
        "--no-progress", action="store_true", help="never show the progress line on a terminal"
    )

    rules = sub.add_parser("rules", help="list rules or show one rule's documentation")
    rules.add_argument("rule", nargs="?", metavar="CODE_OR_NAME")
    rules.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    from tmqa.commands.score import add_arguments as add_score_arguments

    add_score_arguments(
        sub.add_parser(
            "score",
            help="score candidate translations (BLEU, chrF, TER, term accuracy) against references",
        )
    )

    glossary = sub.add_parser("glossary", help="glossary tools")
    gsub = glossary.add_subparsers(dest="glossary_command", parser_class=_Parser)
    from tmqa.glossary_lint import epilog

    lint = gsub.add_parser(
        "lint",
        help="lint glossary files",
        description="Check glossaries for duplicates, conflicts and formatting slips.",
        epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lint.add_argument("files", nargs="+", metavar="FILE")
    lint.add_argument("--source-lang", "-s")
    lint.add_argument("--target-lang", "-t")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else exitcodes.USAGE_OR_INPUT
    try:
        if args.command == "check":
            from tmqa.commands.check import run

            return run(args)
        if args.command == "rules":
            from tmqa.commands.rules import run as run_rules

            return run_rules(args)
        if args.command == "score":
            from tmqa.commands.score import run as run_score

            return run_score(args)
        if args.command == "glossary" and args.glossary_command == "lint":
            from tmqa.commands.glossary import lint

            return lint(args)
        parser.print_help(sys.stderr)
        return exitcodes.USAGE_OR_INPUT
    except InputError as exc:
        print(f"tmqa: error: {exc}", file=sys.stderr)
        return exitcodes.USAGE_OR_INPUT
    except KeyboardInterrupt:
        print("tmqa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``tmqa ... | head``); not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return exitcodes.CLEAN


if __name__ == "__main__":
    sys.exit(main())
