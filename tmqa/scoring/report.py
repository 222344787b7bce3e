"""The score report: what ``tmqa score`` computed, rendered as text or as one JSON object."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TextIO

from tmqa import __version__
from tmqa.scoring.align import Alignment, ReferenceSet
from tmqa.scoring.metrics import METRICS, CorpusScores, PairedResult, PairedTestResult
from tmqa.scoring.terms import TermAccuracy, TermError

GATE_OPTIONS = {
    "bleu": "--min-bleu",
    "chrf": "--min-chrf",
    "ter": "--max-ter",
    "term_accuracy": "--min-term-accuracy",
}


@dataclass(frozen=True, slots=True)
class SegmentScore:
    """One reference unit scored for one system."""

    index: int  # position among the reference units (0-based)
    unit: str
    line: int
    chrf: float
    bleu: float
    source: str | None
    references: tuple[str, ...]
    candidate: str
    missing: bool  # no candidate for this unit (--allow-missing): scored as empty


@dataclass(frozen=True, slots=True)
class GateFailure:
    system: str
    metric: str  # bleu, chrf, ter, term_accuracy
    threshold: float
    value: float | None
    message: str

    @property
    def option(self) -> str:
        return GATE_OPTIONS[self.metric]


@dataclass
class SystemResult:
    name: str
    path: str
    scores: CorpusScores
    alignment: Alignment
    terms: TermAccuracy | None = None
    segments: list[SegmentScore] = field(default_factory=list)
    worst: list[SegmentScore] = field(default_factory=list)


@dataclass
class ScoreReport:
    signature: str
    ref: ReferenceSet
    glossaries: tuple[str, ...]
    systems: list[SystemResult]
    comparison: PairedTestResult | None = None
    thresholds: dict[str, float] = field(default_factory=dict)
    gated: list[str] = field(default_factory=list)  # names of the systems the gate applies to
    failures: list[GateFailure] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


# --- JSON ----------------------------------------------------------------------------------------


def _segment_dict(s: SegmentScore, full: bool) -> dict[str, Any]:
    d: dict[str, Any] = {"unit": s.unit, "line": s.line, "chrf": s.chrf, "bleu": s.bleu}
    if full:
        d.update(source=s.source, references=list(s.references), candidate=s.candidate)
    d["missing"] = s.missing
    return d


def _term_error_dict(e: TermError) -> dict[str, Any]:
    return {
        "unit": e.unit,
        "term": e.term,
        "source": e.source,
        "expected": list(e.expected),
        "found": e.found,
        "reason": e.reason,
    }


def _paired_dict(r: PairedResult, base: PairedResult | None) -> dict[str, Any]:
    d: dict[str, Any] = {"score": r.score, "mean": r.mean, "ci": r.ci}
    if r.mean is not None and r.ci is not None:
        d["interval"] = [r.mean - r.ci, r.mean + r.ci]
    d["p_value"] = r.p_value
    if base is not None:
        d["delta"] = r.score - base.score
    return d


def _comparison_dict(report: ScoreReport) -> dict[str, Any] | None:
    if len(report.systems) < 2:
        return None
    base = report.systems[0]
    doc: dict[str, Any] = {"baseline": base.name, "test": None}
    cmp = report.comparison
    if cmp is not None:
        doc.update(test="paired-bs", resamples=cmp.n, seed=cmp.seed, signatures=cmp.signatures)
        base_r = cmp.systems[0][1]
        doc["systems"] = [
            {"name": name, **{m: _paired_dict(per[m], base_r[m] if i else None) for m in METRICS}}
            for i, (name, per) in enumerate(cmp.systems)
        ]
    else:
        doc["systems"] = []
        for i, s in enumerate(report.systems):
            entry: dict[str, Any] = {"name": s.name}
            for m in METRICS:
                v = s.scores.values[m]
                entry[m] = {"score": v, "delta": v - base.scores.values[m]} if i else {"score": v}
            doc["systems"].append(entry)
    return doc


def _system_dict(s: SystemResult) -> dict[str, Any]:
    t = s.terms
    al = s.alignment
    return {
        "name": s.name,
        "path": s.path,
        "bleu": s.scores.values["bleu"],
        "chrf": s.scores.values["chrf"],
        "ter": s.scores.values["ter"],
        "term_accuracy": t.accuracy if t else None,
        "term_occurrences": t.occurrences if t else None,
        "term_correct": t.correct if t else None,
        "term_errors": [_term_error_dict(e) for e in t.errors] if t else [],
        "forbidden_terms": t.forbidden if t else None,
        "signatures": dict(s.scores.signatures),
        "metric_names": dict(s.scores.names),
        "alignment": {
            "method": al.method,
            "by_tuid": al.by_tuid,
            "by_source": al.by_source,
            "missing": len(al.missing),
            "missing_units": list(al.missing),
            "extra": al.extra,
        },
        "segments": [_segment_dict(x, full=False) for x in s.segments],
        "worst": [_segment_dict(x, full=True) for x in s.worst],
    }


def to_dict(report: ScoreReport) -> dict[str, Any]:
    ref = report.ref
    return {
        "tool": "tmqa",
        "version": __version__,
        "signature": report.signature,
        "ref": {
            "paths": list(ref.paths),
            "source": ref.source_path,
            "source_lang": ref.source_lang,
            "target_lang": ref.target_lang,
            "units": len(ref.ids),
            "scored": len(ref.scored),
            "unscored_units": ref.unscored,
        },
        "glossaries": list(report.glossaries),
        "systems": [_system_dict(s) for s in report.systems],
        "comparison": _comparison_dict(report),
        "gate": {
            "passed": report.passed,
            "thresholds": {GATE_OPTIONS[k].lstrip("-"): v for k, v in report.thresholds.items()},
            "systems": list(report.gated) if report.thresholds else [],
            "failures": [
                {
                    "system": f.system,
                    "metric": f.metric,
                    "option": f.option,
                    "threshold": f.threshold,
                    "value": f.value,
                    "message": f.message,
                }
                for f in report.failures
            ],
        },
    }


def render_json(report: ScoreReport, out: TextIO) -> None:
    json.dump(to_dict(report), out, ensure_ascii=False, indent=2)
    out.write("\n")


# --- text ----------------------------------------------------------------------------------------


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
    return out


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _quote(terms: tuple[str, ...]) -> str:
    return " or ".join(f'"{t}"' for t in terms)


_REASONS = {
    "forbidden": " (forbidden)",
    "misspelled": " (misspelled)",
    "dnt-altered": " (do-not-translate term, not verbatim)",
}


def _term_error_line(e: TermError) -> str:
    term = f'"{e.term}"'
    if e.source != e.term:
        term = f'"{e.source}" (glossary: "{e.term}")'
    if e.found is not None:
        found = f', found "{e.found}"{_REASONS.get(e.reason, "")}'
    else:
        found = ", not found"
    return f"  unit {e.unit}: {term} -> expected {_quote(e.expected)}{found}"


def _pm(r: PairedResult) -> str:
    if r.mean is None or r.ci is None:
        return f"{r.score:.2f}"
    return f"{r.score:.2f} ({r.mean:.2f} ± {r.ci:.2f})"


def _p(r: PairedResult) -> str:
    if r.p_value is None:
        return ""
    return f"p = {r.p_value:.4f}{'*' if r.p_value < 0.05 else ''}"


def render_text(report: ScoreReport, out: TextIO) -> None:
    ref = report.ref
    w = out.write
    langs = ""
    if ref.source_lang and ref.target_lang:
        langs = f", {ref.source_lang} -> {ref.target_lang}"
    scored = len(ref.scored)
    n_units = len(ref.ids)
    count = f"{n_units} units" if scored == n_units else f"{scored} of {n_units} units scored"
    w(f"reference: {', '.join(ref.paths)} ({count}{langs})\n")
    if report.glossaries:
        w(f"glossary:  {', '.join(report.glossaries)}\n")
    w("\n")
    first = report.systems[0].scores.names
    header = ["system", first["bleu"], first["chrf"], first["ter"]]
    with_terms = any(s.terms is not None for s in report.systems)
    if with_terms:
        header += ["term accuracy", "forbidden"]
    rows = [header]
    for s in report.systems:
        v = s.scores.values
        row = [s.name, f"{v['bleu']:.2f}", f"{v['chrf']:.2f}", f"{v['ter']:.2f}"]
        if with_terms:
            t = s.terms
            if t is None or t.accuracy is None:
                row += ["n/a", "0" if t is None else str(t.forbidden)]
            else:
                row += [f"{t.accuracy:.3f} ({t.correct}/{t.occurrences})", str(t.forbidden)]
        rows.append(row)
    for line in _table(rows, right={1, 2, 3, 5}):
        w(line + "\n")
    for s in report.systems:
        al = s.alignment
        notes = []
        if al.missing:
            notes.append(f"{_n(len(al.missing), 'unit')} without a candidate (scored as empty)")
        if al.extra:
            kind = "line" if al.method == "line" else "unit"
            notes.append(f"{_n(al.extra, 'extra ' + kind)} ignored")
        if notes:
            w(f"{s.name}: {', '.join(notes)}\n")
    if ref.unscored:
        w(f"reference units without a reference text (not scored): {', '.join(ref.unscored)}\n")
    for s in report.systems:
        if s.terms is not None and s.terms.errors:
            w(f"\nterm errors, {s.name}:\n")
            for e in s.terms.errors:
                w(_term_error_line(e) + "\n")
    cmp = report.comparison
    if cmp is not None:
        w(
            f"\npaired bootstrap resampling ({cmp.n} resamples, seed {cmp.seed}), "
            f"baseline {cmp.baseline}: score (mean ± 95% CI), p-value\n"
        )
        names = report.systems[0].scores.names
        rows = [["system", names["bleu"], names["chrf"], names["ter"]]]
        for name, per in cmp.systems:
            rows.append([name] + [_pm(per[m]) for m in METRICS])
            if any(per[m].p_value is not None for m in METRICS):
                rows.append([""] + [_p(per[m]) for m in METRICS])
        for line in _table(rows, right={1, 2, 3}):
            w(line + "\n")
    elif len(report.systems) > 1:
        base = report.systems[0]
        w(f"\ndifference to the baseline {base.name} (--paired-bs tests significance):\n")
        for s in report.systems[1:]:
            d = {m: s.scores.values[m] - base.scores.values[m] for m in METRICS}
            w(
                f"  {s.name}: {base.scores.names['bleu']} {d['bleu']:+.2f}, "
                f"{base.scores.names['chrf']} {d['chrf']:+.2f}, TER {d['ter']:+.2f}\n"
            )
    for s in report.systems:
        if s.worst:
            w(f"\nworst {_n(len(s.worst), 'unit')} of {s.name} by sentence chrF:\n")
            for x in s.worst:
                flag = " (missing)" if x.missing else ""
                w(f"  unit {x.unit}: chrF {x.chrf:.2f}, BLEU {x.bleu:.2f}{flag}\n")
                if x.source is not None:
                    w(f"    src: {x.source}\n")
                for r in x.references:
                    w(f"    ref: {r}\n")
                w(f"    hyp: {x.candidate}\n")
    if report.thresholds:
        which = ", ".join(
            f"{GATE_OPTIONS[k]} {v:g}" for k, v in report.thresholds.items()
        )
        if report.passed:
            w(f"\ngate: passed ({which}; {', '.join(report.gated)})\n")
        else:
            w(f"\ngate: FAILED ({which})\n")
            for f in report.failures:
                w(f"  {f.system}: {f.message}\n")
    w("\n")
    sigs = report.systems[0].scores
    width = max(len(sigs.names[m]) for m in METRICS)
    for m in METRICS:
        w(f"{sigs.names[m].ljust(width)}  {sigs.signatures[m]}\n")
    w(f"signature: {report.signature}\n")


FORMATS = {"text": render_text, "json": render_json}
