"""Per-unit text helpers shared by rules: memoised token scans and inline-code positions."""

from __future__ import annotations

from tmqa.context import Context
from tmqa.model import Side, Text, Unit
from tmqa.patterns import Scan, scan

# Spaces that French typography and double-space checks reason about. Tabs and line breaks
# are layout, not spacing, and are left alone.
SPACES = " \u00a0\u202f\u2007\u2009\u3000"
NO_BREAK_SPACES = "\u00a0\u202f"

_MEMO_SCAN = {"source": "scan:source", "target": "scan:target"}
_MEMO_SPACELESS = {"source": "spaceless:source", "target": "spaceless:target"}
# Not whitespace to str.split(), but no more visible than a space.
ZERO_WIDTH = ("\u200b", "\u2060", "\ufeff")
_MEMO_CODES = {"source": "codes:source", "target": "codes:target"}


def scanned(unit: Unit, side: Side, ctx: Context) -> Scan:
    """The token scan of one side, computed once per unit for every rule that asks."""
    memo = ctx.unit_memo
    key = _MEMO_SCAN[side]
    found: Scan | None = memo.get(key)
    if found is None:
        found = memo[key] = scan(unit.text(side).plain)
    return found


def spaceless(text: str) -> str:
    """``text`` without any whitespace (NBSP, NNBSP, thin and ideographic spaces included,
    as str.split() knows them) or zero-width space: how S102, C101 and C102 compare texts."""
    text = "".join(text.split())
    if not text.isascii():
        for ch in ZERO_WIDTH:
            if ch in text:
                text = text.replace(ch, "")
    return text


def unit_spaceless(unit: Unit, side: Side, ctx: Context) -> str:
    """:func:`spaceless` of one side, computed once per unit for every rule that asks."""
    memo = ctx.unit_memo
    key = _MEMO_SPACELESS[side]
    found: str | None = memo.get(key)
    if found is None:
        found = memo[key] = spaceless(unit.text(side).plain)
    return found


def code_offsets(unit: Unit, side: Side, ctx: Context) -> frozenset[int]:
    """Offsets in the plain text where an inline code sits (``Click <ph/> to`` -> {6})."""
    text = unit.text(side)
    if not text.has_codes:
        return frozenset()
    memo = ctx.unit_memo
    key = _MEMO_CODES[side]
    found: frozenset[int] | None = memo.get(key)
    if found is None:
        found = memo[key] = _offsets(text)
    return found


def _offsets(text: Text) -> frozenset[int]:
    return frozenset(r.offset for r in text.runs if not isinstance(r, str))
