"""docs/ci.md: every ``tmqa`` command in its code blocks runs on the bundled corpus, and the CI
snippets upload exactly the files those commands write."""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml  # type: ignore[import-untyped]
from lxml import etree

from tests.conftest import ROOT
from tmqa.cli import build_parser

Run = Callable[..., tuple[int, str, str]]
DOC = ROOT / "docs" / "ci.md"
SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def _blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(DOC.read_text(encoding="utf-8"))]


def _commands(block: str) -> list[str]:
    """Lines that run tmqa: shell lines, YAML ``run: |`` bodies and GitLab ``script`` items."""
    out = []
    for raw in block.replace("\\\n", " ").splitlines():
        line = raw.strip()
        for prefix in ("- ", "run: ", "$ "):
            if line.startswith(prefix):
                line = line[len(prefix):].strip()
        if line.startswith("tmqa "):
            out.append(line)
    return out


CASES = [
    (i, j, cmd) for i, (_, block) in enumerate(_blocks()) for j, cmd in enumerate(_commands(block))
]


def _has_command(name: str) -> bool:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return name in (sub.choices or {})


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout-like directory: the bundled corpus and glossaries, no configuration."""
    (tmp_path / ".git").mkdir()  # stops the configuration search here
    for name in ("corpora", "glossaries"):
        os.symlink(ROOT / name, tmp_path / name, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for var in ("GITHUB_ACTIONS", "CI"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


def test_doc_has_runnable_snippets() -> None:
    kinds = [k for k, _ in _blocks()]
    assert kinds.count("yaml") >= 3 and "sh" in kinds
    assert len(CASES) >= 5
    assert any(cmd.startswith("tmqa score ") for _, _, cmd in CASES)
    for fmt in ("sarif", "gitlab", "junit"):
        assert any(f"--format {fmt}" in cmd for _, _, cmd in CASES), fmt


def _check_output(argv: list[str]) -> None:
    """The report a command wrote with ``--output`` is what its format promises."""
    if "--output" not in argv:
        return
    path = Path(argv[argv.index("--output") + 1])
    fmt = argv[argv.index("--format") + 1] if "--format" in argv else "text"
    text = path.read_text(encoding="utf-8")
    if fmt == "sarif":
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(json.loads(text)))
        assert not errors, errors[0].message
    elif fmt == "gitlab":
        issues = json.loads(text)
        assert isinstance(issues, list)
        assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i)
                   for i in issues)
    elif fmt == "junit":
        root = etree.fromstring(text.encode())
        assert root.tag == "testsuites" and int(root.get("tests", "0")) == 13


@pytest.mark.parametrize(("block", "index", "command"), CASES,
                         ids=[f"block{i}-{j}-{c.split()[1]}" for i, j, c in CASES])
def test_documented_command_runs(
    block: int, index: int, command: str, workdir: Path, run_tmqa: Run
) -> None:
    argv = shlex.split(command)[1:]
    if not _has_command(argv[0]):
        pytest.skip(f"`tmqa {argv[0]}` does not exist yet: {command}")
    # Replay the commands before this one in the same snippet (a baseline is written first).
    for earlier in _commands(_blocks()[block][1])[:index]:
        rc, _, err = run_tmqa(*shlex.split(earlier)[1:])
        assert rc in (0, 1), f"{earlier}: {err}"
    rc, out, err = run_tmqa(*argv)
    assert rc in (0, 1), f"{command}: exit {rc}: {err}"
    _check_output(argv)
    if "--write-baseline" in argv:
        assert rc == 0 and Path(argv[argv.index("--write-baseline") + 1]).exists()
    if "--baseline" in argv:
        # The run right after the baseline was written reports nothing new.
        assert rc == 0 and "baselined in" in err, out + err
    if argv[0] == "score":
        assert rc == 0, f"the bundled good candidate should pass the documented gate: {out}"


def _yaml_blocks() -> list[Any]:
    return [yaml.safe_load(b) for k, b in _blocks() if k == "yaml"]


def test_github_workflow_uploads_the_sarif_it_writes() -> None:
    workflow = next(d for d in _yaml_blocks() if isinstance(d, dict) and "jobs" in d)
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["tmqa"]["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["if"] == "always()"
    assert f"--output {upload['with']['sarif_file']}" in runs
    assert "tmqa score " in runs and "--min-" in runs


def test_gitlab_job_publishes_code_quality_and_junit() -> None:
    job = next(d["tmqa"] for d in _yaml_blocks() if isinstance(d, dict) and "tmqa" in d)
    script = " ".join(job["script"])
    reports = job["artifacts"]["reports"]
    assert job["artifacts"]["when"] == "always"
    assert f"--format gitlab --output {reports['codequality']}" in script
    assert f"--format junit --output {reports['junit']}" in script


def test_pre_commit_snippet_uses_the_shipped_hook_ids() -> None:
    config = next(d for d in _yaml_blocks() if isinstance(d, dict) and "repos" in d)
    ids = {h["id"] for r in config["repos"] for h in r["hooks"]}
    shipped = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert ids == shipped
