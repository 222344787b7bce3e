"""Terminology rules (T1xx): glossary terms missing, forbidden, misspelled, altered, mixed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tmqa.context import Context
from tmqa.model import Severity, Unit
from tmqa.rules.registry import Problem, rule
from tmqa.terms import UnitTerms, Verdict

_EMPTY = UnitTerms((), (), (), (), ())
_MEMO = "terms.check"

# The rules below return () on the units where they have nothing to say (nearly all), and
# build a generator only for the others: five generators per unit cost more than the tests.


def unit_terms(unit: Unit, ctx: Context) -> UnitTerms:
    """The term check of this unit, computed once and shared by every T rule (and scoring).

    Read from the per-unit memo directly: five rules ask on every unit, and a closure for
    ``ctx.memo`` would be built each time.
    """
    memo = ctx.unit_memo
    found: UnitTerms | None = memo.get(_MEMO)
    if found is None:
        index = ctx.terms(unit.source_lang, unit.target_lang)
        found = memo[_MEMO] = _EMPTY if index is None else index.check(unit)
    return found


def _alternatives(unit: Unit, ctx: Context, concept: int) -> str:
    """The admitted target terms besides the preferred one, for the message."""
    index = ctx.terms(unit.source_lang, unit.target_lang)
    if index is None:
        return ""
    preferred = index.preferred(concept)
    others = [f"'{t.text}'" for t in index.acceptable(concept) if t is not preferred]
    return f" (or {', '.join(others)})" if others else ""


def _kept_as_code(surface: str, term: str, target: str) -> bool:
    """The source writes a lower-case term in capitals and the target keeps that word as it
    is: a keyword or a code (SQL `UPDATE` for the term "update"), not the term.

    Judged on the unit's own target text, after the term cache: units share cached
    verdicts when their texts differ only in words no glossary term involves.
    """
    if len(surface) < 2 or not surface.isupper() or term.isupper():
        return False
    return re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", target) is not None


@rule("T101", "term-missing", Severity.ERROR)
def term_missing(unit: Unit, ctx: Context) -> Iterable[Problem]:
    """A glossary term is in the source, but none of its acceptable target terms is in the target.

    Acceptable target terms are the concept's preferred and admitted terms in the target
    language; regular plurals count on both sides ("autorités de contrôle" renders
    "autorité de contrôle" / "supervisory authority"). Reported once per concept and unit,
    on the source side at the first occurrence; the suggestion is the preferred target term.

    Other rules take over where they say more: a forbidden term in the target is T102, a
    near-miss of the target term ("Enfoncement") is T103, an altered do-not-translate term
    is T104. A source term inside a longer glossary term is not checked on its own
    ("traitement" inside "responsable du traitement"). A lower-case term written in
    capitals in the source and kept as it is in the target is a keyword or a code, not the
    term (SQL `UPDATE` for the term "update"). The rule cannot tell a deliberate
    paraphrase or a pronoun from an omission.

    ## Why is this bad?
    The glossary is the vocabulary the client agreed on; another word for the same concept
    confuses readers, breaks search and fails review.

    ## Example
    glossary: `centre de détention` -> `detention center`
    source: `Les centres de détention sont pleins.`
    target: `The holding facilities are full.`
    Use instead: `The detention centers are full.`
    """
    ut = unit_terms(unit, ctx)
    if "missing" not in ut.statuses:
        return ()
    return _missing(unit, ctx, ut.verdicts)


def _missing(unit: Unit, ctx: Context, verdicts: tuple[Verdict, ...]) -> Iterator[Problem]:
    reported: set[int] = set()
    target = unit.target.plain if unit.target is not None else ""
    for v in verdicts:
        if v.status != "missing" or v.hit.concept in reported:
            continue
        if _kept_as_code(v.hit.text, v.hit.term.text, target):
            continue
        reported.add(v.hit.concept)
        yield Problem(
            "source",
            v.hit.span,
            f"glossary term '{v.hit.text}' is not rendered as '{v.expected.text}'"
            f"{_alternatives(unit, ctx, v.hit.concept)} in the target",
            v.expected.text,
        )


@rule("T102", "term-forbidden", Severity.ERROR)
def term_forbidden(unit: Unit, ctx: Context) -> Iterable[Problem]:
    """The target uses a term the glossary forbids for a concept whose source term is in the source.

    Reported on the target side at the forbidden term; the suggestion is the concept's
    preferred target term. When the target also holds an acceptable term of the concept,
    the concept counts as rendered and the rule stays silent (the forbidden words may then
    say something else). A forbidden term that is only part of a longer glossary term is
    not reported.

    ## Why is this bad?
    Forbidden terms are there for a reason: pejorative, deprecated, a competitor's name, or
    a known false friend. Shipping one is worse than missing the preferred term.

    ## Example
    glossary: `sans-papiers` -> `undocumented immigrant`; forbidden: `illegal alien`
    source: `Ces sans-papiers franchissent la frontière.`
    target: `These illegal aliens cross the border.`
    Use instead: `These undocumented immigrants cross the border.`
    """
    ut = unit_terms(unit, ctx)
    if "forbidden" not in ut.statuses:
        return ()
    return _forbidden(ut.verdicts)


def _forbidden(verdicts: tuple[Verdict, ...]) -> Iterator[Problem]:
    seen: set[tuple[int, int]] = set()
    for v in verdicts:
        if v.status != "forbidden" or v.target is None or v.target.span in seen:
            continue
        seen.add(v.target.span)
        yield Problem(
            "target",
            v.target.span,
            f"'{v.target.text}' is a forbidden term for '{v.hit.text}'; use '{v.expected.text}'",
            v.expected.text,
        )


@rule("T103", "term-misspelled", Severity.ERROR)
def term_misspelled(unit: Unit, ctx: Context) -> Iterable[Problem]:
    """A span of the source or the target is a near-miss of a glossary term of that side's language.

    A near-miss has the term's number of words, differs in exactly one word by one edit
    (substitution, insertion, deletion or swap of adjacent letters: "Enfoncement" for
    "Enforcement", "Bord" for "Board"; a misspelled plural counts) or only in the case of a
    mixed-case word ("Linkedin" for "LinkedIn"), and is not itself a glossary term. In a
    multi-word term another content word (not "de", "of") must match exactly.

    What is never a near-miss, each a false alarm measured on real text: a frequent word of
    the side's language or a regular form of one ("commission" is not "Commission
    européenne", "inject" is not "infect"); a plural; a letter added or dropped at either
    end ("quarantined", "fédéral"); a difference in digits, hyphens or apostrophes
    ("COVID-20", "non-governmental"); an unaccented capital ("Etat" for "État"); a word
    inside an e-mail address, URL or path; an all-lower-case or all-capitals form of a
    mixed-case name. A one-word term has no context to vouch for it, so its near-misses
    also need 5+ letters (6+ for a capitalised name: "Hebei" is not "Hubei"), the same
    first letter, the same last two letters, the same initial case, and the term must not
    itself be a frequent lower-case word ("point", "scanner": their misspellings are a
    spelling checker's business).

    Reported on the side where it occurs; the suggestion is the exact glossary term. In the
    target, a near-miss of a concept whose source term is present also stands in for the
    missing term (no T101). An altered do-not-translate term in the target is T104's, not
    this rule's.

    ## Why is this bad?
    A misspelled name or term defeats search, looks careless and, in the source, is copied
    into every translation made from it.

    ## Example
    glossary: `Immigration and Customs Enforcement` (do not translate)
    source: `l'agence fédérale ICE (Immigration and Customs Enfoncement)`
    Use instead: `l'agence fédérale ICE (Immigration and Customs Enforcement)`
    """
    ut = unit_terms(unit, ctx)
    if not ut.source_misses and not ut.target_misses:
        return ()
    return _misspelled(ut)


def _misspelled(ut: UnitTerms) -> Iterator[Problem]:
    for side, misses in (("source", ut.source_misses), ("target", ut.target_misses)):
        for m in misses:
            what = "mis-cased" if m.kind == "case" else "misspelled"
            yield Problem(
                side,  # type: ignore[arg-type]
                m.span,
                f"'{m.text}' looks like a {what} form of glossary term '{m.term.text}'",
                m.term.text,
            )


@rule("T104", "dnt-altered", Severity.ERROR)
def dnt_altered(unit: Unit, ctx: Context) -> Iterable[Problem]:
    """A do-not-translate term of the source does not appear verbatim in the target.

    A concept is do-not-translate for a source term whose text is also one of its
    acceptable target terms and that looks like a name: it has a capital or a digit
    (``WhatsApp``, ``ICE``, ``Windows 11``). A lower-case word spelled alike in both
    languages ("isolation", "restrictions") is a cognate, checked by T101 instead. The
    target must hold the term exactly as the glossary writes it (an initial capital at a
    sentence start and a regular plural allowed) or exactly as the source writes it
    ("GOOGLE" in an all-capitals heading). Translated, truncated ("Meta Ireland" for "Meta
    Platforms Ireland"), misspelled or re-cased ("Whatsapp", "Linkedin", "google") forms are
    reported here, and not as T101 or T103.

    Reported on the target side at the altered form when the matcher finds it (re-cased or
    one edit away), otherwise on the source side at the term. A misspelled DNT term in the
    source is T103 (source side); a near-miss of a DNT term in a target whose source does
    not hold the term is T103 too.

    ## Why is this bad?
    Brand, product, agency and personal names are identifiers: a changed letter or case
    makes them wrong, and trademark owners and readers notice.

    ## Example
    glossary: `LinkedIn` (do not translate)
    source: `Sur son compte LinkedIn, il indique...`
    target: `On his Linkedin account, he writes...`
    Use instead: `On his LinkedIn account, he writes...`
    """
    ut = unit_terms(unit, ctx)
    if "dnt-altered" not in ut.statuses:
        return ()
    return _altered(ut.verdicts)


def _altered(verdicts: tuple[Verdict, ...]) -> Iterator[Problem]:
    seen: set[int] = set()
    for v in verdicts:
        if v.status != "dnt-altered" or v.hit.concept in seen:
            continue
        seen.add(v.hit.concept)
        altered = v.near or v.target
        if altered is not None:
            yield Problem(
                "target",
                altered.span,
                f"do-not-translate term '{v.hit.text}' is altered in the target as "
                f"'{altered.text}'",
                v.expected.text,
            )
        else:
            yield Problem(
                "source",
                v.hit.span,
                f"do-not-translate term '{v.hit.text}' does not appear verbatim in the target",
                v.expected.text,
            )


# What T105 needs from one unit, small and picklable (``prepare`` may run in a worker):
# (concept number, source term, source text, chosen target term, target terms present,
# target span, target text) per rendered source hit. Concept numbers are glossary
# positions, the same in every process that loads the same glossary.
Rendering = tuple[int, str, str, str, tuple[str, ...], tuple[int, int], str]


def _renderings(unit: Unit, ctx: Context) -> tuple[Rendering, ...]:
    ut = unit_terms(unit, ctx)
    if not ut.verdicts:
        return ()
    # Memories repeat their segments: derived once per distinct result.
    return ut.derived("T105", _rendered)


def _rendered(ut: UnitTerms) -> tuple[Rendering, ...]:
    return tuple(
        (
            v.hit.concept,
            v.hit.term.text,
            v.hit.text,
            v.target.term.text,
            tuple(t.text for t in v.found),
            v.target.span,
            v.target.text,
        )
        for v in ut.verdicts
        if v.status == "ok" and v.target is not None
    )


_SETTLED_MAX = 4096


@rule("T105", "term-inconsistent", Severity.WARNING, cross_unit=True, prepare=_renderings)
def term_inconsistent(
    unit: Unit, ctx: Context, renderings: tuple[Rendering, ...]
) -> Iterable[Problem]:
    """The same source term is rendered with different acceptable target terms within one run.

    The first unit that renders a source term fixes the choice; later units that use another
    acceptable term of the same concept (an admitted variant, another spelling) are reported
    on the target side, naming the first choice and its unit. Units whose target also holds
    the first choice are not reported. Plural and singular are the same choice. Units are
    taken in file order, files in the order given.

    State: ``ctx.state("T105")`` maps (concept number, source term text) to (chosen target
    term text, tuid of the first unit): one entry per glossary source term at most, whatever
    the number of units; ``ctx.state("T105.settled")`` holds at most 4,096 renderings already
    found consistent.

    ## Why is this bad?
    Admitted variants are acceptable one at a time; mixing "detention center" and "detention
    centre" in one document reads as two different things and looks unedited.

    ## Example
    unit 1: `centre de détention` -> `detention center`
    unit 7: `centre de détention` -> `detention centre`
    Use instead: `detention center` in unit 7 as well.
    """
    if not renderings:
        return ()
    # Renderings found consistent once stay so: the first choice of a term never changes.
    # Units with the same texts share the renderings object (checked by identity).
    settled = ctx.state("T105.settled")
    if settled.get(id(renderings)) is renderings:
        return ()
    return _inconsistent(unit, ctx, renderings, settled)


def _inconsistent(
    unit: Unit, ctx: Context, renderings: tuple[Rendering, ...], settled: dict[int, object]
) -> Iterator[Problem]:
    state = ctx.state("T105")
    consistent = True
    for concept, term, source_text, chosen, found, span, target_text in renderings:
        key = (concept, term)
        first = state.get(key)
        if first is None:
            state[key] = (chosen, unit.tuid)
        elif first[0] != chosen and first[0] not in found:
            consistent = False
            yield Problem(
                "target",
                span,
                f"'{source_text}' is rendered as '{target_text}' here but as '{first[0]}' "
                f"in unit {first[1]}",
                first[0],
            )
    if consistent:
        if len(settled) >= _SETTLED_MAX:
            settled.clear()
        settled[id(renderings)] = renderings
