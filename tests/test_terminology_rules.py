"""Terminology rules T101-T105 on the bundled corpus, its candidates, and focused cases."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tmqa.commands.check import load_glossaries
from tmqa.context import Context
from tmqa.decision import Selection
from tmqa.engine import Checker
from tmqa.model import Finding, Glossary, Term, TermEntry, TermStatus, Text, Unit
from tmqa.readers.tmx import TmxReader

ROOT = Path(__file__).resolve().parent.parent
CORPUS = str(ROOT / "corpora" / "ice-contract.fr-en.tmx")
GLOSSARIES = [str(ROOT / "glossaries" / f"ice-contract.fr-en.{ext}") for ext in ("tbx", "csv")]
Run = Callable[..., tuple[int, str, str]]


def run_t(units: list[Unit], glossary: Glossary | None) -> list[Finding]:
    checker = Checker(Selection(select=("T",)), Context(glossary))
    return [f for u in units for f in checker.check_unit(u)]


@pytest.mark.parametrize("glossary", GLOSSARIES, ids=["tbx", "csv"])
def test_bundled_corpus_reports_the_source_misspellings_only(run_tmqa: Run, glossary: str) -> None:
    rc, out, _ = run_tmqa("check", CORPUS, "--glossary", glossary, "--format", "json")
    findings = [f for f in json.loads(out)["findings"] if f["code"].startswith("T")]
    assert [(f["tuid"], f["code"], f["rule"], f["side"], f["suggestion"]) for f in findings] == [
        ("1", "T103", "term-misspelled", "source", "Immigration and Customs Enforcement"),
        ("8", "T103", "term-misspelled", "source", "LinkedIn"),
    ]
    unit1 = next(iter(TmxReader(CORPUS)))
    start, end = findings[0]["span"]
    assert unit1.source.plain[start:end] == "Immigration and Customs Enfoncement"
    assert rc != 0


def _with_candidate(name: str) -> list[Unit]:
    lines = (ROOT / "corpora" / "candidates" / f"{name}.en.txt").read_text("utf-8").splitlines()
    units = list(TmxReader(CORPUS))
    assert len(lines) == len(units)
    return [dataclasses.replace(u, target=Text(line)) for u, line in zip(units, lines, strict=True)]


def test_good_candidate_with_admitted_variants_is_clean_on_the_target_side() -> None:
    findings = run_t(_with_candidate("mt-a"), load_glossaries(GLOSSARIES[:1]))
    assert {(f.tuid, f.code, f.side) for f in findings} == {
        ("1", "T103", "source"),
        ("8", "T103", "source"),
    }


def test_weak_candidate_glossary_errors_are_all_found() -> None:
    findings = run_t(_with_candidate("mt-b"), load_glossaries(GLOSSARIES[:1]))
    got = {(f.tuid, f.code, f.side, f.suggestion) for f in findings}
    assert got == {
        ("1", "T103", "source", "Immigration and Customs Enforcement"),
        ("1", "T103", "target", "Immigration and Customs Enforcement"),  # copied typo
        ("3", "T101", "source", "drug trafficker"),  # "narco-traffickers"
        ("3", "T102", "target", "undocumented immigrant"),  # "illegal aliens"
        ("4", "T101", "source", "detention center"),  # "detention camps"
        ("8", "T103", "source", "LinkedIn"),
        ("8", "T103", "target", "LinkedIn"),  # no LinkedIn in the source: not T104
    }


def _glossary() -> Glossary:
    P, A = TermStatus.PREFERRED, TermStatus.ADMITTED
    return Glossary(
        (
            TermEntry(
                "c1",
                (
                    Term("centre de détention", "fr"),
                    Term("detention center", "en", P),
                    Term("detention centre", "en", A),
                ),
            ),
            TermEntry("c2", (Term("WhatsApp", "fr"), Term("WhatsApp", "en"))),
        )
    )


def _unit(tuid: str, source: str, target: str) -> Unit:
    return Unit("t.tmx", tuid, 1, 0, "fr-FR", "en-US", Text(source), Text(target))


def test_messages_name_the_preferred_term_and_the_alternatives() -> None:
    (f,) = run_t([_unit("1", "Le centre de détention.", "The camp.")], _glossary())
    assert (f.code, f.side, f.span, f.suggestion) == ("T101", "source", (3, 22), "detention center")
    assert "'detention center' (or 'detention centre')" in f.message


def test_dnt_altered_is_not_also_missing_or_misspelled() -> None:
    findings = run_t([_unit("1", "Sur WhatsApp.", "On Whatsapp.")], _glossary())
    assert [(f.code, f.side, f.span, f.suggestion) for f in findings] == [
        ("T104", "target", (3, 11), "WhatsApp")
    ]


def test_inconsistency_names_the_first_choice_and_its_unit() -> None:
    units = [
        _unit("a", "Le centre de détention.", "The detention centre."),
        _unit("b", "Les centres de détention.", "The detention centres."),
        _unit("c", "Un centre de détention.", "A detention center."),
    ]
    findings = run_t(units, _glossary())
    assert [(f.tuid, f.code, f.severity.label, f.suggestion) for f in findings] == [
        ("c", "T105", "warning", "detention centre")
    ]
    assert "in unit a" in findings[0].message


def test_inconsistency_state_is_bounded_by_the_glossary() -> None:
    ctx = Context(_glossary())
    checker = Checker(Selection(select=("T105",)), ctx)
    for i in range(500):
        variant = "center" if i % 2 else "centre"
        checker.check_unit(_unit(str(i), "Le centre de détention.", f"The detention {variant}."))
    assert len(ctx.state("T105")) == 1


def test_no_glossary_no_terminology_findings() -> None:
    assert run_t([_unit("1", "Le centre de détention.", "The camp.")], None) == []


def test_t101_a_capitalized_keyword_kept_in_the_target_is_code_not_the_term() -> None:
    glossary = Glossary(
        (
            TermEntry(
                "1", (Term("update", "en"), Term("mise à jour", "fr")), file="g.csv", line=2
            ),
        )
    )

    def unit(tuid: str, source: str, target: str) -> Unit:
        return Unit("t.tmx", tuid, 1, int(tuid), "en-US", "fr-FR", Text(source, (source,)),
                    Text(target, (target,)))

    found = run_t(
        [
            unit("1", "a multiple-column UPDATE item", "un élément UPDATE multi-colonnes"),
            unit("2", "Update the name", "Modifier le nom"),
            unit("3", "run UPDATE now", "lancer la modification maintenant"),
        ],
        glossary,
    )
    assert [(f.code, f.tuid, f.side, f.span) for f in found] == [
        ("T101", "2", "source", (0, 6)),
        ("T101", "3", "source", (4, 10)),
    ]
