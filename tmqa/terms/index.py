"""``TermIndex``: the glossary compiled for one language pair, and the per-unit term check."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from tmqa.langtags import matches
from tmqa.model import Glossary, Term, TermEntry, TermStatus, Unit
from tmqa.terms.matcher import Match, SideIndex, TermRec, embedded, gc_paused, resolve
from tmqa.terms.normalize import Tokens, normalized
from tmqa.terms.records import Hit, NearMiss, Status, UnitTerms, Verdict

_DIGIT = re.compile(r"\d")
FORBIDDEN = TermStatus.FORBIDDEN
PREFERRED = TermStatus.PREFERRED


class _AcceptView(Mapping[int, tuple[Term, ...]]):
    """``TermIndex.accept`` without computing every concept up front."""

    __slots__ = ("_index",)

    def __init__(self, index: TermIndex) -> None:
        self._index = index

    def __getitem__(self, concept: int) -> tuple[Term, ...]:
        if not isinstance(concept, int) or not 0 <= concept < len(self._index.entries):
            raise KeyError(concept)
        accept = self._index.acceptable(concept)
        if not accept:
            raise KeyError(concept)
        return accept

    def __iter__(self) -> Iterator[int]:
        return (c for c in range(len(self._index.entries)) if self._index.acceptable(c))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _prose(
    tok: Tokens, spans: list[tuple[int, int, list[TermRec]]]
) -> list[tuple[int, int, list[TermRec]]]:
    """Drop the hits inside a URL, path, e-mail address or placeholder: not prose."""
    if not spans:
        return spans
    return [sp for sp in spans if not embedded(tok.norm, *tok.span(sp[0], sp[1]))]


def _same_lang(tag: str, lang: str) -> bool:
    """As ``TermEntry.terms_in``: ``fr`` terms serve ``fr-FR`` text and ``fr-FR`` terms ``fr``."""
    return matches(tag, lang) or matches(lang, tag)


def _slice(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]]


def _name_like(text: str) -> bool:
    """Names, brands, acronyms and codes (``WhatsApp``, ``ICE``, ``Windows 11``).

    A lower-case word spelled alike in both languages ("isolation", "restrictions") is a
    cognate, not a do-not-translate term: rendering it with a synonym is T101's business,
    and "ISOLATION" in an all-capitals source must not be reported as re-cased.
    """
    return text != text.lower() or _DIGIT.search(text) is not None


_RANK: dict[str, int] = {"ok": 0, "forbidden": 1, "misspelled": 2, "dnt-altered": 3, "missing": 4}


class TermIndex:
    """One compiled glossary for a (source, target) language pair; built once per run.

    Public API (shared by the terminology rules and scoring):

    - ``source_hits(text)`` / ``target_hits(text)``: non-overlapping glossary term
      occurrences (longest wins), as ``Hit``;
    - ``source_misses(text)`` / ``target_misses(text)``: near-misses, as ``NearMiss``;
    - ``check(unit)``: everything about one unit (``UnitTerms``), with one ``Verdict`` per
      source hit saying whether and how its concept is rendered in the target;
    - ``acceptable(concept)``, ``preferred(concept)``, ``is_dnt(concept, term)`` and the
      mapping ``accept``: the glossary facts behind the verdicts (``concept`` is ``Hit.concept``,
      the entry's position in ``glossary.entries``).

    Hits inside a URL, path, e-mail address or placeholder are not counted.

    Acceptable target terms of a concept are its non-forbidden terms in the target language;
    a concept is do-not-translate (DNT) for a source term whose text is also one of them and
    that looks like a name (an upper-case letter or a digit: ``LinkedIn``, ``ICE``). A DNT
    term is rendered when the target holds it verbatim: as the glossary writes it (an
    initial capital and a regular plural allowed) or exactly as the source writes it.
    """

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str) -> None:
        self.glossary = glossary
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.entries: tuple[TermEntry, ...] = glossary.entries
        source_items: list[tuple[int, Term]] = []
        target_items: list[tuple[int, Term]] = []
        # Glossary language tag -> (serves the source?, serves the target?)
        self._sides: dict[str, tuple[bool, bool]] = {}
        # Concept -> (acceptable target terms, preferred one, DNT source texts), on first use.
        self._concepts: dict[int, tuple[tuple[Term, ...], Term | None, frozenset[str]]] = {}
        with gc_paused():
            for ci, entry in enumerate(self.entries):
                for t in entry.terms:
                    side = self._side(t.lang)
                    if side[0]:
                        source_items.append((ci, t))
                    if side[1]:
                        target_items.append((ci, t))
            self.source = SideIndex(source_lang, source_items)
            self.target = SideIndex(target_lang, target_items)

    def _side(self, lang: str) -> tuple[bool, bool]:
        side = self._sides.get(lang)
        if side is None:
            side = self._sides[lang] = (
                _same_lang(lang, self.source_lang),
                _same_lang(lang, self.target_lang),
            )
        return side

    def _concept(self, concept: int) -> tuple[tuple[Term, ...], Term | None, frozenset[str]]:
        info = self._concepts.get(concept)
        if info is None:
            terms = self.entries[concept].terms
            accept = tuple(t for t in terms if self._side(t.lang)[1] and t.status is not FORBIDDEN)
            preferred = next((t for t in accept if t.status is PREFERRED), None)
            if preferred is None and accept:
                preferred = accept[0]
            texts = {normalized(t.text) for t in accept}
            dnt = frozenset(
                t.text
                for t in terms
                if self._side(t.lang)[0] and _name_like(t.text) and normalized(t.text) in texts
            )
            info = self._concepts[concept] = (accept, preferred, dnt)
        return info

    @property
    def accept(self) -> Mapping[int, tuple[Term, ...]]:
        """Concept -> its acceptable target terms, for the concepts that have some (lazy)."""
        return _AcceptView(self)

    def acceptable(self, concept: int) -> tuple[Term, ...]:
        """The concept's non-forbidden terms in the target language."""
        return self._concept(concept)[0]

    def preferred(self, concept: int) -> Term | None:
        """The concept's preferred target term (else its first acceptable one), or None."""
        return self._concept(concept)[1]

    def is_dnt(self, concept: int, source_term: Term) -> bool:
        """Whether ``source_term`` is to be kept verbatim in the target."""
        return source_term.text in self._concept(concept)[2]

    # -- per text -------------------------------------------------------------------------

    def source_hits(self, text: str) -> list[Hit]:
        tok = Tokens(text)
        return self._hits(text, tok, _prose(tok, resolve(self.source.find(tok)[0])))

    def target_hits(self, text: str) -> list[Hit]:
        tok = Tokens(text)
        return self._hits(text, tok, _prose(tok, resolve(self.target.find(tok)[0])))

    def source_misses(self, text: str) -> list[NearMiss]:
        return self._misses(self.source, text, Tokens(text))[0]

    def target_misses(self, text: str) -> list[NearMiss]:
        return self._misses(self.target, text, Tokens(text))[0]

    def _hits(
        self, text: str, tok: Tokens, spans: list[tuple[int, int, list[TermRec]]]
    ) -> list[Hit]:
        out: list[Hit] = []
        for i, j, recs in spans:
            span = tok.span(i, j)
            for rec in recs:
                out.append(self._hit(text, span, rec))
        return out

    def _hit(self, text: str, span: tuple[int, int], rec: TermRec) -> Hit:
        return Hit(self.entries[rec.concept], rec.term, span, text[span[0] : span[1]], rec.concept)

    def _misses(
        self, side: SideIndex, text: str, tok: Tokens
    ) -> tuple[list[NearMiss], list[Match], list[tuple[int, int, list[TermRec]]]]:
        found, case_misses = side.find(tok)
        spans = _prose(tok, resolve(found))
        out: list[NearMiss] = []
        if side.size:
            for i, j, rec, kind in side.near_misses(
                tok, [(s, e) for s, e, _ in spans], case_misses
            ):
                span = tok.span(i, j)
                out.append(
                    NearMiss(
                        self.entries[rec.concept],
                        rec.term,
                        span,
                        text[span[0] : span[1]],
                        rec.concept,
                        "case" if kind == "case" else "typo",
                    )
                )
        return out, found, spans

    # -- per unit -------------------------------------------------------------------------

    def check(self, unit: Unit) -> UnitTerms:
        """Source and target hits, near-misses and one verdict per source hit.

        Acceptable target terms count anywhere in the target, even inside a longer term
        ("data protection" inside "data protection officer"); forbidden ones only where they
        win the longest match. A hit whose span also names other concepts (homographs) is
        judged by the concept the target honours, if any.
        """
        src_text = unit.source.plain
        src_tok = Tokens(src_text)
        source_misses, _, s_spans = self._misses(self.source, src_text, src_tok)
        source_hits = self._hits(src_text, src_tok, s_spans)
        target = unit.target
        if target is None or not target.has_text or (not source_hits and not self.target.size):
            return UnitTerms(tuple(source_hits), (), (), tuple(source_misses), ())
        tgt_text = target.plain
        tgt_tok = Tokens(tgt_text)
        target_misses, t_found, t_spans = self._misses(self.target, tgt_text, tgt_tok)
        target_hits = self._hits(tgt_text, tgt_tok, t_spans)
        if not source_hits:
            return UnitTerms((), tuple(target_hits), (), tuple(source_misses), tuple(target_misses))

        acceptable: dict[int, list[tuple[int, int, TermRec]]] = {}
        for m in t_found:  # in text order: find() scans left to right
            if m[2].term.status is not TermStatus.FORBIDDEN:
                acceptable.setdefault(m[2].concept, []).append(m)
        forbidden: dict[int, Hit] = {}
        for h in target_hits:
            if h.term.status is TermStatus.FORBIDDEN:
                forbidden.setdefault(h.concept, h)
        near_by_concept: dict[int, NearMiss] = {}
        for nm in target_misses:
            if nm.term.status is not TermStatus.FORBIDDEN:
                near_by_concept.setdefault(nm.concept, nm)

        verdicts: list[Verdict] = []
        claimed: set[int] = set()
        by_span: dict[tuple[int, int], list[Verdict]] = {}
        for hit in source_hits:
            ci = hit.concept
            expected = self.preferred(ci)
            if expected is None:
                continue  # the concept has no term in the target language
            dnt = self.is_dnt(ci, hit.term)
            status: Status
            target_hit: Hit | None = None
            near: NearMiss | None = None
            found = acceptable.get(ci)
            if found:
                status = "ok"
                if dnt:
                    same = normalized(hit.text)
                    verbatim = [
                        m
                        for m in found
                        if self.target.verbatim(tgt_tok, m[0], m[2])
                        or normalized(_slice(tgt_text, tgt_tok.span(m[0], m[1]))) == same
                    ]
                    if verbatim:
                        found = verbatim
                    else:
                        status = "dnt-altered"
                i, j, rec = found[0]
                target_hit = self._hit(tgt_text, tgt_tok.span(i, j), rec)
            elif ci in forbidden:
                status = "forbidden"
                target_hit = forbidden[ci]
            elif ci in near_by_concept:
                near = near_by_concept[ci]
                status = "dnt-altered" if dnt else "misspelled"
                if dnt:
                    claimed.add(id(near))
            else:
                status = "dnt-altered" if dnt else "missing"
            rendered: tuple[Term, ...] = ()
            if found:
                rendered = (found[0][2].term,)
                for m in found[1:]:
                    if all(m[2].term is not t for t in rendered):
                        rendered += (m[2].term,)
            v = Verdict(hit, status, expected, dnt, target_hit, near, rendered)
            by_span.setdefault(hit.span, []).append(v)
        for group in by_span.values():
            # Homographs: one verdict per span, the best-rendered concept.
            verdicts.append(min(group, key=lambda v: _RANK[v.status]))
        if claimed:
            target_misses = [nm for nm in target_misses if id(nm) not in claimed]
        return UnitTerms(
            tuple(source_hits),
            tuple(target_hits),
            tuple(verdicts),
            tuple(source_misses),
            tuple(target_misses),
        )
