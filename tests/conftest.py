"""Shared pytest fixtures: run ``tmqa.cli.main`` in-process, locate shared/ samples."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tmqa.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests expect tmqa's defaults: no GitHub format switch, no progress bar, no user config."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def run_tmqa(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Call ``main(argv)`` and return ``(exit code, stdout, stderr)``."""

    def run(*argv: str) -> tuple[int, str, str]:
        rc = main(list(argv))
        out, err = capsys.readouterr()
        return rc, out, err

    return run


def shared_path(*parts: str) -> Path:
    """A file under ../shared, skipping the test when shared/ is not beside the checkout."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (shared/ is absent)")
    return path


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    p = tmp_path / name
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return os.fspath(p)
