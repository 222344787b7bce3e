"""The exact matcher for one language: a token trie over glossary terms, plus near-miss search.

Terms are tokenized as segments are and stored in a trie keyed by lower-cased tokens. A
segment is tokenized once; each token is reduced to the glossary words it can stand for
(``canon``: itself, or the singular or plural it is a regular form of; cached, since a
memory repeats its vocabulary), and a walk starts only where a term can start and goes only
as deep as the text keeps matching. The cost per token does not depend on the number of
terms. Case-sensitive terms (``LinkedIn``, ``ICE``) and plural forms are verified on the few
candidates the walk finds. The trie is compiled lazily, one first word at a time, so a
50,000-term glossary costs a fraction of a second to load.

Most segments have nothing to find: ``quiet`` settles them on their whitespace-separated
pieces with one set test (in C), without tokenizing them, from what earlier segments taught
about each piece; only the others are tokenized and walked.
"""

from __future__ import annotations

import gc
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import compress
from operator import attrgetter
from typing import Any

from tmqa.langtags import primary
from tmqa.model import Term
from tmqa.terms.commonwords import common_words, plain_words
from tmqa.terms.inert import InertPieces
from tmqa.terms.inflect import (
    FUNCTION_WORDS,
    PLURAL_RULES,
    forms,
    inflectable,
    is_frequent,
    reverse_rules,
)
from tmqa.terms.nearmiss import MIN_TOKEN, MIN_WORD, NearIndex, plausible_typo
from tmqa.terms.normalize import (
    Tokens,
    is_all_caps,
    is_camel,
    is_case_sensitive,
    is_word,
    piece_keys,
    same_case,
    term_tokens,
)
from tmqa.terms.vocabulary import Vocabulary

Node = dict[str, Any]
Match = tuple[int, int, "TermRec"]  # token range [i, j) and the term found there
_END = ""  # trie key holding the terms that end at a node (no token is empty)

OK, CASE, REJECT = 0, 1, 2


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while an index is built.

    Building allocates many objects that all stay alive; the collector would walk them again
    and again for nothing (half the build time of a 50,000-entry glossary, before the build
    was made to keep few objects per term).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class TermRec:
    """One glossary term of one language, compiled for matching."""

    __slots__ = (
        "case_sensitive",
        "concept",
        "content",
        "inflect",
        "keys",
        "surfaces",
        "term",
        "words",
    )

    def __init__(
        self,
        concept: int,
        term: Term,
        keys: tuple[str, ...],
        surfaces: tuple[str, ...],
        inflect: tuple[bool, ...],
        content: tuple[bool, ...],
        words: int,
    ) -> None:
        self.concept = concept
        self.term = term
        self.keys = keys
        self.surfaces = surfaces
        self.case_sensitive = is_case_sensitive(term.text)
        self.inflect = inflect
        # Content words (not "de", "of"): a multi-word near-miss needs one of them exact.
        self.content = content
        self.words = words


class SideIndex:
    """The compiled terms of one language side: exact trie, plural forms, near-miss index."""

    def __init__(self, lang: str, ends: list[int], positions: list[int], terms: list[Term]) -> None:
        """``terms`` are the glossary's terms in this side's language; ``terms[n]`` is term
        ``positions[n]`` of the glossary's terms in entry order, and ``ends[c]`` the number of
        terms of entries ``0..c``: the term names the first concept whose end exceeds it."""
        self.lang = lang = primary(lang)
        self.common = common_words(lang)
        self._function = FUNCTION_WORDS.get(lang, frozenset())
        self._near: NearIndex | None = None
        # Tokens known to have no near neighbour, and those that have some: a memory repeats
        # its vocabulary, so after the first units a set difference (in C) settles almost
        # every token. Both are bounded by _PROBE_CACHE.
        self._plain: set[str] = set()
        self._probes: dict[str, list[tuple[str, tuple[str, int]]]] = {}
        self._forms_cache: dict[str, frozenset[str]] = {}  # bounded by the glossary's words
        self._case_cache: dict[str, list[str]] = {}
        self._canon: dict[str, tuple[str, ...]] = {}
        self._nonstart: set[str] = set()
        self._base_forms: dict[str, frozenset[str]] = {}
        self._words: dict[str, tuple[bool, bool, bool]] = {}
        # Tokens (and whitespace-separated pieces, see ``quiet``) that can neither start a
        # term nor be a near-miss, and those that can: a segment made only of quiet pieces
        # has nothing to find. Bounded by _PROBE_CACHE.
        self._quiet: set[str] = set()
        self._seeded = _SEED_AFTER  # texts until ``_quiet`` gets the frequent words
        self._frequent_starts: set[str] | None = None
        self._loud: set[str] = set()
        # The trie is compiled lazily, one first word at a time: a memory meets a small part
        # of a large glossary, and a 50,000-term index is then built in a fraction of a
        # second. ``_pending`` holds the first words not yet met (see ``Vocabulary.terms_of``).
        self.root: Node = {}
        self._ends = ends
        self._positions = positions
        self._terms = terms
        # The glossary words and the terms per first word, read in bulk: a 50,000-entry
        # glossary is compiled at every run, and only this is needed before the first segment.
        vocabulary = Vocabulary(list(map(attrgetter("text"), terms)))
        self._vocabulary = vocabulary
        self._pending: dict[str, int] = vocabulary.firsts
        self.size = vocabulary.size
        # The lower-case glossary words (``written`` gives the ways the glossary writes one).
        # Plural forms are not expanded here: a token is reduced to its glossary words on
        # first sight (``canon``).
        self.vocab = vocab = vocabulary.words
        self.digits = vocabulary.digits
        self._reverse = reverse_rules(lang)
        self._max_add = max((len(add) for _, _, add in self._reverse), default=0)
        # For _deinflect, sorted once enough tokens have been reduced to pay for the sort (a
        # 100,000-word glossary takes tens of milliseconds to sort, a token microseconds).
        self._sorted_vocab: list[str] | None = None
        self._unsorted_budget = len(vocab) // 8
        self._plurals = PLURAL_RULES.get(lang, ())
        self._plural_adds = tuple({add for _, _, add in self._plurals})
        self.inert = InertPieces(self._inert_token, _PROBE_CACHE)

    def _inert_token(self, key: str) -> bool:
        """Whether token ``key`` is no glossary word nor a form of one, and no near-miss."""
        if key.isdigit() and key.isascii() and not self.digits:
            return True  # as ``_is_loud`` says
        cands = self._canon.get(key)
        if cands is None:
            if self._plain_new(key):
                return True
            cands = self.canon(key)
        if cands:
            return False
        # As ``_probe`` says: too short or a frequent word, else a search.
        return len(key) < MIN_TOKEN or key in self.common or not self._near_words(key)

    def start(self, word: str) -> Node | None:
        """The trie node of the terms whose first word is ``word``, compiled on first use."""
        node = self.root.get(word)
        if node is None and word in self._pending:
            node = self._compile(word)
        return node

    def _compile(self, first: str) -> Node:
        lang = self.lang
        words = self._words
        function = self._function
        top: Node = {}
        for n in self._vocabulary.terms_of(self._pending.pop(first)):
            concept = bisect_right(self._ends, self._positions[n])
            term = self._terms[n]
            keys, surfaces = term_tokens(term.text)
            inflect: list[bool] = []
            content: list[bool] = []
            nwords = 0
            for k, w in zip(keys, surfaces, strict=True):
                info = words.get(w)
                if info is None:
                    wordlike = is_word(k)
                    info = words[w] = (
                        inflectable(w, lang),
                        wordlike,
                        wordlike and k not in function,
                    )
                inflect.append(info[0])
                content.append(info[2])
                nwords += info[1]
            rec = TermRec(concept, term, keys, surfaces, tuple(inflect), tuple(content), nwords)
            node = top
            for k in keys[1:]:
                child = node.get(k)
                if child is None:
                    child = node[k] = {}
                node = child
            ends = node.get(_END)
            if ends is None:
                node[_END] = [rec]
            else:
                ends.append(rec)
        self.root[first] = top
        return top

    # -- tokens to glossary words ---------------------------------------------------------

    def canon(self, key: str) -> tuple[str, ...]:
        """The glossary words (lower case) that token ``key`` is, or is a regular plural or
        singular of: ``centres`` -> ``("centre",)``. Cached: a memory repeats its words."""
        found = self._canon.get(key)
        if found is None:
            if len(self._canon) > _PROBE_CACHE:
                self._canon.clear()
                self._nonstart.clear()
            found = self._canon[key] = self._deinflect(key)
        return found

    def _deinflect(self, key: str) -> tuple[str, ...]:
        vocab = self.vocab
        size = len(key)
        # Every candidate base keeps the token but for its last ``_max_add`` characters: when
        # no glossary word starts with that stem (most tokens), no rule can apply.
        if self._sorted_vocab is None:
            self._unsorted_budget -= 1
            if self._unsorted_budget < 0:
                self._sorted_vocab = sorted(vocab)
        if self._unknown_stem(key):
            return ()
        out = [key] if key in vocab else []
        for ending, drop, add in self._reverse:
            if size <= len(add) or not key.endswith(add):
                continue
            base = key[: size - len(add)] + ending[len(ending) - drop :]
            if base == key or base in out or not base.endswith(ending) or base not in vocab:
                continue
            if key in self._forms_of_base(base):
                out.append(base)
        return tuple(out)

    def _unknown_stem(self, key: str) -> bool:
        """True when no glossary word starts with ``key`` but for its last ``_max_add``
        characters: every candidate base of a rule keeps that stem, so the token is no
        glossary word nor a form of one (False: it may be one, or the words are not sorted)."""
        words = self._sorted_vocab
        stem = len(key) - self._max_add
        if stem <= 0 or words is None:
            return False
        prefix = key[:stem]
        at = bisect_left(words, prefix)
        # The token itself starts with the stem: not a glossary word either.
        return at == len(words) or not words[at].startswith(prefix)

    def _plain_new(self, key: str) -> bool:
        """A sufficient test that token ``key`` is no glossary word nor a form of one, and has
        no near neighbour (``canon`` and ``_probe`` would say so): most tokens met for the
        first time, settled without reducing or probing them (and nothing is kept)."""
        return self._unknown_stem(key) and (
            len(key) < MIN_TOKEN or key in self.common or self._no_near(key)
        )

    def written(self, word: str) -> tuple[str, ...]:
        """The ways the glossary writes the lower-case glossary word ``word``."""
        return self._vocabulary.written(word)

    def _forms_of_base(self, base: str) -> frozenset[str]:
        cached = self._base_forms.get(base)
        if cached is None:
            lang = self.lang
            cached = self._base_forms[base] = frozenset(
                f.lower()
                for w in self.written(base)
                if inflectable(w, lang)
                for f in forms(w, lang)
            )
        return cached

    # -- exact matching -------------------------------------------------------------------

    def quiet(self, text: str, pieces: list[str] | None = None) -> bool:
        """True when ``text`` has no hit and no near-miss on this side (most segments).

        Settled on the whitespace-separated pieces of the text as written, without
        tokenizing it: a piece ("L’agence", "dollars,") is quiet when the tokens of its lower
        case are. Pieces and tokens share one set: a lower-case piece that is a single token
        is that token, and a piece with a capital is never a token (lower-casing is
        idempotent, checked for every code point by the tests). ``pieces`` is
        ``text.split()`` when the caller has it.
        """
        if pieces is None:
            pieces = text.split()
        quiet = self._quiet
        if self._seeded > 0:
            self._seed()
        if quiet.issuperset(pieces):
            # Pieces were classified as parts of text in NFC, whose keys are not re-normalised.
            return text.isascii() or unicodedata.is_normalized("NFC", text) or self._settled(text)
        loud = self._loud
        if not loud.isdisjoint(pieces):
            # A piece known to start a term or be near one (a small set). Saying "not quiet"
            # is always safe (the text is then scanned), so the form of the text is not
            # checked first.
            return False
        if not (text.isascii() or unicodedata.is_normalized("NFC", text)):
            return self._settled(text)
        if len(quiet) + len(loud) > _PROBE_CACHE:
            quiet.clear()
            loud.clear()
        for piece in pieces:
            if piece in quiet:
                continue  # known, or met earlier in this text
            low = piece.lower()
            if len(low) != len(piece):
                return self._settled(text)  # "İ": the text is tokenized as written
            if low != piece:
                if low in quiet:
                    quiet.add(piece)
                    continue
                if low in loud:
                    loud.add(piece)
                    return False
            if self._is_loud(low) if low.isalpha() else not self.settled(piece_keys(low)):
                loud.add(low)
                loud.add(piece)
                return False
            quiet.add(low)
            quiet.add(piece)
        return True

    def _seed(self) -> None:
        """``_frequent_starts``: the first words and their regular forms, for ``_is_loud``;
        and, once a memory is long enough to pay for it, every other frequent word in
        ``_quiet`` up front.

        Most tokens of real text are frequent words. A frequent word is never a near-miss
        (``_probe``), so it is loud only if it is a first word or a regular form of one
        (``canon``): any other is quiet on sight, without being reduced. Done for glossaries
        of up to a few thousand first words.
        """
        if self._frequent_starts is None:
            if len(self._pending) + len(self.root) > _SEED_FIRSTS:
                self._seeded = 0
                return
            firsts = set(self._pending)
            firsts.update(self.root)
            starts = set(firsts)
            for word in firsts:
                starts.update(self._forms_of_base(word))
            self._frequent_starts = starts
        self._seeded -= 1
        if self._seeded == 0:
            self._quiet.update(plain_words(self.lang).difference(self._frequent_starts))

    def _settled(self, text: str) -> bool:
        return self.settled(Tokens(text).keys)

    def settled(self, keys: list[str]) -> bool:
        """True when no token of ``keys`` starts a term or is one edit from a glossary word:
        the text has no hit and no near-miss."""
        quiet = self._quiet
        if quiet.issuperset(keys):
            return True
        loud = self._loud
        for key in keys:
            if key in quiet:
                continue
            if key in loud or self._is_loud(key):
                loud.add(key)
                return False
            quiet.add(key)
        return True

    def _is_loud(self, key: str) -> bool:
        if key.isdigit() and key.isascii() and not self.digits:
            # A number, and no glossary word has a digit: it reduces to no glossary word
            # (a rule's suffix is letters, so every base keeps the digits) and is no typo.
            return False
        starts = self._frequent_starts
        if starts is not None and key in self.common and key not in starts:
            return False  # a frequent word that is no first word nor a form of one
        cands = self._canon.get(key)
        if cands is None:
            if self._plain_new(key):
                return False
            cands = self.canon(key)
        if cands:
            # A glossary word, or a form of one, is never a near-miss: loud only as a start.
            root = self.root
            pending = self._pending
            return any(c in root or c in pending for c in cands)
        if len(key) < MIN_TOKEN or key in self.common:
            return False  # as ``_probe`` says: too short, or a frequent word
        return bool(self._near_words(key))

    def _near_words(self, key: str) -> list[tuple[str, tuple[str, int]]]:
        """``_probe`` through the caches ``_hot`` fills."""
        near = self._probes.get(key)
        if near is None:
            if key in self._plain:
                return []
            if len(self._plain) > _PROBE_CACHE or len(self._probes) > _PROBE_CACHE:
                self._plain.clear()
                self._probes.clear()
            near = self._probe(key)
            if near:
                self._probes[key] = near
            else:
                self._plain.add(key)
        return near

    def find(self, tok: Tokens) -> tuple[list[Match], list[Match]]:
        """All verified term occurrences (overlapping ones included), and case-only misses."""
        found: list[Match] = []
        case_misses: list[Match] = []
        keys = tok.keys
        nonstart = self._nonstart
        if nonstart.issuperset(keys):
            # No token can start a term: the common case, settled in C.
            return found, case_misses
        # The positions of the few tokens that may start a term, found in C, in order.
        maybe = set(keys)
        maybe.difference_update(nonstart)
        maybe.difference_update(self._quiet)  # quiet tokens start nothing
        positions = compress(range(len(keys)), map(maybe.__contains__, keys))
        root = self.root
        pending = self._pending
        canon = self.canon
        cached = self._canon.get
        last = len(keys) - 1
        for i in positions:
            key = keys[i]
            started = False
            cands = cached(key)
            if cands is None:
                cands = canon(key)
            for c in cands:
                node = root.get(c)
                if node is None:
                    if c not in pending:
                        continue
                    node = self._compile(c)
                started = True
                ends = node.get(_END)
                if ends is None:
                    # Peek at the next token before walking: most walks die there.
                    if i == last:
                        continue
                    nexts = cached(keys[i + 1])
                    if nexts is None:
                        nexts = canon(keys[i + 1])
                    for c2 in nexts:
                        if c2 in node:
                            break
                    else:
                        continue
                elif len(node) == 1:
                    # A one-word term that starts no longer one ("ICE"): no walk.
                    for rec in ends:
                        verdict = self._verify(tok, i, rec, -1)
                        if verdict == OK:
                            found.append((i, i + 1, rec))
                        elif verdict == CASE:
                            case_misses.append((i, i + 1, rec))
                    continue
                self._walk(tok, i, node, found, case_misses, -1, "")
            if not started:
                nonstart.add(key)
        return found, case_misses

    def _walk(
        self,
        tok: Tokens,
        i: int,
        node: Node,
        found: list[Match],
        case_misses: list[Match] | None,
        q: int,
        sub: str,
    ) -> None:
        """Extend a match started at token ``i`` (already consumed into ``node``).

        With ``q >= 0`` token ``q`` is read as the glossary word ``sub`` (near-miss search).
        """
        keys = tok.keys
        n = len(keys)
        canon = self.canon
        stack = [(node, i + 1)]
        while stack:
            node, j = stack.pop()
            ends = node.get(_END)
            if ends is not None and (q < 0 or j > q):
                for rec in ends:
                    verdict = self._verify(tok, i, rec, q)
                    if verdict == OK:
                        found.append((i, j, rec))
                    elif verdict == CASE and case_misses is not None:
                        case_misses.append((i, j, rec))
            if j < n:
                for c in (sub,) if j == q else canon(keys[j]):
                    child = node.get(c)
                    if child is not None:
                        stack.append((child, j + 1))

    def _verify(self, tok: Tokens, i: int, rec: TermRec, q: int) -> int:
        """OK, CASE (only the case of a camel-case word differs) or REJECT."""
        keys = tok.keys
        case_only = False
        for w, key in enumerate(rec.keys):
            p = i + w
            if p == q:
                continue
            t = keys[p]
            inflected = t != key
            if inflected and (not rec.inflect[w] or t not in self._lower_forms(rec.surfaces[w])):
                return REJECT
            if not rec.case_sensitive or q >= 0:
                continue
            s = tok.surface(p)
            word = rec.surfaces[w]
            if inflected:
                ok = any(same_case(s, f, w == 0) for f in self._case_forms(word))
            else:
                ok = same_case(s, word, w == 0)
            if not ok:
                # "Linkedin" for "LinkedIn" is a misspelling; "ices" for "ICE" or
                # "homeland security" for "Homeland Security" is another word or usage.
                if inflected or not is_camel(word) or is_all_caps(s) or s.islower():
                    return REJECT
                case_only = True
        return CASE if case_only else OK

    def _lower_forms(self, word: str) -> frozenset[str]:
        cached = self._forms_cache.get(word)
        if cached is None:
            cached = self._forms_cache[word] = frozenset(f.lower() for f in forms(word, self.lang))
        return cached

    def _case_forms(self, word: str) -> list[str]:
        cached = self._case_cache.get(word)
        if cached is None:
            cached = self._case_cache[word] = forms(word, self.lang)
        return cached

    def verbatim(self, tok: Tokens, i: int, rec: TermRec) -> bool:
        """The occurrence at token ``i`` is written exactly as the term (plural allowed;
        an initial capital allowed at a sentence start)."""
        for w, word in enumerate(rec.surfaces):
            s = tok.surface(i + w)
            if not same_case(s, word, w == 0) and not (
                rec.inflect[w] and any(same_case(s, f, w == 0) for f in self._case_forms(word))
            ):
                return False
        return True

    # -- near-misses ----------------------------------------------------------------------

    def near_index(self) -> NearIndex:
        if self._near is None:
            with gc_paused():
                self._near = NearIndex(self.vocab)
        return self._near

    def _hot(self, keys: list[str]) -> dict[str, list[tuple[str, tuple[str, int]]]]:
        """The tokens of ``keys`` that have near neighbours among the glossary words."""
        fresh = set(keys)
        fresh.difference_update(self._plain)
        fresh.difference_update(self._quiet)  # quiet tokens have no near neighbour
        if not fresh:
            return {}
        probes = self._probes
        if len(self._plain) > _PROBE_CACHE or len(probes) > _PROBE_CACHE:
            self._plain.clear()
            probes.clear()
        hot: dict[str, list[tuple[str, tuple[str, int]]]] = {}
        for key in fresh:
            near = probes.get(key)
            if near is None:
                near = self._probe(key)
                if not near:
                    self._plain.add(key)
                    continue
                probes[key] = near
            hot[key] = near
        return hot

    def _probe(self, key: str) -> list[tuple[str, tuple[str, int]]]:
        """Glossary words one edit from ``key``, for a token that may be a misspelling."""
        if (
            len(key) < MIN_TOKEN
            or self.canon(key)
            or not (key.isalpha() or key.replace("-", "").isalpha())
        ):
            return []
        # Most tokens have no glossary word one edit away, which a few set tests settle:
        # before the frequent-word test, which costs more.
        if self._no_near(key):
            return []
        index = self.near_index()
        if is_frequent(key, self.lang, self.common):
            return []
        near = index.near(key)
        if near:
            return near
        # A misspelled plural ("cemters" for "centers"): undo the plural, look up the stem.
        for base in self._plural_bases(key):
            near.extend(p for p in index.near(base) if p not in near)
        return near

    def _no_near(self, key: str) -> bool:
        """No glossary word is one edit from ``key`` nor from a singular of it (set tests)."""
        index = self._near or self.near_index()
        return not index.maybe(key) and not any(map(index.maybe, self._plural_bases(key)))

    def _plural_bases(self, key: str) -> list[str]:
        if not key.endswith(self._plural_adds):
            return []  # most tokens: one test in C
        size = len(key)
        return [
            base
            for ending, drop, add in self._plurals
            if size - len(add) >= MIN_TOKEN
            and key.endswith(add)
            and (base := key[: size - len(add)] + ending[len(ending) - drop :]).endswith(ending)
        ]

    def near_misses(
        self, tok: Tokens, exact: list[tuple[int, int]], case_misses: list[Match]
    ) -> list[tuple[int, int, TermRec, str]]:
        """Spans one edit (or one camel-case re-casing) away from a glossary term.

        ``exact`` are the token ranges of the resolved exact hits: a near-miss never sits
        inside one nor straddles one (it may contain one: "Customs" inside "Immigration and
        Customs Enfoncement").
        """
        keys = tok.keys
        hot = self._hot(keys)
        found: dict[tuple[int, int], tuple[int, int, TermRec, str]] = {}
        for i, j, rec in case_misses:
            if rec.words == 1 and len(rec.keys[0]) < MIN_WORD:
                continue
            if _clear(i, j, exact) and not embedded(tok.norm, *tok.span(i, j)):
                found.setdefault((i, j), (i, j, rec, "case"))
        if not hot:
            return _longest(list(found.values()))
        taken = [False] * len(keys)
        for s, e in exact:
            for p in range(s, e):
                taken[p] = True
        common = self.common
        canon = self.canon
        for q, key in enumerate(keys):
            near = hot.get(key)
            if near is None or taken[q] or embedded(tok.norm, *tok.at(q)):
                continue
            for word, edit in near:
                if not plausible_typo(tok.surface(q), key, word, edit):
                    continue
                cands: list[Match] = []
                for s in range(max(0, q - self._vocabulary.longest + 1), q + 1):
                    if s == q:
                        node = self.start(word)
                        if node is not None:
                            self._walk(tok, s, node, cands, None, q, word)
                        continue
                    for c in canon(keys[s]):
                        node = self.start(c)
                        if node is not None:
                            self._walk(tok, s, node, cands, None, q, word)
                for i, j, rec in cands:
                    if j <= q or not _clear(i, j, exact):
                        continue
                    if rec.words == 1:
                        if not _single_word_typo(
                            tok.surface(q), key, rec.surfaces[0], edit, common
                        ):
                            continue
                    elif not any(c for p, c in enumerate(rec.content) if p != q - i):
                        continue
                    prev = found.get((i, j))
                    if prev is None or prev[3] == "case":
                        found[(i, j)] = (i, j, rec, "typo")
        return _longest(list(found.values()))


def _single_word_typo(
    surface: str, key: str, word: str, edit: tuple[str, int], common: frozenset[str]
) -> bool:
    """Stricter tests for a one-word term, which has no context words to vouch for it.

    Each is a false alarm measured on real text (gettext catalogues, licence files):
    - the first letter is kept in real typos: "unset", "inset" are not "onset";
    - the last two letters are where inflection happens: "masquer", "masqués" are not
      "masques", "touchez" is not "toucher", "Huber" is not "Hubei";
    - a capital where the term has none is a proper name ("Prague", "Assam" vs "plague",
      "assay"), and the reverse is an identifier ("wchan" vs "Wuhan"); all capitals are
      headings or acronyms; inner capitals ("sRead") are identifiers;
    - a short proper name has real namesakes one letter away ("Hebei" / "Hubei", "Apure" /
      "Azure"): capitalised terms need one more letter;
    - a lower-case term that is itself a frequent word ("point", "scanner", "contagious")
      lives among other real words ("pyint", "spanner", "contigious" for "contiguous"):
      its misspellings are a spelling checker's business, not terminology's.
    """
    if len(key) < MIN_WORD or (word[:1].isupper() and len(word) <= MIN_WORD):
        return False
    if not word[:1].isupper() and word.lower() in common:
        return False
    kind, i = edit
    last = max(len(key), len(word)) - 2 - (1 if kind == "swap" else 0)
    if i == 0 or i >= last:
        return False
    if surface[:1].isupper() != word[:1].isupper():
        return False
    if is_all_caps(surface) and not is_all_caps(word):
        return False
    return not (is_camel(surface) and not is_camel(word))


_PROBE_CACHE = 200_000
_SEED_FIRSTS = 5_000
_SEED_AFTER = 4_000  # texts: the frequent words then cost less in bulk than one by one
_GLUE = frozenset("@/\\_=<>")


def embedded(text: str, start: int, end: int) -> bool:
    """The span is part of an e-mail address, URL, path, identifier or placeholder: "colgate"
    in "dschult@colgate.edu" is not a misspelling of "collate", "truetype" in "src/truetype/"
    is not "TrueType", and "mask" in "#<mask>" is not prose to translate."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in _GLUE or after in _GLUE:
        return True
    if before == "." and start >= 2 and text[start - 2].isalnum():
        return True
    return after == "." and end + 1 < len(text) and text[end + 1].isalnum()


def _clear(i: int, j: int, exact: list[tuple[int, int]]) -> bool:
    """No exact hit overlaps [i, j) without lying wholly inside it."""
    return all(e <= i or s >= j or (i <= s and e <= j) for s, e in exact)


def _longest(items: list[tuple[int, int, TermRec, str]]) -> list[tuple[int, int, TermRec, str]]:
    """Non-overlapping near-misses, longest first."""
    if len(items) < 2:
        return items
    items.sort(key=lambda m: (m[0] - m[1], m[0]))
    chosen: list[tuple[int, int, TermRec, str]] = []
    for m in items:
        if all(m[1] <= c[0] or m[0] >= c[1] for c in chosen):
            chosen.append(m)
    chosen.sort(key=lambda m: m[0])
    return chosen


def resolve(matches: list[Match]) -> list[tuple[int, int, list[TermRec]]]:
    """Longest match wins, matches do not overlap; terms sharing a span stay together."""
    if not matches:
        return []
    groups: dict[tuple[int, int], list[TermRec]] = {}
    for i, j, rec in matches:
        groups.setdefault((i, j), []).append(rec)
    if len(groups) == 1:
        (((i, j), recs),) = groups.items()
        return [(i, j, recs)]
    order = sorted(groups, key=lambda r: (r[0] - r[1], r[0]))
    chosen: list[tuple[int, int]] = []
    for i, j in order:
        if all(j <= ci or i >= cj for ci, cj in chosen):
            chosen.append((i, j))
    chosen.sort()
    return [(i, j, groups[(i, j)]) for i, j in chosen]
