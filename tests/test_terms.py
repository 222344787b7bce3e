"""The term matcher: exact matching (words, case, plurals, longest match) and near-misses."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tmqa.model import Glossary, Term, TermEntry, TermStatus, Text, Unit
from tmqa.readers.tmx import TmxReader
from tmqa.terms import TermIndex
from tmqa.terms.commonwords import common_words
from tmqa.terms.nearmiss import NearIndex, one_edit
from tmqa.terms.normalize import Tokens

P, A, F = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.FORBIDDEN


def glossary(*rows: tuple[str, str] | tuple[str, str, TermStatus]) -> Glossary:
    """One concept per (fr, en[, status of en]) row; repeated fr cells merge as in CSV."""
    concepts: dict[str, list[Term]] = {}
    for row in rows:
        fr, en = row[0], row[1]
        status = row[2] if len(row) == 3 else P
        terms = concepts.setdefault(fr, [Term(fr, "fr")])
        terms.append(Term(en, "en", status))
    return Glossary(tuple(TermEntry(f"c{i}", tuple(ts)) for i, ts in enumerate(concepts.values())))


def unit(source: str, target: str | None, src: str = "fr-FR", tgt: str = "en-US") -> Unit:
    return Unit("t.tmx", "1", 1, 0, src, tgt, Text(source), Text(target) if target else None)


def texts(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [h.text for h in hits]


FR_EN = TermIndex(
    glossary(
        ("centre de détention", "detention center"),
        ("centre de détention", "detention centre", A),
        ("autorité de contrôle", "supervisory authority"),
        ("responsable du traitement", "controller"),
        ("traitement", "processing"),
        ("politique d'immigration", "immigration policy"),
        ("Union européenne", "European Union"),
        ("sans-papiers", "undocumented immigrant"),
        ("sans-papiers", "illegal alien", F),
        ("ICE", "ICE"),
        ("Immigration and Customs Enforcement", "Immigration and Customs Enforcement"),
        ("LinkedIn", "LinkedIn"),
        ("Comité européen de la protection des données", "European Data Protection Board"),
        ("Commission européenne", "European Commission"),
        ("bureau", "office"),
        ("journal", "newspaper"),
        ("enfants migrants", "migrant children"),
        ("services cloud", "cloud services"),
        ("quarantaine", "quarantine"),
        ("État", "State"),
    ),
    "fr-FR",
    "en-US",
)


class TestExact:
    def test_whole_words_only(self) -> None:
        assert texts(FR_EN.source_hits("Les retraitements et le traitement.")) == ["traitement"]

    @pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "  ", "\t"])
    def test_any_whitespace_inside_a_term(self, space: str) -> None:
        assert texts(FR_EN.source_hits(f"L'Union{space}européenne")) == [f"Union{space}européenne"]

    def test_typographic_apostrophe_equals_straight(self) -> None:
        hits = FR_EN.source_hits("Une politique d’immigration éclairée.")
        assert texts(hits) == ["politique d’immigration"]
        assert hits[0].span == (4, 27)

    def test_term_after_elision(self) -> None:
        assert texts(FR_EN.source_hits("l’Union européenne")) == ["Union européenne"]

    def test_hyphenated_term_and_its_parts(self) -> None:
        assert texts(FR_EN.source_hits("Ces sans-papiers arrivent.")) == ["sans-papiers"]
        assert FR_EN.source_hits("Ils sont sans papiers.") == []

    def test_acronym_is_case_sensitive_and_never_inflected(self) -> None:
        assert texts(FR_EN.source_hits("L'agence ICE expulse.")) == ["ICE"]
        assert FR_EN.source_hits("Des ices et de la ice, Ice.") == []
        assert FR_EN.source_hits("Les ICEs.") == []

    def test_mixed_case_term_is_case_sensitive(self) -> None:
        assert FR_EN.source_hits("Son compte Linkedin.") == []
        assert texts(FR_EN.source_hits("Son compte LinkedIn.")) == ["LinkedIn"]

    def test_lower_case_term_matches_any_case(self) -> None:
        got = texts(FR_EN.source_hits("Traitement. TRAITEMENT. traitement."))
        assert got == ["Traitement", "TRAITEMENT", "traitement"]

    def test_sentence_initial_capital_on_case_sensitive_term(self) -> None:
        index = TermIndex(glossary(("iPhone", "iPhone")), "fr", "en")
        assert texts(index.source_hits("IPhone et iPhone.")) == ["IPhone", "iPhone"]

    def test_longest_match_wins_and_matches_do_not_overlap(self) -> None:
        hits = FR_EN.source_hits("Le responsable du traitement et le traitement.")
        assert [(h.text, h.entry.terms[0].text) for h in hits] == [
            ("responsable du traitement", "responsable du traitement"),
            ("traitement", "traitement"),
        ]

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("Les autorités de contrôle.", "autorités de contrôle"),
            ("Les centres de détention.", "centres de détention"),
            ("Les bureaux.", "bureaux"),
            ("Les journaux.", "journaux"),
            ("Un enfant migrant.", "enfant migrant"),  # the glossary lists the plural
        ],
    )
    def test_french_regular_plurals(self, text: str, found: str) -> None:
        assert texts(FR_EN.source_hits(text)) == [found]

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("Supervisory authorities.", "Supervisory authorities"),
            ("Two detention centers.", "detention centers"),
            ("Cloud services and offices.", "offices"),
        ],
    )
    def test_english_regular_plurals(self, text: str, found: str) -> None:
        assert found in texts(FR_EN.target_hits(text))

    def test_function_words_are_not_inflected(self) -> None:
        assert FR_EN.source_hits("Un centre des détention.") == []

    def test_inline_codes_are_not_text(self, tmp_path: Path) -> None:
        tmx = tmp_path / "codes.tmx"
        tmx.write_text(
            '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
            'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr" '
            'datatype="plaintext"/><body><tu tuid="1">'
            '<tuv xml:lang="fr"><seg>Immigration and Customs <bpt i="1">&lt;b&gt;</bpt>'
            'Enforcement<ept i="1">&lt;/b&gt;</ept></seg></tuv>'
            '<tuv xml:lang="en"><seg>Immigration and Customs Enforcement</seg></tuv></tu>'
            "</body></tmx>",
            encoding="utf-8",
        )
        (u,) = TmxReader(str(tmx))
        result = FR_EN.check(u)
        assert texts(list(result.source_hits)) == ["Immigration and Customs Enforcement"]
        assert [v.status for v in result.verdicts] == ["ok"]

    @pytest.mark.parametrize(
        "text", ["Voir traitement.example.com.", "Le fichier src/traitement/x.c.", "#<traitement>"]
    )
    def test_terms_inside_urls_paths_and_placeholders_are_not_prose(self, text: str) -> None:
        assert FR_EN.source_hits(text) == []

    def test_tokens_keep_offsets_with_growing_lowercase(self) -> None:
        tok = Tokens("İstanbul et ICE")
        assert tok.keys[-1] == "ice"
        assert tok.surface(2) == "ICE"


class TestNearMiss:
    def test_founding_case_on_the_source_side(self) -> None:
        (m,) = FR_EN.source_misses("l’agence fédérale ICE (Immigration and Customs Enfoncement)")
        assert (m.text, m.term.text, m.kind) == (
            "Immigration and Customs Enfoncement",
            "Immigration and Customs Enforcement",
            "typo",
        )

    def test_missing_letter_in_a_short_word_of_a_long_term(self) -> None:
        (m,) = FR_EN.target_misses("The European Data Protection Bord said.")
        assert m.text == "European Data Protection Bord"

    def test_case_only_difference_of_a_camel_case_name(self) -> None:
        (m,) = FR_EN.source_misses("Sur son compte Linkedin.")
        assert (m.text, m.kind) == ("Linkedin", "case")

    def test_misspelled_plural(self) -> None:
        (m,) = FR_EN.target_misses("The detention cemters are full.")
        assert m.term.text == "detention center"

    @pytest.mark.parametrize(
        "text",
        [
            "La commission d’enquête a rendu son rapport.",  # frequent word, fewer words
            "Les centres de détention.",  # plural: an exact hit
            "Les bureaux.",
            "Il a été mis en quarantaine.",
            "Les quarantaines.",
            "L’Etat décide.",  # an unaccented capital is French typography
            "Voir linkedin.com/in/nadella.",  # part of a URL
            "Le COVID-20.",
            "linkedin et LINKEDIN",  # all lower case is an identifier, all caps a heading
        ],
    )
    def test_no_false_alarm_in_french(self, text: str) -> None:
        assert FR_EN.source_misses(text) == []

    @pytest.mark.parametrize(
        "text",
        [
            "The patients were quarantined.",  # a letter added at the end: inflection
            "A nongovernmental organisation.",
            "The commission of inquiry.",
            "An essay on offices.",
        ],
    )
    def test_no_false_alarm_in_english(self, text: str) -> None:
        assert FR_EN.target_misses(text) == []

    def test_single_word_typo(self) -> None:
        index = TermIndex(glossary(("Pentagone", "Pentagon")), "fr", "en")
        assert texts(index.source_misses("Le Pentgone a confirmé.")) == ["Pentgone"]
        # Edits at the first letter or in the last two are not reported on one word.
        assert index.source_misses("Le Mentagone, le Pentagono.") == []

    def test_one_edit(self) -> None:
        assert one_edit("Enfoncement", "Enforcement") == ("sub", 4)
        assert one_edit("Bord", "Board") == ("missing", 2)
        assert one_edit("Boaard", "Board") == ("extra", 3)
        assert one_edit("Baord", "Board") == ("swap", 1)
        assert one_edit("Board", "Board") is None
        assert one_edit("Bored", "Board") is None

    def test_near_index_finds_exactly_the_words_one_edit_away(self) -> None:
        rng = random.Random(4)
        words = {"".join(rng.choice("abcde") for _ in range(rng.randint(5, 8))) for _ in range(400)}
        index = NearIndex(words)
        for w in list(words)[:80]:
            i = rng.randrange(len(w))
            for token in (w[:i] + w[i + 1 :], w[:i] + "x" + w[i:], w[:i] + "b" + w[i + 1 :]):
                expected = {v for v in words if one_edit(token, v)}
                assert {v for v, _ in index.near(token)} == expected


class TestCheck:
    def status(self, source: str, target: str) -> list[tuple[str, str]]:
        return [(v.hit.text, v.status) for v in FR_EN.check(unit(source, target)).verdicts]

    def test_ok_with_plurals_and_admitted_variant(self) -> None:
        assert self.status("Les centres de détention.", "The detention centres.") == [
            ("centres de détention", "ok")
        ]

    def test_missing(self) -> None:
        v = FR_EN.check(unit("Le centre de détention.", "The camp.")).verdicts[0]
        assert (v.status, v.expected.text) == ("missing", "detention center")

    def test_forbidden(self) -> None:
        v = FR_EN.check(unit("Ces sans-papiers.", "These illegal aliens.")).verdicts[0]
        assert v.status == "forbidden"
        assert v.target is not None and v.target.text == "illegal aliens"

    def test_misspelled_target_explains_the_missing_term(self) -> None:
        v = FR_EN.check(unit("Les centres de détention.", "The detention cemters.")).verdicts[0]
        assert v.status == "misspelled"
        assert v.near is not None and v.near.text == "detention cemters"

    def test_dnt_altered_and_claimed_from_T103(self) -> None:
        result = FR_EN.check(unit("Son compte LinkedIn.", "His Linkedin account."))
        (v,) = result.verdicts
        assert v.status == "dnt-altered" and v.dnt
        assert v.near is not None and v.near.text == "Linkedin"
        assert result.target_misses == ()

    def test_dnt_verbatim_as_in_the_source(self) -> None:
        assert self.status("L'AGENCE ICE.", "THE ICE AGENCY.") == [("ICE", "ok")]

    def test_cognate_is_not_dnt(self) -> None:
        index = TermIndex(glossary(("isolation", "isolation")), "fr", "en")
        (v,) = index.check(unit("L'isolation.", "ISOLATION.")).verdicts
        assert (v.status, v.dnt) == ("ok", False)

    def test_acceptable_term_inside_a_longer_target_term_counts(self) -> None:
        index = TermIndex(
            glossary(
                ("protection des données", "data protection"), ("DPO", "data protection officer")
            ),
            "fr",
            "en",
        )
        (v,) = index.check(
            unit("La protection des données.", "The data protection officer.")
        ).verdicts
        assert v.status == "ok"

    def test_en_fr_direction(self) -> None:
        index = TermIndex(glossary(("autorité de contrôle", "supervisory authority")), "en", "fr")
        result = index.check(
            unit("The supervisory authorities.", "Les autorités de contrôle.", "en", "fr")
        )
        assert [(v.hit.text, v.status) for v in result.verdicts] == [
            ("supervisory authorities", "ok")
        ]

    def test_no_target_no_verdicts(self) -> None:
        result = FR_EN.check(unit("Le centre de détention.", None))
        assert texts(list(result.source_hits)) == ["centre de détention"]
        assert result.verdicts == ()


def test_common_word_lists_ship_for_french_and_english() -> None:
    for lang, word in (("fr", "commission"), ("en", "commission"), ("fr-CA", "bord")):
        words = common_words(lang)
        assert len(words) > 20_000
        assert word in words
        assert all(w == w.lower() and len(w) >= 4 for w in words)
    assert common_words("xx") == frozenset()


def test_near_miss_candidates_do_not_depend_on_the_hash_seed() -> None:
    """Two glossary words one edit from the same token: the same one is named in every run."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "from tmqa.terms.nearmiss import NearIndex\n"
        "words = ['center', 'centre', 'centered', 'fenter', 'cents', 'cantor'] * 1\n"
        "i = NearIndex(words + [f'word{k:05d}' for k in range(50)])\n"
        "print([w for w, _ in i.near('centee')], [w for w, _ in i.near('cente')])\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
            cwd=str(ROOT),
        ).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1
    assert outputs.pop().startswith("['center', 'centre']")
