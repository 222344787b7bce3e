"""Locale-aware number extraction and comparison (tmqa.locale.numbers, rule N101)."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmqa.locale import NEUTRAL, available_languages, get_locale
from tmqa.locale.numbers import (
    IDENTIFIER,
    NUMBER,
    ORDINAL,
    PERCENT,
    SPELLED,
    Number,
    NumberDiff,
    compare_numbers,
    extract_numbers,
    format_multiset,
    format_value,
    numbers_agree,
)

NBSP = "\u00a0"
NNBSP = "\u202f"


def digits(text: str, lang: str) -> list[str]:
    """The non-spelled values of ``text``, canonical, in text order."""
    return [format_value(n.value) for n in extract_numbers(text, lang) if n.kind != SPELLED]


def spelled(text: str, lang: str) -> list[str]:
    return [format_value(n.value) for n in extract_numbers(text, lang) if n.kind == SPELLED]


def one(text: str, lang: str) -> Number:
    found = [n for n in extract_numbers(text, lang) if n.kind != SPELLED]
    assert len(found) == 1, found
    return found[0]


def diff(
    source: str, source_lang: str, target: str, target_lang: str
) -> tuple[list[str], list[str]]:
    d = compare_numbers(source, source_lang, target, target_lang)
    return [n.text for n in d.missing], [n.text for n in d.extra]


def assert_same(a: str, a_lang: str, b: str, b_lang: str) -> None:
    """Equal in both directions: nothing missing, nothing extra."""
    assert diff(a, a_lang, b, b_lang) == ([], []), (a, b)
    assert diff(b, b_lang, a, a_lang) == ([], []), (b, a)


# --------------------------------------------------------------------------- extraction


class TestExtraction:
    def test_scale_word_applied_and_whole_surface_kept(self) -> None:
        n = one("Le budget : 19,4 millions de dollars.", "fr")
        assert n.value == Decimal("19400000")
        assert n.span == (12, 25)
        assert n.text == "19,4 millions"
        assert n.kind == NUMBER

    @pytest.mark.parametrize(
        ("text", "lang", "value"),
        [
            (f"1{NBSP}200", "fr", "1200"),
            (f"17{NNBSP}772", "fr", "17772"),
            ("1 200", "fr", "1200"),
            ("2 000 000", "fr", "2000000"),
            (f"1{NNBSP}234,56", "fr", "1234.56"),
            ("1,200", "en", "1200"),
            ("1,234,567.89", "en", "1234567.89"),
            (f"17{NNBSP}772", "en", "17772"),
            ("1.234,56", "de", "1234.56"),
            ("1.234.567", "de", "1234567"),
            ("1'234.5", "de-CH", "1234.5"),
            ("1’000", "fr", "1000"),
            ("12,34,567", "en", "1234567"),
            ("2 023", "fr", "2023"),
            ("2023", "en", "2023"),
            ("2023", "fr", "2023"),
        ],
    )
    def test_grouping(self, text: str, lang: str, value: str) -> None:
        n = one(text, lang)
        assert format_value(n.value) == value
        assert n.span == (0, len(text))

    @pytest.mark.parametrize(
        ("text", "lang", "value"),
        [
            ("19,4", "fr", "19.4"),
            ("19.4", "en", "19.4"),
            ("1,200", "fr", "1.2"),  # a French comma is always decimal
            ("1.200", "en", "1.2"),
            ("1.200", "fr", "1200"),  # dot grouping, a minority French style
            ("1.200", "de", "1200"),
            ("1,200", "de", "1.2"),
            ("1,500", "es", "1.5"),
            ("1,500", "es-MX", "1500"),
            ("19,4", "en", "19.4"),  # a foreign decimal comma is still a decimal
            ("2.5", "fr", "2.5"),
            ("0,123", "en", "0.123"),  # a leading zero never starts a grouped number
            ("1,200", "xx", "1200"),  # neutral default: comma groups exact threes
            ("1.5", "xx", "1.5"),
        ],
    )
    def test_decimal_mark_depends_on_language(self, text: str, lang: str, value: str) -> None:
        assert format_value(one(text, lang).value) == value

    def test_leading_decimal_mark(self) -> None:
        n = one("see .5 below", "en")
        assert (n.value, n.span, n.text) == (Decimal("0.5"), (4, 6), ".5")
        assert digits("voir ,5", "fr") == ["0.5"]
        assert digits("file.5", "en") == ["5"]  # after a letter the dot is no decimal mark

    @pytest.mark.parametrize(
        ("text", "lang", "values"),
        [
            ("1, 2 et 3", "fr", ["1", "2", "3"]),
            ("1, 2 and 3", "en", ["1", "2", "3"]),
            ("1, 200", "en", ["1", "200"]),
            ("May 4, 2023", "en", ["4", "2023"]),
            ("4 mai 2023", "fr", ["4", "2023"]),
            ("en 2019 200 personnes", "fr", ["2019", "200"]),  # a year never heads a group
            ("10 h 30", "fr", ["10", "30"]),
            ("10:30", "en", ["10", "30"]),
            ("10h30", "fr", ["10", "30"]),
            ("2019-2020", "en", ["2019", "2020"]),
            ("2019–2020", "fr", ["2019", "2020"]),
            ("2.3.1", "fr", ["2", "3", "1"]),
            ("2.3.1", "en", ["2", "3", "1"]),
            ("192.168.100.200", "de", ["192", "168", "100", "200"]),
            ("04.05.2023", "de", ["4", "5", "2023"]),
            ("1/2", "fr", ["1", "2"]),
        ],
    )
    def test_separate_numbers(self, text: str, lang: str, values: list[str]) -> None:
        assert digits(text, lang) == values

    @pytest.mark.parametrize("text", ["-5", "−5", "(-5)", "x = −5"])
    def test_negative_numbers(self, text: str) -> None:
        n = one(text, "en")
        assert n.value == Decimal("-5")
        assert n.text in ("-5", "−5")

    def test_range_dash_is_not_a_sign(self) -> None:
        assert digits("pages 10-20", "en") == ["10", "20"]
        assert digits("2019 – 2020", "fr") == ["2019", "2020"]

    @pytest.mark.parametrize(
        ("text", "lang", "value", "kind", "surface"),
        [
            (f"12,5{NBSP}%", "fr", "12.5", PERCENT, f"12,5{NBSP}%"),
            (f"12,5{NNBSP}%", "fr", "12.5", PERCENT, f"12,5{NNBSP}%"),
            ("12.5%", "en", "12.5", PERCENT, "12.5%"),
            ("12.5 percent", "en", "12.5", PERCENT, "12.5 percent"),
            ("12,5 pour cent", "fr", "12.5", PERCENT, "12,5 pour cent"),
            ("12 p. 100", "fr", "12", PERCENT, "12 p. 100"),
            ("1er", "fr", "1", ORDINAL, "1er"),
            ("1re", "fr", "1", ORDINAL, "1re"),
            ("2e", "fr", "2", ORDINAL, "2e"),
            ("2ème", "fr", "2", ORDINAL, "2ème"),
            ("2nde", "fr", "2", ORDINAL, "2nde"),
            ("1st", "en", "1", ORDINAL, "1st"),
            ("3rd", "en", "3", ORDINAL, "3rd"),
            ("4th", "en", "4", ORDINAL, "4th"),
            ("1.º", "es", "1", ORDINAL, "1.º"),
            ("1,5 milliard", "fr", "1500000000", NUMBER, "1,5 milliard"),
            ("1.5 billion", "en", "1500000000", NUMBER, "1.5 billion"),
            ("1 billion", "fr", "1000000000000", NUMBER, "1 billion"),  # long scale
            ("19.4M", "en", "19400000", NUMBER, "19.4M"),
            ("19.4 mn", "en", "19400000", NUMBER, "19.4 mn"),
            ("5 Md", "fr", "5000000000", NUMBER, "5 Md"),
            ("19,4 Mio.", "de", "19400000", NUMBER, "19,4 Mio."),
            ("1,5 mil millones", "es", "1500000000", NUMBER, "1,5 mil millones"),
            ("3 mila", "it", "3000", NUMBER, "3 mila"),
        ],
    )
    def test_suffixes(self, text: str, lang: str, value: str, kind: str, surface: str) -> None:
        n = one(text, lang)
        assert (format_value(n.value), n.kind, n.text) == (value, kind, surface)

    def test_5_mn_is_minutes_in_french(self) -> None:
        assert format_value(one("5 mn", "fr").value) == "5"

    def test_percent_is_not_divided(self) -> None:
        assert one("50 %", "fr").value == Decimal(50)

    @pytest.mark.parametrize(
        ("text", "surface", "value"),
        [
            ("COVID-19", "COVID-19", "19"),
            ("le G7", "G7", "7"),
            ("un MP3", "MP3", "3"),
            ("H2O", "H2", "2"),
            ("x86", "x86", "86"),
            ("SARS-CoV-2", "CoV-2", "2"),
        ],
    )
    def test_identifiers(self, text: str, surface: str, value: str) -> None:
        n = one(text, "fr")
        assert (n.kind, n.text, format_value(n.value)) == (IDENTIFIER, surface, value)
        assert text[n.span[0] : n.span[1]] == surface

    def test_currency_code_is_not_an_identifier(self) -> None:
        n = one("USD19.4", "en")
        assert (n.kind, n.value) == (NUMBER, Decimal("19.4"))

    @pytest.mark.parametrize(
        "text",
        [
            "{0} fichiers",
            "%1$s fichiers",
            "%d files",
            "%(count)d files",
            "see https://example.com/page/42?id=7",
            "www.site2.com",
            "mail jo3@x9.fr",
            "&#160;",
            "<h1>",
            "01 23 45 67 89",
            "01.23.45.67.89",
            "+33 1 23 45 67 89",
            "+33 (0)1 23 45 67 89",
            "+1 (555) 123-4567",
            "(555) 123-4567",
            "555-123-4567",
            "1-800-555-1234",
        ],
    )
    def test_masked_tokens_have_no_numbers(self, text: str) -> None:
        assert digits(text, "fr") == []
        assert digits(text, "en") == []

    def test_grouped_number_with_plus_is_not_a_phone(self) -> None:
        assert digits("+1 000 000", "fr") == ["1000000"]

    def test_caller_mask(self) -> None:
        text = "Code 42 et 7 pommes"
        assert digits(text, "fr") == ["42", "7"]
        kept = [n.text for n in extract_numbers(text, "fr", mask=[(0, 7)])]
        assert kept == ["7"]

    @pytest.mark.parametrize(
        ("text", "lang", "values"),
        [
            ("deux contrats", "fr", ["2"]),
            ("un contrat", "fr", ["1"]),
            ("three", "en", ["3"]),
            ("zwölf", "de", ["12"]),
            ("doce", "es", ["12"]),
            ("dodici", "it", ["12"]),
            ("twenty-five", "en", ["25"]),
            ("vingt et un", "fr", ["21"]),
            ("soixante-quinze", "fr", ["75"]),
            ("dix-sept", "fr", ["17"]),
            ("two million", "en", ["2000000"]),
            ("a million", "en", ["1000000"]),
            ("deux millions", "fr", ["2000000"]),
            ("a dozen", "en", ["12"]),
            ("le premier", "fr", ["1"]),
            ("au XXIe siècle", "fr", ["21"]),
            ("type II", "en", ["2"]),
            ("Ce livre", "fr", []),
            ("Le chat", "fr", []),
            ("le 4 mai", "fr", ["5"]),
            ("le mois de mai", "fr", []),  # a month counts only next to a number
            ("May 4", "en", ["5"]),
            ("you may 4", "en", []),  # English months are capitalised
            ("décembre 2023", "fr", ["12"]),
            ("decembre 2023", "fr", ["12"]),  # typed without accents
        ],
    )
    def test_spelled(self, text: str, lang: str, values: list[str]) -> None:
        assert spelled(text, lang) == values

    def test_spelled_inside_a_number_is_not_counted_twice(self) -> None:
        assert spelled("3 mille", "fr") == []
        assert spelled("12 pour cent", "fr") == []

    def test_results_are_in_text_order_with_spans(self) -> None:
        text = "le 1er mai, 12,5 % et deux"
        found = extract_numbers(text, "fr")
        assert [(n.text, n.kind) for n in found] == [
            ("1er", ORDINAL),
            ("mai", SPELLED),
            ("12,5 %", PERCENT),
            ("deux", SPELLED),
        ]
        for n in found:
            assert text[n.span[0] : n.span[1]] == n.text

    def test_no_digits_no_numbers(self) -> None:
        assert extract_numbers("Rien à signaler.", "fr") == []
        assert extract_numbers("", "en") == []

    def test_other_readings_are_kept(self) -> None:
        assert one("1 200", "fr").alternatives == ((Decimal(1), Decimal(200)),)
        assert one("1.200", "fr").alternatives == ((Decimal("1.2"),),)
        assert one("1,200", "fr").alternatives == ()
        assert (Decimal(14),) in one("2 p.m.", "en").alternatives
        assert (Decimal(10),) in one("10K", "en").alternatives
        assert (Decimal(5),) in one("−5", "en").alternatives
        assert extract_numbers("2019-20", "en")[1].alternatives == ((Decimal(2020),),)

    def test_huge_numbers(self) -> None:
        big = "9" * 5000
        for text in (big + ",12", big + " millions", big + ".12", "-" + big, "1 " + big):
            for lang in ("fr", "en"):
                assert extract_numbers(text, lang)
                assert compare_numbers(text, lang, text, lang).ok

    def test_unicode_digits(self) -> None:
        assert digits("٣ كتب", "ar") == ["3"]
        assert digits("１２", "ja") == ["12"]


# --------------------------------------------------------------------------- comparison

EQUAL_PAIRS = [
    # scale words, currencies
    ("19,4 millions de dollars", "fr", "$19.4 million", "en"),
    ("19,4 M$", "fr", "$19.4M", "en"),
    ("1,5 milliard", "fr", "1.5 billion", "en"),
    ("2 000 000", "fr", "2 million", "en"),
    ("2 millions", "fr", "2,000,000", "en"),
    ("2 000 000", "fr", "2,000,000", "en"),
    ("3 Md€", "fr", "€3bn", "en"),
    ("1 billion", "fr", "1 trillion", "en"),
    ("prix de 10 000 $", "fr", "$10K prize", "en"),
    ("course de 10 km", "fr", "10K run", "en"),
    ("à 5 m", "fr", "5m away", "en"),
    ("19,4 Mio. Euro", "de", "EUR 19.4 million", "en"),
    ("1,5 mil millones", "es", "1.5 billion", "en"),
    ("2,5 miliardi", "it", "2.5 billion", "en"),
    # grouping and decimal marks
    (f"1{NBSP}200", "fr", "1,200", "en"),
    (f"17{NNBSP}772", "fr", "17,772", "en"),
    ("1.200", "fr", "1,200", "en"),
    ("1.200", "fr", "1.200", "en"),  # French dot grouping may also be a copied 1.2
    ("1 200", "fr", "1 200", "en"),  # English text grouped with a space
    ("1 000", "fr", "1000", "en"),
    ("2,5", "fr", "2.50", "en"),
    ("1.234,56", "de", "1,234.56", "en"),
    ("1,5", "de", "1.5", "en"),
    ("1.500,50", "es", "1,500.50", "en"),
    ("1,500.50", "es-MX", "1,500.50", "en"),
    ("1'234.5", "de-CH", "1,234.5", "en"),
    ("voir 0,5", "fr", "see .5", "en"),
    ("éléments 1, 2 et 3", "fr", "items 1,2 and 3", "en"),
    # percent
    (f"12,5{NBSP}%", "fr", "12.5%", "en"),
    (f"12,5{NNBSP}%", "fr", "12.5 percent", "en"),
    ("12,5 pour cent", "fr", "12.5%", "en"),
    ("12 p. 100", "fr", "12%", "en"),
    ("5 %-10 %", "fr", "5-10%", "en"),
    # ordinals and dates
    ("le 1er décembre", "fr", "on 1 December", "en"),
    ("le 1er décembre", "fr", "on December 1st", "en"),
    ("4 mai 2023", "fr", "4 May 2023", "en"),
    ("4 mai 2023", "fr", "May 4, 2023", "en"),
    ("4 mai 2023", "fr", "May 4,2023", "en"),
    ("le 3e", "fr", "the 3rd", "en"),
    ("14 juillet", "fr", "July 14", "en"),
    ("le 7 sept.", "fr", "on 7 September", "en"),
    ("04/05/2023", "fr", "May 4, 2023", "en"),
    ("4 mai 2023", "fr", "2023-05-04", "en"),
    ("le XXIe siècle", "fr", "the 21st century", "en"),
    ("Ve République", "fr", "5th Republic", "en"),
    ("2e guerre mondiale", "fr", "World War II", "en"),
    ("diabète de type 2", "fr", "type II diabetes", "en"),
    ("premier et deuxième", "fr", "1st and 2nd", "en"),
    # times
    ("10 h 30", "fr", "10:30", "en"),
    ("10h30", "fr", "10:30", "en"),
    ("10 h 30", "fr", "10.30 am", "en"),
    ("à 14 h", "fr", "at 2 p.m.", "en"),
    ("à 14 h", "fr", "at 2:00 p.m.", "en"),
    ("à 14 h", "fr", "at 14:00", "en"),
    ("9 h 00", "fr", "9 a.m.", "en"),
    ("de 9h à 17h", "fr", "from 9 a.m. to 5 p.m.", "en"),
    ("9h-17h", "fr", "9 a.m.–5 p.m.", "en"),
    # ranges, signs
    ("2019-2020", "fr", "2019–2020", "en"),
    ("saison 2019-2020", "fr", "2019-20 season", "en"),
    ("1999-2000", "fr", "1999-00", "en"),
    ("-5 °C", "fr", "−5 °C", "en"),
    ("baisse de 5 %", "fr", "-5%", "en"),
    # spelled numbers forgive
    ("deux contrats", "fr", "2 contracts", "en"),
    ("trois", "fr", "3", "en"),
    ("un contrat de 3 ans", "fr", "a 3-year contract", "en"),
    ("les 2 parties", "fr", "both parties", "en"),
    ("2 fois", "fr", "twice", "en"),
    ("25", "fr", "twenty-five", "en"),
    ("21", "en", "vingt et un", "fr"),
    ("12", "fr", "a dozen", "en"),
    ("deux millions", "fr", "2 million", "en"),
    ("zéro erreur", "fr", "0 errors", "en"),
    # identifiers
    ("COVID-19", "fr", "COVID-19", "en"),
    ("la COVID-19", "fr", "COVID 19", "en"),
    ("le G7", "fr", "the G7", "en"),
    ("un MP3", "fr", "an MP3 file", "en"),
    ("H2O", "fr", "H₂O", "en"),
    ("50 m2", "fr", "50 m²", "en"),
    ("émissions de CO2", "fr", "carbon dioxide emissions", "en"),
    ("T3 2023", "fr", "Q3 2023", "en"),
    ("3e trimestre 2023", "fr", "Q3 2023", "en"),
    ("x86_64", "fr", "x86_64", "en"),
    # codes, versions, masked tokens
    ("version 2.3.1", "fr", "version 2.3.1", "en"),
    ("v2.3", "fr", "v2.3", "en"),
    ("Python 3.10", "fr", "Python 3.10", "en"),
    ("192.168.0.1", "fr", "192.168.0.1", "en"),
    ("192.168.100.200", "de", "192.168.100.200", "en"),
    ("appelez le 01 23 45 67 89", "fr", "call +33 1 23 45 67 89", "en"),
    ("voir {0} et https://x.com/a1", "fr", "see {1} and https://x.com/b2", "en"),
    ("%1$s fichiers", "fr", "%2$s files", "en"),
    ("n° 5", "fr", "No. 5", "en"),
    ("p. 5", "fr", "p. 5", "en"),
    ("1/2", "fr", "1/2", "en"),
    ("Le contrat est signé.", "fr", "The contract is signed.", "en"),
]


@pytest.mark.parametrize(("a", "a_lang", "b", "b_lang"), EQUAL_PAIRS)
def test_equal_pairs_both_directions(a: str, a_lang: str, b: str, b_lang: str) -> None:
    assert_same(a, a_lang, b, b_lang)


@pytest.mark.parametrize(
    ("source", "source_lang", "target", "target_lang", "missing", "extra"),
    [
        ("19,4 millions", "fr", "$19.5 million", "en", ["19400000"], ["19500000"]),
        ("$19.5 million", "en", "19,4 millions", "fr", ["19500000"], ["19400000"]),
        ("1 200", "fr", "1,300", "en", ["1200"], ["1300"]),
        ("1,300", "en", "1 200", "fr", ["1300"], ["1200"]),
        # An unconverted number in a translation (a whole text left identical is S102's:
        # the same text never differs from itself, see test_identical_text_never_differs).
        ("Prix : 1,200", "fr", "Price: 1,200", "en", ["1.2"], ["1200"]),
        ("Price: 1,200", "en", "Prix : 1,200", "fr", ["1200"], ["1.2"]),
        ("Preis: 1.200", "de", "Price: 1.200", "en", ["1200"], ["1.2"]),
        ("Le délai est de 30 jours.", "fr", "The deadline is days.", "en", ["30"], []),
        ("The deadline is days.", "en", "Le délai est de 30 jours.", "fr", [], ["30"]),
        ("12,5 %", "fr", "12.6%", "en", ["12.5"], ["12.6"]),
        ("4 mai 2023", "fr", "May 4, 2022", "en", ["2023"], ["2022"]),
        ("le 1er décembre", "fr", "December 2nd", "en", ["1"], ["2"]),
        ("3 contrats", "fr", "four contracts", "en", ["3"], []),  # `four` forgives only 4
        ("un contrat", "fr", "2 contracts", "en", [], ["2"]),  # `un` never creates a number
        ("1,5 milliard", "fr", "1.5 million", "en", ["1500000000"], ["1500000"]),
        ("Budget : 1 billion", "fr", "Budget: 1 billion", "en", ["1000000000000"], ["1000000000"]),
        ("le XXe siècle", "fr", "the 21st century", "en", [], ["21"]),
        ("G7", "fr", "G8", "en", ["7"], ["8"]),
        ("x86", "en", "x64", "fr", ["86"], ["64"]),
        ("Windows 10", "en", "Windows 11", "fr", ["10"], ["11"]),
        ("version 2.3.1", "en", "version 2.3.2", "fr", ["1"], ["2"]),
        ("3 et 4", "fr", "3 and 3", "en", ["4"], ["3"]),
    ],
)
def test_true_positives(
    source: str,
    source_lang: str,
    target: str,
    target_lang: str,
    missing: list[str],
    extra: list[str],
) -> None:
    d = compare_numbers(source, source_lang, target, target_lang)
    assert [format_value(n.value) for n in d.missing] == missing
    assert [format_value(n.value) for n in d.extra] == extra
    assert not d.ok


def test_diff_keeps_each_sides_number_objects() -> None:
    source = "Il a dépensé 19,4 millions de dollars en 2023."
    target = "He spent $19.5 million in 2023."
    d = compare_numbers(source, "fr", target, "en")
    (m,) = d.missing
    (e,) = d.extra
    assert source[m.span[0] : m.span[1]] == m.text == "19,4 millions"
    assert target[e.span[0] : e.span[1]] == e.text == "19.5 million"
    assert format_multiset(d.source) == "{2023, 19400000}"
    assert format_multiset(d.target) == "{2023, 19500000}"


def test_multiset_counts_repeats() -> None:
    assert diff("5 et 5", "fr", "5 and 6", "en") == (["5"], ["6"])
    assert diff("5 et 5", "fr", "5", "en") == (["5"], [])


def test_spelled_word_forgives_once() -> None:
    assert diff("2 et 2", "fr", "two and two", "en") == ([], [])
    assert diff("2 et 2", "fr", "two and something", "en") == (["2"], [])


def test_identifier_reported_only_against_same_letters() -> None:
    assert diff("COVID-19", "fr", "la maladie", "en") == ([], [])
    assert diff("COVID-19", "fr", "COVID-20", "en") == (["COVID-19"], ["COVID-20"])


def test_no_digit_early_exit() -> None:
    d = compare_numbers("deux contrats", "fr", "three contracts", "en")
    assert d == NumberDiff()
    assert d.ok


def test_masks_per_side() -> None:
    d = compare_numbers(
        "Code 42", "fr", "Code 43", "en", source_mask=[(0, 7)], target_mask=[(0, 7)]
    )
    assert d.ok


def test_language_of_each_side_decides() -> None:
    # the same surface, read by each side's language
    assert diff("1.200", "de", "1,200", "en") == ([], [])
    assert diff("1,200", "de", "1.2", "en") == ([], [])


# --------------------------------------------------------------------------- helpers, data


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("19400000"), "19400000"),
        (Decimal("1.94E+7"), "19400000"),
        (Decimal("19.40"), "19.4"),
        (Decimal("12.5"), "12.5"),
        (Decimal("-5"), "-5"),
        (Decimal("-0"), "0"),
        (Decimal("0.000"), "0"),
        (Decimal("1E+2"), "100"),
        (Decimal("0.05"), "0.05"),
    ],
)
def test_format_value(value: Decimal, text: str) -> None:
    assert format_value(value) == text


def test_get_locale_by_primary_subtag() -> None:
    assert get_locale("fr-CA").tag == "fr"
    assert get_locale("FR_ca").tag == "fr"
    assert get_locale("fr").decimal == ","
    assert get_locale("en-GB").decimal == "."
    assert get_locale("es-MX").tag == "es-MX"
    assert get_locale("es-MX").decimal == "."
    assert get_locale("es-419").tag == "es"
    assert get_locale("de-CH").decimal == "."
    assert get_locale("zz") is NEUTRAL
    assert get_locale("") is NEUTRAL
    assert get_locale("../fr") is NEUTRAL


def test_neutral_default() -> None:
    assert NEUTRAL.decimal == "."
    assert "," in NEUTRAL.group
    assert not NEUTRAL.cardinals


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "it"])
def test_shipped_tables_are_complete(lang: str) -> None:
    loc = get_locale(lang)
    assert lang in available_languages()
    assert loc.decimal in ".,"
    assert loc.decimal not in loc.group
    assert set(loc.cardinals.values()) >= set(range(13))
    assert set(loc.months.values()) == set(range(1, 13))
    assert 6 in loc.scale_words.values()
    assert 9 in loc.scale_words.values()


def test_french_and_english_scales_differ() -> None:
    assert get_locale("fr").scale_words["billion"] == 12
    assert get_locale("en").scale_words["billion"] == 9
    assert get_locale("fr").scale_words["milliard"] == 9


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        "0", "1", "12", "200", "2023", " ", NBSP, NNBSP, ".", ",", "'", "’", "-", "−", "–",
        "+", "%", "$", ":", "/", "(", ")", "h", "e", "er", "st", "M", "k", "millions",
        "billion", "mil", "pour cent", "p. 100", "p.m.", "deux", "vingt", "et", "mai", "May",
        "XXIe", "II", "{0}", "%1$s", "http://a.b/1", "a@b.c", "+33 ", "01 23 45 67 89",
        "٣", "²", "ᵉ", "º", "_", "G", "COVID-", "&#1;", "<b1>", "\x00", "\n",
    ]
)  # fmt: skip
_TEXTS = st.one_of(st.lists(_PIECES, max_size=12).map("".join), st.text(max_size=40))
_LANGS = st.sampled_from(["fr", "en", "de", "es", "it", "es-MX", "de-CH", "fr-CA", "xx", ""])


@settings(max_examples=200, deadline=None)
@given(text=_TEXTS, lang=_LANGS)
def test_extraction_never_raises_and_spans_match(text: str, lang: str) -> None:
    for n in extract_numbers(text, lang):
        start, end = n.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == n.text
        assert n.kind in (NUMBER, PERCENT, ORDINAL, SPELLED, IDENTIFIER)
        assert n.value.is_finite()
    plain = [n.span for n in extract_numbers(text, lang) if n.kind != SPELLED]
    assert all(a[1] <= b[0] for a, b in pairwise(plain)), plain


@settings(max_examples=150, deadline=None)
@given(a=_TEXTS, b=_TEXTS, a_lang=_LANGS, b_lang=_LANGS)
def test_comparison_never_raises_and_text_matches_itself(
    a: str, b: str, a_lang: str, b_lang: str
) -> None:
    d = compare_numbers(a, a_lang, b, b_lang)
    assert all(n in d.source for n in d.missing)
    assert all(n in d.target for n in d.extra)
    assert compare_numbers(a, a_lang, a, a_lang).ok


@settings(max_examples=300, deadline=None)
@given(a=_TEXTS, b=_TEXTS, a_lang=_LANGS, b_lang=_LANGS)
def test_quick_agreement_is_never_wrong(a: str, b: str, a_lang: str, b_lang: str) -> None:
    """``numbers_agree`` (the rule's fast path) only says yes when the full comparison does."""
    for x, y in ((a, b), (a, a), (a, a.replace(",", ".")), (a, a.replace(" ", ""))):
        if numbers_agree(x, a_lang, y, b_lang):
            assert compare_numbers(x, a_lang, y, b_lang).ok, (x, y)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("19,4 millions en 2023", "19.4 million in 2023"),
        ("55 549 enfants", "55,549 children"),
        ("32,9 %", "32.9%"),
        ("Le fichier %s contient 415 erreurs", "The file %s contains 415 errors"),
        ("1 234,5 km et 3e", "1,234.5 km and 3rd"),
        ("2 Mds", "2 billion"),
    ],
)
def test_quick_agreement_reads_common_notations(source: str, target: str) -> None:
    assert numbers_agree(source, "fr", target, "en")
    assert compare_numbers(source, "fr", target, "en").ok


_PAIR_LANGS = st.sampled_from(["fr", "en", "de", "es", "it"])


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, a_lang=_PAIR_LANGS, b_lang=_PAIR_LANGS)
def test_identical_text_never_differs(text: str, a_lang: str, b_lang: str) -> None:
    """The same text on both sides carries the same numbers, whatever the two languages."""
    assert compare_numbers(text, a_lang, text, b_lang).ok
    assert numbers_agree(text, a_lang, text, b_lang)


@pytest.mark.parametrize(
    "text",
    [
        "Accès : (%04a/%10.10A)  UID : (%5u/%8U)",
        "19,4 millions en 2023",
        "1,500 et 1.500",
        "1 billion",
        "MB 1.000.000, GB 1.000.000.000",
        "TLSv1.3, v2.33, G7, COVID-19",
    ],
)
def test_identical_text_never_differs_in_any_language_pair(text: str) -> None:
    for a_lang in ("fr", "en", "de", "es", "it"):
        for b_lang in ("fr", "en", "de", "es", "it"):
            assert compare_numbers(text, a_lang, text, b_lang).ok, (a_lang, b_lang)
