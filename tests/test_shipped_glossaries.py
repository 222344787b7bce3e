"""The bundled glossaries: the TBX and the CSV say the same thing, and both pass lint."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from tests.conftest import ROOT
from tmqa.model import Glossary, TermStatus
from tmqa.readers.glossary import load_glossary

TBX = ROOT / "glossaries" / "ice-contract.fr-en.tbx"
CSV = ROOT / "glossaries" / "ice-contract.fr-en.csv"
Fact = tuple[frozenset[str], str, str, TermStatus]


def facts(g: Glossary) -> set[Fact]:
    """(French source terms of the concept, language, term, status) for every term."""
    out: set[Fact] = set()
    for entry in g.entries:
        source = frozenset(
            t.text for t in entry.terms_in("fr") if t.status is not TermStatus.FORBIDDEN
        )
        out.update((source, t.lang, t.text, t.status) for t in entry.terms)
    return out


def test_tbx_and_csv_have_the_same_content() -> None:
    tbx, csv = load_glossary(os.fspath(TBX)), load_glossary(os.fspath(CSV))
    assert facts(tbx) == facts(csv)
    assert len(tbx.entries) == len(csv.entries)
    for g in (tbx, csv):
        for entry in g.entries:
            assert entry.terms_in("fr") and entry.terms_in("en"), entry.id
    statuses = {t.status for e in tbx.entries for t in e.terms}
    assert statuses == {TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.FORBIDDEN}


@pytest.mark.parametrize("path", [TBX, CSV], ids=["tbx", "csv"])
def test_shipped_glossary_passes_lint(
    path: os.PathLike[str], run_tmqa: Callable[..., tuple[int, str, str]]
) -> None:
    rc, out, err = run_tmqa("glossary", "lint", os.fspath(path))
    assert (rc, err) == (0, ""), out
    assert out.startswith("No problems in 1 file")
