"""Terminology cost against glossary size: 50 vs 50,000 entries on the same 100,000-unit TMX.

Usage: ``python benchmarks/glossary_scaling.py [--units 100000] [--large 50000]``

Generates (deterministically, in a temp dir) a FR->EN TMX with ``benchmarks/generate.py`` and
two glossaries that both start with the bundled ``glossaries/ice-contract.fr-en.csv``: a small
one (50 entries) and a large one (``--large`` entries). The extra entries come in two kinds:
``random`` (pseudo-words, as ``generate.py`` writes them) and ``wordlike`` (2-3 real frequent
words of each language, the hard case: most segment tokens start a trie walk and most long
tokens have near neighbours). Units are read once; the timed part is building the index and
running T101-T105 on every unit, as the engine does. Prints µs/unit and the large/small ratio
for each kind; the matcher's contract is a ratio of at most 1.5.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

from tmqa.commands.check import load_glossaries  # noqa: E402
from tmqa.context import Context  # noqa: E402
from tmqa.decision import Selection  # noqa: E402
from tmqa.engine import Checker  # noqa: E402
from tmqa.model import Unit  # noqa: E402
from tmqa.readers.tmx import TmxReader  # noqa: E402
from tmqa.terms.commonwords import common_words  # noqa: E402

BASE = ROOT / "glossaries" / "ice-contract.fr-en.csv"


def wordlike_glossary(path: str, n: int, seed: int = 11) -> None:
    """``n`` entries: the bundled rows, then 2-3-word terms drawn from frequent words."""
    rng = random.Random(seed)
    fr_words = sorted(common_words("fr"))
    en_words = sorted(common_words("en"))
    header, *rows = BASE.read_text(encoding="utf-8").splitlines()
    seen = {r.split(",", 1)[0] for r in rows}
    while len(rows) < n:
        k = rng.randint(2, 3)
        fr = " ".join(rng.choice(fr_words) for _ in range(k))
        en = " ".join(rng.choice(en_words) for _ in range(k))
        if fr in seen:
            continue
        seen.add(fr)
        rows.append(f"{fr},{en},preferred,")
    Path(path).write_text(header + "\n" + "\n".join(rows[:n]) + "\n", encoding="utf-8")


def run(units: list[Unit], glossary_path: str) -> tuple[float, int]:
    """Seconds to build the index and run T101-T105 over ``units``, and the finding count."""
    glossary = load_glossaries([glossary_path])
    start = time.process_time()
    checker = Checker(Selection(select=("T",)), Context(glossary))
    findings = 0
    for unit in units:
        findings += len(checker.check_unit(unit))
    return time.process_time() - start, findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--large", type=int, default=50_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmx = os.path.join(tmp, "bench.tmx")
        generate.write_tmx(tmx, args.units)
        units = list(TmxReader(tmx))
        print(f"{len(units)} units")
        worst = 0.0
        for kind in ("random", "wordlike"):
            paths = {}
            for size in (args.small, args.large):
                p = paths[size] = os.path.join(tmp, f"{kind}-{size}.csv")
                if kind == "random":
                    generate.write_glossary_csv(p, size, base=str(BASE))
                else:
                    wordlike_glossary(p, size)
            t_small, f_small = run(units, paths[args.small])
            t_large, f_large = run(units, paths[args.large])
            ratio = t_large / t_small
            worst = max(worst, ratio)
            for size, t, f in ((args.small, t_small, f_small), (args.large, t_large, f_large)):
                print(
                    f"{kind:8} {size:>6} entries: {t:6.2f} s  "
                    f"{t / len(units) * 1e6:5.1f} µs/unit  {f} findings"
                )
            print(f"{kind:8} ratio {args.large}/{args.small}: {ratio:.2f}")
    print(f"worst ratio: {worst:.2f} (contract: <= 1.5)")
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
