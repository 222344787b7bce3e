"""The fast paths and caches of langid, numbers and patterns give what the plain code gives."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmqa import langid, patterns
from tmqa.decision import Selection
from tmqa.engine import Checker
from tmqa.langid import STATS, is_wrong_language
from tmqa.locale import numbers
from tmqa.model import Text, Unit

TEXTS = [
    "Cette revendication fait suite à la décision de séparer les enfants migrants.",
    "This demand follows the decision to separate migrant children from their families.",
    "Esta demanda sigue a la decisión de separar a los niños migrantes de sus familias.",
    "Human rights groups have denounced inhumane detention conditions.",
    "Le machine learning et le big data transforment le marketing digital.",
    "Objet : Re: Meeting notes follow-up before the weekly review",
    "Denne forespørselen følger beslutningen om å skille migrantbarn fra familiene deres.",
    "この要求は移民の子供たちを家族から引き離すという決定に続くものです。",
    "Ce n'est pas l'ÉTÉ, c'est l’hiver à Montréal : 12,5 % de neige.",
    "Tiếng Việt có dấu thanh và chữ ư, ơ, đ.",
    "!!! ??? ...",
]
CODE_SETS = [
    ("de", "en", "es", "fr", "it", "nl", "pt"),
    ("en", "fr"),
    ("ja", "ko", "zh-cn", "zh-tw"),
    ("da", "de", "en", "no", "sv"),
]


@pytest.mark.parametrize("codes", CODE_SETS)
def test_trials_match_langdetect(codes: tuple[str, ...]) -> None:
    from langdetect.lang_detect_exception import LangDetectException

    factory = langid._factory(codes)
    for text in TEXTS:
        reference = factory.create()
        reference.append(text)
        try:
            reference.get_probabilities()
            expected = reference.langprob
        except LangDetectException:
            expected = None
        fast = factory.create()
        fast.append(text)
        assert langid._trials(fast) == expected, text


PIECES = [
    *"ab wW.:/\\@$#%&{}<>`[]-+_()1é\u00a0\t\n;'’",
    *("http://", "www.", "a@b.c", "{0}", "%s", "%1$d", "{{x}}", "&amp;", "[[x]]", "x.y"),
]
NOISY = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


# What _prepare did before _denoise: the whole pattern, behind this cheap test.
_TRIGGER = re.compile(r"[@%{}$<&`\[#/\\-]|\w\.\w")


def _reference(text: str) -> str:
    return langid._NOISE_RE.sub(" ", text) if _TRIGGER.search(text) else text


@settings(max_examples=300, deadline=None)
@given(NOISY)
def test_denoise_is_the_noise_pattern(text: str) -> None:
    assert langid._denoise(text) == _reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "Voir https://ex.com/a.b ou %sfoo.bar et a@b.com+c@d.org, {x y} `a b` [[p q]] 19.4",
        "www.;",
        "écrire à aide@example.com.",
        "page.php?id=3 et C:\\dossier\\fichier.txt",
    ],
)
def test_denoise_examples(text: str) -> None:
    assert langid._denoise(text) == _reference(text)


def test_cached_answers_count_like_the_first_time() -> None:
    text = "Le gouvernement a annoncé mardi une série de mesures pour les petites entreprises."
    STATS.reset()
    first = is_wrong_language(text, "fr-FR", candidates=("en-US",))
    once = STATS.as_dict()
    second = is_wrong_language(text, "fr-FR", candidates=("en-US",))
    twice = STATS.as_dict()
    assert first is second is None
    assert once["first_pass"] == 1
    assert {k: 2 * v for k, v in once.items()} == twice


def test_short_text_is_skipped_as_before() -> None:
    STATS.reset()
    assert langid._prepare("Cancel") is None
    assert langid._prepare("Annuler l’opération") is None
    assert is_wrong_language("OK", "fr") is None
    assert STATS.skipped == 1


PAIRS = [
    ("un contrat de 19,4 millions signé en 2023", "fr-FR", "a $19.4 million contract", "en-US"),
    ("Selon ProPublica, 55 549 enfants", "fr-FR", "According to ProPublica, 55,549", "en-US"),
    ("COVID-19 : 1 200 cas le 12 mai", "fr", "COVID-19: 1,200 cases on May 12", "en"),
    ("Appelez le 01 23 45 67 89 à 14 h 00", "fr", "Call 01 23 45 67 89 at 2 p.m.", "en"),
    ("10.30 or 1,2 or 1.234,5 or 2.3.1", "en-GB", "10.30 ou 1,2 ou 1.234,5 ou 2.3.1", "fr"),
    ("Signé en 2023 pour 300 dollars.", "fr", "Signed for 300 dollars.", "en"),
    ("Sans chiffres.", "fr", "No digits.", "en"),
]


@pytest.mark.parametrize(("source", "sl", "target", "tl"), PAIRS)
def test_n101_repeats_give_the_same_findings(source: str, sl: str, target: str, tl: str) -> None:
    checker = Checker(Selection(select=("N101",)))
    first = checker.check_unit(Unit("t.tmx", "1", 1, 1, sl, tl, Text(source), Text(target)))
    again = checker.check_unit(Unit("t.tmx", "2", 2, 2, sl, tl, Text(source), Text(target)))
    assert [(f.side, f.span, f.message) for f in again] == [
        (f.side, f.span, f.message) for f in first
    ]


def test_fast_number_is_a_number() -> None:
    made = numbers._number(Decimal("12.5"), (3, 7), "12,5", numbers.PERCENT, ((Decimal(12),),))
    assert made == numbers.Number(
        Decimal("12.5"), (3, 7), "12,5", numbers.PERCENT, ((Decimal(12),),)
    )
    assert hash(made) == hash(
        numbers.Number(made.value, made.span, made.text, made.kind, made.alternatives)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Voir https://example.com/fr/page. ou écrire à aide@example.com",
        "%s de %d fichiers {0} ${x} {{ y }} &amp; %1",
        "Texte sans jeton",
    ],
)
def test_cached_scan_is_the_plain_one(text: str) -> None:
    web = "://" in text or "www." in text or "WWW." in text
    mail = "@" in text
    variables = "%" in text or "{" in text or "$" in text
    amp = "&" in text
    found = patterns.scan(text)
    assert patterns.scan(text) == found
    if web or mail or variables or amp:
        assert patterns._scan(text, web, mail, variables, amp) == found
    else:
        assert found.masked == text and not found.tokens


# Words, names, numbers, elisions and sentence ends in every case, for the run-by-run tokens.
WORDY = st.lists(
    st.sampled_from(
        [
            *PIECES,
            *("Le ", "le ", "LE ", "The ", "de la ", "Die ", "und ", "der ", "ICE ", "iPhone "),
            *("l'agence ", "L’agence ", "A4 ", "2022. ", "n° 5 ", "Σ ", "İ ", "ǅ ", "ß ", "\r\n"),
            *("Bank of the West ", "Microsoft Azure ", "? ", "! ", "… ", "• ", "3,5 % ", " "),
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(WORDY)
def test_chunk_tokens_are_the_text_tokens(text: str) -> None:
    found = langid._chunk_tokens(text)
    if found is not None:
        assert found == langid._tokens(langid._denoise(text))


def _other_digits(text: str) -> str:
    return re.sub("[0-9]", lambda m: str((int(m[0]) * 7 + 3) % 10), text)


@settings(max_examples=300, deadline=None)
@given(WORDY)
def test_digits_do_not_change_the_answer(text: str) -> None:
    # The answers cache keys texts with their digits masked: any digits must give one answer.
    for expected, other in (("fr-FR", "en-US"), ("en-US", "fr-FR")):
        first = langid._judge(text, expected, (other,), False)[0]
        assert langid._judge(_other_digits(text), expected, (other,), False)[0] == first
        assert langid._judge(re.sub("[0-9]", "0", text), expected, (other,), False)[0] == first


@pytest.mark.parametrize(
    "text",
    [
        "Le contrat de 18,2 millions avec l’agence ICE a été signé le 26 mai 2022. Livasece",
        "Microsoft fournit des services cloud Azure à 44 agences du ministère. Fukajole",
        "A4 paper is what the printer takes.\nThe 2 trays hold 250 sheets of it each.",
        "Die Bank of the West und der Musée de la Chasse et de la Nature sind hier 3 Tage.",
        "ATTENTION : LE FICHIER 12 EST ENDOMMAGÉ ET DOIT ÊTRE REMPLACÉ",
    ],
)
def test_chunked_prepare_examples(text: str) -> None:
    assert langid._chunk_tokens(text) in (None, langid._tokens(langid._denoise(text)))
    tokens = langid._chunk_tokens(text) or langid._tokens(langid._denoise(text))
    assert [t.form for t in tokens] == [
        langid._TOKENS[w].form for w in langid._ITEM_RE.findall(langid._denoise(text))
    ]
