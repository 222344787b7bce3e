"""Reporters: each formats a finished ``Report``; none of them filters or decides anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TextIO

from tmqa.engine import Report
from tmqa.model import Finding

Renderer = Callable[[Report, TextIO], None]


def describe(f: Finding) -> str:
    """A finding's message with its unit and suggestion, for formats with one message field."""
    hint = f" (suggestion: {f.suggestion})" if f.suggestion else ""
    return f"[{f.tuid}] {f.message}{hint}"


def get(name: str) -> Renderer:
    """The ``render`` function of the reporter called ``name``."""
    if name == "text":
        from tmqa.reporters.text import render
    elif name == "json":
        from tmqa.reporters.json import render
    elif name == "sarif":
        from tmqa.reporters.sarif import render
    elif name == "junit":
        from tmqa.reporters.junit import render
    elif name == "github":
        from tmqa.reporters.github import render
    elif name == "gitlab":
        from tmqa.reporters.gitlab import render
    elif name == "jsonl":
        from tmqa.reporters.jsonl import render
    else:
        raise KeyError(name)
    return render


class Streamer(NamedTuple):
    """A format written as findings arrive: one call per finding, one summary at the end."""

    line: Callable[[Finding, TextIO], None]
    summary: Callable[[Report, TextIO], None]


def streaming(name: str) -> Streamer | None:
    """The streaming writer of a format, or None for formats that need the whole report."""
    if name == "text":
        from tmqa.reporters import text as mod
    elif name == "github":
        from tmqa.reporters import github as mod  # type: ignore[no-redef]
    elif name == "jsonl":
        from tmqa.reporters import jsonl as mod  # type: ignore[no-redef]
    else:
        return None
    return Streamer(mod.line, mod.summary)


FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "gitlab")
