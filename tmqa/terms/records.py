"""What the term matcher reports: hits, near-misses, and one verdict per source hit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Literal, NamedTuple, TypeVar

from tmqa.model import Term, TermEntry

T = TypeVar("T")
Status = Literal["ok", "missing", "forbidden", "misspelled", "dnt-altered"]


class Hit(NamedTuple):
    """One occurrence of a glossary term in a text (a named tuple: built by the thousand).

    ``concept`` is the entry's position in the glossary (stable for a run, cheap to hash);
    ``span`` is in the side's ``Text.plain``; ``text`` is the occurrence as written.
    """

    entry: TermEntry
    term: Term
    span: tuple[int, int]
    text: str
    concept: int


class NearMiss(NamedTuple):
    """A span that looks like a misspelling of a glossary term (``Enfoncement``).

    ``kind`` is ``typo`` (one edit in one word) or ``case`` (``Linkedin`` for ``LinkedIn``).
    """

    entry: TermEntry
    term: Term
    span: tuple[int, int]
    text: str
    concept: int
    kind: Literal["typo", "case"]


class Verdict(NamedTuple):
    """How one source hit is rendered in the target.

    ``status``: ``ok`` (an acceptable target term is there: ``target``), ``missing``,
    ``forbidden`` (``target`` is the forbidden occurrence), ``misspelled`` (``near`` is a
    near-miss of an acceptable target term), ``dnt-altered`` (a do-not-translate term is not
    verbatim: ``target`` is a re-cased occurrence or ``near`` an altered one, both may be None).
    ``expected`` is the preferred target term (the suggestion); ``dnt`` marks do-not-translate;
    ``found`` lists every acceptable target term of the concept present in the target.
    """

    hit: Hit
    status: Status
    expected: Term
    dnt: bool
    target: Hit | None = None
    near: NearMiss | None = None
    found: tuple[Term, ...] = ()


@dataclass(frozen=True, slots=True)
class UnitTerms:
    """Everything the terminology rules need about one unit, computed once.

    ``target_misses`` excludes near-misses already explained by a ``dnt-altered`` verdict
    (those are T104's, not T103's). The index hands the same object to every unit with the
    same texts, so what a rule derives from it can be kept with it (``derived``).
    ``statuses`` are the verdicts' statuses: a rule looks there for the one it reports,
    built once per result rather than once per unit.
    """

    source_hits: tuple[Hit, ...]
    target_hits: tuple[Hit, ...]
    verdicts: tuple[Verdict, ...]
    source_misses: tuple[NearMiss, ...]
    target_misses: tuple[NearMiss, ...]
    _derived: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    statuses: frozenset[Status] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        verdicts = self.verdicts
        statuses = frozenset(map(_STATUS, verdicts)) if verdicts else _NO_STATUSES
        object.__setattr__(self, "statuses", statuses)

    def derived(self, key: str, compute: Callable[[UnitTerms], T]) -> T:
        """``compute(self)``, once per object and ``key`` (a function of these fields only)."""
        cache = self._derived
        if cache is None:
            cache = {}
            object.__setattr__(self, "_derived", cache)
        try:
            return cache[key]  # type: ignore[no-any-return]
        except KeyError:
            value = cache[key] = compute(self)
            return value


_STATUS = itemgetter(1)  # Verdict.status
_NO_STATUSES: frozenset[Status] = frozenset()
