"""CI formats (SARIF, JUnit, GitHub, GitLab): golden outputs, the SARIF schema, escaping, the
progress line and ``--changed-since``.

Regenerate the goldens after an intended change:
``TMQA_UPDATE_GOLDEN=1 pytest tests/test_reporters_ci.py``.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
from lxml import etree

from tests.conftest import ROOT, write
from tmqa import __version__, reporters
from tmqa.engine import Report
from tmqa.model import Finding, Severity
from tmqa.progress import Progress, wanted
from tmqa.readers.tmx import TmxFile
from tmqa.reporters.github import escape_data, escape_property

Run = Callable[..., tuple[int, str, str]]
GOLDEN = ROOT / "tests" / "golden"
SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
CORPUS = "corpora/ice-contract.fr-en.tmx"
GLOSSARY = "glossaries/ice-contract.fr-en.tbx"
CI_FORMATS = ("sarif", "junit", "github", "gitlab")
GOLDEN_NAMES = {
    "sarif": "input.sarif",
    "junit": "input.junit.xml",
    "github": "input.github.txt",
    "gitlab": "input.gitlab.json",
}


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root with no CI variables, as a workflow does."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _golden_run(run_tmqa: Run, fmt: str) -> tuple[int, str]:
    rc, out, err = run_tmqa(
        "check", "tests/golden/input.tmx", "--isolated", "--select", "S101,X001", "--format", fmt
    )
    assert rc == 1, err
    return rc, out.replace(__version__, "VERSION")


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_golden_output(fmt: str, run_tmqa: Run, at_root: None) -> None:
    _, out = _golden_run(run_tmqa, fmt)
    golden = GOLDEN / GOLDEN_NAMES[fmt]
    if os.environ.get("TMQA_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_every_format_reports_the_same_findings(run_tmqa: Run, at_root: None) -> None:
    _, out, _ = run_tmqa(
        "check", "tests/golden/input.tmx", "--isolated", "--select", "S101,X001", "-f", "json"
    )
    expected = [(f["code"], f["tuid"], f["line"]) for f in json.loads(out)["findings"]]
    assert expected == [("S101", "empty, 100%", 9), ("X001", "blanket", 13), ("S101", "gated", 18)]
    sarif = json.loads(_golden_run(run_tmqa, "sarif")[1])
    results = sarif["runs"][0]["results"]
    got = [
        (r["ruleId"], r["properties"]["tuid"], r["locations"][0]["physicalLocation"]["region"])
        for r in results
    ]
    assert got == [(c, t, {"startLine": line}) for c, t, line in expected]
    gitlab = json.loads(_golden_run(run_tmqa, "gitlab")[1])
    assert [(i["check_name"].split()[0], i["location"]["lines"]["begin"]) for i in gitlab] == [
        (c, line) for c, _, line in expected
    ]
    github = _golden_run(run_tmqa, "github")[1].splitlines()
    titles = [line.split("title=")[1].split()[0] for line in github[:-1]]
    assert titles == [c for c, _, _ in expected]
    # SARIF and GitLab carry the baseline fingerprint of the same finding.
    assert [r["partialFingerprints"]["tmqa/v1"] for r in results] == [
        i["fingerprint"] for i in gitlab
    ]


def _schema_errors(doc: object) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


def test_sarif_of_bundled_corpus_validates(run_tmqa: Run, at_root: None) -> None:
    rc, out, err = run_tmqa("check", CORPUS, "--glossary", GLOSSARY, "--format", "sarif")
    assert rc in (0, 1), err
    doc = json.loads(out)
    assert _schema_errors(doc) == []
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    assert (driver["name"], driver["version"]) == ("tmqa", __version__)
    assert driver["informationUri"].startswith("https://")
    from tmqa.rules.registry import all_rules

    # Every rule that ran is described, with its documentation and default level.
    assert [r["id"] for r in driver["rules"]] == [r.code for r in all_rules()]
    for descriptor, r in zip(driver["rules"], all_rules(), strict=True):
        assert descriptor["name"] == r.name
        assert descriptor["shortDescription"]["text"] == r.summary
        assert descriptor["fullDescription"]["text"] in r.doc
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for result in run["results"]:
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == CORPUS
        assert loc["region"]["startLine"] >= 1
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_golden_validates_against_schema(run_tmqa: Run, at_root: None) -> None:
    assert _schema_errors(json.loads(_golden_run(run_tmqa, "sarif")[1])) == []


def _synthetic_report() -> Report:
    def finding(code: str, sev: Severity, tuid: str, line: int) -> Finding:
        return Finding(code, "a-rule", sev, "50%: a\nb, c", "dir/a,b:c.tmx", line, tuid, "target",
                       (0, 1), suggestion="x", content_hash="h" + tuid)

    findings = [
        finding("S101", Severity.ERROR, "1", 3),
        finding("S101", Severity.WARNING, "2", 7),
        finding("S101", Severity.INFO, "2", 7),
    ]
    return Report(files=[TmxFile("dir/a,b:c.tmx", units=3)], findings=findings, fail_on="warning",
                  unit_ids={"dir/a,b:c.tmx": [("1", 3), ("2", 7), ("3", 9)]})


def _render(fmt: str, report: Report) -> str:
    buf = io.StringIO()
    reporters.get(fmt)(report, buf)
    return buf.getvalue()


def test_severity_mapping_in_every_format() -> None:
    report = _synthetic_report()
    sarif = json.loads(_render("sarif", report))
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["error", "warning", "note"]
    assert _schema_errors(sarif) == []
    gitlab = json.loads(_render("gitlab", report))
    assert [i["severity"] for i in gitlab] == ["major", "minor", "info"]
    # Same code, unit and text twice: GitLab would merge equal fingerprints.
    assert len({i["fingerprint"] for i in gitlab}) == 3
    github = _render("github", report).splitlines()
    assert [line.split()[0] for line in github[:3]] == ["::error", "::warning", "::notice"]


def test_github_escaping() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    line = _render("github", _synthetic_report()).splitlines()[0]
    assert line == (
        "::error file=dir/a%2Cb%3Ac.tmx,line=3,title=S101 a-rule::"
        "[1] 50%25: a%0Ab, c (suggestion: x)"
    )


def test_junit_failures_follow_fail_on() -> None:
    root = etree.fromstring(_render("junit", _synthetic_report()).encode())
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "dir/a,b:c.tmx"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["tu 1", "tu 2", "tu 3"]
    # fail-on warning: units 1 (error) and 2 (warning) fail; unit 2's info finding is output.
    assert [c.find("failure") is not None for c in cases] == [True, True, False]
    assert "info" in (cases[1].findtext("system-out") or "") and cases[2].find("system-out") is None
    assert (root.get("tests"), root.get("failures"), suite.get("failures")) == ("3", "2", "2")


def test_junit_on_bundled_corpus(run_tmqa: Run, at_root: None, tmp_path: Path) -> None:
    # Empty unit 10's target: an S101 error, whatever the other rules find.
    text = (ROOT / CORPUS).read_text(encoding="utf-8")
    reference = "My story would not have been possible anywhere else."
    assert text.count(reference) == 1
    path = write(tmp_path, "c.tmx", text.replace(reference, ""))
    rc, out, err = run_tmqa("check", path, "--glossary", GLOSSARY, "--format", "junit", "--fail-on",
                            "error")
    assert rc == 1, err
    root = etree.fromstring(out.encode())
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 13
    failed = [c.get("name", "") for c in cases if c.find("failure") is not None]
    _, json_out, _ = run_tmqa("check", path, "--glossary", GLOSSARY, "-f", "json")
    errors = {f["tuid"] for f in json.loads(json_out)["findings"] if f["severity"] == "error"}
    assert "10" in errors
    assert sorted(failed) == sorted(f"tu {t}" for t in errors)
    assert root.get("failures") == str(len(errors))


def test_github_format_is_automatic_in_actions(
    run_tmqa: Run, at_root: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run_tmqa("check", "tests/golden/input.tmx", "--isolated", "--select", "S101")
    assert out.startswith("::error file=tests/golden/input.tmx,line=9,")
    _, out, _ = run_tmqa("check", "tests/golden/input.tmx", "--isolated", "--select", "S101",
                         "-f", "text")
    assert out.startswith("tests/golden/input.tmx:9: S101")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert wanted(_Tty()) and not wanted(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not wanted(_Tty())


def test_progress_bar_counts_units_and_estimates_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tmqa.readers.tmx import TmxReader

    lines = "".join(
        f'<tu tuid="{i}"><tuv xml:lang="fr"><seg>Un.</seg></tuv>'
        f'<tuv xml:lang="en"><seg>One.</seg></tuv></tu>\n'
        for i in range(400)
    )
    path = write(tmp_path, "a.tmx", f'<tmx version="1.4"><header srclang="fr"/><body>\n{lines}'
                                    "</body></tmx>\n")
    units = list(TmxReader(path))
    stream = _Tty()
    progress = Progress([path, path + ".other"], stream, show_after=1000)
    monkeypatch.setattr("tmqa.progress.CHECK_EVERY", 1)
    monkeypatch.setattr("tmqa.progress.INTERVAL", 0.0)
    for u in units * 2:
        progress.unit(u)
    assert stream.getvalue() == ""  # small checks stay silent
    for u in units[:200]:
        progress.unit(u)
    progress.draw(progress.start + 2.0)
    last = stream.getvalue().split("\r")[-1]
    # Half-way through the first of two files by line: a quarter of the work.
    assert last.startswith("[#####---------------]  25%  file 1/2  1,000 units  500 units/s")
    progress.file_done()
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_no_progress_in_a_pipe(run_tmqa: Run, at_root: None) -> None:
    _, _, err = run_tmqa("check", "tests/golden/input.tmx", "--isolated", "--select", "S101")
    assert "units/s" not in err


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_checks_only_changed_files(
    tmp_path: Path, run_tmqa: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    text = (GOLDEN / "input.tmx").read_text(encoding="utf-8")
    tm = tmp_path / "tm"
    (tm / "sub").mkdir(parents=True)
    for name in ("a.tmx", "b.tmx", "sub/c.tmx"):
        write(tm, name, text)
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "init")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def checked() -> list[str]:
        rc, out, err = run_tmqa(
            "check", "tm", "--isolated", "--changed-since", "HEAD", "-f", "json"
        )
        assert rc in (0, 1), err
        return [f["path"] for f in json.loads(out)["files"]]

    assert checked() == []
    write(tm, "b.tmx", text.replace("Merci.", "Merci bien."))  # modified
    write(tm / "sub", "d.tmx", text)  # untracked
    (tm / "sub" / "c.tmx").unlink()  # deleted: nothing to check
    assert checked() == [os.path.join("tm", "b.tmx"), os.path.join("tm", "sub", "d.tmx")]
    rc, _, err = run_tmqa("check", "tm", "--isolated", "--changed-since", "no-such-ref")
    assert rc == 2 and "--changed-since" in err
