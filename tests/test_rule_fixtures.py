"""Golden fixtures: every rule has a TMX of violating and passing units with expectations inline.

Convention: ``tests/fixtures/rules/<CODE>-<name>.tmx``. Each ``<tu>`` that must raise the rule
carries ``<prop type="x-expect">CODE side start-end</prop>`` (one prop per expected finding,
``*`` for a span not pinned); a unit without an ``x-expect`` for the code must raise nothing
for it. A glossary with the same stem (``.tbx`` or ``.csv``) is loaded when present. The fixture
is checked with only that rule selected (plus S101, whose gating is part of every rule's contract).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tmqa.context import Context
from tmqa.decision import Selection
from tmqa.engine import Checker
from tmqa.readers.tmx import TmxReader
from tmqa.rules.registry import all_rules

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
FILES = sorted(FIXTURES.glob("*.tmx"))


def _glossary(tmx: Path) -> Context:
    for ext in (".tbx", ".csv", ".tsv"):
        g = tmx.with_suffix(ext)
        if g.exists():
            from tmqa.commands.check import load_glossaries

            return Context(load_glossaries([str(g)]))
    return Context()


def test_every_rule_has_a_fixture() -> None:
    have = {p.name.split("-", 1)[0] for p in FILES}
    missing = [r.code for r in all_rules() if r.code not in have]
    assert not missing, f"rules without a fixture in tests/fixtures/rules: {missing}"


@pytest.mark.parametrize("tmx", FILES, ids=[p.stem for p in FILES])
def test_fixture(tmx: Path) -> None:
    code = tmx.name.split("-", 1)[0]
    checker = Checker(Selection(select=(code,)), _glossary(tmx))
    units = list(TmxReader(str(tmx)))
    assert units, "fixture has no units"
    violating = passing = 0
    for unit in units:
        expected = Counter()
        for value in unit.prop_values("x-expect"):
            c, side, span = value.split()
            if c == code:
                expected[(side, span)] += 1
        got = Counter()
        for f in checker.check_unit(unit):
            if f.code != code:
                continue
            key_span = f"{f.span[0]}-{f.span[1]}"
            got[(f.side, key_span)] += 1
        # "*" in the fixture leaves the span unpinned.
        for (side, span), n in list(expected.items()):
            if span == "*":
                matched = [k for k in got if k[0] == side]
                assert matched, (
                    f"{tmx.name} tu {unit.tuid}: expected {code} on {side}, got {dict(got)}"
                )
                for k in matched[:n]:
                    got[k] -= 1
                    if got[k] == 0:
                        del got[k]
                del expected[(side, span)]
        assert got == expected, (
            f"{tmx.name} tu {unit.tuid} ({unit.source.plain!r} -> "
            f"{unit.target.plain if unit.target else None!r}): expected {dict(expected)}, got {dict(got)}"
        )
        if any(v.split()[0] == code for v in unit.prop_values("x-expect")):
            violating += 1
        else:
            passing += 1
    assert violating and passing, f"{tmx.name} needs both violating and passing units"
