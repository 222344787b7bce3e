"""Number rules (N1xx): the numbers of the source and the target must be the same values."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator

from tmqa.context import Context
from tmqa.locale.numbers import (
    IDENTIFIER,
    PERCENT,
    Number,
    NumberDiff,
    compare_numbers,
    format_value,
    numbers_agree,
)
from tmqa.model import Severity, Unit
from tmqa.rules.registry import Problem, rule

_MEMO = "numbers.diff"

# Units whose numbers were found to agree, least recently used dropped first: memories repeat
# units a lot, and most agree, so the repeat needs no second reading. Only the texts are kept,
# which the garbage collector ignores (cached Number objects cost its full passes more than
# the cache saved). Units without numbers are not worth a place: their test is cheaper.
_AGREE_SIZE = 16384
_AGREE_MAX_TEXT = 1000
_agree: OrderedDict[tuple[str, str, str, str], None] = OrderedDict()


def number_diff(unit: Unit, ctx: Context) -> NumberDiff:
    """The number comparison of this unit, computed once for every rule that asks."""
    target = unit.target
    if target is None:
        return NumberDiff()
    return ctx.memo(
        _MEMO,
        lambda: compare_numbers(
            unit.source.plain, unit.source_lang, target.plain, unit.target_lang
        ),
    )


@rule("N101", "number-mismatch", Severity.ERROR)
def number_mismatch(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The numbers of the target are not those of the source, compared by value as multisets.

    Each side is read with its own language's conventions (`tmqa.locale.numbers`), so a
    number is the same whatever its notation: `19,4 millions` = `19.4 million` = 19400000,
    `1 200` (space, U+00A0 or U+202F) = `1,200`, `12,5 %` = `12.5%`, `1er` = `1st`. A
    difference is forgiven when another reading of the same surface matches (`1 200` as 1
    and 200, `2 p.m.` as 14, `2019-20` as 2020), when the other side spells the number in
    words (`trois`, `May` for 5 next to a day, `XXIe` for 21, `zeroth`, `un tiers` for 1/3;
    `nul`, `négatif`, `positive`, `nonzero` for a 0 compared with a sign: `>= 0`), when the
    other side writes it as part of a range whose ends both sides have (`7, 8 ou 9` /
    `7-9`), or when it is part of an identifier on the other side (`COVID-19`).
    Identifiers are names, not counts: one written more often on one side (`EXPR1` again
    in a description) or with the
    same digits and other letters (`FICHIER1` / `FILE1`, a translated metavariable) is no
    finding, while `G7` / `G8` or `Cortex-A8` / `Cortex-A53` is. A `v` before a dotted
    number marks a version (`v2.33`, `TLSv1.3` read as 2.33 and 1.3). The same text on both
    sides is never a finding, whatever the two languages make of its notation (an
    untranslated target is S102's). URLs, e-mail addresses, placeholders (printf with flags,
    widths and precisions such as `%-17s`, `%10.10A`, `%3$.*2$s`, and the `0x` of `0x%x`),
    markup and phone numbers are not compared (other rules own them).

    One finding per unit, on the target: its span is the first extra number of the target,
    or the whole target when numbers are only missing. The message shows both multisets
    and what is missing and extra, e.g. `numbers differ: source {2023, 19400000}, target
    {2023, 19500000}; missing 19400000; extra 19500000`. No options.

    Cannot judge: numbers written in words on both sides in different values (`deux` /
    `three`); a conversion the translator made on purpose (miles to kilometres, a
    currency), which is reported and can be suppressed with `x-tmqa-ignore`.

    ## Why is this bad?
    A wrong number is the most expensive translation error there is: a price, a dose, a
    date or a legal deadline that reads fluently and says something else.

    ## Example
    source (fr): `un contrat de 19,4 millions de dollars signé en 2023`
    target (en): `a $19.5 million contract signed in 2023`
    Use instead: `a $19.4 million contract signed in 2023`
    """
    target = unit.target
    if target is None or numbers_agree(
        unit.source.plain, unit.source_lang, target.plain, unit.target_lang
    ):
        return
    key = (unit.source.plain, unit.source_lang, target.plain, unit.target_lang)
    if key in _agree:
        _agree.move_to_end(key)
        return
    diff = number_diff(unit, ctx)
    if diff.ok:
        if (diff.source or diff.target) and len(key[0]) + len(key[2]) <= _AGREE_MAX_TEXT:
            _agree[key] = None
            if len(_agree) > _AGREE_SIZE:
                _agree.popitem(last=False)
        return
    source, target_set = _listed(diff.source), _listed(diff.target)
    parts = [f"numbers differ: source {{{source}}}, target {{{target_set}}}"]
    if diff.missing:
        parts.append(f"missing {_listed(diff.missing)}")
    if diff.extra:
        parts.append(f"extra {_listed(diff.extra)}")
    span = diff.extra[0].span if diff.extra else (0, len(target.plain))
    yield Problem("target", span, "; ".join(parts))


def _shown(n: Number) -> str:
    if n.kind == IDENTIFIER:
        return n.text
    return format_value(n.value) + ("%" if n.kind == PERCENT else "")


def _listed(numbers: Iterable[Number]) -> str:
    """Values in numeric order, identifiers as written, percentages with their sign."""
    ordered = sorted(numbers, key=lambda n: (n.kind == IDENTIFIER, n.value, n.span))
    return ", ".join(_shown(n) for n in ordered)
