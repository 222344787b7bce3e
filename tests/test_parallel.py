"""``--jobs``: the output is byte-identical to a one-process run, cross-unit findings included."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, write

Run = Callable[..., tuple[int, str, str]]
GLOSSARY = str(ROOT / "glossaries" / "ice-contract.fr-en.csv")

PAIRS = [
    (
        "Les centres de détention sont pleins.",
        ["The detention centers are full.", "The detention centres are full."],
    ),
    ("Enregistrer le fichier.", ["Save the file.", "Store the file."]),
    ("Supprimer le dossier.", ["Delete the folder."]),
    ("Supprimer le fichier.", ["Delete the folder."]),
    (
        "Le contrat de 19,4 millions de dollars.",
        ["The $19.4 million contract.", "The $19.5 million contract."],
    ),
    (
        "Les sans-papiers franchissent la frontière sud.",
        ["Illegal aliens cross the southern border."],
    ),
    ("Le Pentagone.", ["", "The Pentagon."]),
]


def _tmx(n: int) -> str:
    units = []
    for i in range(n):
        src, targets = PAIRS[i % len(PAIRS)]
        tgt = targets[(i // len(PAIRS)) % len(targets)]
        units.append(
            f'<tu tuid="u{i}"><tuv xml:lang="fr-FR"><seg>{src}</seg></tuv>'
            f'<tuv xml:lang="en-US"><seg>{tgt}</seg></tuv></tu>\n'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr-FR" '
        'datatype="plaintext"/><body>\n' + "".join(units) + "</body></tmx>\n"
    )


def test_jobs_output_is_byte_identical(tmp_path: Path, run_tmqa: Run) -> None:
    a = write(tmp_path, "a.tmx", _tmx(1300))
    b = write(tmp_path, "b.tmx", _tmx(300))
    outputs = {}
    for jobs in ("1", "2", "3"):
        for fmt in ("text", "json", "sarif"):
            rc, out, err = run_tmqa(
                "check", a, b, "--glossary", GLOSSARY, "--jobs", jobs, "--format", fmt
            )
            assert rc == 1, err
            outputs[(jobs, fmt)] = out
    for fmt in ("text", "json", "sarif"):
        assert outputs[("1", fmt)] == outputs[("2", fmt)] == outputs[("3", fmt)]
    by_rule = json.loads(outputs[("1", "json")])["summary"]["by_rule"]
    # The fixture exercises every cross-unit rule, the gate and per-unit rules.
    for code in ("C101", "C102", "T105", "S101", "N101", "T102"):
        assert by_rule.get(code), f"fixture produced no {code}: {by_rule}"


def test_jsonl_streams_findings_then_summary(tmp_path: Path, run_tmqa: Run) -> None:
    a = write(tmp_path, "a.tmx", _tmx(40))
    rc, out, _ = run_tmqa("check", a, "--format", "jsonl", "--glossary", GLOSSARY)
    lines = [json.loads(x) for x in out.splitlines()]
    *findings, last = lines
    assert rc == 1 and findings and all("code" in f for f in findings)
    assert last["summary"]["findings"] == len(findings) and last["summary"]["units"] == 40


def test_unreadable_file_does_not_hide_the_others(tmp_path: Path, run_tmqa: Run) -> None:
    good = write(tmp_path, "a.tmx", _tmx(10))
    bad = write(tmp_path, "b.tmx", _tmx(10)[:-60])
    rc, out, err = run_tmqa("check", good, bad, "--format", "json")
    assert rc == 2
    assert "b.tmx" in err and "read 9 units before the error" in err
    doc = json.loads(out)
    assert [f["path"] for f in doc["files"]] == [good]


def test_records_sent_to_workers_survive_pickling() -> None:
    """Units (with inline codes, props, anomalies) and findings cross process boundaries
    under ``--jobs`` by their own ``__reduce__``: every field must come back."""
    import pickle

    from tests.conftest import ROOT
    from tmqa.model import Finding, Severity
    from tmqa.readers.tmx import read_tmx

    units = [
        u
        for p in sorted((ROOT / "tests" / "fixtures" / "rules").glob("*.tmx"))
        for u in read_tmx(str(p))
    ]
    assert any(u.source.codes for u in units) and any(u.anomalies for u in units)
    assert pickle.loads(pickle.dumps(units, pickle.HIGHEST_PROTOCOL)) == units
    finding = Finding("N101", "number-mismatch", Severity.ERROR, "m", "f.tmx", 3, "7", "target",
                      (1, 4), "x", "abc")
    assert pickle.loads(pickle.dumps(finding)) == finding


def test_reading_error_keeps_the_findings_read_before_it(tmp_path: Path, run_tmqa: Run) -> None:
    """A file broken after several batches: the units read before the error are checked and
    reported under --jobs exactly as in one process, batches in flight included."""
    text = _tmx(1300)
    cut = text.index('<tu tuid="u1000"')
    bad = write(tmp_path, "bad.tmx", text[:cut] + "<tu><tuv></tu>\n" + text[cut:])
    runs = {jobs: run_tmqa("check", bad, "--glossary", GLOSSARY, "--jobs", jobs,
                           "--format", "jsonl") for jobs in ("1", "2")}
    assert runs["1"] == runs["2"]
    rc, out, err = runs["2"]
    assert rc == 2 and "bad.tmx" in err and "read 1000 units before the error" in err
    tuids = {json.loads(line).get("tuid") for line in out.splitlines()}
    assert "u999" in tuids and "u1000" not in tuids


def test_an_error_inside_a_worker_is_a_clean_input_error(tmp_path: Path, run_tmqa: Run) -> None:
    """A rule option only the rule can validate fails in the worker: the run stops with the
    rule's one-line message and exit 2, no traceback, no hung worker."""
    a = write(tmp_path, "a.tmx", _tmx(600))
    cfg = write(tmp_path, "tmqa.toml", "[rules.S104]\nbands = [[30, 2.0, 1.0]]\n")
    for jobs in ("1", "2"):
        rc, _out, err = run_tmqa("check", a, "--config", cfg, "--jobs", jobs)
        assert rc == 2, (jobs, err)
        assert err.startswith("tmqa: error: ") and "S104 option bands" in err, err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_large_batches_and_large_results_do_not_deadlock(tmp_path: Path) -> None:
    """Batches and results both larger than a pipe's buffer: the main process may be busy
    sending while a worker sends; neither may wait for the other for ever."""
    import subprocess
    import sys

    src = " ".join(str(n) for n in range(120))
    tgt = " ".join(str(n) for n in range(1000, 1120))
    pad = "z" * 2000  # one long token: bulk for the pipes, little work for the rules
    units = "".join(
        f'<tu tuid="u{i}"><tuv xml:lang="fr-FR"><seg>Valeurs {i} : {src} {pad}</seg></tuv>'
        f'<tuv xml:lang="en-US"><seg>Values {i}: {tgt} {pad}</seg></tuv></tu>\n'
        for i in range(700)
    )
    path = write(tmp_path, "big.tmx", _tmx(0).replace("<body>\n", "<body>\n" + units))
    runs = [
        subprocess.run(
            [sys.executable, "-m", "tmqa", "check", path, "--jobs", jobs, "--select", "N101",
             "--format", "jsonl"],
            capture_output=True, text=True, timeout=120, cwd=ROOT,
        )
        for jobs in ("1", "2")
    ]
    assert runs[0].returncode == runs[1].returncode == 1, runs[1].stderr
    assert runs[0].stdout == runs[1].stdout
    assert runs[1].stdout.count('"code": "N101"') == 700
    assert len(runs[1].stdout) > 700 * 1500  # over 1.5 KB of message per unit


def test_workers_exit_when_the_main_process_is_killed(tmp_path: Path) -> None:
    """A killed tmqa (CI timeout, kill -9) leaves no worker waiting for ever on its pipe."""
    import os
    import signal
    import subprocess
    import sys
    import time

    import pytest

    children_file = Path("/proc/self/task")
    if not children_file.exists():
        pytest.skip("needs Linux /proc")
    path = write(tmp_path, "a.tmx", _tmx(40000))
    main = subprocess.Popen(
        # Three processes: the main one and two workers, the second of which inherits the
        # main process's end of the first one's pipe.
        [sys.executable, "-m", "tmqa", "check", path, "--jobs", "3", "--format", "jsonl"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and main.poll() is None:
        listing = Path(f"/proc/{main.pid}/task/{main.pid}/children")
        workers = [int(p) for p in listing.read_text().split()] if listing.exists() else []
        time.sleep(0.05)
    assert len(workers) == 2, "the workers did not start"
    os.kill(main.pid, signal.SIGKILL)
    main.wait()
    deadline = time.monotonic() + 30
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if Path(f"/proc/{p}").exists()
                 and "Z" not in Path(f"/proc/{p}/stat").read_text().split()[2]]
        time.sleep(0.05)
    for p in alive:
        os.kill(p, signal.SIGKILL)
    assert not alive, f"workers {alive} still running after the main process was killed"
