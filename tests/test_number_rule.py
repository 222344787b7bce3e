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


# Real gettext strings (FR translation -> EN original) that N101 used to misread.
@pytest.mark.parametrize(
    ("source", "target"),
    [
        # printf conversions: flags, width, precision, `%a`, run-time widths, a letter after
        ("%pA:%0x%v pas trouvé dans la table\n", "%pA:0x%v not found in table\n"),
        ("Accès : (%04a/%10.10A)", "Access: (%04a/%10.10A)"),
        ("  -m[no-]%-17s Active/désactive %s\n", "  -m[no-]%-17sEnable/Disable %s\n"),
        ("« %3$.*2$s », clef de %4$u bits", '"%.*s", %u-bit key'),
        ("Toutes les %.1lfs: ", "Every %.1fs: "),
        ("opcode (bits 0x%llx indéfinis)", "opcode (bits %#llx undefined)"),
        # metavariables: translated names, and a name written again in a description
        ("FICHIER1 -nt FICHIER2  Vrai si le fichier1 est plus récent que le fichier2",
         "FILE1 -nt FILE2  True if file1 is newer than file2"),
        ("EXPR1 -a EXPR2 Vrai si les deux expressions sont vraies.",
         "EXPR1 -a EXPR2 True if both expr1 AND expr2 are true."),
        ("-mljump est ignorée pour les cl801/ck802", "-mljump is ignored for ck801/ck802"),
        # versions, dotted groups, words for zero and signs, fractions
        ("Ou redescendez à la version 2.33.", "Or downgrade to v2.33."),
        ("trop ancienne pour prendre en charge TLSv1.3", "too old to support TLS 1.3"),
        ("MB 1.000.000, GB 1.000.000.000", "MB 1,000,000, GB 1,000,000,000"),
        ("Le fichier XPM a une hauteur négative ou nulle", "XPM file has image height <= 0"),
        ("MaxFragments devrait être positif ou nul", "MaxFragments should be >= 0"),
        ("%s : expression de sous-chaîne négative", "%s: substring expression < 0"),
        ("passe NOM comme argument numéro 0", "pass NAME as the zeroth argument"),
        ("au moins un ne doit pas valoir 0", "at least one should be nonzero"),
        ("afficher l'octet nul après le nom", "print 0 byte after FILE name"),
        ("Octet 00 (NUL) attendu", "Expected NUL byte"),
        ("plus larges qu'un tiers d'une page", "larger than 1/3 of a page"),
        # a range written out
        ("avant d'utiliser 7, 8 ou 9 !", "before using 7-9!"),
    ],
)  # fmt: skip
def test_real_false_alarms_are_silent(source: str, target: str) -> None:
    assert check(unit(source, target)) == []
    assert check(unit(target, source, "en-US", "fr-FR")) == []


@pytest.mark.parametrize(
    ("source", "target", "span", "message_end"),
    [
        ("il y a 10 ans et 11 mois", "4 years, 11 months ago", (0, 1), "missing 10; extra 4"),
        ("l'erratum 843419 du Cortex-A8", "Cortex-A53 erratum 843419", (7, 10),
         "missing A8; extra A53"),
        ("(doit être >=0755 et <=0775)", "(must be >=0555 and <=0775)", (11, 15),
         "missing 755; extra 555"),
        ("-m31  Définir le format de fichier à 32 bits", "-m31  Set file format to 31 bit format",
         (25, 27), "missing 32; extra 31"),
        ("G7", "G8", (0, 2), "missing G7; extra G8"),
        ("pages 7, 12 et 9", "pages 7-9", (0, 9), "missing 12"),  # 12 is not within 7-9
    ],
)  # fmt: skip
def test_real_errors_are_still_found(
    source: str, target: str, span: tuple[int, int], message_end: str
) -> None:
    [f] = check(unit(source, target))
    assert (f.code, f.side, f.span) == ("N101", "target", span)
    assert f.message.endswith(message_end)
