"""sacrebleu's BLEU, chrF and TER, corpus and sentence level, and its paired bootstrap test.

sacrebleu is imported here, inside functions, and nowhere else: ``tmqa check`` never loads it.
Scores are sacrebleu's own objects with its defaults, so the numbers and signatures are the
ones its command line prints for the same files.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

METRICS = ("bleu", "chrf", "ter")
SEED = 12345  # sacrebleu's default SACREBLEU_SEED: the same resamples as its command line
HIGHER_IS_BETTER = {"bleu": True, "chrf": True, "ter": False}


@dataclass(frozen=True, slots=True)
class CorpusScores:
    """One system's corpus scores on sacrebleu's 0-100 scale, with display names and signatures."""

    values: dict[str, float]
    names: dict[str, str]  # "BLEU", "chrF2" or "chrF2++", "TER"
    signatures: dict[str, str]
    verbose: dict[str, str]  # sacrebleu's one-line rendering (BLEU precisions, brevity penalty)


@dataclass(frozen=True, slots=True)
class PairedResult:
    """One metric of one system in a paired test: the score, bootstrap mean ± 95% CI, p-value."""

    score: float
    mean: float | None
    ci: float | None
    p_value: float | None  # None for the baseline


@dataclass
class PairedTestResult:
    """sacrebleu's paired bootstrap resampling over all systems; the first is the baseline."""

    baseline: str
    n: int
    seed: int
    signatures: dict[str, str]
    systems: list[tuple[str, dict[str, PairedResult]]] = field(default_factory=list)


def _metrics(chrf_word_order: int) -> dict[str, Any]:
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    return {"bleu": BLEU(), "chrf": CHRF(word_order=chrf_word_order), "ter": TER()}


def sacrebleu_version() -> str:
    import sacrebleu

    return str(sacrebleu.__version__)


def corpus_scores(
    hyps: Sequence[str], refs: Sequence[Sequence[str | None]], chrf_word_order: int = 0
) -> CorpusScores:
    """Corpus BLEU, chrF and TER. ``refs`` is a list of reference *streams*, one per reference:
    sacrebleu silently misreads a flat list of strings."""
    values: dict[str, float] = {}
    names: dict[str, str] = {}
    sigs: dict[str, str] = {}
    verbose: dict[str, str] = {}
    for key, metric in _metrics(chrf_word_order).items():
        score = metric.corpus_score(list(hyps), [list(s) for s in refs])
        values[key] = float(score.score)
        names[key] = str(score.name)
        sigs[key] = str(metric.get_signature().format())
        verbose[key] = str(score.format())
    return CorpusScores(values, names, sigs, verbose)


def sentence_scores(
    hyps: Sequence[str], refs: Sequence[Sequence[str]], chrf_word_order: int = 0
) -> list[tuple[float, float]]:
    """Per segment (chrF, BLEU); sentence BLEU needs effective order, or short segments get 0."""
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF

    chrf = CHRF(word_order=chrf_word_order)
    bleu = BLEU(effective_order=True)
    return [
        (float(chrf.sentence_score(h, list(r)).score), float(bleu.sentence_score(h, list(r)).score))
        for h, r in zip(hyps, refs, strict=True)
    ]


@contextlib.contextmanager
def _fixed_seed() -> Iterator[None]:
    # sacrebleu reads its seed from the environment (``SACREBLEU_SEED=None`` unfixes it); a CI
    # gate must give the same p-values on every run, so pin it for the duration of the test.
    old = os.environ.get("SACREBLEU_SEED")
    os.environ["SACREBLEU_SEED"] = str(SEED)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SACREBLEU_SEED", None)
        else:
            os.environ["SACREBLEU_SEED"] = old


def _num(x: Any) -> float | None:
    # numpy float32/float64 are not JSON-serializable (sacrebleu's own --paired-bs -f json
    # crashes on chrF for that reason): turn them into Python floats here.
    return None if x is None else float(x)


def paired_bootstrap(
    systems: Sequence[tuple[str, Sequence[str]]],
    refs: Sequence[Sequence[str | None]],
    chrf_word_order: int = 0,
    n: int = 1000,
) -> PairedTestResult:
    """sacrebleu's paired bootstrap resampling (``--paired-bs``) with a fixed seed."""
    from sacrebleu.significance import PairedTest

    metrics = _metrics(chrf_word_order)
    with _fixed_seed():
        test = PairedTest(
            [(name, list(h)) for name, h in systems],
            metrics,
            references=[list(s) for s in refs],  # type: ignore[arg-type]
            test_type="bs",
            n_samples=n,
        )
        sigs, scores = test()
    # PairedTest keys its results by the score's display name ("BLEU", "chrF2++", "TER"),
    # in the order of the metrics given.
    display = [k for k in scores if k != "System"]
    keys = dict(zip(display, metrics, strict=True))
    result = PairedTestResult(
        baseline=systems[0][0],
        n=test.n_samples,
        seed=SEED,
        signatures={keys[d]: str(sig.format()) for d, sig in sigs.items()},
    )
    for i, (name, _) in enumerate(systems):
        per: dict[str, PairedResult] = {}
        for d in display:
            r = scores[d][i]
            per[keys[d]] = PairedResult(
                float(r.score), _num(r.mean), _num(r.ci), _num(r.p_value)  # type: ignore[union-attr]
            )
        result.systems.append((name, per))
    return result
