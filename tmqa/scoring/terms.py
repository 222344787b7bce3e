"""Glossary-term accuracy of a candidate: the WMT 2021 terminology task's exact-match metric.

Every occurrence of a glossary source term in the source must be matched by its own
occurrence of one of the concept's acceptable (non-forbidden) target terms in the candidate:
two "ICE" in the source need two "ICE" in the candidate, as in the task's script, which
consumes one target match per source term. Matching is the shared ``tmqa.terms.TermIndex``
(the one ``tmqa check`` uses), so regular plurals count ("drug traffickers" for "drug
trafficker") where the task's script needed a lemmatizer. A do-not-translate term (its source
text is one of its target terms) counts only verbatim: "Linkedin" is not "LinkedIn".

A misspelled source term ("Immigration and Customs Enfoncement") is still an occurrence of the
concept: the translation must carry the correct target term, and copying the typo is an error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tmqa.model import Glossary, Term, TermStatus, Text, Unit
from tmqa.terms import Hit, TermIndex, Verdict


@dataclass(frozen=True, slots=True)
class TermError:
    """One source term occurrence the candidate does not render correctly."""

    unit: str
    term: str  # the glossary source term
    source: str  # the occurrence as written in the source
    expected: tuple[str, ...]  # the acceptable target terms (only the verbatim one for DNT)
    found: str | None  # what the candidate has instead: forbidden, misspelled or re-cased term
    reason: str  # missing, forbidden, misspelled, dnt-altered


@dataclass
class TermAccuracy:
    """Exact-match term accuracy of one candidate over the scored units."""

    occurrences: int = 0
    correct: int = 0
    forbidden: int = 0  # forbidden target terms anywhere in the candidate
    errors: list[TermError] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        """correct / occurrences in [0, 1]; None when no glossary term occurs in the source."""
        return self.correct / self.occurrences if self.occurrences else None


def _corrected(index: TermIndex, source: str) -> tuple[str, dict[tuple[int, int], str]]:
    """The source with misspelled glossary terms replaced by the terms, and what they replaced."""
    misses = sorted(index.source_misses(source), key=lambda m: m.span)
    if not misses:
        return source, {}
    parts: list[str] = []
    written: dict[tuple[int, int], str] = {}
    pos = 0
    length = 0
    for m in misses:
        start, end = m.span
        if start < pos:
            continue  # overlapping near-misses: the first one wins
        parts.append(source[pos:start])
        length += start - pos
        parts.append(m.term.text)
        written[(length, length + len(m.term.text))] = m.text
        length += len(m.term.text)
        pos = end
    parts.append(source[pos:])
    return "".join(parts), written


class TermScorer:
    """Term accuracy with one compiled glossary for a language pair."""

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str) -> None:
        self.index = TermIndex(glossary, source_lang, target_lang)
        self.source_lang = source_lang
        self.target_lang = target_lang

    def _expected(self, v: Verdict) -> tuple[str, ...]:
        if v.dnt:
            return (v.hit.term.text,)
        return tuple(dict.fromkeys(t.text for t in self._ranked(v.hit.concept)))

    def _all_missing(
        self, acc: TermAccuracy, uid: str, hits: Iterable[Hit], written: dict[tuple[int, int], str]
    ) -> None:
        # The matcher gives no verdict for an empty target; an empty (or missing, scored as
        # empty) candidate still fails every term of its source, or it would raise the accuracy.
        spans: set[tuple[int, int]] = set()
        for h in hits:
            if h.concept not in self.index.accept or h.span in spans:
                continue  # no target term to expect, or a homograph of a span already counted
            spans.add(h.span)
            acc.occurrences += 1
            expected = (h.term.text,) if self.index.is_dnt(h.concept, h.term) else tuple(
                dict.fromkeys(t.text for t in self._ranked(h.concept))
            )
            acc.errors.append(
                TermError(uid, h.term.text, written.get(h.span, h.text), expected, None, "missing")
            )

    def _ranked(self, concept: int) -> list[Term]:
        # Preferred first, then admitted, in glossary order.
        accept = self.index.accept.get(concept, ())
        return sorted(accept, key=lambda t: t.status is not TermStatus.PREFERRED)

    def score(self, units: Iterable[tuple[str, str, str]]) -> TermAccuracy:
        """``units``: (unit id, source, candidate) triples."""
        acc = TermAccuracy()
        for uid, source, candidate in units:
            self._unit(acc, uid, source, candidate)
        return acc

    def _unit(self, acc: TermAccuracy, uid: str, source: str, candidate: str) -> None:
        text, written = _corrected(self.index, source)
        unit = Unit(
            file="",
            tuid=uid,
            line=0,
            index=0,
            source_lang=self.source_lang,
            target_lang=self.target_lang,
            source=Text(text),
            target=Text(candidate),
        )
        ut = self.index.check(unit)
        acc.forbidden += sum(1 for h in ut.target_hits if h.term.status is TermStatus.FORBIDDEN)
        if not ut.verdicts:
            if not candidate.strip():
                self._all_missing(acc, uid, ut.source_hits, written)
            return
        # One target occurrence per source occurrence (the task's script consumes matches).
        available = Counter(
            h.concept for h in ut.target_hits if h.term.status is not TermStatus.FORBIDDEN
        )
        used: Counter[int] = Counter()
        for v in sorted(ut.verdicts, key=lambda v: v.hit.span):
            acc.occurrences += 1
            as_written = written.get(v.hit.span, v.hit.text)
            if v.status == "ok":
                ci = v.hit.concept
                # The verdict found one acceptable rendering (perhaps inside a longer term,
                # which target_hits does not list): at least one is always there.
                if used[ci] < max(1, available[ci]):
                    used[ci] += 1
                    acc.correct += 1
                    continue
                found = None
                reason = "missing"
            else:
                reason = v.status
                found = (
                    v.target.text if v.target is not None
                    else v.near.text if v.near is not None
                    else None
                )
            acc.errors.append(
                TermError(uid, v.hit.term.text, as_written, self._expected(v), found, reason)
            )
