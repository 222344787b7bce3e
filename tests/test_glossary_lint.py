"""``tmqa glossary lint``: each code on its trap, clean files, language options, exit codes."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import tmqa.glossary_lint as glossary_lint
from tests.conftest import FIXTURES, write
from tmqa.glossary_lint import CODES, epilog, lint_file

GLOSSARIES = FIXTURES / "glossaries"
Run = Callable[..., tuple[int, str, str]]
DEPRECATED = '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>'


def found(path: str, **langs: str) -> list[tuple[int, str]]:
    problems, _entries = lint_file(path, langs.get("source"), langs.get("target"))
    return [(p.line, p.code) for p in problems]


def test_each_csv_problem_is_found_once_and_nothing_else() -> None:
    # Every row of the fixture says in its note which code it must raise (or none).
    path = os.fspath(GLOSSARIES / "lint-problems.csv")
    assert found(path) == [
        (3, "G001"),
        (5, "G002"),
        (7, "G003"),  # Courriel/Email vs courriel/email; Apple/Apple vs apple/pomme is not
        (8, "G005"),
        (9, "G004"),
        (10, "G004"),
        (11, "G003"),
        (13, "G006"),
        (14, "G008"),
        (15, "G007"),
    ]


def test_clean_file_passes(run_tmqa: Run) -> None:
    path = os.fspath(GLOSSARIES / "lint-clean.tsv")
    assert found(path) == []
    rc, out, err = run_tmqa("glossary", "lint", path)
    assert (rc, err) == (0, "")
    assert out == "No problems in 1 file (2 entries).\n"


def test_cli_lines_summary_and_exit_1(run_tmqa: Run) -> None:
    path = os.fspath(GLOSSARIES / "lint-problems.csv")
    clean = os.fspath(GLOSSARIES / "lint-clean.tsv")
    rc, out, err = run_tmqa("glossary", "lint", path, clean)
    assert rc == 1 and err == ""
    lines = out.splitlines()
    assert lines[0] == (
        f"{path}:3: G001 duplicate entry: same terms as the entry at line 2 ('sous-traitant')"
    )
    assert all(re.match(rf"{re.escape(path)}:\d+: G00\d \S", line) for line in lines[:-1])
    assert lines[-1] == "Found 10 problems (1 warning) in 1 of 2 files (17 entries)."


def test_tbx_problems(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.tbx",
        """<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="a">
  <langSet xml:lang="en"><tig><term>server </term></tig></langSet>
  <langSet xml:lang="fr">
    <tig><term>serveur</term></tig>
    <tig><term>serveur</term>{DEPRECATED}</tig>
    <tig><term/></tig>
    <ntig><termGrp/></ntig>
  </langSet>
</termEntry>
<termEntry id="b">
  <langSet xml:lang="en"><tig><term>host</term></tig></langSet>
  <langSet xml:lang="fr"><tig><term>hôte</term>{DEPRECATED}</tig></langSet>
</termEntry>
</body></text></martif>
""".replace("{DEPRECATED}", DEPRECATED),
    )
    assert found(path) == [(3, "G005"), (6, "G006"), (7, "G004"), (8, "G004"), (13, "G007")]


def test_conflicts_use_admitted_terms_when_no_term_is_preferred(tmp_path: Path) -> None:
    # Typical of TBX without administrativeStatus: every term is admitted.
    entry = (
        '<termEntry><langSet xml:lang="en"><tig><term>bank</term></tig></langSet>'
        '<langSet xml:lang="fr"><tig><term>{}</term></tig></langSet></termEntry>'
    )
    path = write(
        tmp_path,
        "g.tbx",
        '<martif xml:lang="en"><text><body>\n'
        + entry.format("banque") + "\n" + entry.format("rive") + "\n</body></text></martif>",
    )
    problems, _ = lint_file(path)
    assert [(p.line, p.code) for p in problems] == [(3, "G002")]
    assert problems[0].message == (
        "en term 'bank' translates to 'rive' (fr) here but to 'banque' in the entry at line 2"
    )


def test_merged_variants_are_not_conflicts_or_duplicates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        "fr,en,status,note\n"
        "sans-papiers,undocumented immigrant,preferred,\n"
        "sans-papiers,undocumented migrant,admitted,\n"
        "sans-papiers,illegal alien|illegal immigrant,forbidden,\n"
        "ICE,ICE,preferred,do not translate\n",
    )
    assert found(path) == []


def test_language_options(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(
        tmp_path,
        "g.csv",
        "en,fr,de\nserver,serveur, Server\nserver,hôte,Host\n",
    )
    assert found(path) == [(2, "G005"), (3, "G002"), (3, "G002")]
    assert found(path, target="fr") == [(3, "G002")]
    assert found(path, target="de") == [(2, "G005"), (3, "G002")]
    # Seen from French, the two entries are unrelated.
    assert found(path, source="fr", target="de") == [(2, "G005")]
    rc, out, err = run_tmqa("glossary", "lint", "--target-lang", "es", path)
    assert rc == 2 and out == ""
    assert err == f"tmqa: error: {path}: no es terms in this glossary (languages: en, fr, de)\n"


def test_unreadable_file_does_not_hide_the_others(tmp_path: Path, run_tmqa: Run) -> None:
    bad = write(tmp_path, "bad.csv", "fr\nx\n")
    problems = os.fspath(GLOSSARIES / "lint-problems.csv")
    rc, out, err = run_tmqa("glossary", "lint", bad, problems)
    assert rc == 2
    assert err.startswith(f"tmqa: error: {bad}:1: ") and err.count("\n") == 1
    assert out.splitlines()[-1] == "Found 10 problems (1 warning) in 1 of 1 file (15 entries)."


def test_codes_are_documented() -> None:
    doc = glossary_lint.__doc__ or ""
    text = epilog()
    for c in CODES:
        assert f"{c.code} {c.name}" in doc
        assert c.code in text and c.name in text
    assert [c.code for c in CODES] == [f"G00{i}" for i in range(1, 9)]


@pytest.mark.parametrize("name", ["tbx2-martif.tbx", "tbx3-dca.tbx", "tbx3-dct.tbx"])
def test_fixture_tbx_files_are_clean(name: str) -> None:
    assert found(os.fspath(GLOSSARIES / name)) == []


def test_lint_help_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    from tmqa.cli import main

    assert main(["glossary", "lint", "--help"]) == 0
    out = capsys.readouterr().out
    for code in ("G001", "G002", "G003", "G004", "G005", "G006", "G007", "G008"):
        assert code in out
