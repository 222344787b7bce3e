"""``TermIndex``: the glossary compiled for one language pair, and the per-unit term check."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import accumulate, chain, compress
from operator import attrgetter

from tmqa.langtags import matches
from tmqa.model import Glossary, Term, TermEntry, TermStatus, Unit
from tmqa.terms.cache import TextCache
from tmqa.terms.inert import MASK
from tmqa.terms.matcher import SideIndex, TermRec, embedded, gc_paused, resolve
from tmqa.terms.normalize import Tokens, normalized
from tmqa.terms.records import Hit, NearMiss, Status, UnitTerms, Verdict

_DIGIT = re.compile(r"\d")
_DIGITS = bytes.maketrans(b"123456789", b"000000000")
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


def _name_like(text: str) -> bool:
    """Names, brands, acronyms and codes (``WhatsApp``, ``ICE``, ``Windows 11``).

    A lower-case word spelled alike in both languages ("isolation", "restrictions") is a
    cognate, not a do-not-translate term: rendering it with a synonym is T101's business,
    and "ISOLATION" in an all-capitals source must not be reported as re-cased.
    """
    return text != text.lower() or _DIGIT.search(text) is not None


_RANK: dict[str, int] = {"ok": 0, "forbidden": 1, "misspelled": 2, "dnt-altered": 3, "missing": 4}
_CACHED_TEXTS = 8192  # results per generation of each cache (see TextCache)
_MASK_WINDOW, _MASK_RATE, _MASK_PAUSE = 2048, 8, 16384  # see ``_masked_check``
_ORDER_WINDOW = 1024  # units between two choices of ``check``'s order (see ``_reorder``)


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

    Results are cached per distinct text and per distinct (source, target) pair, bounded:
    memories repeat their segments. A result never depends on what is cached.

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
        # Glossary language tag -> (serves the source?, serves the target?)
        self._sides: dict[str, tuple[bool, bool]] = {}
        # Concept -> (acceptable target terms, preferred one, DNT source texts), on first use.
        self._concepts: dict[int, tuple[tuple[Term, ...], Term | None, frozenset[str]]] = {}
        # Results per distinct text and per distinct (source, target) pair: a memory repeats
        # its segments (the same sentence in a hundred units, the same target for it). Scans
        # are stored on first sight: only texts with something to find are scanned (once per
        # new pair), and a new pair often has a side met before.
        self._source_cache: TextCache[_Scan] = TextCache(_CACHED_TEXTS, eager=True)
        self._target_cache: TextCache[_Scan] = TextCache(_CACHED_TEXTS, eager=True)
        # The same keyed on the texts with their inert pieces masked (see ``InertPieces``):
        # a side met before with other names or numbers in it.
        self._masked_source_cache: TextCache[_Scan] = TextCache(_CACHED_TEXTS, eager=True)
        self._masked_target_cache: TextCache[_Scan] = TextCache(_CACHED_TEXTS, eager=True)
        self._unit_cache: TextCache[UnitTerms] = TextCache(_CACHED_TEXTS)
        # The same per unit keyed on the texts with their inert pieces masked (see
        # ``InertPieces``): separate, so that a masked key never meets a text's own.
        self._masked_cache: TextCache[UnitTerms] = TextCache(_CACHED_TEXTS)
        # Masking costs a pass over the pieces; where it rarely finds a result (a glossary
        # of frequent words leaves few inert pieces), it is paused: see ``_masked_check``.
        self._mask_tries = 0
        self._mask_hits = 0
        self._mask_paused = 0
        # Which of the cache key and the quiet tests ``check`` tries first: see ``_reorder``.
        self._quiet_first = False
        self._window = _ORDER_WINDOW
        self._against = 0
        with gc_paused():
            # Each side's terms and their concepts as parallel lists, built in C: no object
            # per term, and no Python code per term of a 50,000-entry glossary.
            per_entry = list(map(attrgetter("terms"), self.entries))
            terms = list(chain.from_iterable(per_entry))
            # The concept of the term at position n is the entry whose terms end after n.
            ends = list(accumulate(map(len, per_entry)))
            langs = list(map(attrgetter("lang"), terms))
            distinct = set(langs)
            source = list(
                map({lang for lang in distinct if self._side(lang)[0]}.__contains__, langs)
            )
            target = list(
                map({lang for lang in distinct if self._side(lang)[1]}.__contains__, langs)
            )
            everywhere = range(len(terms))
            self.source = SideIndex(
                source_lang, ends, list(compress(everywhere, source)), list(compress(terms, source))
            )
            self.target = SideIndex(
                target_lang, ends, list(compress(everywhere, target)), list(compress(terms, target))
            )
        # Cache keys are the texts with their ASCII digits masked when no glossary word of
        # that side has one: a token with a digit then never starts a term, reduces to a
        # glossary word or is probed as a near-miss, hits and near-misses never contain a
        # digit, and next to one the matcher only asks "letter or digit?". So "signé le 26
        # mai" and "signé le 12 mai" have the same results, and a memory's number variants
        # share one computation.
        self._source_digitless = not self.source.digits
        self._target_digitless = not self.target.digits

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
        return list(self._source_scan(text, self._source_key(text)).hits)

    def target_hits(self, text: str) -> list[Hit]:
        return list(self._target_scan(text, self._target_key(text)).hits)

    def source_misses(self, text: str) -> list[NearMiss]:
        return list(self._source_scan(text, self._source_key(text)).misses)

    def target_misses(self, text: str) -> list[NearMiss]:
        return list(self._target_scan(text, self._target_key(text)).misses)

    def _source_key(self, text: str) -> bytes:
        key = text.encode("utf-8", "surrogatepass")
        return key.translate(_DIGITS) if self._source_digitless else key

    def _target_key(self, text: str) -> bytes:
        key = text.encode("utf-8", "surrogatepass")
        return key.translate(_DIGITS) if self._target_digitless else key

    def _source_scan(
        self, text: str, key: bytes, loud: bool = False, masked: bytes | None = None
    ) -> _Scan:
        """The text's scan, cached on its key, or on its masked key when given (see
        ``_masked_key``: a separate cache, so that a masked key never meets a text's own)."""
        cache = self._source_cache
        if masked is not None:
            cache, key = self._masked_source_cache, masked
        scan = cache.get(key)
        if scan is None:
            scan = self._scan(self.source, text, False, loud)
            if scan is not _NOTHING:  # settled again in a set test: not worth a slot
                cache.put(key, scan)
        return scan

    def _target_scan(
        self, text: str, key: bytes, loud: bool = False, masked: bytes | None = None
    ) -> _Scan:
        """As ``_source_scan``, on the target side."""
        cache = self._target_cache
        if masked is not None:
            cache, key = self._masked_target_cache, masked
        scan = cache.get(key)
        if scan is None:
            scan = self._scan(self.target, text, True, loud)
            if scan is not _NOTHING:
                cache.put(key, scan)
        return scan

    def _scan(self, side: SideIndex, text: str, target: bool, loud: bool) -> _Scan:
        """Hits and near-misses of one text; on the target side, also what verdicts read.

        ``loud``: ``side.quiet(text)`` is known to be False.
        """
        if not loud and side.quiet(text):
            return _NOTHING  # no token starts a term or is near one: most segments
        tok = Tokens(text)
        found, case_misses = side.find(tok)
        spans = _prose(tok, resolve(found))
        entries = self.entries
        hits: list[Hit] = []
        for i, j, recs in spans:
            span = tok.span(i, j)
            written = text[span[0] : span[1]]
            for rec in recs:
                hits.append(Hit(entries[rec.concept], rec.term, span, written, rec.concept))
        misses: list[NearMiss] = []
        if side.size:
            for i, j, rec, kind in side.near_misses(
                tok, [(s, e) for s, e, _ in spans], case_misses
            ):
                span = tok.span(i, j)
                misses.append(
                    NearMiss(
                        entries[rec.concept],
                        rec.term,
                        span,
                        text[span[0] : span[1]],
                        rec.concept,
                        "case" if kind == "case" else "typo",
                    )
                )
        if not target:
            return _Scan(tuple(hits), tuple(misses), _NO_RENDERINGS, {}, {})
        # What a verdict reads about this target, computed here once per distinct text (the
        # tokens are not kept). Acceptable terms count anywhere, even inside a longer term.
        acceptable: dict[int, list[tuple[Hit, bool]]] = {}
        for i, j, rec in found:  # in text order: find() scans left to right
            if rec.term.status is FORBIDDEN:
                continue
            ci = rec.concept
            span = tok.span(i, j)
            # Whether it is written as the term: only read for a do-not-translate concept.
            verbatim = bool(self._concept(ci)[2]) and side.verbatim(tok, i, rec)
            occurrence = (Hit(entries[ci], rec.term, span, text[span[0] : span[1]], ci), verbatim)
            have = acceptable.get(ci)
            if have is None:
                acceptable[ci] = [occurrence]
            else:
                have.append(occurrence)
        forbidden: dict[int, Hit] = {}
        for h in hits:
            if h.term.status is FORBIDDEN:
                forbidden.setdefault(h.concept, h)
        near: dict[int, NearMiss] = {}
        for nm in misses:
            if nm.term.status is not FORBIDDEN:
                near.setdefault(nm.concept, nm)
        return _Scan(tuple(hits), tuple(misses), acceptable, forbidden, near)

    # -- per unit -------------------------------------------------------------------------

    def check(self, unit: Unit) -> UnitTerms:
        """Source and target hits, near-misses and one verdict per source hit.

        Acceptable target terms count anywhere in the target, even inside a longer term
        ("data protection" inside "data protection officer"); forbidden ones only where they
        win the longest match. A hit whose span also names other concepts (homographs) is
        judged by the concept the target honours, if any.
        """
        src_text = unit.source.plain
        target = unit.target
        tgt_text = None if target is None else target.plain
        self._window -= 1
        if not self._window:
            self._reorder()
        loudness = None
        if self._quiet_first:
            loudness = self._loudness(src_text, tgt_text)
            if loudness is None:
                return _EMPTY
            self._against += 1  # a unit with something to find: its key might have settled it
        src_key = src_text.encode("utf-8", "surrogatepass")
        if self._source_digitless:
            src_key = src_key.translate(_DIGITS)
        tgt_key = None
        if tgt_text is not None:
            tgt_key = tgt_text.encode("utf-8", "surrogatepass")
            if self._target_digitless:
                tgt_key = tgt_key.translate(_DIGITS)
        key = (src_key, tgt_key)
        result = self._unit_cache.young.get(key)
        if result is None:
            result = self._unit_cache.get(key)
            if result is None:
                if loudness is None:
                    loudness = self._loudness(src_text, tgt_text)
                if loudness is None:
                    result = _EMPTY
                    self._against += 1  # a new unit with nothing to find: quiet tests alone
                else:
                    result = self._masked_check(src_text, src_key, tgt_text, tgt_key, *loudness)
                self._unit_cache.put(key, result)
        return result

    def _loudness(
        self, src_text: str, tgt_text: str | None
    ) -> tuple[list[str], bool, list[str] | None, bool] | None:
        """Each text split on whitespace, and whether it is loud (not ``quiet``); None when
        neither is: the unit has nothing to find (most units: two set tests). The pieces are
        split once: masking looks them up again, their hashes then known."""
        src_pieces = src_text.split()
        src_loud = not self.source.quiet(src_text, src_pieces)
        tgt_pieces = None
        tgt_loud = False
        if tgt_text is not None:
            tgt_pieces = tgt_text.split()
            tgt_loud = not self.target.quiet(tgt_text, tgt_pieces)
        if not (src_loud or tgt_loud):
            return None
        return src_pieces, src_loud, tgt_pieces, tgt_loud

    def _reorder(self) -> None:
        """Choose the order of ``check`` for the next ``_ORDER_WINDOW`` units.

        A unit met lately is settled by its key alone, a unit with nothing to find by the
        quiet tests alone; ``check`` starts with one and counts the units it settled with
        both (``_against``): keys first, new units with nothing to find (a memory of varied
        text); quiet tests first, units with something to find (those often repeat). Keys
        first until 3/4 of a window's units are new and quiet, quiet tests first until 1/4
        are loud. The order changes the speed, never a result.
        """
        if self._quiet_first:
            self._quiet_first = self._against * 4 < _ORDER_WINDOW
        else:
            self._quiet_first = self._against * 4 > _ORDER_WINDOW * 3
        self._window = _ORDER_WINDOW
        self._against = 0

    def _masked_check(
        self,
        src_text: str,
        src_key: bytes,
        tgt_text: str | None,
        tgt_key: bytes | None,
        src_pieces: list[str],
        src_loud: bool,
        tgt_pieces: list[str] | None,
        tgt_loud: bool,
    ) -> UnitTerms:
        """``_check``, shared by the units whose texts differ only in inert pieces.

        A quiet side counts as nothing found, whatever its text: its part of the key says
        only what ``_check`` reads of it (quiet, blank, or no target). ``*_pieces`` are the
        texts split on whitespace. When fewer than one in ``_MASK_RATE`` of the last
        ``_MASK_WINDOW`` lookups found a result, masking is skipped for the next
        ``_MASK_PAUSE`` units (the results are the same either way).
        """
        if self._mask_paused:
            self._mask_paused -= 1
            return self._check(src_text, src_key, tgt_text, tgt_key, src_loud, tgt_loud)
        src_part: bytes | int | None = _QUIET
        if src_loud:
            src_part = self._masked_key(
                self.source, src_text, src_key, src_pieces, self._source_digitless
            )
        tgt_part: bytes | int | None = None
        if tgt_text is not None and tgt_key is not None:
            if tgt_loud:
                tgt_part = self._masked_key(
                    self.target, tgt_text, tgt_key, tgt_pieces, self._target_digitless
                )
            else:
                tgt_part = _BLANK if not tgt_text.strip() else _QUIET
        # The sides' masked keys, for their scans: two texts with one masked key have one scan.
        src_masked = src_part if isinstance(src_part, bytes) else None
        tgt_masked = tgt_part if isinstance(tgt_part, bytes) else None
        if src_part is None or (tgt_loud and tgt_part is None):
            return self._check(
                src_text, src_key, tgt_text, tgt_key, src_loud, tgt_loud, src_masked, tgt_masked
            )
        key = (src_part, tgt_part)
        result = self._masked_cache.get(key)
        if result is None:
            result = self._check(
                src_text, src_key, tgt_text, tgt_key, src_loud, tgt_loud, src_masked, tgt_masked
            )
            self._masked_cache.put(key, result)
        else:
            self._mask_hits += 1
        self._mask_tries += 1
        if self._mask_tries >= _MASK_WINDOW:
            if self._mask_hits * _MASK_RATE < self._mask_tries:
                self._mask_paused = _MASK_PAUSE
            self._mask_tries = self._mask_hits = 0
        return result

    @staticmethod
    def _masked_key(
        side: SideIndex, text: str, key: bytes, pieces: list[str] | None, digitless: bool
    ) -> bytes | None:
        """The text's key with its inert pieces masked (its own key when none is); None for a
        text holding the mask character, whose own key could be another's masked one."""
        masked = side.inert.mask(text, pieces)
        if masked is None:
            return None if MASK in text else key
        out = masked.encode("utf-8", "surrogatepass")
        return out.translate(_DIGITS) if digitless else out

    def _check(
        self,
        src_text: str,
        src_key: bytes,
        tgt_text: str | None,
        tgt_key: bytes | None,
        src_loud: bool,
        tgt_loud: bool,
        src_masked: bytes | None = None,
        tgt_masked: bytes | None = None,
    ) -> UnitTerms:
        """The unit's result from its sides' scans; ``*_masked``: a side's masked key, which
        its scan is cached on (see ``_source_scan``)."""
        source = self._source_scan(src_text, src_key, True, src_masked) if src_loud else _NOTHING
        source_hits = source.hits
        if (
            tgt_text is None
            or tgt_key is None
            or not tgt_text.strip()
            or (not source_hits and not self.target.size)
        ):
            if not source_hits and not source.misses:
                return _EMPTY
            return UnitTerms(source_hits, (), (), source.misses, ())
        target = self._target_scan(tgt_text, tgt_key, True, tgt_masked) if tgt_loud else _NOTHING
        if not source_hits:
            if target is _NOTHING and not source.misses:
                return _EMPTY
            return UnitTerms((), target.hits, (), source.misses, target.misses)

        acceptable = target.acceptable
        claimed: set[int] = set()
        by_span: dict[tuple[int, int], list[Verdict]] = {}
        for hit in source_hits:
            ci = hit.concept
            _, expected, dnts = self._concept(ci)
            if expected is None:
                continue  # the concept has no term in the target language
            dnt = hit.term.text in dnts
            status: Status
            target_hit: Hit | None = None
            near: NearMiss | None = None
            rendered: tuple[Term, ...] = ()
            found = acceptable.get(ci)
            if found:
                status = "ok"
                if dnt:
                    same = normalized(hit.text)
                    verbatim = [m for m in found if m[1] or normalized(m[0].text) == same]
                    if verbatim:
                        found = verbatim
                    else:
                        status = "dnt-altered"
                target_hit = found[0][0]
                rendered = (target_hit.term,)
                for m in found[1:]:
                    term = m[0].term
                    if all(term is not t for t in rendered):
                        rendered += (term,)
            elif ci in target.forbidden:
                status = "forbidden"
                target_hit = target.forbidden[ci]
            elif ci in target.near:
                near = target.near[ci]
                status = "dnt-altered" if dnt else "misspelled"
                if dnt:
                    claimed.add(id(near))
            else:
                status = "dnt-altered" if dnt else "missing"
            v = Verdict(hit, status, expected, dnt, target_hit, near, rendered)
            group = by_span.get(hit.span)
            if group is None:
                by_span[hit.span] = [v]
            else:
                group.append(v)
        # Homographs: one verdict per span, the best-rendered concept.
        verdicts = tuple(
            group[0] if len(group) == 1 else min(group, key=_rank) for group in by_span.values()
        )
        target_misses = target.misses
        if claimed:
            target_misses = tuple(nm for nm in target_misses if id(nm) not in claimed)
        return UnitTerms(source_hits, target.hits, verdicts, source.misses, target_misses)


def _rank(v: Verdict) -> int:
    return _RANK[v.status]


class _Scan:
    """One text's hits and near-misses; on the target side, also what verdicts read:
    the acceptable occurrences per concept (with whether each is written verbatim), the
    first forbidden hit and the first near-miss of an acceptable term per concept."""

    __slots__ = ("acceptable", "forbidden", "hits", "misses", "near")

    def __init__(
        self,
        hits: tuple[Hit, ...],
        misses: tuple[NearMiss, ...],
        acceptable: dict[int, list[tuple[Hit, bool]]],
        forbidden: dict[int, Hit],
        near: dict[int, NearMiss],
    ) -> None:
        self.hits = hits
        self.misses = misses
        self.acceptable = acceptable
        self.forbidden = forbidden
        self.near = near


_QUIET, _BLANK = 0, 1  # a side with nothing to find, in ``_masked_check``'s keys
_NO_RENDERINGS: dict[int, list[tuple[Hit, bool]]] = {}
_NOTHING = _Scan((), (), _NO_RENDERINGS, {}, {})
_EMPTY = UnitTerms((), (), (), (), ())
