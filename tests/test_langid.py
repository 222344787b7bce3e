"""Tests for tmqa.langid: real sentences, what it will not judge, laziness, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmqa import langid
from tmqa.langid import STATS, identify, is_wrong_language

SEED_FR = (
    "Cette revendication fait suite à la décision de séparer les enfants migrants de leurs "
    "familles résidant illégalement aux États-Unis."
)
SEED_EN = (
    "This demand follows the decision to separate migrant children from their families living "
    "illegally in the United States."
)
SEED_ES = (
    "Esta demanda sigue a la decisión de separar a los niños migrantes de sus familias que "
    "residen ilegalmente en Estados Unidos."
)

FRENCH = [
    SEED_FR,
    "Le gouvernement a annoncé mardi une série de mesures destinées à soutenir les petites "
    "entreprises touchées par la crise.",
    "Cliquez sur le bouton Enregistrer pour conserver vos modifications avant de fermer la "
    "fenêtre.",
    "Il est impossible d'ouvrir le fichier car il est utilisé par un autre programme.",
    "Les données personnelles sont conservées pendant une durée qui n'excède pas celle "
    "nécessaire aux finalités du traitement.",
    "Vous pouvez modifier ces paramètres à tout moment depuis la page de configuration de votre "
    "compte.",
]
ENGLISH = [
    SEED_EN,
    "The government announced on Tuesday a series of measures to support small businesses "
    "affected by the crisis.",
    "Click the Save button to keep your changes before closing the window.",
    "The file cannot be opened because it is being used by another program.",
    "Personal data is kept for no longer than is necessary for the purposes of the processing.",
    "You can change these settings at any time from your account configuration page.",
]

CANNOT_JUDGE = [
    "OK",
    "Microsoft Azure",
    "Meta Platforms Ireland",
    "Version 2.3.1",
    "Satya Nadella",
    "Satya Nadella, CEO",
    "https://www.example.com/fr/produits/index.html",
    "12 345 678,90",
    "Immigration and Customs Enforcement (ICE)",
    "Meta Platforms Ireland Limited, 4 Grand Canal Square, Dublin 2, Ireland",
    "John Smith, Jane Doe, Peter Parker and Mary Jane Watson",
    "{0} %s ${user} <b></b>",
    "",
]


@pytest.mark.parametrize("text", FRENCH)
def test_french_is_french(text: str) -> None:
    assert identify(text, "fr-FR") == "fr"
    assert is_wrong_language(text, "fr-FR") is None


@pytest.mark.parametrize("text", ENGLISH)
def test_english_is_english(text: str) -> None:
    assert identify(text, "en-US") == "en"
    assert is_wrong_language(text, "en-GB") is None


@pytest.mark.parametrize("text", ENGLISH)
def test_french_target_left_in_english(text: str) -> None:
    assert is_wrong_language(text, "fr-FR") == "en"


@pytest.mark.parametrize("text", FRENCH)
def test_english_target_left_in_french(text: str) -> None:
    assert is_wrong_language(text, "en-US") == "fr"


def test_spanish_in_a_french_english_memory() -> None:
    assert is_wrong_language(SEED_ES, "en-US") == "es"
    assert is_wrong_language(SEED_ES, "fr-FR") == "es"
    assert identify(SEED_ES, "en", candidates=["fr"]) == "es"


@pytest.mark.parametrize("text", CANNOT_JUDGE)
@pytest.mark.parametrize("expected", ["fr-FR", "en-US"])
def test_cannot_judge(text: str, expected: str) -> None:
    assert identify(text, expected) is None
    assert is_wrong_language(text, expected) is None


def test_all_capitals_are_read_as_words() -> None:
    shouted = "THIS DEMAND FOLLOWS THE DECISION TO SEPARATE MIGRANT CHILDREN FROM THEIR FAMILIES."
    assert is_wrong_language(shouted, "fr") == "en"


def test_english_tech_words_in_french() -> None:
    text = "Nous migrons les workloads vers le cloud Azure de Microsoft."
    assert is_wrong_language(text, "fr-FR") is None
    assert identify(text, "fr-FR") == "fr"
    other = "Le CEO a confirmé que le data center serait prêt pour le go-live du cloud hybride."
    assert is_wrong_language(other, "fr") is None


def test_placeholders_and_names_do_not_count() -> None:
    assert is_wrong_language("Error: %s could not be opened because {0} is locked.", "fr") == "en"
    assert (
        is_wrong_language("Erreur : impossible d'ouvrir %s car {0} est verrouillé.", "fr") is None
    )


def test_foreign_quotation_in_a_minority_is_not_reported() -> None:
    quote = (
        "Le président a déclaré : « We will build a great wall », selon le journal local de la "
        "ville."
    )
    assert is_wrong_language(quote, "fr-FR") is None
    # The other way round the quotation is the minority: English around a French quote.
    mostly_english = (
        "He said « nous sommes prêts à négocier » before leaving the room with his advisers."
    )
    assert is_wrong_language(mostly_english, "fr-FR") == "en"
    assert is_wrong_language(mostly_english, "en-US") is None


def test_names_and_titles_are_not_prose() -> None:
    # "of the" between capitalized words belongs to the title, not to the sentence.
    titles = "Regardez Pirates of the Caribbean et Lord of the Rings ce soir"
    assert is_wrong_language(titles, "fr-FR") is None
    assert is_wrong_language("Bank of America, Bank of the West et Bank of New York", "fr") is None


def test_german_nouns_are_words() -> None:
    german = "Die Polizei hat in der Nacht von Samstag auf Sonntag drei Verdächtige festgenommen."
    assert is_wrong_language(german, "fr-FR") == "de"
    assert is_wrong_language(german, "en-US") == "de"
    assert identify(german, "de-DE") == "de"


def test_other_scripts() -> None:
    russian = "Это требование следует за решением разлучить детей мигрантов с их семьями."
    chinese = "该要求是在决定将移民儿童与其在美国非法居住的家庭分开之后提出的。"
    assert is_wrong_language(russian, "fr") == "ru"
    assert is_wrong_language(chinese, "en") == "zh"
    assert identify(chinese, "zh-Hans-CN") == "zh"
    assert is_wrong_language(SEED_EN, "ja-JP") == "en"


def test_regional_and_alias_tags() -> None:
    assert identify(SEED_FR, "fr-CA") == "fr"
    norwegian = (
        "Denne forespørselen følger beslutningen om å skille migrantbarn fra familiene deres "
        "som bor ulovlig i USA."
    )
    assert identify(norwegian, "nb-NO") == "nb"
    assert is_wrong_language(norwegian, "nb-NO") is None


def test_unsupported_language_is_never_judged() -> None:
    assert identify(SEED_EN, "eu-ES") is None
    assert is_wrong_language(SEED_EN, "x-klingon") is None


def test_first_pass_settles_ordinary_text() -> None:
    STATS.reset()
    for text in FRENCH:
        is_wrong_language(text, "fr-FR")
    for text in ENGLISH:
        is_wrong_language(text, "en-US")
    stats = STATS.as_dict()
    assert stats["calls"] == len(FRENCH) + len(ENGLISH)
    assert stats["first_pass"] == stats["calls"]
    assert stats["langdetect"] == 0
    STATS.reset()
    is_wrong_language("OK", "fr")
    assert STATS.skipped == 1


def test_lazy_import() -> None:
    code = "import tmqa.langid, sys; print('langdetect' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


# Texts that reach langdetect (no clear stop-word winner), so its randomness would show.
AMBIGUOUS = [
    "Human rights groups have denounced inhumane detention conditions.",
    "Objet : Re: Meeting notes follow-up before the weekly review",
    "Le machine learning et le big data transforment le marketing digital des entreprises.",
    "migrant children families separated border policy detention centers",
]


def _raw(texts: list[str]) -> list[list[object]]:
    return [
        [identify(t, "fr"), identify(t, "en"), list(langid._detect(t, ("de", "en", "es", "fr")))]
        for t in texts
    ]


def test_deterministic_across_processes() -> None:
    code = (
        "import json, sys; from tests.test_langid import AMBIGUOUS, _raw; "
        "print(json.dumps(_raw(AMBIGUOUS)))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=root
    ).stdout
    here = json.loads(json.dumps(_raw(AMBIGUOUS)))
    assert json.loads(out) == here
    langid._detect.cache_clear()
    assert json.loads(json.dumps(_raw(AMBIGUOUS))) == here


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.sampled_from(["fr", "en-US", "ja", "ru", "zh-TW", "eu", ""]))
def test_never_raises(text: str, expected: str) -> None:
    found = identify(text, expected)
    assert found is None or (isinstance(found, str) and found)
