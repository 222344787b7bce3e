"""Segment rules (S1xx): empty or untranslated targets, wrong language, length outliers."""

from __future__ import annotations

from collections.abc import Iterator

from tmqa.context import Context
from tmqa.model import Severity, Unit
from tmqa.rules.registry import Problem, rule


@rule("S101", "empty-target", Severity.ERROR, gate=True)
def empty_target(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The target is empty, or holds only whitespace and inline codes, while the source has text.

    A unit with no variant at all in the target language is left to the structure rules.
    When this rule fires, no other rule reports on the unit: every other finding would
    only restate that the translation is missing.

    ## Why is this bad?
    An empty target is a missing translation. Most CAT tools fall back to the source text
    or to nothing at all when they meet one, so the gap ships unnoticed.

    ## Example
    source: `Cliquez sur <bpt i="1"/>Enregistrer<ept i="1"/>.`
    target: `<bpt i="1"/><ept i="1"/>`
    Use instead: `Click <bpt i="1"/>Save<ept i="1"/>.`
    """
    if unit.target is None or not unit.source.has_text:
        return
    if not unit.target.has_text:
        what = "only inline codes" if unit.target.codes else "empty"
        yield Problem("target", (0, len(unit.target.plain)), f"target is {what}; source has text")
