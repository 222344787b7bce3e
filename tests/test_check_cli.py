"""``tmqa check`` end to end on the bundled corpus and small fixtures: JSON schema, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from tests.conftest import ROOT, write

Run = Callable[..., tuple[int, str, str]]
CORPUS = str(ROOT / "corpora" / "ice-contract.fr-en.tmx")
FINDING_KEYS = {
    "file",
    "line",
    "tuid",
    "code",
    "rule",
    "severity",
    "side",
    "span",
    "message",
    "suggestion",
}

EMPTY_TARGET = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
 adminlang="en" srclang="fr-FR" datatype="plaintext"/><body>
<tu tuid="7"><tuv xml:lang="fr-FR"><seg>Bonjour le monde.</seg></tuv><tuv xml:lang="en-US"><seg> </seg></tuv></tu>
<tu><tuv xml:lang="fr-FR"><seg>Merci.</seg></tuv><tuv xml:lang="en-US"><seg>Thank you.</seg></tuv></tu>
</body></tmx>
"""


def test_json_report_schema_and_unit_count(run_tmqa: Run) -> None:
    rc, out, err = run_tmqa("check", CORPUS, "--format", "json", "--fail-on", "never")
    assert rc == 0, err
    doc = json.loads(out)
    assert set(doc) == {"tool", "version", "signature", "files", "findings", "summary"}
    assert doc["tool"] == "tmqa" and doc["signature"].startswith(f"tmqa:{doc['version']}|")
    n_tu = sum(1 for el in etree.parse(CORPUS).iter() if el.tag == "tu")
    assert doc["summary"]["units"] == n_tu == 13
    assert doc["files"] == [{"path": CORPUS, "units": 13, "target_lang": "en-US"}]
    for f in doc["findings"]:
        assert set(f) == FINDING_KEYS
        assert isinstance(f["tuid"], str) and f["side"] in ("source", "target")
        assert len(f["span"]) == 2 and f["span"][0] <= f["span"][1]
    assert doc["summary"]["findings"] == len(doc["findings"])


def test_empty_target_end_to_end(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "a.tmx", EMPTY_TARGET)
    rc, out, _ = run_tmqa("check", path)
    assert rc == 1
    assert (
        out.splitlines()[0] == f"{path}:4: S101 empty-target [7] target is empty; source has text"
    )
    rc, out, _ = run_tmqa("check", path, "--format", "json")
    (finding,) = json.loads(out)["findings"]
    assert (
        finding["code"],
        finding["rule"],
        finding["tuid"],
        finding["side"],
        finding["span"],
    ) == (
        "S101",
        "empty-target",
        "7",
        "target",
        [0, 1],
    )


def test_select_ignore_and_fail_on(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "a.tmx", EMPTY_TARGET)
    assert run_tmqa("check", path, "--ignore", "S1")[0] == 0
    assert run_tmqa("check", path, "--ignore", "S", "--select", "S101")[0] == 1
    assert run_tmqa("check", path, "--fail-on", "never")[0] == 0


def test_suppression_prop_silences_named_codes(tmp_path: Path, run_tmqa: Run) -> None:
    doc = EMPTY_TARGET.replace(
        '<tu tuid="7">', '<tu tuid="7"><prop type="x-tmqa-ignore">S101</prop>'
    )
    path = write(tmp_path, "a.tmx", doc)
    assert run_tmqa("check", path, "--select", "S101")[0] == 0
    assert run_tmqa("check", path, "--select", "S101", "--no-suppressions")[0] == 1


def test_directory_recursion_and_output_file(tmp_path: Path, run_tmqa: Run) -> None:
    sub = tmp_path / "tm" / "deep"
    sub.mkdir(parents=True)
    write(sub, "b.TMX", EMPTY_TARGET)
    write(tmp_path / "tm", "a.tmx", EMPTY_TARGET)
    report = tmp_path / "report.json"
    rc, out, _ = run_tmqa(
        "check", str(tmp_path / "tm"), "--format", "json", "--output", str(report)
    )
    assert rc == 1 and out == ""
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert [Path(f["path"]).name for f in doc["files"]] == ["a.tmx", "b.TMX"]
    assert not list(tmp_path.glob(".tmqa-*"))


def test_output_never_overwrites_an_input(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "a.tmx", EMPTY_TARGET)
    rc, _, err = run_tmqa("check", path, "--output", path)
    assert rc == 2 and "input file" in err
    assert Path(path).read_text(encoding="utf-8") == EMPTY_TARGET
