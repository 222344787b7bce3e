"""Baselines (content fingerprints, relative paths, stale entries) and per-unit suppressions."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, write
from tmqa.baseline import Baseline, Entry, write_baseline
from tmqa.model import Finding, Severity

Run = Callable[..., tuple[int, str, str]]
CORPUS = ROOT / "corpora" / "ice-contract.fr-en.tmx"
GLOSSARY = str(ROOT / "glossaries" / "ice-contract.fr-en.tbx")
UNIT_RE = re.compile(r"    <tu tuid=\"(\d+)\">.*?</tu>\n", re.S)


def _units(text: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in UNIT_RE.finditer(text)}


def _findings(run_tmqa: Run, path: str, *extra: str) -> list[tuple[str, str, str]]:
    rc, out, err = run_tmqa("check", path, "--isolated", "--glossary", GLOSSARY, "-f", "json",
                            "--fail-on", "never", *extra)
    assert rc == 0, err
    return [(f["tuid"], f["code"], f["message"]) for f in json.loads(out)["findings"]]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled corpus with extra problems: unit 10's target emptied, a blanket prop on 5."""
    text = CORPUS.read_text(encoding="utf-8")
    text = text.replace("My story would not have been possible anywhere else.", "")
    text = text.replace('<tu tuid="5">', '<tu tuid="5"><prop type="x-tmqa-ignore"/>')
    (tmp_path / "tm").mkdir()
    path = tmp_path / "tm" / "ice.tmx"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return path


def test_bundled_corpus_baseline_makes_next_run_pass(
    run_tmqa: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(CORPUS, tmp_path / "ice.tmx")
    monkeypatch.chdir(tmp_path)
    args = ("check", "ice.tmx", "--isolated", "--glossary", GLOSSARY, "--fail-on", "info")
    rc, _, _ = run_tmqa(*args)
    before = _findings(run_tmqa, "ice.tmx")
    assert rc == 1 and before, "the bundled corpus is expected to have findings"
    rc, out, err = run_tmqa(*args, "--write-baseline", ".tmqa-baseline.json")
    assert (rc, out) == (0, "") and f"wrote {len(before)} finding" in err
    rc, out, err = run_tmqa(*args, "--baseline", ".tmqa-baseline.json")
    assert rc == 0, out
    assert f"{len(before)} finding{'s' if len(before) != 1 else ''} baselined" in err
    assert out.startswith("0 findings")


def test_baseline_file_format(run_tmqa: Run, corpus: Path) -> None:
    rc, _, _ = run_tmqa("check", "tm", "--isolated", "--glossary", GLOSSARY,
                        "--write-baseline", "tm/baseline.json")
    assert rc == 0
    doc = json.loads(Path("tm/baseline.json").read_text(encoding="utf-8"))
    assert (doc["tool"], doc["format"]) == ("tmqa", 1)
    entries = doc["findings"]
    assert {e["file"] for e in entries} == {"ice.tmx"}  # relative to the baseline's directory
    assert all(set(e) == {"fingerprint", "code", "file", "tuid", "message"} for e in entries)
    assert ("10", "S101") in {(e["tuid"], e["code"]) for e in entries}
    assert ("5", "X001") in {(e["tuid"], e["code"]) for e in entries}
    assert not any("line" in e for e in entries)


def test_changed_target_reports_exactly_that_units_findings(run_tmqa: Run, corpus: Path) -> None:
    run_tmqa("check", str(corpus), "--isolated", "--glossary", GLOSSARY,
             "--write-baseline", "baseline.json")
    text = corpus.read_text(encoding="utf-8")
    old = "The recording quickly spread and ended up on ProPublica's website."
    corpus.write_text(text.replace(old, "The recording spread quickly and ended up on "
                                        "ProPublica's website."), encoding="utf-8")
    expected = [f for f in _findings(run_tmqa, str(corpus)) if f[0] == "5"]
    assert expected, "unit 5 keeps its X001 finding after the edit"
    got = _findings(run_tmqa, str(corpus), "--baseline", "baseline.json")
    assert got == expected


def test_whitespace_edits_keep_the_fingerprint(run_tmqa: Run, corpus: Path) -> None:
    run_tmqa("check", str(corpus), "--isolated", "--glossary", GLOSSARY,
             "--write-baseline", "baseline.json")
    text = corpus.read_text(encoding="utf-8")
    corpus.write_text(text.replace("quickly spread", "quickly\n   spread "), encoding="utf-8")
    # The content hash collapses whitespace: unit 5's X001 stays baselined (the spacing
    # rules may report the new spaces themselves, which are new findings).
    assert ("5", "X001") in {f[:2] for f in _findings(run_tmqa, str(corpus))}
    reported = _findings(run_tmqa, str(corpus), "--baseline", "baseline.json")
    assert ("5", "X001") not in {f[:2] for f in reported}
    assert all(f[0] == "5" and f[1] != "X001" for f in reported)


def test_moving_and_reformatting_units_keeps_the_baseline(run_tmqa: Run, corpus: Path) -> None:
    run_tmqa("check", str(corpus), "--isolated", "--glossary", GLOSSARY,
             "--write-baseline", "baseline.json")
    text = corpus.read_text(encoding="utf-8")
    units = _units(text)
    assert len(units) == 13
    body = "".join(reversed(list(units.values())))
    start, end = text.index("    <tu "), text.rindex("</tu>\n") + len("</tu>\n")
    # Reversed order, then everything inside <body> on one line: every line number changes.
    moved = text[:start] + re.sub(r">\s+<", "><", body) + "\n" + text[end:]
    corpus.write_text(moved, encoding="utf-8")
    assert len(_findings(run_tmqa, str(corpus))) > 0
    assert _findings(run_tmqa, str(corpus), "--baseline", "baseline.json") == []


def test_baseline_survives_another_checkout_and_working_directory(
    run_tmqa: Run, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_tmqa("check", "tm", "--isolated", "--glossary", GLOSSARY, "--write-baseline", "b.json")
    clone = tmp_path / "elsewhere" / "checkout"
    clone.mkdir(parents=True)
    shutil.copytree(tmp_path / "tm", clone / "tm")
    shutil.copy(tmp_path / "b.json", clone / "b.json")
    monkeypatch.chdir(clone / "tm")  # a sub-directory, relative paths
    rc, out, err = run_tmqa("check", "ice.tmx", "--isolated", "--glossary", GLOSSARY,
                            "--baseline", "../b.json", "--fail-on", "info")
    assert rc == 0, out + err


def test_stale_entries_fail_only_when_strict(run_tmqa: Run, corpus: Path) -> None:
    run_tmqa("check", str(corpus), "--isolated", "--glossary", GLOSSARY,
             "--write-baseline", "baseline.json")
    text = corpus.read_text(encoding="utf-8")
    fixed = text.replace('<tuv xml:lang="en-US"><seg></seg>',
                         '<tuv xml:lang="en-US"><seg>My story could not have happened anywhere '
                         "else.</seg>")
    assert fixed != text
    corpus.write_text(fixed, encoding="utf-8")
    args = ("check", str(corpus), "--isolated", "--glossary", GLOSSARY, "--baseline",
            "baseline.json")
    rc, out, err = run_tmqa(*args)
    assert rc == 0, out
    assert "1 stale entry" in err
    assert re.search(r"stale baseline entry: tm/ice.tmx \[10\] S101 ", err)
    assert run_tmqa(*args, "--baseline-strict")[0] == 1
    # A rule that did not run, or a file not checked, leaves its entries alone.
    _, _, err = run_tmqa(*args, "--ignore", "S101")
    assert "stale" not in err


def test_baseline_counts_repeated_fingerprints() -> None:
    def finding(message: str) -> Finding:
        return Finding("T101", "term-missing", Severity.ERROR, message, "a.tmx", 3, "7", "source",
                       (0, 1), content_hash="abc")

    two, three = [finding("x"), finding("y")], [finding("x"), finding("y"), finding("z")]
    entries = [Entry(finding("x").fingerprint(), "T101", "a.tmx", "7")] * 2
    base = Baseline(str(Path.cwd() / "b.json"), entries)
    outcome = base.apply(three, ["a.tmx"], lambda code: True)
    assert (outcome.baselined, len(outcome.findings), outcome.stale) == (2, 1, [])
    outcome = base.apply(two[:1], ["a.tmx"], lambda code: True)
    assert (outcome.baselined, len(outcome.stale)) == (1, 1)


def test_baseline_write_is_atomic_and_refuses_inputs(tmp_path: Path) -> None:
    from tmqa.errors import InputError

    tmx = write(tmp_path, "a.tmx", "<tmx/>")
    with pytest.raises(InputError, match="input file"):
        write_baseline(tmx, [], inputs=[tmx])
    assert Path(tmx).read_text(encoding="utf-8") == "<tmx/>"
    assert [p.name for p in tmp_path.iterdir()] == ["a.tmx"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not a tmqa baseline"),
        ('{"tool": "other", "findings": []}', "not a tmqa baseline"),
        ('{"tool": "tmqa", "format": 9, "findings": []}', "unsupported baseline format"),
        ('{"tool": "tmqa", "format": 1, "findings": [{"code": "S101"}]}', "entry 0 lacks"),
    ],
)
def test_bad_baseline_exits_2(run_tmqa: Run, corpus: Path, content: str, message: str) -> None:
    Path("b.json").write_text(content, encoding="utf-8")
    rc, _, err = run_tmqa("check", str(corpus), "--isolated", "--baseline", "b.json")
    assert rc == 2 and err.startswith("tmqa: error: b.json: ") and message in err
    rc, _, err = run_tmqa("check", str(corpus), "--isolated", "--baseline", "missing.json")
    assert rc == 2 and "missing.json" in err and "--write-baseline" in err


def test_baseline_from_configuration(run_tmqa: Run, corpus: Path) -> None:
    run_tmqa("check", "tm", "--isolated", "--glossary", GLOSSARY, "--write-baseline",
             "tm/base.json")
    Path("tm/tmqa.toml").write_text(
        f'baseline = "base.json"\nglossaries = [{json.dumps(GLOSSARY)}]\nfail-on = "info"\n',
        encoding="utf-8",
    )
    rc, out, err = run_tmqa("check", "tm", "--config", "tm/tmqa.toml")
    assert rc == 0 and "baselined in" in err, out


# --- per-unit suppressions ---------------------------------------------------------------


def test_suppression_prop_removes_exactly_the_named_codes(run_tmqa: Run, corpus: Path) -> None:
    text = corpus.read_text(encoding="utf-8")
    # Unit 1 has a T103 error (Enfoncement); make it also untranslated-looking elsewhere:
    # a blanket prop adds an X001, and the named suppression must keep it.
    text = text.replace('<tu tuid="1">', '<tu tuid="1"><prop type="x-tmqa-ignore">*</prop>')
    corpus.write_text(text, encoding="utf-8")
    before = _findings(run_tmqa, str(corpus))
    unit1 = sorted({code for tuid, code, _ in before if tuid == "1"})
    assert unit1 == ["T103", "X001"]
    corpus.write_text(
        text.replace('<prop type="x-tmqa-ignore">*</prop>',
                     '<prop type="x-tmqa-ignore">*</prop><prop type="x-tmqa-ignore">T1</prop>'),
        encoding="utf-8",
    )
    after = _findings(run_tmqa, str(corpus))
    assert after == [f for f in before if not (f[0] == "1" and f[1] == "T103")]
    # --no-suppressions shows the suppressed finding again (and nothing else changes).
    assert _findings(run_tmqa, str(corpus), "--no-suppressions") == before


def test_blanket_suppression_is_reported_as_x001(run_tmqa: Run, corpus: Path) -> None:
    rc, out, _ = run_tmqa("check", str(corpus), "--isolated", "--select", "X001")
    assert rc == 0  # a warning: does not fail at the default --fail-on error
    assert out.splitlines()[0] == (
        f"{corpus}:22: X001 blanket-suppression [5] empty x-tmqa-ignore prop suppresses nothing: "
        "name the codes"
    )
