"""The pre-commit hooks: the manifest is valid, and ``pre-commit try-repo`` runs the ``tmqa`` hook.

The try-repo test installs tmqa from a committed copy of this working tree into pre-commit's own
virtualenv, so it needs the package index; set ``TMQA_OFFLINE=1`` to skip it without network.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]

from tests.conftest import ROOT
from tmqa.cli import build_parser

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
# Never copied into the throwaway repository: VCS data, virtualenvs, caches, build output.
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "venv", ".ci", "*.egg-info", "__pycache__", ".pytest_cache", ".mypy_cache",
    ".ruff_cache", ".hypothesis", "build", "dist", "out", "fuzz",
)
GIT_ID = ["-c", "user.name=tmqa-test", "-c", "user.email=tmqa-test@example.org",
          "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]

BAD_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
 adminlang="en" srclang="fr-FR" datatype="plaintext"/><body>
<tu tuid="1"><tuv xml:lang="fr-FR"><seg>Le contrat a été annulé.</seg></tuv>
<tuv xml:lang="en-US"><seg></seg></tuv></tu>
</body></tmx>
"""
GOOD_TMX = BAD_TMX.replace("<seg></seg>", "<seg>The contract was cancelled.</seg>")
BLANKET_TMX = GOOD_TMX.replace('<tu tuid="1">', '<tu tuid="1"><prop type="x-tmqa-ignore"/>')


def _hooks() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return {h["id"]: h for h in data}


def test_manifest_is_valid_for_pre_commit() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_hook_definitions() -> None:
    hooks = _hooks()
    assert set(hooks) == {"tmqa", "tmqa-glossary"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["require_serial"] is True
    assert hooks["tmqa"]["entry"] == "tmqa check"
    assert hooks["tmqa-glossary"]["entry"] == "tmqa glossary lint"
    tmx, glossary = re.compile(hooks["tmqa"]["files"]), re.compile(hooks["tmqa-glossary"]["files"])
    assert tmx.search("tm/a.tmx") and tmx.search("B.TMX") and not tmx.search("a.tmx.bak")
    assert all(glossary.search(f"g/x.{ext}") for ext in ("tbx", "csv", "tsv", "TBX"))
    assert not glossary.search("a.tmx")
    # The entries are real commands of the CLI (pre-commit appends the file names).
    parser = build_parser()
    for hook, name in ((hooks["tmqa"], "x.tmx"), (hooks["tmqa-glossary"], "x.tbx")):
        argv = shlex.split(hook["entry"])
        assert argv[0] == "tmqa"
        parser.parse_args([*argv[1:], name])


def _git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", *GIT_ID, *args], cwd=cwd, capture_output=True, text=True,
                          check=True)
    return proc.stdout


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False, timeout=900)


@pytest.mark.integration
@pytest.mark.skipif(os.environ.get("TMQA_OFFLINE") == "1", reason="TMQA_OFFLINE=1: no index")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_try_repo_fails_on_bad_tmx_and_passes_on_clean(tmp_path: Path) -> None:
    # A committed copy of the working tree (which may hold uncommitted edits): pre-commit
    # clones the hook repository, so only committed files would reach its virtualenv.
    hook_repo = tmp_path / "tmqa-repo"
    shutil.copytree(ROOT, hook_repo, ignore=IGNORED)
    _git(hook_repo, "init", "-q")
    _git(hook_repo, "add", "-A")
    _git(hook_repo, "commit", "-q", "-m", "snapshot")
    rev = _git(hook_repo, "rev-parse", "HEAD").strip()

    work = tmp_path / "translations"
    work.mkdir()
    (work / "bad.tmx").write_text(BAD_TMX, encoding="utf-8")
    (work / "good.tmx").write_text(GOOD_TMX, encoding="utf-8")
    (work / "blanket.tmx").write_text(BLANKET_TMX, encoding="utf-8")
    # The repository's own configuration: a blanket suppression fails here, though X001 is
    # only a warning by default.
    (work / "tmqa.toml").write_text('[severity]\nX001 = "error"\n', encoding="utf-8")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: tmqa\n",
        encoding="utf-8",
    )
    _git(work, "init", "-q")
    _git(work, "add", "-A")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GITHUB_"))}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env.pop("VIRTUAL_ENV", None)

    bad = _pre_commit(work, env, "try-repo", str(hook_repo), "tmqa", "--files", "bad.tmx")
    output = bad.stdout + bad.stderr
    if "Could not find a version" in output or "Failed to establish a new connection" in output:
        pytest.fail(f"pre-commit could not install tmqa (no package index?); set TMQA_OFFLINE=1 "
                    f"to skip this test offline.\n{output}")
    assert bad.returncode == 1, output
    assert "bad.tmx:4: S101 empty-target [1] target is empty; source has text" in output

    good = _pre_commit(work, env, "try-repo", str(hook_repo), "tmqa", "--files", "good.tmx")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    blanket = _pre_commit(work, env, "try-repo", str(hook_repo), "tmqa", "--files", "blanket.tmx")
    assert blanket.returncode == 1, blanket.stdout + blanket.stderr
    assert "X001 blanket-suppression" in blanket.stdout

    # The same hook through the repository's own .pre-commit-config.yaml.
    run = _pre_commit(work, env, "run", "tmqa", "--files", "good.tmx", "bad.tmx")
    assert run.returncode == 1 and "bad.tmx:4: S101" in run.stdout, run.stdout + run.stderr
