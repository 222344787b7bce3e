"""Meta-tests: rule documentation, the README's rule table and commands, exit codes, .ci/run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable

from tests.conftest import ROOT
from tmqa import exitcodes
from tmqa.commands.rules import markdown_table
from tmqa.rules.registry import CODE_RE, NAME_RE, all_rules

Run = Callable[..., tuple[int, str, str]]
README = ROOT / "README.md"


def _readme_block(name: str) -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", text, re.S)
    assert m, f"README lacks the {name} markers"
    return m.group(1)


def test_every_rule_is_documented() -> None:
    rules = all_rules()
    assert rules
    for r in rules:
        assert CODE_RE.match(r.code) and NAME_RE.match(r.name)
        lines = r.doc.splitlines()
        assert lines[0].strip().endswith("."), f"{r.code}: first line must be a sentence"
        why = r.doc.index("## Why is this bad?")
        example = r.doc.index("## Example")
        assert why < example, f"{r.code}: sections out of order"
        assert r.doc[why + 20 : example].strip(), f"{r.code}: empty 'Why is this bad?'"
        assert r.doc[example + 10 :].strip(), f"{r.code}: empty example"


def test_readme_rule_table_is_current() -> None:
    assert _readme_block("rules-table") == markdown_table(all_rules()), (
        "README rule table is stale: regenerate with `python scripts/update_readme.py`"
    )


def test_rules_command_lists_every_rule(run_tmqa: Run) -> None:
    rc, out, _ = run_tmqa("rules")
    assert rc == 0
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == [r.code for r in all_rules()]
    rc, out, _ = run_tmqa("rules", "--format", "json")
    assert [r["code"] for r in json.loads(out)] == listed


def test_rules_command_shows_one_rule_by_code_or_name(run_tmqa: Run) -> None:
    rc, out, _ = run_tmqa("rules", "S101")
    assert rc == 0 and out.startswith("S101 empty-target (error)") and "## Why is this bad?" in out
    rc, out2, _ = run_tmqa("rules", "empty-target")
    assert out2 == out
    rc, _, err = run_tmqa("rules", "Z999")
    assert rc == 2 and "unknown rule" in err


def test_exit_codes_are_pinned() -> None:
    assert (exitcodes.CLEAN, exitcodes.FINDINGS, exitcodes.USAGE_OR_INPUT) == (0, 1, 2)


def test_usage_error_exits_2(run_tmqa: Run) -> None:
    rc, _, err = run_tmqa("check", "corpora", "--select", "Q9")
    assert rc == 2 and "unknown rule code" in err
    rc, _, err = run_tmqa("check", "corpora", "--fail-on", "sometimes")
    assert rc == 2 and len(err.strip().splitlines()) == 1


def test_readme_commands_and_ci_agree() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", text, re.S)
    assert len(blocks) >= 2
    run_cmd, test_cmd = blocks[0].strip(), blocks[1].strip()
    assert run_cmd.startswith("pip install . && tmqa check corpora/")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in ci
    assert test_cmd in ci.splitlines(), ".ci/run must run exactly the README's test command"


def test_python_dash_m_and_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tmqa", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and re.fullmatch(r"tmqa \d+\.\d+\.\d+\n", proc.stdout)


def test_rules_find_nothing_on_units_without_what_they_need() -> None:
    """The engine skips a rule declaring ``needs=`` on units lacking that; prove the skip is
    lossless on every fixture and sample unit (also with the feature stripped away)."""
    from dataclasses import replace

    from tmqa.context import Context
    from tmqa.model import Text
    from tmqa.readers.tmx import read_tmx

    paths = sorted((ROOT / "tests" / "fixtures").rglob("*.tmx")) + sorted(
        (ROOT / "corpora").glob("*.tmx")
    )
    units = [u for p in paths for u in read_tmx(str(p))]
    # Strip each feature from every unit too, so rules see the same texts without it.
    plain = [
        replace(
            u,
            anomalies=(),
            props=(),
            source=Text(u.source.plain, (u.source.plain,)),
            target=None if u.target is None else Text(u.target.plain, (u.target.plain,)),
        )
        for u in units
    ]
    needy = [r for r in all_rules() if r.needs]
    assert {r.needs for r in needy} == {"anomalies", "codes", "props"}
    lacking = {
        "anomalies": lambda u: not u.anomalies,
        "codes": lambda u: not (u.source.has_codes or (u.target and u.target.has_codes)),
        "props": lambda u: not u.props,
    }
    checked = 0
    for u in units + plain:
        for r in needy:
            if lacking[r.needs](u):
                ctx = Context()
                ctx.begin_unit()
                assert list(r.func(u, ctx)) == [], (r.code, u.file, u.tuid)
                checked += 1
    assert checked > 1000
