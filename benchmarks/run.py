"""tmqa's benchmark: one run, figures side by side, so they hold as ratios on a noisy machine.

Usage: ``python benchmarks/run.py [--units 200000] [--skip-glossary] [--skip-pofilter]``

Prints, for a generated FR->EN TMX of ``--units`` units:
- the raw lxml streaming parse of the file (the floor any lxml reader can reach);
- ``tmqa check`` with the default rules and the bundled glossary, in one process, with
  ``--jobs 2`` and with all cores: units per second, ratio to the floor, peak resident memory
  of the main process (from ``wait4``; workers are separate processes);
- the glossary scaling ratio (50,000 entries vs 50) on the same units, for the whole check
  and for the terminology rules T101-T105 alone;
- translate-toolkit's ``pofilter`` on the same file when it is installed (``pip install
  .[bench]``), as the peer's figure;
- start-up: ``tmqa check`` on a one-unit file (median of 7), the pre-commit case;
- when the machine has French gettext catalogues (``benchmarks/catalogues.py``), the same
  one-process check on all of their string pairs as an EN->FR memory: real, unique text.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import catalogues  # noqa: E402
import generate  # noqa: E402

GLOSSARY = ROOT / "glossaries" / "ice-contract.fr-en.tbx"


def floor(path: str) -> float:
    """Seconds for the raw streaming parse: iterparse on <tu>, clear, drop siblings."""
    from lxml import etree

    start = time.perf_counter()
    with open(path, "rb") as fh:
        for _, el in etree.iterparse(
            fh, events=("end",), tag="tu", resolve_entities=False, no_network=True, load_dtd=False
        ):
            el.clear(keep_tail=False)
            parent = el.getparent()
            while el.getprevious() is not None:
                del parent[0]
    return time.perf_counter() - start


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB of the process itself, and its exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if proc.stderr is not None:
        err = proc.stderr.read().decode(errors="replace").strip()
        proc.stderr.close()
        if os.waitstatus_to_exitcode(status) not in (0, 1) and err:
            print(f"  ! {' '.join(cmd[:4])}...: {err.splitlines()[-1]}", file=sys.stderr)
    # ru_maxrss is in kilobytes on Linux.
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def tmqa_cmd(path: str, *extra: str, glossary: str = str(GLOSSARY)) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tmqa",
        "check",
        path,
        "--glossary",
        glossary,
        "--fail-on",
        "never",
        "--format",
        "jsonl",
        "--no-progress",
        *extra,
    ]


def glossary_ratio(path: str) -> tuple[float, float, float, float] | None:
    """Times with a 50- and a 50,000-entry glossary (wordlike, the hard kind): the whole
    ``tmqa check`` with the default rules (wall clock, glossary loading included), then the
    terminology rules alone (process time, index building included)."""
    try:
        import glossary_scaling as gs
    except ImportError:
        return None
    from tmqa.readers.tmx import read_tmx

    with tempfile.TemporaryDirectory() as tmp:
        small, large = os.path.join(tmp, "small.csv"), os.path.join(tmp, "large.csv")
        gs.wordlike_glossary(small, 50)
        gs.wordlike_glossary(large, 50_000)
        full_small = timed(tmqa_cmd(path, "--jobs", "1", glossary=small))[0]
        full_large = timed(tmqa_cmd(path, "--jobs", "1", glossary=large))[0]
        units = read_tmx(path)
        t_small, _ = gs.run(units, small)
        t_large, _ = gs.run(units, large)
    return full_small, full_large, t_small, t_large


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--skip-glossary", action="store_true")
    parser.add_argument("--skip-pofilter", action="store_true")
    parser.add_argument("--skip-catalogues", action="store_true")
    args = parser.parse_args(argv)
    n = args.units
    cores = os.cpu_count() or 1
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.tmx")
        generate.write_tmx(path, n)
        size_mb = os.path.getsize(path) / 1e6
        t_floor = min(floor(path) for _ in range(2))
        rate_floor = n / t_floor
        rows.append(("raw lxml streaming parse (floor)", f"{rate_floor:,.0f}", "1.00", "-"))
        rate_one = 0.0
        for label, extra in (
            ("tmqa check, default rules + glossary, 1 process", ["--jobs", "1"]),
            ("tmqa check, --jobs 2", ["--jobs", "2"]),
            *(
                [(f"tmqa check, --jobs {cores} (all cores)", ["--jobs", str(cores)])]
                if cores > 2
                else []
            ),
        ):
            elapsed, rss, _ = timed(tmqa_cmd(path, *extra))
            rate = n / elapsed
            rate_one = rate_one or rate
            rows.append((label, f"{rate:,.0f}", f"{rate / rate_floor:.2f}", f"{rss:,.0f}"))
        if not args.skip_pofilter and shutil.which("pofilter"):
            out = os.path.join(tmp, "pofilter-out.tmx")
            elapsed, rss, _ = timed(["pofilter", "--progress=none", "-i", path, "-o", out])
            rows.append(
                (
                    "translate-toolkit pofilter (peer)",
                    f"{n / elapsed:,.0f}",
                    f"{n / elapsed / rate_floor:.2f}",
                    f"{rss:,.0f}",
                )
            )
        cat_units = 0
        if not args.skip_catalogues:
            cat = os.path.join(tmp, "catalogues.tmx")
            cat_units = catalogues.write_tmx(cat)
        if cat_units:
            cat_floor = cat_units / min(floor(cat) for _ in range(2))
            elapsed, rss, _ = timed(tmqa_cmd(cat, "--jobs", "1"))
            rows.append(
                (
                    f"same, 1 process, {cat_units:,} real gettext EN->FR pairs",
                    f"{cat_units / elapsed:,.0f}",
                    f"{cat_units / elapsed / cat_floor:.2f}",
                    f"{rss:,.0f}",
                )
            )
        one = os.path.join(tmp, "one.tmx")
        generate.write_tmx(one, 1)
        starts = [
            timed([sys.executable, "-m", "tmqa", "check", one, "--fail-on", "never"])[0]
            for _ in range(7)
        ]
        ratio = None if args.skip_glossary else glossary_ratio(path)

    print(
        f"tmqa benchmark: {n:,} units ({size_mb:.0f} MB TMX), Python {platform.python_version()}, "
        f"{platform.machine()}, {cores} cores"
    )
    width = max(len(r[0]) for r in rows)
    print(f"| {'what':<{width}} | units/s | x floor | peak RSS MB |")
    print(f"|{'-' * (width + 2)}|---------|---------|-------------|")
    for what, shown_rate, rel, shown_rss in rows:
        print(f"| {what:<{width}} | {shown_rate:>7} | {rel:>7} | {shown_rss:>11} |")
    if len(rows) > 2 and rate_one:
        jobs2 = float(rows[2][1].replace(",", ""))
        print(f"--jobs 2 speed-up over one process: {jobs2 / rate_one:.2f}x")
    print(f"start-up, one-unit file: {statistics.median(starts) * 1000:.0f} ms (median of 7)")
    if ratio is not None:
        full_small, full_large, t_small, t_large = ratio
        print(
            f"glossary scaling, whole check (default rules): 50 entries {full_small:.2f} s, "
            f"50,000 entries {full_large:.2f} s, ratio {full_large / full_small:.2f}"
        )
        print(
            f"glossary scaling, T101-T105 alone: 50 entries {t_small:.2f} s, 50,000 entries "
            f"{t_large:.2f} s, ratio {t_large / t_small:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
