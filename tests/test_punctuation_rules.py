"""Punctuation and typography rules (P101-P106): both directions and the per-language data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, write
from tmqa.context import Context
from tmqa.decision import Selection
from tmqa.engine import Checker
from tmqa.locale.typography import ENGLISH, FRENCH, FRENCH_NARROW, GENERIC, GERMAN, typography
from tmqa.model import InlineCode, Text, Unit
from tmqa.readers.tmx import read_tmx
from tmqa.rules.registry import lookup

NBSP = "\u00a0"
NNBSP = "\u202f"


def _unit(source: str, target: str, src: str = "fr-FR", tgt: str = "en-US") -> Unit:
    return Unit("t.tmx", "1", 1, 1, src, tgt, Text(source, (source,)), Text(target, (target,)))


def _run(code: str, unit: Unit, **options: Any) -> list[tuple[str, tuple[int, int]]]:
    ctx = Context(rule_options={code: options} if options else None)
    ctx.begin_unit()
    rule = lookup(code)
    assert rule is not None
    return [(p.side, p.span) for p in rule.func(unit, ctx)]


# --- per-language data ----------------------------------------------------------------------


def test_typography_by_tag() -> None:
    assert typography("fr-FR") is FRENCH
    assert typography("fr_be") is FRENCH
    assert typography("fr-CA") is FRENCH_NARROW
    assert typography("fr-Latn-CH") is FRENCH_NARROW
    assert typography("en-GB") is ENGLISH
    assert typography("de-AT") is GERMAN
    assert typography("de-CH").quotes[0] == ("«", "»")
    assert typography("ja-JP") is GENERIC
    assert typography("es").opening_marks == "¿¡"


def test_french_word_lists_have_every_form() -> None:
    for word in ("janvier", "dimanche", "français", "françaises", "italienne", "américains"):
        assert word in FRENCH.lowercase_words
    assert "nous nous" in FRENCH.repeat_exceptions
    assert "had had" not in ENGLISH.repeat_exceptions  # reported on purpose


# --- P101 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "src", "tgt"),
    [
        ("Quelle est la date limite ?", "What is the deadline?", "fr-FR", "en-US"),
        ("What is the deadline?", "Quelle est la date limite ?", "en-US", "fr-FR"),
        ("« Nous refusons de nuire ».", '"We refuse to harm."', "fr-FR", "en-US"),
        ('"We refuse to harm."', "« Nous refusons de nuire ».", "en-US", "fr-FR"),
        ("Chargement...", "Loading…", "fr-FR", "en-US"),
        ("Where is it?", "¿Dónde está?", "en-US", "es-ES"),
        ("Quoi ?!", "What?", "fr-FR", "en-US"),
        ("Πού είναι;", "Where is it?", "el-GR", "en-US"),
        ("保存しますか？", "Save?", "ja-JP", "en-US"),
    ],
)
def test_p101_same_kind(source: str, target: str, src: str, tgt: str) -> None:
    assert _run("P101", _unit(source, target, src, tgt)) == []


def test_p101_reports_target_mark() -> None:
    assert _run("P101", _unit("« Vraiment ? »", '"Really."')) == [("target", (7, 8))]
    assert _run("P101", _unit("Do you want to save?", "Voulez-vous enregistrer.", "en-US",
                              "fr-FR")) == [("target", (23, 24))]


# --- P102 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "src", "tgt"),
    [
        ("« Bonjour »", '"Hello"', "fr-FR", "en-US"),
        ('"Hello"', "«\u00a0Bonjour\u00a0»", "en-US", "fr-FR"),
        ('"Hello"', "„Hallo“", "en-US", "de-DE"),
        ('"Hello"', "»Hallo«", "en-US", "de-DE"),
        ('"Hello"', "«Hallo»", "en-US", "de-CH"),
        ("Really?", "¿De verdad?", "en-US", "es-ES"),
        ("the selected file(s)", "le(s) fichier(s) sélectionné(s)", "en-US", "fr-FR"),
        ("(see a)", "(voir a)", "en-US", "fr-FR"),
    ],
)
def test_p102_passing(source: str, target: str, src: str, tgt: str) -> None:
    assert _run("P102", _unit(source, target, src, tgt)) == []


def test_p102_unbalanced_and_counts() -> None:
    assert _run("P102", _unit("Il a dit « oui ».", "He said “yes.")) == [("target", (8, 9))]
    assert _run("P102", _unit('"Hello"', "„Hallo", "en-US", "de-DE")) == [("target", (0, 1))]
    assert _run("P102", _unit("Voir [1].", "See 1.")) == [("target", (0, 6))]


def test_p102_on_the_bundled_corpus_is_silent() -> None:
    """Units 8 and 13 open and close a quotation that spans several segments."""
    checker = Checker(Selection(select=("P102",)))
    units = read_tmx(str(ROOT / "corpora" / "ice-contract.fr-en.tmx"))
    assert [f for u in units for f in checker.check_unit(u)] == []


# --- P103 -----------------------------------------------------------------------------------


def test_p103_french_spacing_is_left_to_p106() -> None:
    u = _unit("Really  now?", f"Vraiment {NBSP}?", "en-US", "fr-FR")
    assert _run("P103", u) == []
    assert _run("P106", u) == [("target", (8, 10))]


def test_p103_reports_doubles_beyond_the_source() -> None:
    assert _run("P103", _unit("Un  deux", "One  two  three")) == [("target", (3, 5)),
                                                                 ("target", (8, 10))]
    assert _run("P103", _unit("Un  deux  trois", "One  two  three")) == []


# --- P104 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["Nous nous voyons demain.", "Vous vous trompez.", "Il l'a a peine vu.",
     "Au revoir. Au revoir.", "Étape 1 1"],
)
def test_p104_french_exceptions(target: str) -> None:
    assert _run("P104", _unit("x", target, "en-US", "fr-FR")) == []


def test_p104_reports_second_occurrence_in_french() -> None:
    assert _run("P104", _unit("The contract", "Le le contrat", "en-US", "fr-FR")) == [
        ("target", (3, 5))
    ]


def test_p104_exceptions_option() -> None:
    u = _unit("Il en avait assez.", "He had had enough.")
    assert _run("P104", u) == [("target", (7, 10))]
    assert _run("P104", u, exceptions=["had had"]) == []
    assert _run("P104", u, exceptions=["had"]) == []


# --- P105 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "src", "tgt"),
    [
        ("January 2020: results", "janvier 2020 : résultats", "en-US", "fr-FR"),
        ("Last Monday, ProPublica published", "lundi dernier, ProPublica a publié", "en-US",
         "fr-FR"),
        ("English (United States)", "anglais (États-Unis)", "en-US", "fr-FR"),
        ("I think so", "je pense que oui", "en-US", "fr-FR"),
        ("open the file", "Datei öffnen", "en-US", "de-DE"),
        ("¿Dónde?", "Where?", "es-ES", "en-US"),
        ("東京", "tokyo", "ja-JP", "en-US"),
    ],
)
def test_p105_passing(source: str, target: str, src: str, tgt: str) -> None:
    assert _run("P105", _unit(source, target, src, tgt)) == []


def test_p105_reports_target_first_word() -> None:
    assert _run("P105", _unit("Save the file", "enregistrer le fichier", "en-US", "fr-FR")) == [
        ("target", (0, 11))
    ]
    assert _run("P105", _unit("Open the file", "datei öffnen", "en-US", "de-DE")) == [
        ("target", (0, 5))
    ]


# --- P106 -----------------------------------------------------------------------------------

EN_FR = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="en-US" datatype="plaintext"/><body>
<tu tuid="1"><tuv xml:lang="en-US"><seg>What is the deadline?</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Quelle est la date limite?</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="en-US"><seg>He said "yes": done.</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Il a dit «oui»: fait.</seg></tuv></tu>
<tu tuid="3"><tuv xml:lang="en-US"><seg>What is the deadline?</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Quelle est la date limite ?</seg></tuv></tu>
<tu tuid="4"><tuv xml:lang="en-US"><seg>Really ?</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Vraiment&#x202F;?</seg></tuv></tu>
</body></tmx>"""


def test_p106_applies_french_rules_to_the_target_of_an_en_fr_memory(tmp_path: Path) -> None:
    units = read_tmx(write(tmp_path, "en-fr.tmx", EN_FR))
    assert {(u.source_lang, u.target_lang) for u in units} == {("en-US", "fr-FR")}
    checker = Checker(Selection(select=("P106",)))
    found = {u.tuid: [(f.side, f.span) for f in checker.check_unit(u)] for u in units}
    assert found == {
        "1": [("target", (25, 26))],
        "2": [("target", (9, 10)), ("target", (13, 14)), ("target", (14, 15))],
        "3": [],
        "4": [("source", (6, 7))],
    }


def test_p106_plain_spaces() -> None:
    plain = _unit("Quelle est la date limite ?", "What is the deadline?")
    assert _run("P106", plain) == []
    assert _run("P106", plain, **{"require-no-break-space": True}) == [("source", (25, 26))]
    mixed = _unit(f"Note{NBSP}: la date limite ?", "Note: the deadline?")
    assert _run("P106", mixed) == [("source", (21, 22))]


def test_p106_canadian_french_needs_no_space_before_question_mark() -> None:
    assert _run("P106", _unit("Vraiment?", "Really?", "fr-CA")) == []
    assert _run("P106", _unit("Note: ceci", "Note: this", "fr-CA")) == [("source", (4, 5))]


@pytest.mark.parametrize(
    "text",
    ["Rendez-vous à 10:30.", "Voir https://example.com/page?id=3.", "Format 16:9", "Quoi ?!",
     "Merci ;-)", "Yahoo! Mail", "Le lecteur C: est plein.", "Utilisez std::vector",
     "Écrivez à mailto:contact@example.fr", "Fichier {0} : introuvable"],
)
def test_p106_not_punctuation(text: str) -> None:
    assert _run("P106", _unit(text, "x", "fr-FR", "xx")) == []


def test_p106_english_guillemets_and_spaces() -> None:
    u = _unit("Il a dit « oui » ?", "He said « yes » ?")
    assert _run("P106", u) == [("target", (8, 15)), ("target", (15, 16))]
    assert _run("P106", _unit("x", "Press ? for help. Home » Help", "fr-FR", "en-US")) == []


# --- precision on real catalogues (cases from the French gettext catalogues of a Debian box) --


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("luri méridional", "Southern Luri"),  # title-case name
        ("taï-le", "Tai Le"),
        ("rempi", "Rempi"),  # no frequent word: a name
        ("krikati-timbira", "Krikati-Timbira"),
        ("afar", "Afar"),  # the same word on both sides
        ("thaï, méridional", "Thai, Southern"),
        ("chilienne, langue des signes", "Chilean Sign Language"),
    ],
)
def test_p105_language_names_are_not_case_slips(source: str, target: str) -> None:
    assert _run("P105", _unit(source, target)) == []


@pytest.mark.parametrize(
    ("source", "target", "span"),
    [
        ("Le fichier «\u00a0%s\u00a0» est tronqué", 'file "%s" is truncated', (0, 4)),
        ("enregistrer le fichier", "Save the file", (0, 4)),
        ("impossible de supprimer le répertoire", "Refusing to remove the directory", (0, 8)),
    ],
)
def test_p105_still_reports_real_case_slips(
    source: str, target: str, span: tuple[int, int]
) -> None:
    assert _run("P105", _unit(source, target)) == [("target", span)]


def test_p103_layout_in_multiline_help_is_not_a_double_space() -> None:
    source = "Usage:\n  -v, --verbose    be loud\n    \n  -q  quiet"
    target = "Utilisation :\n  -v, --verbose      bavard\n    \n  -q  silencieux"
    assert _run("P103", _unit(source, target, "en-US", "fr-FR")) == []
    # One line of prose: a double space is still a slip.
    assert _run("P103", _unit("with another key", "avec  une autre touche", "en-US", "fr-FR")) == [
        ("target", (4, 6))
    ]


@pytest.mark.parametrize(
    "text",
    ["%s: impossible d'ouvrir", "slattach: tty_lock: utilisateur inconnu", "nreloc: %u", "utf8: invalide"],
)
def test_p106_unix_name_colon_is_not_french_prose(text: str) -> None:
    assert _run("P106", _unit(text, "x", "fr-FR", "en-US")) == []


def test_p106_prose_colon_still_needs_its_space() -> None:
    assert _run("P106", _unit("Attention: la taille", "Warning: the size")) == [("source", (9, 10))]
    assert _run("P106", _unit("étape 1: ouvrir", "step 1: open")) == [("source", (7, 8))]


def test_p104_column_gap_is_layout_but_a_code_gap_is_a_repeat() -> None:
    help_text = "  -b FICHIER  FICHIER existe et est un bloc spécial"
    assert _run("P104", _unit("  -b FILE     FILE exists", help_text, "en-US", "fr-FR")) == []
    assert _run("P104", _unit("x", "eof CAR\tCAR émettra", "en-US", "fr-FR")) == []
    assert _run("P104", _unit("the file", "le le fichier", "en-US", "fr-FR")) == [
        ("target", (3, 5))
    ]
    coded = Text("the  the file", ("the ", InlineCode("ph", 4, i="1"), " the file"))
    u = Unit("t.tmx", "1", 1, 1, "fr-FR", "en-US", Text("le fichier", ("le fichier",)), coded)
    assert _run("P104", u) == [("target", (5, 8))]


def test_p101_an_abbreviation_period_is_not_sentence_punctuation() -> None:
    assert _run("P101", _unit("Belgian (alt.)", "Belge (variante)", "en-US", "fr-FR")) == []
    assert _run("P101", _unit("ca. 200-1200 CE", "200-1200 avant J.-C.", "en-US", "fr-FR")) == []
    assert _run("P101", _unit("Link objects.", "Lier les objets", "en-US", "fr-FR")) == [
        ("target", (15, 15))
    ]


def test_p106_copied_layout_is_not_a_spacing_slip() -> None:
    # The English source spaces its colon too, and English does not do that: layout.
    assert _run("P106", _unit("Type : %s", "Tipo : %s", "en-US", "es-ES")) == []
    assert _run("P106", _unit("flags: 0x%04x", "opciones   : 0x%04x", "en-US", "es-ES")) == []
    # Still reported: the target alone spaces its colon, or French habits in English.
    assert _run("P106", _unit("Type: %s", "Tipo : %s", "en-US", "es-ES")) == [("target", (4, 5))]
    assert _run("P106", _unit("Quelle est la date limite ?", "What is the deadline ?")) == [
        ("target", (20, 21))
    ]


def test_p103_double_space_in_column_layout_is_a_column_gap() -> None:
    source = "  \\ddp    [PATTERN]      list default privileges\n"
    target = "  \\ddp    [PATRÓN]  listar privilegios por omisión\n"
    assert _run("P103", _unit(source, target, "en-US", "es-ES")) == []
    # Multi-line prose without columns: still a slip.
    assert _run("P103", _unit("a\nb c", "a\nb  c", "en-US", "es-ES")) == [("target", (3, 5))]


def test_p102_a_gloss_of_a_source_word_is_not_an_extra_aside() -> None:
    en, fr = "en-US", "fr-FR"
    assert _run("P102", _unit("import a VM image", "importer une image de machine (VM)", en, fr)) == []
    assert _run("P102", _unit("settype failed", "échec de settype()", en, fr)) == []
    # An aside the source does not have is still reported.
    assert _run("P102", _unit("Out of range", "Hors intervalle (-32768 à 32767)", en, fr)) == [
        ("target", (0, 32))
    ]


def test_p102_a_gloss_in_the_source_is_not_a_dropped_aside() -> None:
    source = "importer une image de machine virtuelle (VM)"
    assert _run("P102", _unit(source, "import a VM image")) == []
