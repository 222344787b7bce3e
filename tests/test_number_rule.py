"""N101 number-mismatch in both directions: one finding per unit, message and span."""

from __future__ import annotations

import pytest

from tmqa.decision import Selection
from tmqa.engine import Checker
from tmqa.model import Finding, Text, Unit

NNBSP, NBSP = "\u202f", "\u00a0"


def unit(source: str, target: str, src: str = "fr-FR", tgt: str = "en-US") -> Unit:
    return Unit("t.tmx", "1", 1, 1, src, tgt, Text(source), Text(target))


def check(u: Unit) -> list[Finding]:
    return Checker(Selection(select=("N101",))).check_unit(u)


def test_message_shows_both_multisets_and_the_difference() -> None:
    u = unit("un contrat de 19,4 millions de dollars signé en 2023",
             "a $19.5 million contract signed in 2023")
    [f] = check(u)
    assert f.message == (
        "numbers differ: source {2023, 19400000}, target {2023, 19500000}; "
        "missing 19400000; extra 19500000"
    )
    assert (f.side, f.span) == ("target", (3, 15))  # "19.5 million"


def test_only_missing_spans_the_whole_target() -> None:
    [f] = check(unit("Signé en 2023 pour 300 dollars.", "Signed for 300 dollars."))
    assert f.span == (0, 23)
    assert f.message.endswith("; missing 2023")


def test_one_finding_per_unit_at_the_first_extra_number() -> None:
    [f] = check(unit("3 pommes et 4 poires", "5 apples and 6 pears"))
    assert f.span == (0, 1)
    assert "missing 3, 4; extra 5, 6" in f.message


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("$19.4 million", "19,4 millions de dollars"),
        ("1,200", f"1{NBSP}200"),
        ("17,772", f"17{NNBSP}772"),
        ("12.5%", "12,5 %"),
        ("December 1st", "1er décembre"),
        ("4 May 2023", "4 mai 2023"),
        ("May 4, 2023", "le 4 mai 2023"),
        ("three users", "3 utilisateurs"),
    ],
)
def test_en_fr_notation_traps_pass(source: str, target: str) -> None:
    assert check(unit(source, target, "en-US", "fr-FR")) == []


def test_en_fr_wrong_number_is_reported_with_french_reading() -> None:
    [f] = check(unit("1,200 employees", f"1{NNBSP}250 salariés", "en-US", "fr-FR"))
    assert f.message == "numbers differ: source {1200}, target {1250}; missing 1200; extra 1250"
    assert f.span == (0, 5)


def test_percent_values_are_shown_with_their_sign() -> None:
    [f] = check(unit("12,5 %", "12.7%"))
    assert "missing 12.5%; extra 12.7%" in f.message


def test_empty_target_is_left_to_s101() -> None:
    checker = Checker(Selection(select=("S101", "N101")))
    assert [f.code for f in checker.check_unit(unit("2023", ""))] == ["S101"]
