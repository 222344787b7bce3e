"""``tmqa score``: BLEU, chrF, TER and glossary-term accuracy of candidates against references."""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tmqa import __version__, exitcodes
from tmqa.errors import InputError

# The parser is built for every tmqa command: the scoring modules load only when scoring.
if TYPE_CHECKING:
    from tmqa.scoring.align import Candidate, ReferenceSet
    from tmqa.scoring.report import GateFailure, SegmentScore, SystemResult

FORMATS = ("text", "json")


def _finite(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not math.isfinite(x):
        raise argparse.ArgumentTypeError(f"not a finite number: {value!r}")
    return x


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return n


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``tmqa score`` (kept here so cli.py only wires the sub-command in)."""
    p.add_argument(
        "--ref",
        "-r",
        action="append",
        default=[],
        metavar="REF",
        help="reference: TMX (target side) or text, one segment per line; repeatable",
    )
    p.add_argument(
        "--hyp",
        "-c",
        action="append",
        default=[],
        metavar="[NAME=]HYP",
        help="candidate: text in the reference's unit order, or TMX; repeatable, "
        "the first is the baseline",
    )
    p.add_argument("--src", metavar="FILE", help="source text (one per line) for text references")
    p.add_argument("--source-lang", "-s")
    p.add_argument("--target-lang", "-t")
    p.add_argument(
        "--glossary",
        "-g",
        action="append",
        default=[],
        metavar="FILE",
        help="glossary for term accuracy (TBX or CSV); repeatable",
    )
    p.add_argument(
        "--allow-missing",
        action="store_true",
        help="score missing or unalignable segments as empty instead of failing",
    )
    p.add_argument(
        "--chrf-word-order",
        type=int,
        choices=(0, 1, 2),
        default=0,
        help="chrF word n-gram order: 2 gives chrF++ (default 0)",
    )
    p.add_argument(
        "--segments",
        action="store_true",
        help="per-unit chrF and sentence BLEU, and the worst units",
    )
    p.add_argument("--worst", type=_positive, metavar="N", help="how many worst units (default 10)")
    p.add_argument(
        "--paired-bs",
        action="store_true",
        help="paired bootstrap resampling against the first candidate",
    )
    p.add_argument("--paired-bs-n", type=_positive, default=1000, metavar="N")
    p.add_argument("--min-bleu", type=_finite, metavar="X")
    p.add_argument("--min-chrf", type=_finite, metavar="X")
    p.add_argument("--max-ter", type=_finite, metavar="X")
    p.add_argument("--min-term-accuracy", type=_finite, metavar="FRACTION")
    p.add_argument(
        "--gate-last", action="store_true", help="apply the thresholds to the last candidate only"
    )
    p.add_argument("--format", "-f", choices=FORMATS, default="text")
    p.add_argument("--output", "-o", metavar="FILE")


def _systems(values: Sequence[str]) -> list[tuple[str, str]]:
    from tmqa.scoring.align import parse_hyp_arg

    if not values:
        raise InputError(None, "score: no candidate given (--hyp)")
    out: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for v in values:
        name, path = parse_hyp_arg(v)
        if name in seen:
            raise InputError(
                path, f"two candidates are named {name!r} (also {seen[name]}); use --hyp NAME=PATH"
            )
        seen[name] = path
        out.append((name, path))
    return out


def _thresholds(args: argparse.Namespace) -> dict[str, float]:
    t = {
        k: v
        for k, v in (
            ("bleu", args.min_bleu),
            ("chrf", args.min_chrf),
            ("ter", args.max_ter),
            ("term_accuracy", args.min_term_accuracy),
        )
        if v is not None
    }
    acc = t.get("term_accuracy")
    if acc is not None and not 0 <= acc <= 1:
        raise InputError(None, f"--min-term-accuracy: {acc:g} is not a fraction in [0, 1]")
    if acc is not None and not args.glossary:
        raise InputError(None, "--min-term-accuracy needs --glossary")
    return t


def _fmt(value: float, threshold: float) -> str:
    # Show enough digits that a failing score never prints as equal to its threshold.
    for digits in (2, 4, 6):
        if f"{value:.{digits}f}" != f"{threshold:.{digits}f}":
            return f"{value:.{digits}f}"
    return repr(value)


def gate(systems: Sequence[SystemResult], thresholds: dict[str, float]) -> list[GateFailure]:
    """Every threshold each system misses (BLEU and chrF minimums, TER maximum, term accuracy)."""
    from tmqa.scoring.report import GATE_OPTIONS, GateFailure

    failures: list[GateFailure] = []
    for s in systems:
        for metric, threshold in thresholds.items():
            name = s.scores.names.get(metric, "term accuracy")
            option = GATE_OPTIONS[metric]
            if metric == "term_accuracy":
                value = s.terms.accuracy if s.terms is not None else None
                if value is None:
                    failures.append(
                        GateFailure(
                            s.name,
                            metric,
                            threshold,
                            None,
                            f"term accuracy is undefined: no glossary source term occurs in the "
                            f"source, {option} {threshold:g} cannot be met",
                        )
                    )
                    continue
            else:
                value = s.scores.values[metric]
            # TER is an error rate: lower is better, so its threshold is a maximum.
            missed = value > threshold if metric == "ter" else value < threshold
            if missed:
                sign = ">" if metric == "ter" else "<"
                failures.append(
                    GateFailure(
                        s.name,
                        metric,
                        threshold,
                        value,
                        f"{name} {_fmt(value, threshold)} {sign} {option} {threshold:g}",
                    )
                )
    return failures


def _segments(
    ref: ReferenceSet, cand: Candidate, scored: list[int], hyps: list[str], order: int, worst: int
) -> tuple[list[SegmentScore], list[SegmentScore]]:
    from tmqa.scoring.metrics import sentence_scores
    from tmqa.scoring.report import SegmentScore

    refs = [ref.refs_at(i) for i in scored]
    scores = sentence_scores(hyps, refs, order)
    segs = [
        SegmentScore(
            index=i,
            unit=ref.ids[i],
            line=ref.lines[i],
            chrf=c,
            bleu=b,
            source=ref.sources[i] if ref.sources else None,
            references=tuple(r),
            candidate=h,
            missing=cand.texts[i] is None,
        )
        for i, r, h, (c, b) in zip(scored, refs, hyps, scores, strict=True)
    ]
    # Worst first; sentence chrF, then sentence BLEU, then unit order break ties.
    ranked = sorted(segs, key=lambda s: (s.chrf, s.bleu, s.index))
    return segs, ranked[:worst]


def signature(
    glossary_digest: str, names: dict[str, str], sigs: dict[str, str], paired: str
) -> str:
    """tmqa's signature with each metric's sacrebleu signature inside braces."""
    parts = [f"tmqa:{__version__}", f"glossary:{glossary_digest or 'none'}"]
    parts += [f"{names[m]}:{{{sigs[m]}}}" for m in sigs]
    if paired:
        parts.append(paired)
    return "|".join(parts)


def run(args: argparse.Namespace) -> int:
    from tmqa.config import fill_score_defaults, load_config
    from tmqa.output import write_text
    from tmqa.scoring.align import load_candidate, load_references
    from tmqa.scoring.report import FORMATS as RENDERERS
    from tmqa.scoring.report import ScoreReport, SystemResult

    fill_score_defaults(args, load_config())
    systems = _systems(args.hyp)
    thresholds = _thresholds(args)
    if args.paired_bs and len(systems) < 2:
        raise InputError(
            None, "--paired-bs needs two or more candidates (--hyp); the first is the baseline"
        )
    ref = load_references(
        args.ref,
        src=args.src,
        source_lang=args.source_lang,
        target_lang=args.target_lang,
        allow_missing=args.allow_missing,
    )
    scored = ref.scored
    if not scored:
        raise InputError(ref.paths[0], "no reference unit has a reference text to score against")

    glossary = None
    if args.glossary:
        if ref.sources is None:
            raise InputError(
                None,
                "--glossary: term accuracy needs the source text: give a TMX reference, "
                "or --src FILE with text references",
            )
        if not (ref.source_lang and ref.target_lang):
            raise InputError(
                None, "--glossary with text references needs --source-lang and --target-lang"
            )
        from tmqa.commands.check import load_glossaries

        glossary = load_glossaries(args.glossary)

    candidates = [load_candidate(name, path, ref, args.allow_missing) for name, path in systems]

    from tmqa.scoring.metrics import corpus_scores, paired_bootstrap
    from tmqa.scoring.terms import TermScorer

    streams = [[s[i] for i in scored] for s in ref.streams]
    order = args.chrf_word_order
    worst = args.worst if args.worst is not None else 10
    want_segments = args.segments or args.worst is not None
    scorer = (
        TermScorer(glossary, ref.source_lang or "", ref.target_lang or "")
        if glossary is not None and glossary.entries
        else None
    )
    results: list[SystemResult] = []
    hyp_lists: list[list[str]] = []
    for cand in candidates:
        # A missing candidate segment is a wrong one: scoring it as empty keeps every system
        # on the same test set, so their numbers stay comparable.
        hyps = [cand.texts[i] or "" for i in scored]
        hyp_lists.append(hyps)
        scores = corpus_scores(hyps, streams, order)
        res = SystemResult(cand.name, cand.path, scores, cand.alignment)
        if scorer is not None and ref.sources is not None:
            res.terms = scorer.score(
                [(ref.ids[i], ref.sources[i], h) for i, h in zip(scored, hyps, strict=True)]
            )
        elif glossary is not None:
            from tmqa.scoring.terms import TermAccuracy

            res.terms = TermAccuracy()
        if want_segments:
            res.segments, res.worst = _segments(ref, cand, scored, hyps, order, worst)
        results.append(res)

    comparison = None
    if args.paired_bs:
        named = [(r.name, h) for r, h in zip(results, hyp_lists, strict=True)]
        comparison = paired_bootstrap(named, streams, order, args.paired_bs_n)
    gated = results[-1:] if args.gate_last else results
    first = results[0].scores
    report = ScoreReport(
        signature=signature(
            glossary.digest if glossary else "",
            first.names,
            first.signatures,
            f"paired-bs:{comparison.n}|seed:{comparison.seed}" if comparison else "",
        ),
        ref=ref,
        glossaries=tuple(args.glossary),
        systems=results,
        comparison=comparison,
        thresholds=thresholds,
        gated=[r.name for r in gated],
        failures=gate(gated, thresholds),
    )
    render = RENDERERS[args.format]
    inputs = [*ref.paths, *(p for _, p in systems), *args.glossary]
    if ref.source_path:
        inputs.append(ref.source_path)
    write_text(args.output, lambda out: render(report, out), inputs=inputs)
    return exitcodes.for_result(len(report.failures))
