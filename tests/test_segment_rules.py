"""Segment rules S102-S104 in both directions: findings, options, and the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmqa.context import Context
from tmqa.decision import Selection
from tmqa.engine import Checker
from tmqa.errors import InputError
from tmqa.model import Finding, Glossary, Severity, Term, TermEntry, Text, Unit
from tmqa.readers.tmx import read_tmx
from tmqa.rules.segment import (
    expected_ratio,
    same_text,
    text_length,
    translatable_words,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "ice-contract.fr-en.tmx"


def unit(source: str, target: str, src: str = "fr-FR", tgt: str = "en-US", tuid: str = "1") -> Unit:
    return Unit("t.tmx", tuid, 1, 1, src, tgt, Text(source), Text(target))


def check(code: str, u: Unit, ctx: Context | None = None) -> list[Finding]:
    return [f for f in Checker(Selection(select=(code,)), ctx).check_unit(u) if f.code == code]


# --- S102 -------------------------------------------------------------------------------------


def test_same_text_ignores_spacing_case_and_quote_style() -> None:
    assert same_text("Attention : le fichier est ouvert !", "attention: le fichier  est ouvert!")
    assert same_text("Don’t save", "Don't  save")
    assert same_text("« Oui »", '"Oui"')
    assert not same_text("Le contrat", "Le contrat.")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Microsoft Azure", []),
        ("Meta Platforms Ireland", []),
        ("Immigration and Customs Enforcement", []),
        ("Version 2.3.1", ["version"]),
        ("OK", []),
        ("LinkedIn", []),
        ("{0} of {1}", ["of"]),
        ("https://example.com/a/b", []),
        ("Cancel", ["cancel"]),
        ("Privacy Policy", ["privacy", "policy"]),
        ("CLICK HERE TO CONTINUE", ["click", "here", "to", "continue"]),
        ("Microsoft is not working with them", ["is", "not", "working", "with", "them"]),
    ],
)
def test_translatable_words_en(text: str, words: list[str]) -> None:
    assert translatable_words(text, "en", "fr") == words


def test_s102_reports_copy_on_target_with_whole_span() -> None:
    u = unit("Le contrat a été annulé par le client.", "Le contrat a été annulé par le client.")
    [f] = check("S102", u)
    assert (f.side, f.span, f.severity) == ("target", (0, 38), Severity.ERROR)
    assert "contrat" in f.message


@pytest.mark.parametrize(
    "text",
    ["Microsoft Azure", "OK", "Description", "Total", "Version 2.3.1", "Satya Nadella",
     "Restaurant", "Google", "1\u00a0200", "{0} / {1}", "pangolin", "virulence", "surfaces",
     "cov 19"],
)
def test_s102_silent_on_names_codes_and_shared_words_both_directions(text: str) -> None:
    assert check("S102", unit(text, text)) == []
    assert check("S102", unit(text, text, "en-GB", "fr-CA")) == []


def test_s102_en_fr_one_word_and_title_case() -> None:
    assert len(check("S102", unit("Cancel", "Cancel", "en-US", "fr-FR"))) == 1
    assert len(check("S102", unit("Terms of Service", "Terms of Service", "en-US", "fr-FR"))) == 1
    assert len(check("S102", unit("Annuler", "Annuler"))) == 1
    assert len(check("S102", unit("help", "help", "en-US", "fr-FR"))) == 1
    assert len(check("S102", unit("Photo principale", "Photo principale"))) == 1


def test_s102_silent_between_variants_of_one_language() -> None:
    text = "Click Save to keep your changes."
    assert check("S102", unit(text, text, "en-US", "en-GB")) == []


def test_s102_silent_when_source_is_reliably_in_another_language() -> None:
    # An English quotation in a French memory is rightly kept in English; S103 reports it.
    text = "We refuse to be complicit in this policy of separating children from their families."
    assert check("S102", unit(text, text)) == []
    assert [f.side for f in check("S103", unit(text, text))] == ["source"]


def test_s102_do_not_translate_terms_from_the_glossary() -> None:
    text = "Save Changes"
    # Title Case made of common words is text to translate ...
    assert len(check("S102", unit(text, text, "en-US", "fr-FR"))) == 1
    # ... unless the glossary keeps it verbatim in both languages (do-not-translate).
    entry = TermEntry("1", (Term("Save Changes", "en"), Term("Save Changes", "fr")))
    ctx = Context(Glossary((entry,), ("g.csv",), "x"))
    assert check("S102", unit(text, text, "en-US", "fr-FR"), ctx) == []
    # A DNT term inside a sentence does not excuse the rest of it.
    sentence = "Click Save Changes to keep your work."
    assert len(check("S102", unit(sentence, sentence, "en-US", "fr-FR"), ctx)) == 1


# --- S103 -------------------------------------------------------------------------------------


def test_s103_en_fr_target_left_in_english() -> None:
    u = unit(
        "Click the Save button to keep your changes before closing the window.",
        "Click the Save button to keep your changes before you close the window.",
        "en-US",
        "fr-FR",
    )
    [f] = check("S103", u)
    assert (f.side, f.span) == ("target", (0, len(u.target.plain) if u.target else 0))
    assert f.message == "target is in English, not French"


def test_s103_swapped_sides_are_named() -> None:
    u = unit(
        "The customer canceled the contract last week because of the delays.",
        "Le client a annulé le contrat la semaine dernière à cause des retards.",
    )
    found = check("S103", u)
    assert [f.side for f in found] == ["source", "target"]
    assert all("swapped" in f.message for f in found)


@pytest.mark.parametrize(
    ("source", "target"),
    [("OK", "OK"), ("Microsoft Azure", "Microsoft Azure"), ("Annuler", "Cancel"),
     ("Satya Nadella, Microsoft, LinkedIn", "Satya Nadella, Microsoft, LinkedIn")],
)
def test_s103_never_judges_short_or_name_only_text(source: str, target: str) -> None:
    assert check("S103", unit(source, target)) == []
    assert check("S103", unit(target, source, "en-US", "fr-FR")) == []


# Real gettext pairs (binutils, gettext, git, coreutils, shadow, man-db) that S103 used to
# report: options, placeholders, code and single letters are no evidence, and a near tie is
# no verdict. Each pair is checked both ways round (FR->EN and EN->FR).
REAL_PAIRS_WITHOUT_S103 = [
    (
        "%s\xa0: la relocalisation %u n'est pas prise en charge dans un mode TLSLE non statique",
        "%s: unsupported reloc %u in non-static TLSLE mode.",
    ),
    (
        "      --csharp-resources      mode C#\xa0: produire un fichier «\xa0.resources\xa0» de "
        "type .NET\n",
        "      --csharp-resources      C# resources mode: generate a .NET .resources file\n",
    ),
    (
        "%F%P\xa0: --num-lines/--num-regions «\xa0%u\xa0» invalide\n",
        "%F%P: invalid --num-lines/--num-regions `%u'\n",
    ),
    (
        "%pB(%pA): erreur: le réadressage secondaire %zu fait référence à un symbole supprimé",
        "%pB(%pA): error: secondary reloc %zu references a deleted symbol",
    ),
    (
        "le fichier CI des actions différées «\xa0%.250s\xa0» contient une syntaxe illégale dans "
        "l'action différée de nom «\xa0%.250s\xa0»\xa0: %.250s",
        "triggers ci file '%.250s' contains illegal trigger syntax in trigger name '%.250s': "
        "%.250s",
    ),
    (
        "  -o, --non-unique              autoriser l'utilisation de GID dupliqués (non-uniques)\n",
        "  -o, --non-unique              allow to use a duplicate (non-unique) GID\n",
    ),
    (
        "  --m[no-]fp-as-gp            Désactiver/activer la relaxation fp-as-gp\n",
        "  --m[no-]fp-as-gp            Disable/enable fp-as-gp relaxation\n",
    ),
    (
        "git for-each-ref [--contains [<commit>]] [--no-contains [<commit>]]",
        "git for-each-ref [--contains [<commit>]] [--no-contains [<commit>]]",
    ),
    (
        "git rebase [-i] [options] [--exec <cmd>] [--onto <nouvelle-base> | --keep-base] "
        "[<amont> [<branche>]]",
        "git rebase [-i] [options] [--exec <cmd>] [--onto <newbase> | --keep-base] "
        "[<upstream> [<branch>]]",
    ),
    (
        "NOM\n[--add-to-archive|--delete-from-archive] FICHIER...\n--list-archive [FICHIER]",
        "NAME\n[--add-to-archive|--delete-from-archive] FILE...\n--list-archive [FILE]",
    ),
    (
        "--Man-- prochain\xa0: %s [ voir (entrée) | passer (Ctrl-D) | quitter (Ctrl-C) ]\n",
        "--Man-- next: %s [ view (return) | skip (Ctrl-D) | quit (Ctrl-C) ]\n",
    ),
    (
        "      --clear-fuzzy           retirer l'état «\xa0fuzzy\xa0» de tous les messages\n",
        "      --clear-fuzzy           set all messages non-'fuzzy'\n",
    ),
]


@pytest.mark.parametrize(("french", "english"), REAL_PAIRS_WITHOUT_S103)
def test_s103_real_technical_strings_are_not_reported(french: str, english: str) -> None:
    assert check("S103", unit(french, english)) == []
    assert check("S103", unit(english, french, "en-US", "fr-FR")) == []


def test_s103_real_source_left_in_english_is_still_reported() -> None:
    text = (
        "\nYour installation contains extensions that should be updated\nwith the ALTER "
        "EXTENSION command.  The file\n    %s\nwhen executed by psql by the database superuser "
        "will update\nthese extensions.\n\n"
    )
    assert [(f.code, f.side) for f in check("S103", unit(text, text))] == [("S103", "source")]
    # A short English string left in a French target is still English.
    u = unit(
        "Cannot exec a shared library directly",
        "Cannot exec a shared library directly, check the path",
        "en-US",
        "fr-FR",
    )
    assert [(f.code, f.side) for f in check("S103", u)] == [("S103", "target")]


def test_s103_skips_target_identical_to_source() -> None:
    text = "Le contrat a été annulé par le client la semaine dernière."
    assert check("S103", unit(text, text)) == []
    assert [f.code for f in Checker(Selection(select=("S",))).check_unit(unit(text, text))] == [
        "S102"
    ]


# --- S104 -------------------------------------------------------------------------------------


def test_text_length_collapses_whitespace() -> None:
    assert text_length("  a \u00a0 b\n") == 3
    assert text_length("abc def") == 7
    assert text_length("") == 0


def test_expected_ratio_per_pair() -> None:
    assert expected_ratio("fr-FR", "en-US") == pytest.approx(1 / 1.15)
    assert expected_ratio("en", "fr-CA") == pytest.approx(1.15)
    assert expected_ratio("fr", "xx") == 1.0
    assert expected_ratio("fr", "en", {"fr-en": 0.9}) == 0.9
    # Chinese packs a word in a character or two: not three times too short.
    src = "The customer canceled the contract last week because of the delays."
    assert check("S104", unit(src, "由于延误，客户上周取消了合同。", "en-US", "zh-CN")) == []


def test_s104_both_directions() -> None:
    src = "Click the Save button to keep your changes before closing the window."
    assert check("S104", unit(src, "Cliquez sur Enregistrer.", "en-US", "fr-FR")) != []
    good = "Cliquez sur Enregistrer pour conserver vos modifications avant de fermer la fenêtre."
    assert check("S104", unit(src, good, "en-US", "fr-FR")) == []
    [f] = check("S104", unit(good, "Click Save.", "fr-FR", "en-US"))
    assert f.severity == Severity.WARNING and "too short" in f.message


def test_s104_options() -> None:
    u = unit("Annuler la commande", "Cancel")  # 19 -> 6 chars: 0.32x, inside 0.26x..2.6x
    assert check("S104", u) == []
    tight = Context(rule_options={"S104": {"bands": [[None, 0.8, 1.2]]}})
    assert len(check("S104", u, tight)) == 1
    skip = Context(rule_options={"S104": {"bands": [[None, 0.8, 1.2]], "min-length": 20}})
    assert check("S104", u, skip) == []
    ratio = Context(rule_options={"S104": {"bands": [[None, 0.8, 1.2]], "ratio": 0.3}})
    assert check("S104", u, ratio) == []
    # The last band covers every longer source, whatever its bound.
    last = Context(rule_options={"S104": {"bands": [[5, 0.3, 3.0], [10, 0.8, 1.2]]}})
    assert len(check("S104", u, last)) == 1


def test_s104_bands_from_a_config_file(tmp_path: Path) -> None:
    from tmqa.config import load_config

    cfg = tmp_path / "tmqa.toml"
    cfg.write_text('[rules.S104]\nbands = [[30, 0.8, 1.2], [inf, 0.8, 1.2]]\n"min-length" = 5\n')
    ctx = Context(rule_options=load_config(str(cfg)).rule_options)
    assert len(check("S104", unit("Annuler la commande", "Cancel"), ctx)) == 1


def test_s104_malformed_bands_are_an_input_error() -> None:
    bad = Context(rule_options={"S104": {"bands": [[30, 2.0, 1.0]]}})
    with pytest.raises(InputError, match="S104 option bands"):
        check("S104", unit("Annuler la commande", "Cancel"), bad)


# --- the bundled corpus, both directions -------------------------------------------------------


def _run(units: list[Unit], select: tuple[str, ...]) -> list[Finding]:
    checker = Checker(Selection(select=select))
    return [f for u in units for f in checker.check_unit(u)]


def test_corpus_fr_en_raises_nothing() -> None:
    units = read_tmx(str(CORPUS))
    assert len(units) == 13
    assert _run(units, ("S102", "S103", "S104", "C")) == []


def test_corpus_read_en_fr_raises_nothing() -> None:
    units = read_tmx(str(CORPUS), source_lang="en-US", target_lang="fr-FR")
    assert units[0].source_lang == "en-US"
    assert _run(units, ("S102", "S103", "S104", "C")) == []


def test_corpus_target_replaced_by_source_is_reported() -> None:
    units = read_tmx(str(CORPUS))
    copied = [Unit(u.file, u.tuid, u.line, u.index, u.source_lang, u.target_lang, u.source,
                   u.source) for u in units]
    found = _run(copied, ("S102", "S103"))
    assert {f.tuid for f in found if f.code == "S102"} == {u.tuid for u in units}
    assert not [f for f in found if f.code == "S103"]


# --- robustness ---------------------------------------------------------------------------------

_PIECES = [*"aéZ 1,.%{}<>=_’'«»\u00a0\u202f\u200b-$€ß", "OK", "Save", "le ", "the ", "2023"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=20).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT, _TEXT, st.sampled_from(["fr-FR", "en-US", "de", ""]),
       st.sampled_from(["fr-CA", "en-GB", "ja", ""]))
def test_rules_never_crash_and_spans_stay_in_bounds(src: str, tgt: str, sl: str, tl: str) -> None:
    u = unit(src, tgt, sl, tl)
    for f in Checker(Selection(select=("S", "N", "C"))).check_unit(u):
        side = u.text(f.side).plain
        assert 0 <= f.span[0] <= f.span[1] <= len(side)


# --- S102 precision on real catalogues (French gettext catalogues of a Debian box) ------------


@pytest.mark.parametrize(
    ("source", "src", "tgt"),
    [
        ("wait [-fn] [-p var] [id ...]", "en-US", "fr-FR"),  # command synopses are code
        ("git check-mailmap [<options>] <contact>...", "en-US", "fr-FR"),
        ("trap [-lp] [[arg] signal_spec ...]", "en-US", "fr-FR"),
        ("git stash save [-p | --patch] [-q | --quiet]\n   [-a | --all] [<message>]", "fr-FR", "en-US"),
        ("Usage: cp [OPTION]... SOURCE DEST", "en-US", "fr-FR"),
        ("%lih %limin %lis", "en-US", "fr-FR"),  # printf length modifiers, unit letters
        ("aneme wake", "fr-FR", "en-US"),  # French writes language names in lower case
        ("mandobo atas", "fr-FR", "en-US"),
    ],
)
def test_s102_code_and_names_copied_unchanged_are_fine(source: str, src: str, tgt: str) -> None:
    assert check("S102", unit(source, source, src, tgt)) == []


@pytest.mark.parametrize(
    "source",
    [
        "Continue",
        "Your installation contains extensions that should be updated.",
        "open the FILE",
        "Click Save to keep your changes.",
    ],
)
def test_s102_still_reports_untranslated_text(source: str) -> None:
    found = check("S102", unit(source, source, "en-US", "fr-FR"))
    assert [(f.code, f.side, f.span) for f in found] == [("S102", "target", (0, len(source)))]


def test_s102_words_german_shares_with_english_are_translated() -> None:
    for text in ("Download", "Status", 'portal "%s" parameter $%d = %s'):
        assert check("S102", unit(text, text, "en-US", "de-DE")) == []
    found = check("S102", unit("Day", "Day", "en-US", "de-DE"))
    assert [(f.code, f.side) for f in found] == [("S102", "target")]
