"""``tmqa score`` end to end: JSON shape, gate, input errors, the README example, lazy import."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, write

Run = Callable[..., tuple[int, str, str]]
DATA = FIXTURES / "scoring"
TMX = str(DATA / "sample.fr-en.tmx")
HYP = str(DATA / "sample.hyp.en.txt")
TERMS = str(DATA / "terms.fr-en.csv")
SYSTEM_KEYS = {
    "name", "path", "bleu", "chrf", "ter", "term_accuracy", "term_occurrences", "term_correct",
    "term_errors", "forbidden_terms", "signatures", "metric_names", "alignment", "segments",
    "worst",
}


def _json(run_tmqa: Run, *argv: str) -> tuple[int, dict[str, Any]]:
    rc, out, err = run_tmqa("score", *argv, "--format", "json")
    assert rc in (0, 1), err
    return rc, json.loads(out)


def test_json_shape(run_tmqa: Run) -> None:
    rc, doc = _json(run_tmqa, "--ref", TMX, "--hyp", f"mt={HYP}", "--glossary", TERMS, "--segments",
                    "--worst", "2")
    assert rc == 0
    assert set(doc) == {"tool", "version", "signature", "ref", "glossaries", "systems",
                        "comparison", "gate"}
    assert doc["tool"] == "tmqa"
    sig = doc["signature"]
    assert isinstance(sig, str) and sig.startswith(f"tmqa:{doc['version']}|glossary:")
    assert "BLEU:{nrefs:1|case:mixed|eff:no|tok:13a" in sig and "TER:{nrefs:1|case:lc" in sig
    assert doc["ref"] == {"paths": [TMX], "source": TMX, "source_lang": "fr-FR",
                          "target_lang": "en-US", "units": 5, "scored": 5, "unscored_units": []}
    (s,) = doc["systems"]
    assert set(s) == SYSTEM_KEYS
    assert (s["name"], s["path"]) == ("mt", HYP)
    assert round(s["bleu"], 2) == 56.15 and round(s["ter"], 2) == 18.75
    assert s["term_accuracy"] == 0.75 and s["forbidden_terms"] == 0
    assert s["term_errors"] == [{
        "unit": "4", "term": "centre de détention", "source": "centres de détention",
        "expected": ["detention center", "detention centre"], "found": None, "reason": "missing",
    }]
    assert set(s["signatures"]) == {"bleu", "chrf", "ter"}
    assert [x["unit"] for x in s["segments"]] == ["1", "2", "3", "4", "5"]
    worst = s["worst"]
    assert len(worst) == 2 and worst[0]["chrf"] <= worst[1]["chrf"]
    assert worst[0]["chrf"] == min(x["chrf"] for x in s["segments"])
    assert (worst[0]["unit"], worst[0]["candidate"]) == ("5", "The Pentagon did not answer.")
    assert worst[0]["source"] == "Le Pentagone n'a pas répondu."
    assert worst[0]["references"] == ["The Pentagon did not respond."]
    assert doc["comparison"] is None
    assert doc["gate"] == {"passed": True, "thresholds": {}, "systems": [], "failures": []}


def test_without_glossary_term_accuracy_is_null(run_tmqa: Run) -> None:
    _, doc = _json(run_tmqa, "--ref", TMX, "--hyp", HYP)
    (s,) = doc["systems"]
    assert s["term_accuracy"] is None and s["term_errors"] == [] and s["segments"] == []
    assert "|glossary:none|" in doc["signature"]


def test_min_bleu_gate(run_tmqa: Run) -> None:
    rc, out, _ = run_tmqa("score", "--ref", TMX, "--hyp", HYP, "--min-bleu", "60")
    assert rc == 1
    assert "gate: FAILED (--min-bleu 60)" in out and "BLEU 56.15 < --min-bleu 60" in out
    rc, out, _ = run_tmqa("score", "--ref", TMX, "--hyp", HYP, "--min-bleu", "50")
    assert rc == 0 and "gate: passed" in out
    rc, doc = _json(run_tmqa, "--ref", TMX, "--hyp", HYP, "--min-bleu", "60", "--max-ter", "10",
                    "--min-chrf", "80")
    gate = doc["gate"]
    assert rc == 1 and gate["passed"] is False
    assert [(f["metric"], f["option"]) for f in gate["failures"]] == [
        ("bleu", "--min-bleu"), ("ter", "--max-ter")
    ]


def test_term_accuracy_gate_and_gate_last(run_tmqa: Run) -> None:
    ref1 = str(DATA / "sample.ref1.en.txt")
    argv = ["--ref", TMX, "--hyp", f"perfect={ref1}", "--hyp", f"mt={HYP}", "--glossary", TERMS]
    rc, out, _ = run_tmqa("score", *argv, "--min-term-accuracy", "0.8")
    assert rc == 1 and "mt: term accuracy 0.75 < --min-term-accuracy 0.8" in out
    assert "perfect:" not in out.split("gate:")[1]
    rc, _, _ = run_tmqa("score", *argv, "--min-term-accuracy", "0.75")
    assert rc == 0
    # --gate-last: only the last candidate is gated.
    argv = ["--ref", TMX, "--hyp", f"mt={HYP}", "--hyp", f"perfect={ref1}"]
    assert run_tmqa("score", *argv, "--min-bleu", "90")[0] == 1
    assert run_tmqa("score", *argv, "--min-bleu", "90", "--gate-last")[0] == 0


def test_gate_never_prints_a_failing_score_as_its_threshold(run_tmqa: Run) -> None:
    rc, out, _ = run_tmqa("score", "--ref", TMX, "--hyp", HYP, "--min-bleu", "56.154")
    assert rc == 1 and "BLEU 56.1533 < --min-bleu 56.154" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--hyp", HYP], "no reference"),
        (["--ref", TMX], "no candidate"),
        (["--ref", TMX, "--hyp", HYP, "--min-term-accuracy", "75"], "not a fraction"),
        (["--ref", TMX, "--hyp", HYP, "--min-term-accuracy", "0.5"], "needs --glossary"),
        (["--ref", TMX, "--hyp", HYP, "--paired-bs"], "two or more candidates"),
        (["--ref", TMX, "--hyp", HYP, "--hyp", HYP], "two candidates are named"),
        (["--ref", str(DATA / "sample.ref1.en.txt"), "--hyp", HYP, "--glossary", TERMS],
         "needs the source text"),
        (["--ref", TMX, "--hyp", HYP, "--src", str(DATA / "sample.fr.txt")], "--src is for text"),
        (["--ref", TMX, "--hyp", "missing.txt"], "missing.txt: no such file"),
        (["--ref", TMX, "--hyp", HYP, "--min-bleu", "x"], "not a number"),
    ],
)
def test_usage_and_input_errors_exit_2(run_tmqa: Run, argv: list[str], message: str) -> None:
    rc, out, err = run_tmqa("score", *argv)
    assert rc == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_line_count_mismatch_exits_2_unless_allowed(run_tmqa: Run) -> None:
    short = str(DATA / "sample.short.en.txt")
    rc, out, err = run_tmqa("score", "--ref", TMX, "--hyp", short)
    assert rc == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith(f"tmqa: error: {short}: 4 lines, but the reference has 5 units")
    rc, doc = _json(run_tmqa, "--ref", TMX, "--hyp", short, "--allow-missing")
    al = doc["systems"][0]["alignment"]
    assert rc == 0 and (al["missing"], al["missing_units"], al["extra"]) == (1, ["5"], 0)
    rc, out, _ = run_tmqa("score", "--ref", TMX, "--hyp", short, "--allow-missing")
    assert "1 unit without a candidate (scored as empty)" in out


def test_extra_lines_are_an_error_naming_the_first_extra_line(
    tmp_path: Path, run_tmqa: Run
) -> None:
    long = write(tmp_path, "long.txt", (DATA / "sample.hyp.en.txt").read_text() + "One more.\n")
    rc, _, err = run_tmqa("score", "--ref", TMX, "--hyp", long)
    assert rc == 2 and f"{long}:6: 6 lines" in err
    _, doc = _json(run_tmqa, "--ref", TMX, "--hyp", long, "--allow-missing")
    assert doc["systems"][0]["alignment"]["extra"] == 1


def test_tmx_candidates_by_tuid_and_by_source_score_like_the_text(run_tmqa: Run) -> None:
    _, doc = _json(
        run_tmqa, "--ref", TMX, "--hyp", HYP,
        "--hyp", str(DATA / "sample.hyp-tuid.tmx"), "--hyp", str(DATA / "sample.hyp-source.tmx"),
    )
    systems = doc["systems"]
    aligned = [s["alignment"] for s in systems]
    assert [a["method"] for a in aligned] == ["line", "tuid/source", "tuid/source"]
    assert [(a["by_tuid"], a["by_source"]) for a in aligned[1:]] == [(5, 0), (0, 5)]
    assert len({(s["bleu"], s["chrf"], s["ter"]) for s in systems}) == 1
    names = [s["name"] for s in systems]
    assert names == ["sample.hyp.en", "sample.hyp-tuid", "sample.hyp-source"]


def test_multi_reference_text_with_src(run_tmqa: Run) -> None:
    r1, r2 = str(DATA / "sample.ref1.en.txt"), str(DATA / "sample.ref2.en.txt")
    _, doc = _json(run_tmqa, "--ref", r1, "--ref", r2, "--hyp", HYP, "--src",
                   str(DATA / "sample.fr.txt"), "-s", "fr", "-t", "en", "--glossary", TERMS)
    (s,) = doc["systems"]
    assert s["signatures"]["bleu"].startswith("nrefs:2|") and s["term_accuracy"] == 0.75


def test_paired_bootstrap_comparison(run_tmqa: Run) -> None:
    ref1 = str(DATA / "sample.ref1.en.txt")
    _, doc = _json(run_tmqa, "--ref", TMX, "--hyp", f"base={HYP}", "--hyp", f"good={ref1}",
                   "--paired-bs", "--paired-bs-n", "200")
    cmp = doc["comparison"]
    assert cmp["baseline"] == "base" and cmp["test"] == "paired-bs"
    assert (cmp["resamples"], cmp["seed"]) == (200, 12345)
    base, good = cmp["systems"]
    assert base["bleu"]["p_value"] is None and "delta" not in base["bleu"]
    for m in ("bleu", "chrf", "ter"):
        assert 0 < good[m]["p_value"] <= 1 and good[m]["ci"] >= 0
        lo, hi = good[m]["interval"]
        assert lo <= good[m]["mean"] <= hi
    assert good["bleu"]["delta"] > 0 and good["ter"]["delta"] < 0
    assert "|paired-bs:200|seed:12345" in doc["signature"]


def test_output_file_is_written_atomically(tmp_path: Path, run_tmqa: Run) -> None:
    report = tmp_path / "score.json"
    rc, out, _ = run_tmqa("score", "--ref", TMX, "--hyp", HYP, "-f", "json", "-o", str(report))
    assert rc == 0 and out == ""
    assert json.loads(report.read_text(encoding="utf-8"))["tool"] == "tmqa"
    rc, _, err = run_tmqa("score", "--ref", TMX, "--hyp", HYP, "-o", HYP)
    assert rc == 2 and "input file" in err


def _readme_example() -> tuple[list[str], str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(
        r"## Scoring\n.*?```console\n\$ (tmqa score (?:[^\n]*\\\n)*[^\n]*)\n(.*?)```", text, re.S
    )
    assert m, "README lacks the Scoring section's console example"
    return m.group(1).replace("\\\n", " ").split()[1:], m.group(2)


def test_readme_scoring_example_is_current(monkeypatch: pytest.MonkeyPatch, run_tmqa: Run) -> None:
    argv, expected = _readme_example()
    monkeypatch.chdir(ROOT)
    rc, out, err = run_tmqa(*argv)
    assert rc in (0, 1), err
    # A sacrebleu upgrade only changes the version inside the signatures.
    norm = re.compile(r"version:[\d.]+")
    assert norm.sub("version:X", out) == norm.sub("version:X", expected)


def test_check_does_not_import_sacrebleu(tmp_path: Path) -> None:
    code = (
        "import sys, tmqa.cli\n"
        "rc = tmqa.cli.main(['check', sys.argv[1], '--fail-on', 'never', '-o', sys.argv[2]])\n"
        "assert rc == 0, rc\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sacrebleu', 'numpy')))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "corpora" / "ice-contract.fr-en.tmx"),
         str(tmp_path / "report.txt")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    assert proc.stdout.strip() == "[]"
