"""Terminology rules (T1xx): glossary terms missing, forbidden, misspelled, altered, mixed."""

from __future__ import annotations

from collections.abc import Iterator

from tmqa.context import Context
from tmqa.model import Severity, Unit
from tmqa.rules.registry import Problem, rule
from tmqa.terms import UnitTerms

_EMPTY = UnitTerms((), (), (), (), ())


def unit_terms(unit: Unit, ctx: Context) -> UnitTerms:
    """The term check of this unit, computed once and shared by every T rule (and scoring)."""
    index = ctx.terms(unit.source_lang, unit.target_lang)
    if index is None:
        return _EMPTY
    return ctx.memo("terms.check", lambda: index.check(unit))


def _alternatives(unit: Unit, ctx: Context, concept: int) -> str:
    """The admitted target terms besides the preferred one, for the message."""
    index = ctx.terms(unit.source_lang, unit.target_lang)
    if index is None:
        return ""
    preferred = index.preferred[concept]
    others = [f"'{t.text}'" for t in index.accept.get(concept, ()) if t is not preferred]
    return f" (or {', '.join(others)})" if others else ""


@rule("T101", "term-missing", Severity.ERROR)
def term_missing(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """A glossary term is in the source, but none of its acceptable target terms is in the target.

    Acceptable target terms are the concept's preferred and admitted terms in the target
    language; regular plurals count on both sides ("autorités de contrôle" renders
    "autorité de contrôle" / "supervisory authority"). Reported once per concept and unit,
    on the source side at the first occurrence; the suggestion is the preferred target term.

    Other rules take over where they say more: a forbidden term in the target is T102, a
    near-miss of the target term ("Enfoncement") is T103, an altered do-not-translate term
    is T104. A source term inside a longer glossary term is not checked on its own
    ("traitement" inside "responsable du traitement"). The rule cannot tell a deliberate
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
    reported: set[int] = set()
    ut = unit_terms(unit, ctx)
    for v in ut.verdicts:
        if v.status != "missing" or v.hit.concept in reported:
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
def term_forbidden(unit: Unit, ctx: Context) -> Iterator[Problem]:
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
    seen: set[tuple[int, int]] = set()
    for v in unit_terms(unit, ctx).verdicts:
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
def term_misspelled(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """A span of the source or the target is a near-miss of a glossary term of that side's language.

    A near-miss has the term's number of words, differs in exactly one word by one edit
    (substitution, insertion, deletion or swap of adjacent letters: "Enfoncement" for
    "Enforcement", "Bord" for "Board") or only in the case of a mixed-case word ("Linkedin"
    for "LinkedIn"), and is not itself a glossary term. In a multi-word term another content
    word must match exactly. A single word needs 5+ letters and must not be a frequent word
    of its language ("commission" is never a misspelling of "Commission européenne" nor of
    "Commissioner"). Plurals, a letter added or dropped at either end ("quarantined"),
    digits, hyphens and unaccented capitals ("Etat") never make a near-miss.

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
def dnt_altered(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """A do-not-translate term of the source does not appear verbatim in the target.

    A concept is do-not-translate for a source term whose text is also one of its
    acceptable target terms (``WhatsApp`` = ``WhatsApp``). The target must hold one of them
    exactly as written, an initial capital at a sentence start and a regular plural aside:
    translated, truncated ("Meta Ireland" for "Meta Platforms Ireland"), misspelled or
    re-cased ("Whatsapp", "Linkedin") forms are reported here, and not as T101 or T103.

    Reported on the target side at the altered form when the matcher finds it (re-cased or
    one edit away), otherwise on the source side at the term. A misspelled DNT term in the
    source is T103 (source side).

    ## Why is this bad?
    Brand, product, agency and personal names are identifiers: a changed letter or case
    makes them wrong, and trademark owners and readers notice.

    ## Example
    glossary: `LinkedIn` (do not translate)
    source: `Sur son compte LinkedIn, il indique...`
    target: `On his Linkedin account, he writes...`
    Use instead: `On his LinkedIn account, he writes...`
    """
    seen: set[int] = set()
    for v in unit_terms(unit, ctx).verdicts:
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


@rule("T105", "term-inconsistent", Severity.WARNING, cross_unit=True)
def term_inconsistent(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The same source term is rendered with different acceptable target terms within one run.

    The first unit that renders a source term fixes the choice; later units that use another
    acceptable term of the same concept (an admitted variant, another spelling) are reported
    on the target side, naming the first choice and its unit. Units whose target also holds
    the first choice are not reported. Plural and singular are the same choice.

    State: ``ctx.state("T105")`` maps (concept number, source term text) to (chosen target
    term text, tuid): its size is bounded by the glossary, not by the number of units.

    ## Why is this bad?
    Admitted variants are acceptable one at a time; mixing "detention center" and "detention
    centre" in one document reads as two different things and looks unedited.

    ## Example
    unit 1: `centre de détention` -> `detention center`
    unit 7: `centre de détention` -> `detention centre`
    Use instead: `detention center` in unit 7 as well.
    """
    ut = unit_terms(unit, ctx)
    if not ut.verdicts:
        return
    state = ctx.state("T105")
    for v in ut.verdicts:
        if v.status != "ok" or v.target is None:
            continue
        key = (v.hit.concept, v.hit.term.text)
        chosen = v.target.term.text
        first = state.get(key)
        if first is None:
            state[key] = (chosen, unit.tuid)
            continue
        if first[0] == chosen:
            continue
        if any(t.text == first[0] for t in v.found):
            continue
        yield Problem(
            "target",
            v.target.span,
            f"'{v.hit.text}' is rendered as '{v.target.text}' here but as '{first[0]}' "
            f"in unit {first[1]}",
            first[0],
        )
