"""Consistency rules (C1xx): one source translated several ways, one target from several sources."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from hashlib import blake2b

from tmqa.context import Context
from tmqa.digestindex import DigestTable, TuidArena
from tmqa.model import Severity, Side, Unit
from tmqa.rules.registry import Problem, rule
from tmqa.textutil import spaceless, unit_spaceless


def normalized(text: str, *, ignore_case: bool = False) -> str:
    """Text as the consistency rules compare it: no whitespace (NBSP and NNBSP included, so
    "12,5 %" with U+00A0 or U+202F and a doubled space are one wording); case folded when
    asked."""
    text = spaceless(text)
    return text.casefold() if ignore_case else text


def _digest(text: str) -> int:
    """An 8-byte BLAKE2b digest as an int: collisions need ~4 billion distinct texts."""
    return int.from_bytes(
        blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
    )


@functools.lru_cache(maxsize=64)
def _pair_digest(source_lang: str, target_lang: str) -> int:
    """Mixed into a key so that one text in two language pairs is two keys."""
    return _digest(f"{source_lang.lower()}\0{target_lang.lower()}")


_MEMO = "consistency.digests"
# (source digest, target digest, pair digest) of a unit, or _SKIP: computed once for both rules.
_SKIP = (0, 0, 0)


def _digests(unit: Unit, ctx: Context) -> tuple[int, int, int]:
    """Digests of both sides as written (whitespace dropped) and of the language pair."""
    target = unit.target
    # Skip what S101 (a gate) silences, so the state is the same whether or not the gate
    # ran first in this process: an empty target is not a translation to compare.
    if target is None or not target.has_text or not unit.source.has_text:
        return _SKIP
    return (
        _digest(unit_spaceless(unit, "source", ctx)),
        _digest(unit_spaceless(unit, "target", ctx)),
        _pair_digest(unit.source_lang, unit.target_lang),
    )


Prepared = tuple[int, int, int]


def _prepare(unit: Unit, ctx: Context, code: str, key_side: Side) -> Prepared | None:
    """The per-unit half (may run in a worker): digests of the key side and the other side.

    Returns ``(key digest, other digest, length of the other side)``, or None for a unit the
    rule skips.
    """
    memo = ctx.unit_memo
    digests = memo.get(_MEMO)
    if digests is None:
        digests = memo[_MEMO] = _digests(unit, ctx)
    if digests is _SKIP:
        return None
    d_source, d_target, pair = digests
    # The key text is compared as written (case included): "Save" and "SAVE" may rightly
    # have "Enregistrer" and "ENREGISTRER".
    if key_side == "source":
        target_text = unit.target.plain if unit.target is not None else ""
        key, other, other_text = d_source ^ pair, d_target, target_text
    else:
        key, other, other_text = d_target ^ pair, d_source, unit.source.plain
    # Options are rare: skip their lookup when none is set.
    if ctx.rule_options and bool(ctx.option(code, "ignore-case", False)):
        other = _digest(normalized(other_text, ignore_case=True))
    return key, other, len(other_text)


def _judge(
    unit: Unit, ctx: Context, code: str, key_side: Side, prepared: Prepared | None
) -> Iterator[Problem]:
    """The stateful half, in file order: compare with the first unit that had the same key.

    The run's state maps the key digest to the first unit seen with it: 32 bits of the
    digest of its other side and a reference to its (file, tuid) in an append-only arena.
    Texts are never kept: about 28 bytes per distinct segment (see tmqa.digestindex).
    """
    if prepared is None:
        return
    key, other, other_len = prepared
    state = ctx.state(code)
    table = state.get("table")
    if table is None:
        table = state["table"] = DigestTable()
        state["arena"] = TuidArena()
    arena: TuidArena = state["arena"]
    other32 = other & 0xFFFFFFFF
    first = table.get(key)
    if first is None:
        table.put(key, other32, arena.add(unit.file, unit.tuid))
        return
    first_other, ref = first
    if first_other == other32:
        return
    first_file, first_tuid = arena.get(ref)
    other_side: Side = "target" if key_side == "source" else "source"
    where = "" if first_file == unit.file else f" in {first_file}"
    yield Problem(
        other_side,
        (0, other_len),
        f"same {key_side} as unit {first_tuid}{where}, but a different {other_side}",
    )


def _prepare_c101(unit: Unit, ctx: Context) -> Prepared | None:
    return _prepare(unit, ctx, "C101", "source")


def _prepare_c102(unit: Unit, ctx: Context) -> Prepared | None:
    return _prepare(unit, ctx, "C102", "target")


@rule(
    "C101",
    "inconsistent-target",
    Severity.WARNING,
    cross_unit=True,
    options={"ignore-case": False},
    prepare=_prepare_c101,
)
def inconsistent_target(unit: Unit, ctx: Context, prepared: Prepared | None) -> Iterator[Problem]:
    """The same source is translated differently elsewhere in the run.

    Sources are the same when their plain text (inline codes left out) is equal once every
    whitespace character is removed; case counts ("Save" and "SAVE" are different sources).
    Every later unit whose target differs from the FIRST unit's target is reported on its
    target, naming that first unit's tuid (and file when another). Targets are compared the
    same way: whitespace ignored, case and punctuation significant, as Xbench does, since a
    capitalization or punctuation variant is a real inconsistency to settle. Option:
    `ignore-case` (false) to treat targets differing only in case as the same.

    Scope: one run (every file checked together), per language pair (fr-FR->en-US and
    fr-FR->en-GB are kept apart). Units with an empty target are skipped. State holds two
    8-byte digests and the first tuid per distinct source, never the texts.

    Cannot judge: whether the variation is legitimate (a sentence translated differently in
    two contexts); which of the variants is right.

    ## Why is this bad?
    A memory that offers two translations of one sentence makes every later match a coin
    toss and the product read inconsistently: users see one button called two names.

    ## Example
    unit 12: `Enregistrer` -> `Save`
    unit 40: `Enregistrer` -> `Store` (reported: same source as unit 12, but a different
    target)
    Use instead: one translation, `Save`, in both units.
    """
    return _judge(unit, ctx, "C101", "source", prepared)


@rule(
    "C102",
    "inconsistent-source",
    Severity.INFO,
    cross_unit=True,
    options={"ignore-case": False},
    prepare=_prepare_c102,
)
def inconsistent_source(unit: Unit, ctx: Context, prepared: Prepared | None) -> Iterator[Problem]:
    """The same target translates different sources elsewhere in the run.

    The mirror of C101: targets are the same when equal once every whitespace character is
    removed (case counts); every later unit whose source differs from the FIRST unit's source
    is reported on its source, naming that first unit's tuid. Option: `ignore-case` (false)
    to treat sources differing only in case as the same. Same scope, skipping and memory as
    C101.

    Cannot judge: many sources rightly share a translation (`Enregistrer` and `Sauvegarder`
    both give `Save`), hence the info severity: it points at terminology to review, not at
    an error.

    ## Why is this bad?
    Two different sources with one translation can mean that one of them was mistranslated
    (a copy-paste from the neighbouring segment) or that a distinction of the source was
    lost.

    ## Example
    unit 3: `Supprimer le fichier` -> `Delete the file`
    unit 9: `Supprimer le dossier` -> `Delete the file` (reported: same target as unit 3, but
    a different source)
    Use instead: `Delete the folder` in unit 9.
    """
    return _judge(unit, ctx, "C102", "target", prepared)
