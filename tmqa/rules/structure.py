"""Structure rules (X0xx, X1xx): suppression props, header, variants and inline codes."""

from __future__ import annotations

from collections.abc import Iterator

import tmqa.engine as engine
from tmqa.context import Context
from tmqa.model import Severity, Side, Unit
from tmqa.rules.registry import Problem, rule

# Values that read as "everything": the engine honours none of them, as it honours no empty one.
_BLANKET = frozenset({"ALL", "*"})
# tmqa.engine imports the registry, which imports this module: read its constant at call time.


@rule("X001", "blanket-suppression", Severity.WARNING, needs="props")
def blanket_suppression(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """A unit's `x-tmqa-ignore` prop names no rule code: it is empty, or says `ALL` or `*`.

    tmqa suppresses only the codes (or code prefixes, such as `T` or `N1`) a
    `<prop type="x-tmqa-ignore">` lists, separated by commas or semicolons. A bare, empty or
    catch-all prop suppresses nothing; this rule reports it so that the intent is written
    down. The finding is reported on the source side with an empty span, since the prop is
    in neither text. `--no-suppressions` turns every suppression off for an audit.

    ## Why is this bad?
    A blanket suppression would hide every present and future finding on the unit, including
    errors nobody looked at (a wrong number added by a later edit). Naming the codes keeps
    the exemption as narrow as the reason for it.

    ## Example
    `<tu tuid="42"><prop type="x-tmqa-ignore"></prop>...</tu>`
    Use instead: `<tu tuid="42"><prop type="x-tmqa-ignore">N101,P103</prop>...</tu>`
    """
    if not unit.props:
        return
    prop = engine.SUPPRESS_PROP
    for value in unit.prop_values(prop):
        codes = [c.strip().upper() for c in value.replace(";", ",").split(",") if c.strip()]
        if not codes:
            yield Problem("source", (0, 0), f"empty {prop} prop suppresses nothing: name the codes")
        else:
            for code in codes:
                if code in _BLANKET:
                    yield Problem(
                        "source",
                        (0, 0),
                        f"{prop} {code!r} is a blanket suppression and is not honoured: "
                        "name the codes",
                    )


SIDES: tuple[Side, Side] = ("source", "target")


def _anomalies(unit: Unit, *kinds: str) -> Iterator[tuple[str, str]]:
    return ((k, d) for k, d in unit.anomalies if k in kinds)


@rule("X101", "invalid-header", Severity.WARNING, needs="anomalies")
def invalid_header(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The file has no `<header>`, lacks attributes TMX 1.4b requires, or no `version`.

    TMX 1.4b requires `creationtool`, `creationtoolversion`, `segtype`, `o-tmf`, `adminlang`,
    `srclang` and `datatype` on `<header>`, and `version` on `<tmx>`. Reported once per file,
    on its first unit (with an empty span: the header is in neither text).

    ## Why is this bad?
    Without `srclang` a tool cannot tell the source from the target and guesses; without
    `datatype` it cannot know what the inline codes mean. Other CAT tools refuse or misread
    such files, so a memory that passes here may fail on import elsewhere.

    ## Example
    `<header creationtool="x" srclang="fr-FR"/>`
    Use instead: `<header creationtool="x" creationtoolversion="1" segtype="sentence"
    o-tmf="x" adminlang="en-US" srclang="fr-FR" datatype="plaintext"/>`
    """
    for kind, detail in _anomalies(unit, "missing-header", "header-attributes", "missing-version"):
        if kind == "missing-header":
            message = "the file has no <header> element"
        elif kind == "header-attributes":
            message = f"<header> lacks required attributes: {detail}"
        else:
            message = "<tmx> has no version attribute"
        yield Problem("source", (0, 0), message)


@rule("X102", "tuv-without-language", Severity.ERROR, needs="anomalies")
def tuv_without_language(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """A `<tuv>` has neither `xml:lang` nor TMX 1.1's `lang`, or holds no `<seg>`.

    Such a variant cannot be assigned to the source or the target, so it is never checked;
    this rule says so instead of skipping it silently.

    ## Why is this bad?
    A variant without a language is invisible to every tool that selects variants by
    language: its translation is lost to the memory.

    ## Example
    `<tuv><seg>Bonjour</seg></tuv>`
    Use instead: `<tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv>`
    """
    for kind, detail in _anomalies(unit, "tuv-without-lang", "tuv-without-seg"):
        if kind == "tuv-without-lang":
            message = f"<tuv> without a language ({detail}) was not checked"
        else:
            message = f"<tuv> {detail} has no <seg>"
        yield Problem("source", (0, 0), message)


@rule("X103", "missing-target", Severity.ERROR, needs="anomalies")
def missing_target(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The unit has no variant in the target language (or no variant in the source language).

    Reported when the unit has a single `<tuv>`, or none in the language being checked (the
    `--target-lang`, else the file's first other language). The unit is still counted as
    read; no other rule can judge its translation.

    ## Why is this bad?
    A unit without a translation is dead weight in a memory, and often the trace of an
    export that dropped a language: the gap should be seen, not skipped.

    ## Example
    `<tu><tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv></tu>` in a French->English memory
    Use instead: add `<tuv xml:lang="en-US"><seg>Hello</seg></tuv>`, or remove the unit.
    """
    for kind, detail in _anomalies(unit, "no-target", "no-source", "single-tuv"):
        if kind == "no-target":
            single = any(k == "single-tuv" for k, _ in unit.anomalies)
            why = " (the unit has a single <tuv>)" if single else ""
            yield Problem("target", (0, 0), f"no variant in the target language {detail}{why}")
        elif kind == "no-source":
            yield Problem("source", (0, 0), f"no variant in the source language {detail}")


@rule("X104", "duplicate-language", Severity.WARNING, needs="anomalies")
def duplicate_language(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The unit has two or more `<tuv>` of the source or the target language; the first is checked.

    The message names how many variants there are and the line of the one that was checked.

    ## Why is this bad?
    The TMX specification allows it, but tools disagree on which variant wins: one shows the
    first, another the last. The unchecked variants may hold an outdated translation.

    ## Example
    `<tu><tuv xml:lang="fr"><seg>Oui</seg></tuv><tuv xml:lang="en"><seg>Yes</seg></tuv>
    <tuv xml:lang="en"><seg>Yeah</seg></tuv></tu>`
    Use instead: keep one English variant.
    """
    for kind, detail in _anomalies(unit, "duplicate-target", "duplicate-source"):
        side: Side = "target" if kind == "duplicate-target" else "source"
        yield Problem(side, (0, 0), detail)


@rule("X105", "empty-source", Severity.WARNING)
def empty_source(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The source `<seg>` is empty (or only whitespace and codes) while the target has text.

    The mirror of S101 (`empty-target`): a translation without anything to translate is
    usually a source lost in an export, or source and target swapped.

    ## Why is this bad?
    The unit can never be matched by a CAT tool (there is no source to match), and its
    target text is orphaned.

    ## Example
    `<tuv xml:lang="fr"><seg/></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv>`
    Use instead: restore the source text, or remove the unit.
    """
    target = unit.target
    if target is not None and target.has_text and not unit.source.has_text:
        yield Problem(
            "source", (0, len(unit.source.plain)), "the source is empty; the target has text"
        )


@rule("X106", "invalid-codes", Severity.ERROR, needs="codes")
def invalid_codes(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """Inline codes of one side are malformed: an `<ept>` before its `<bpt>`, or a duplicate `i`.

    TMX pairs `<bpt>` and `<ept>` by their `i` attribute, which must be unique within a
    segment, and a `<bpt>` must come before its `<ept>`. Each side is checked on its own.
    A `<bpt>` never closed, and differences between the sides, are M101's (`tag-mismatch`)
    business, so they are not reported twice.

    ## Why is this bad?
    A CAT tool cannot rebuild the formatting of a segment whose codes do not pair: the
    document produced from the memory gets broken markup, or the import fails.

    ## Example
    `<seg><ept i="1">&lt;/b></ept>Save<bpt i="1">&lt;b></bpt></seg>`
    Use instead: `<seg><bpt i="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept></seg>`
    """
    for side in SIDES:
        codes = unit.text(side).codes
        if not codes:
            continue
        open_i: set[str | None] = set()
        seen_i: set[str] = set()
        for code in codes:
            if code.kind == "bpt":
                if code.i is not None and code.i in seen_i:
                    yield Problem(side, (code.offset, code.offset), f'duplicate <bpt i="{code.i}">')
                if code.i is not None:
                    seen_i.add(code.i)
                open_i.add(code.i)
            elif code.kind == "ept":
                if code.i in open_i:
                    open_i.discard(code.i)
                else:
                    yield Problem(
                        side, (code.offset, code.offset), f'<ept i="{code.i}"> before its <bpt>'
                    )


@rule("X107", "deprecated-ut", Severity.INFO, needs="codes")
def deprecated_ut(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """A side uses `<ut>`, deprecated since TMX 1.4 in favour of `bpt`/`ept`/`it`/`ph`.

    ## Why is this bad?
    `<ut>` says nothing about pairing, so no tool can check or move its code safely; newer
    tools may drop it on import.

    ## Example
    `<seg>Click <ut>{\\b </ut>Save<ut>}</ut></seg>`
    Use instead: `<seg>Click <bpt i="1">{\\b </bpt>Save<ept i="1">}</ept></seg>`
    """
    for side in SIDES:
        for code in unit.text(side).codes:
            if code.kind == "ut":
                yield Problem(side, (code.offset, code.offset), "deprecated <ut> element")
                break


@rule("X108", "encoding-mismatch", Severity.WARNING, needs="anomalies")
def encoding_mismatch(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The declaration names a single-byte encoding but the bytes are UTF-8 (mojibake).

    For example ISO-8859-1 or windows-1252 declared on a file saved as UTF-8.
    The parser obeys the declaration, so every accented letter is read as two or three
    wrong characters (`Ã©` for `é`): the text checked and any file written from it is
    mojibake. Reported once per file, on its first unit.

    ## Why is this bad?
    Every non-ASCII character of the memory is corrupted when a tool trusts the declaration,
    as XML requires.

    ## Example
    `<?xml version="1.0" encoding="ISO-8859-1"?>` on a file saved as UTF-8
    Use instead: `<?xml version="1.0" encoding="UTF-8"?>`
    """
    for _, declared in _anomalies(unit, "mojibake"):
        yield Problem(
            "source", (0, 0), f"declared encoding {declared} but the bytes are UTF-8 (mojibake)"
        )
