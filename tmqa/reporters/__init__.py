"""Reporters: each formats a finished ``Report``; none of them filters or decides anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from tmqa.engine import Report

Renderer = Callable[[Report, TextIO], None]


def get(name: str) -> Renderer:
    """The ``render`` function of the reporter called ``name``."""
    if name == "text":
        from tmqa.reporters.text import render
    elif name == "json":
        from tmqa.reporters.json import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json")
