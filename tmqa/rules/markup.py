"""Markup rules (M1xx): inline codes, placeholders, URLs and e-mail addresses kept in the target."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from tmqa.context import Context
from tmqa.model import InlineCode, Severity, Text, Unit
from tmqa.patterns import EMAIL, Token
from tmqa.rules.registry import Problem, rule
from tmqa.textutil import scanned


class _Element(NamedTuple):
    """One inline element as M101 compares it; a bpt/ept pair is one element of class pair."""

    cls: str
    x: str | None
    native: str
    offset: int
    unpaired: InlineCode | None = None


def _elements(text: Text) -> list[_Element]:
    out: list[_Element] = []
    open_bpts: dict[str | None, InlineCode] = {}
    for r in text.runs:
        if isinstance(r, str):
            continue
        kind = r.kind
        if kind == "bpt":
            previous = open_bpts.pop(r.i, None)
            if previous is not None:
                # Two bpt with the same i: the first one can never be closed.
                out.append(_Element("pair", previous.x, previous.native, previous.offset, previous))
            open_bpts[r.i] = r
        elif kind == "ept":
            b = open_bpts.pop(r.i, None)
            if b is None:
                out.append(_Element("pair", r.x, r.native, r.offset, r))
            else:
                out.append(_Element("pair", b.x, f"{b.native}…{r.native}", b.offset))
        elif kind == "it":
            out.append(_Element(f"it-{r.pos or '?'}", r.x, r.native, r.offset))
        elif kind in ("ph", "ut"):
            out.append(_Element(kind, r.x, r.native, r.offset))
        # hi begin/end are highlight boundaries the reader adds in pairs, not codes.
    out.extend(_Element("pair", b.x, b.native, b.offset, b) for b in open_bpts.values())
    return out


_LABEL = {"pair": "bpt/ept pair", "it-begin": "it (begin)", "it-end": "it (end)"}


def _describe(e: _Element) -> str:
    label = _LABEL.get(e.cls, e.cls)
    x = f' x="{e.x}"' if e.x is not None else ""
    native = " ".join(e.native.split())
    if len(native) > 40:
        native = native[:39] + "…"
    return f"<{label}{x}>" + (f" ({native})" if native else "")


def _match(
    src: list[_Element], tgt: list[_Element]
) -> tuple[list[_Element], list[_Element], list[tuple[_Element, _Element]]]:
    """Pair source and target elements: same class and x, then same native, then same class.

    Returns the unmatched source elements, the unmatched target elements, and the matched
    pairs whose x attributes differ.
    """
    src = list(src)
    tgt = list(tgt)
    renumbered: list[tuple[_Element, _Element]] = []
    passes = (
        lambda s, t: s.x is not None and s.x == t.x,
        lambda s, t: s.native == t.native,
        lambda s, t: True,
    )
    for same in passes:
        if not src or not tgt:
            break
        remaining: list[_Element] = []
        for s in src:
            hit = next((k for k, t in enumerate(tgt) if t.cls == s.cls and same(s, t)), -1)
            if hit < 0:
                remaining.append(s)
                continue
            t = tgt.pop(hit)
            if s.x is not None and t.x is not None and s.x != t.x:
                renumbered.append((s, t))
        src = remaining
    return src, tgt, renumbered


def _unpaired_key(c: InlineCode) -> tuple[str, str | None]:
    return (c.kind, c.x if c.x is not None else c.i)


@rule("M101", "tag-mismatch", Severity.ERROR, needs="codes")
def tag_mismatch(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The target's inline codes (bpt/ept, ph, it, ut) differ from the source's.

    Reported: a code of the source missing from the target, an extra code in the target,
    a `bpt` without its `ept` (or the reverse) in the target, and a code whose `x`
    attribute (the link TMX uses to match codes across languages) differs from its
    counterpart's. Codes are matched by kind and `x`, then by native content, then by kind
    alone, so moving codes around is not reported: word order changes between languages.
    Native content may differ (a localised `href`) as long as the codes match. An unpaired
    `bpt` that the source has too is not reported: the segment was split inside a
    formatting run. `hi` highlight boundaries are not compared.
    A missing code is located on the whole target; an extra or unpaired code at its offset.

    ## Why is this bad?
    Inline codes carry formatting, links and non-translatable objects. A missing code loses
    them when the document is rebuilt; an unpaired `bpt`/`ept` makes the rebuilt file
    invalid or spreads bold over the rest of the paragraph.

    ## Example
    source: `Cliquez sur <bpt i="1" x="1">&lt;b&gt;</bpt>Enregistrer<ept i="1">&lt;/b&gt;</ept>.`
    target: `Click <bpt i="1" x="1">&lt;b&gt;</bpt>Save.`
    Use instead: `Click <bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.`
    """
    target = unit.target
    if target is None or not (unit.source.has_codes or target.has_codes):
        return
    src = _elements(unit.source)
    tgt = _elements(target)
    src_unpaired = Counter(_unpaired_key(e.unpaired) for e in src if e.unpaired is not None)
    for e in tgt:
        c = e.unpaired
        if c is None:
            continue
        key = _unpaired_key(c)
        if src_unpaired[key]:
            src_unpaired[key] -= 1
            continue
        other = "ept" if c.kind == "bpt" else "bpt"
        yield Problem(
            "target",
            (c.offset, c.offset),
            f'<{c.kind} i="{c.i}"> has no matching <{other}> in the target',
        )
    if Counter((e.cls, e.x) for e in src) == Counter((e.cls, e.x) for e in tgt):
        return  # the same codes, perhaps moved: the usual case
    missing, extra, renumbered = _match(src, tgt)
    whole = (0, len(target.plain))
    for e in missing:
        yield Problem("target", whole, f"target lacks the {_describe(e)} the source has")
    for e in extra:
        if e.unpaired is None:
            yield Problem("target", (e.offset, e.offset), f"extra {_describe(e)} not in the source")
    for s, t in renumbered:
        yield Problem(
            "target",
            (t.offset, t.offset),
            f'{_describe(t)} has x="{t.x}" but its source counterpart has x="{s.x}"',
        )


@rule("M102", "placeholder-mismatch", Severity.ERROR)
def placeholder_mismatch(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """The target's placeholders (run-time variables) differ from the source's, as multisets.

    Recognised: printf `%s %d %5.2f %1$s %lld %@` and Python `%(name)s`; Qt/Windows `%1`;
    Ruby `%{name}`; `${name}`; `{{name}}` (Jinja, Handlebars); `{0}`, `{name}`, `{0:N2}`,
    `{0,10}` and the argument of an ICU `{count, plural, ...}`. `%%` is a literal percent
    sign. Not placeholders: `100 %` or `50 % de` (French spacing), `20%off`, `%20` inside a
    URL, LaTeX `\\emph{mot}`. Order does not matter. printf flags, width, precision and
    position are not compared (`%s ... %s` may become `%2$s ... %1$s`), nor the format part
    of `{0:N2}`, which may be localised. Text inside inline codes is not read.
    A missing placeholder is located on the whole target; an extra one at its position.

    ## Why is this bad?
    A dropped placeholder loses a value at run time ("Deleted files" instead of "Deleted 3
    files"); an extra or misspelt one crashes the formatter or prints garbage.

    ## Example
    source: `%d fichiers supprimés dans {folder}.`
    target: `Deleted %d files from {dossier}.`
    Use instead: `Deleted %d files from {folder}.`
    """
    if unit.target is None:
        return
    src = scanned(unit, "source", ctx).placeholders
    tgt = scanned(unit, "target", ctx).placeholders
    if not src and not tgt:
        return
    if len(src) == len(tgt) and sorted(t.key for t in src) == sorted(t.key for t in tgt):
        return  # the same multiset, without building two Counters (the usual case)
    want = Counter(t.key for t in src)
    have = Counter(t.key for t in tgt)
    if want == have:
        return
    whole = (0, len(unit.target.plain))
    for key, n in sorted(want.items()):
        if n > have[key]:
            times = f" ({n - have[key]} of {n})" if n > 1 else ""
            yield Problem("target", whole, f"placeholder {key} of the source is missing{times}")
    seen: Counter[str] = Counter()
    for t in tgt:
        seen[t.key] += 1
        if seen[t.key] > want[t.key]:
            yield Problem("target", (t.start, t.end), f"placeholder {t.text} is not in the source")


def _pairs(value: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(value, (list, tuple)):
        for item in value:
            if (
                isinstance(item, (list, tuple))
                and len(item) == 2
                and all(isinstance(s, str) and s for s in item)
            ):
                out.append((item[0], item[1]))
    return out


def _localised(key: str, pairs: Sequence[tuple[str, str]]) -> set[str]:
    """Every variant of a URL key with any combination of the localized pairs applied."""
    variants = {key}
    for src, tgt in pairs:
        variants |= {v.replace(src, tgt) for v in variants if src in v}
    return variants


@rule("M103", "url-mismatch", Severity.ERROR, options={"localized-pairs": []})
def url_mismatch(unit: Unit, ctx: Context) -> Iterator[Problem]:
    """A URL or e-mail address of the source is missing from the target.

    URLs start with a scheme (`https://`, `ftp://`...) or `www.`; a final `.`, `,`, `:`,
    `)` or `»` belongs to the sentence, not to the URL. URLs are compared without their
    `http`/`https` scheme, with the host in lower case and without a trailing slash;
    e-mail addresses in lower case. Extra URLs in the target are not reported.
    Option `localized-pairs` (default `[]`): a list of `[source_fragment, target_fragment]`
    pairs for sites localised per language, e.g. `[["/fr/", "/en/"], [".fr", ".com"]]`:
    a source URL is also satisfied by a target URL equal to it after replacing source
    fragments with their target fragments (any combination of the pairs). Hosts are
    compared in lower case, so write host fragments in lower case. In `tmqa.toml`:
    `[rules.M103]` then `localized-pairs = [["/fr/", "/en/"], [".fr", ".com"]]`
    (`[tool.tmqa.rules.M103]` in `pyproject.toml`). Located on the whole target.

    ## Why is this bad?
    A link or contact address that is lost, mistyped or "translated" in the target sends
    readers nowhere, or to the wrong place.

    ## Example
    source: `Écrivez à support@example.com ou voyez https://example.com/aide.`
    target: `Write to support@exemple.com or see https://example.com/aide.`
    Use instead: `Write to support@example.com or see https://example.com/aide.`
    """
    if unit.target is None:
        return
    src = scanned(unit, "source", ctx).urls
    if not src:
        return
    have = {t.key for t in scanned(unit, "target", ctx).urls}
    pairs = _pairs(ctx.option("M103", "localized-pairs", []))
    reported: set[str] = set()
    whole = (0, len(unit.target.plain))
    for t in src:
        if t.key in have or t.key in reported:
            continue
        if pairs and _localised(t.key, pairs) & have:
            continue
        reported.add(t.key)
        yield Problem("target", whole, f"{_what(t)} {t.text} of the source is missing", t.text)


def _what(t: Token) -> str:
    return "e-mail address" if t.kind == EMAIL else "URL"
