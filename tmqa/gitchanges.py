"""``--changed-since REF``: the files git reports as changed since a revision, or untracked."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence

from tmqa.errors import InputError


def _git(args: Sequence[str], cwd: str | None = None) -> str:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise InputError(None, "--changed-since: git is not installed") from None
    if proc.returncode != 0:
        detail = proc.stderr.strip().splitlines()
        raise InputError(None, f"--changed-since: git {args[0]} failed: "
                         f"{detail[-1] if detail else proc.returncode}")
    return proc.stdout


def changed_files(ref: str, paths: Sequence[str]) -> set[str]:
    """Real paths of files changed between ``ref`` and the working tree, or untracked, under
    ``paths``.

    ``git diff --name-only REF`` compares the revision with the working tree, so committed,
    staged and unstaged edits all count; deleted files do not (there is nothing to check).
    Untracked files that ``.gitignore`` does not exclude count too: a new memory is a change.
    """
    if ref.startswith("-"):
        # Would be read by git as an option.
        raise InputError(None, f"--changed-since: invalid revision {ref!r}")
    top = _git(["rev-parse", "--show-toplevel"]).strip()
    specs = [os.path.abspath(p) for p in paths] or [top]
    diff = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", ref, "--", *specs],
                cwd=top)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--", *specs], cwd=top)
    names = [n for n in (diff + untracked).split("\0") if n]
    return {os.path.realpath(os.path.join(top, n)) for n in names}


def only_changed(files: Sequence[str], ref: str, paths: Sequence[str]) -> list[str]:
    """The members of ``files`` (already discovered under ``paths``) changed since ``ref``."""
    changed = changed_files(ref, paths)
    return [f for f in files if os.path.realpath(f) in changed]
