"""Structure rules (X0xx): problems with the memory's own markup, such as suppression props."""

from __future__ import annotations

from collections.abc import Iterator

import tmqa.engine as engine
from tmqa.context import Context
from tmqa.model import Severity, Unit
from tmqa.rules.registry import Problem, rule

# Values that read as "everything": the engine honours none of them, as it honours no empty one.
_BLANKET = frozenset({"ALL", "*"})
# tmqa.engine imports the registry, which imports this module: read its constant at call time.


@rule("X001", "blanket-suppression", Severity.WARNING)
def blanket_suppression(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """A unit's `x-tmqa-ignore` prop names no rule code: it is empty, or says `ALL` or `*`.

    tmqa suppresses only the codes (or code prefixes, such as `T` or `N1`) a
    `<prop type="x-tmqa-ignore">` lists, separated by commas or semicolons. A bare, empty or
    catch-all prop suppresses nothing; this rule reports it so that the intent is written
    down. The finding is reported on the source side with an empty span, since the prop is
    in neither text. `--no-suppressions` turns every suppression off for an audit.

    ## Why is this bad?
    A blanket suppression would hide every present and future finding on the unit, including
    errors nobody looked at (a wrong number added by a later edit). Naming the codes keeps
    the exemption as narrow as the reason for it.

    ## Example
    `<tu tuid="42"><prop type="x-tmqa-ignore"></prop>...</tu>`
    Use instead: `<tu tuid="42"><prop type="x-tmqa-ignore">N101,P103</prop>...</tu>`
    """
    if not unit.props:
        return
    prop = engine.SUPPRESS_PROP
    for value in unit.prop_values(prop):
        codes = [c.strip().upper() for c in value.replace(";", ",").split(",") if c.strip()]
        if not codes:
            yield Problem(
                "source", (0, 0), f"empty {prop} prop suppresses nothing: name the codes"
            )
        else:
            for code in codes:
                if code in _BLANKET:
                    yield Problem(
                        "source",
                        (0, 0),
                        f"{prop} {code!r} is a blanket suppression and is not honoured: "
                        "name the codes",
                    )
