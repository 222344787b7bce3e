"""C101/C102: cross-unit consistency, its scope, its memory, its independence from other rules."""

from __future__ import annotations

from tmqa.context import Context
from tmqa.decision import Selection
from tmqa.digestindex import DigestTable, TuidArena
from tmqa.engine import Checker
from tmqa.model import Finding, Severity, Text, Unit


def unit(
    tuid: str, source: str, target: str, src: str = "fr-FR", tgt: str = "en-US", file: str = "a.tmx"
) -> Unit:
    return Unit(
        file, tuid, int(tuid) if tuid.isdigit() else 1, 1, src, tgt, Text(source), Text(target)
    )


def run(units: list[Unit], select: tuple[str, ...], ctx: Context | None = None) -> list[Finding]:
    checker = Checker(Selection(select=select), ctx)
    return [f for u in units for f in checker.check_unit(u)]


def c(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return [(f.code, f.tuid, f.side, f.message) for f in findings if f.code.startswith("C")]


UNITS = [
    unit("1", "Enregistrer", "Save"),
    unit("2", "Enregistrer", "Store"),
    unit("3", "Enregistrer", ""),  # empty: S101's, never compared
    unit("4", "Sauvegarder", "Save"),
    unit("5", "Enregistrer", "Keep"),
    unit("6", "Enregistrer", "Save"),
    unit("7", "Le contrat de 2023 a été annulé.", "The 2023 contract was cancelled."),
    unit("8", "Le contrat de 2023 a été annulé.", "The 2024 contract was cancelled."),
]


def test_every_later_variant_names_the_first_unit() -> None:
    assert c(run(UNITS, ("C101",))) == [
        ("C101", "2", "target", "same source as unit 1, but a different target"),
        ("C101", "5", "target", "same source as unit 1, but a different target"),
        ("C101", "8", "target", "same source as unit 7, but a different target"),
    ]


def test_c102_mirrors_on_the_source_at_info() -> None:
    found = [f for f in run(UNITS, ("C102",))]
    assert [(f.tuid, f.side, f.span, f.severity) for f in found] == [
        ("4", "source", (0, 11), Severity.INFO)
    ]
    assert found[0].message == "same target as unit 1, but a different source"


def test_same_findings_with_or_without_other_rules_and_the_gate() -> None:
    alone = c(run(UNITS, ("C",)))
    with_gate = c(run(UNITS, ("C", "S101")))
    everything = c(run(UNITS, ("ALL",)))
    assert alone == with_gate == everything
    assert len(alone) == 4


def test_scope_is_the_language_pair() -> None:
    units = [
        unit("1", "Enregistrer", "Save", tgt="en-US"),
        unit("2", "Enregistrer", "Store", tgt="en-GB"),
    ]
    assert c(run(units, ("C",))) == []


def test_whitespace_ignored_case_significant_by_default() -> None:
    units = [
        unit("1", "12,5 %", "12.5%"),
        unit("2", "12,5\u00a0%", "12.5 %"),
        unit("3", "12,5\u202f%", "12.5\u00a0%"),
        unit("4", "Enregistrer", "Save"),
        unit("5", "Enregistrer ", "SAVE"),
    ]
    assert [f[1] for f in c(run(units, ("C101",)))] == ["5"]
    ctx = Context(rule_options={"C101": {"ignore-case": True}})
    assert c(run(units, ("C101",), ctx)) == []


def test_first_unit_in_another_file_is_named_with_its_file() -> None:
    units = [
        unit("1", "Annuler", "Cancel", file="a.tmx"),
        unit("9", "Annuler", "Abort", file="b.tmx"),
    ]
    [f] = run(units, ("C101",))
    assert f.message == "same source as unit 1 in a.tmx, but a different target"


def test_state_keeps_digests_not_texts() -> None:
    ctx = Context()
    run(UNITS, ("C",), ctx)
    texts = {u.source.plain for u in UNITS} | {u.target.plain for u in UNITS if u.target}
    for code in ("C101", "C102"):
        state = ctx.state(code)
        assert set(state) == {"table", "arena"}
        table, arena = state["table"], state["arena"]
        assert isinstance(table, DigestTable) and isinstance(arena, TuidArena)
        assert 0 < len(table) <= len(UNITS)
        # The arena holds a file number and a tuid per distinct key, never the texts.
        raw = bytes(arena._data)
        assert all(t.encode() not in raw for t in texts if len(t) > 3)
        assert arena.nbytes <= len(table) * (4 + max(len(u.tuid) for u in UNITS) + 1)
