"""Every real-world TMX under shared/samples is read completely, with a recorded unit count."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SHARED, shared_path
from tmqa.readers.tmx import TmxReader

Run = Callable[..., tuple[int, str, str]]

EXPECTED_UNITS = {
    "lisa-tmx-compliance-kit/ExportTest1A.tmx": 4,
    "lisa-tmx-compliance-kit/ExportTest1B.tmx": 2,
    "lisa-tmx-compliance-kit/ExportTest1C.tmx": 4,
    "lisa-tmx-compliance-kit/ExportTest1D.tmx": 4,
    "lisa-tmx-compliance-kit/ExportTest1E.tmx": 4,
    "lisa-tmx-compliance-kit/ExportTest2A.tmx": 6,
    "lisa-tmx-compliance-kit/ImportTest1A.tmx": 2,
    "lisa-tmx-compliance-kit/ImportTest1B.tmx": 1,
    "lisa-tmx-compliance-kit/ImportTest1C.tmx": 3,
    "lisa-tmx-compliance-kit/ImportTest1D.tmx": 3,
    "lisa-tmx-compliance-kit/ImportTest1E.tmx": 3,
    "lisa-tmx-compliance-kit/ImportTest1F.tmx": 3,
    "lisa-tmx-compliance-kit/ImportTest1G.tmx": 3,
    "lisa-tmx-compliance-kit/ImportTest1H.tmx": 3,
    "lisa-tmx-compliance-kit/ImportTest1I.tmx": 1,
    "lisa-tmx-compliance-kit/ImportTest1J.tmx": 2,
    "lisa-tmx-compliance-kit/ImportTest1J_many.tmx": 3,
    "lisa-tmx-compliance-kit/ImportTest1K.tmx": 2,
    "lisa-tmx-compliance-kit/ImportTest1L.tmx": 1,
    "lisa-tmx-compliance-kit/ImportTest2A-0index.tmx": 7,
    "lisa-tmx-compliance-kit/ImportTest2A.tmx": 7,
    "lisa-tmx-compliance-kit/ImportTest2B.tmx": 7,
    "lisa-tmx-compliance-kit/ImportTest2C.tmx": 1,
    "okapi/tmx/Paragraph_TM.tmx": 7,
    "okapi/tmx/a_small_test2.tmx": 1,
    "okapi/tmx/header_with_prop_and_note.tmx": 1,
    "okapi/tmx/html_test.tmx": 11,
}


def test_the_list_covers_every_sample() -> None:
    samples = shared_path("samples")
    found = {p.relative_to(samples).as_posix() for p in samples.rglob("*.tmx")}
    assert found == set(EXPECTED_UNITS)


@pytest.mark.parametrize("rel", sorted(EXPECTED_UNITS))
def test_sample_is_read_completely(rel: str) -> None:
    reader = TmxReader(str(shared_path("samples", *rel.split("/"))))
    units = list(reader)
    assert len(units) == reader.info.units == EXPECTED_UNITS[rel]
    assert all(u.source.plain or u.source.codes or u.anomalies for u in units)


def test_check_reports_units_per_file(run_tmqa: Run) -> None:
    if not (SHARED / "samples").exists():
        pytest.skip("shared/ is absent")
    rc, out, err = run_tmqa(
        "check", str(SHARED / "samples"), "--format", "json", "--fail-on", "never"
    )
    assert rc == 0, err
    doc = json.loads(out)
    got = {
        Path(f["path"]).relative_to(SHARED / "samples").as_posix(): f["units"] for f in doc["files"]
    }
    assert got == EXPECTED_UNITS
    assert doc["summary"]["units"] == sum(EXPECTED_UNITS.values())
