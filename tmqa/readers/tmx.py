"""Streaming TMX 1.1-1.4b reader: one immutable ``Unit`` per ``<tu>``, constant memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree

from tmqa.errors import InputError
from tmqa.langtags import canonical, matches
from tmqa.model import InlineCode, Text, Unit, make_inline_code, make_text, make_unit
from tmqa.readers.xmlsafe import (
    MOJIBAKE_SAMPLE,
    XML_LANG,
    check_doctype,
    iterparse,
    looks_like_mojibake,
    open_xml,
    syntax_error,
)

CODE_KINDS = frozenset({"bpt", "ept", "it", "ph", "ut"})
# The children of <tu> the reader uses; a plain (un-namespaced) tag in this set is its own
# local name, so only other tags go through _local().
_TU_CHILDREN = frozenset({"tuv", "prop", "note"})
HEADER_REQUIRED = (
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
)


_LOCAL_NAMES: dict[Any, str] = {}


def _local(tag: Any) -> str:
    """Local name of an element tag (namespaced TMX files exist); '' for comments and PIs."""
    try:
        return _LOCAL_NAMES[tag]
    except KeyError:
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < 256:
            _LOCAL_NAMES[tag] = name
        return name


@lru_cache(maxsize=512)
def _canonical(lang: str) -> str:
    return canonical(lang) if lang else ""


@dataclass(slots=True)
class _Variant:
    lang: str
    text: Text
    line: int


@dataclass
class TmxFile:
    """What the reader learned about a file besides its units (filled while streaming)."""

    path: str
    version: str = ""
    header: dict[str, str] = field(default_factory=dict)
    has_header: bool = False
    units: int = 0
    target_lang: str | None = None
    declared_encoding: str | None = None
    mojibake: bool = False

    @property
    def missing_header_attributes(self) -> list[str]:
        return [a for a in HEADER_REQUIRED if not self.header.get(a)]


# A distinct empty Text, so that a <tuv> without <seg> can be told from an empty <seg>.
_NO_SEG = Text("", ())
_MAX_PLANS = 256


class _TextBuilder:
    """Flatten a ``<seg>`` into plain text plus runs; inline codes are not text."""

    __slots__ = ("length", "parts", "path", "runs")

    def __init__(self, path: str) -> None:
        self.path = path
        self.parts: list[str] = []
        self.runs: list[str | InlineCode] = []
        self.length = 0

    def code(self, el: Any, kind: str, pos: str | None = None) -> None:
        if kind not in CODE_KINDS:
            native = ""  # <hi> boundaries carry no native code
        elif len(el):
            native = "".join(_native_text(el))
        else:
            native = el.text or ""  # what _native_text() gives without children, cheaper
        self.runs.append(
            make_inline_code(  # InlineCode(kind, offset, i, x, pos, type, native)
                kind,
                self.length,
                el.get("i"),
                el.get("x"),
                pos if pos is not None else el.get("pos"),
                el.get("type"),
                native,
            )
        )

    def walk(self, el: Any) -> None:
        # Runs once per element inside a <seg>: the text appends are inlined, not a method.
        parts = self.parts
        runs = self.runs
        text = el.text
        if text:
            parts.append(text)
            runs.append(text)
            self.length += len(text)
        for child in el:
            tag = child.tag
            if tag is etree.Entity:
                raise InputError(
                    self.path,
                    f"entities are not allowed (reference {child.text} in <seg>)",
                    child.sourceline or el.sourceline,
                )
            if tag is etree.Comment or tag is etree.PI:
                pass  # not text, but their tail is
            else:
                kind = _local(tag) if tag[0] == "{" else tag
                if kind in CODE_KINDS:
                    self.code(child, kind)
                elif kind == "hi":
                    self.code(child, "hi", "begin")
                    self.walk(child)
                    self.code(child, "hi", "end")
                elif kind == "sub":
                    # A <sub> directly in <seg> is invalid TMX; keep its text rather than lose it.
                    self.walk(child)
                else:
                    self.walk(child)
            text = child.tail
            if text:
                parts.append(text)
                runs.append(text)
                self.length += len(text)

    def build(self) -> Text:
        return make_text("".join(self.parts), tuple(self.runs))


def _native_text(el: Any) -> Iterator[str]:
    """The native code inside bpt/ept/it/ph/ut, including the text of nested <sub>."""
    if el.text:
        yield el.text
    for child in el:
        if child.tag is etree.Entity:
            yield child.text or ""
        elif isinstance(child.tag, str):
            yield from _native_text(child)
        if child.tail:
            yield child.tail


class TmxReader:
    """Iterate the units of one TMX file for a source/target language pair.

    Source: ``source_lang`` (prefix match), else the unit's ``srclang``, else the header's.
    Target: ``target_lang`` (prefix match), else the first other language the file uses.
    """

    def __init__(
        self,
        path: str,
        source_lang: str | None = None,
        target_lang: str | None = None,
        *,
        allow_huge: bool = False,
    ) -> None:
        self.path = path
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.allow_huge = allow_huge
        self.info = TmxFile(path)
        # Which of two variants is the source, by (first lang, second lang, tu srclang), for
        # units that raised no anomaly: the common case then skips the language resolution.
        self._plans: dict[tuple[str, str, str | None], int] = {}

    def __iter__(self) -> Iterator[Unit]:
        fh, declared = open_xml(self.path)
        with fh:
            self.info.declared_encoding = declared
            if declared is not None:
                self.info.mojibake = looks_like_mojibake(declared, fh.read(MOJIBAKE_SAMPLE))
                fh.seek(0)
            try:
                yield from self._stream(fh)
            except (etree.XMLSyntaxError, OSError) as exc:
                raise syntax_error(self.path, exc) from None
            except UnicodeDecodeError as exc:
                raise InputError(self.path, f"undecodable text: {exc.reason}") from None

    def _stream(self, fh: Any) -> Iterator[Unit]:
        path = self.path
        info = self.info
        index = 0
        checked_root = False
        # Only <header> and <tu> reach Python: per-element events would cost a third of the time.
        events = iterparse(
            fh, allow_huge=self.allow_huge, events=("end",), tag=("{*}tu", "{*}header")
        )
        for _event, el in events:
            if not checked_root:
                checked_root = True
                self._check_root(el.getroottree().getroot())
            tag = el.tag
            if tag == "tu" or _local(tag) == "tu":
                index += 1
                info.units = index
                yield self._unit(el, index)
                el.clear(keep_tail=False)
                # Drop already-processed siblings so the tree does not grow with the file.
                parent = el.getparent()
                if parent is not None:
                    while el.getprevious() is not None:
                        del parent[0]
            else:
                info.has_header = True
                info.header = {k: v for k, v in el.attrib.items() if isinstance(k, str)}
        if not checked_root:
            root = getattr(events, "root", None)
            if root is None:
                raise InputError(path, "not a TMX file (no root element)", 1)
            self._check_root(root)

    def _check_root(self, root: Any) -> None:
        check_doctype(self.path, root)
        if _local(root.tag) != "tmx":
            raise InputError(
                self.path,
                f"root element is <{_local(root.tag) or root.tag}>, not <tmx>: not a TMX file",
                root.sourceline,
            )
        self.info.version = root.get("version", "")

    def _variants(self, tu: Any) -> tuple[list[_Variant], list[tuple[str, str]], list[str]]:
        variants: list[_Variant] = []
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        for child in tu:
            tag = child.tag
            name = tag if tag in _TU_CHILDREN else _local(tag)
            if name == "tuv":
                lang = child.get(XML_LANG) or child.get("lang") or ""
                variants.append(_Variant(_canonical(lang), self._tuv_text(child), child.sourceline))
            elif name == "prop":
                props.append((child.get("type", ""), child.text or ""))
            elif name == "note":
                notes.append(child.text or "")
        return variants, props, notes

    def _tuv_text(self, tuv: Any) -> Text:
        """The text of the first <seg> of a <tuv>; ``_NO_SEG`` when it has none."""
        # The <seg> is nearly always the first child: index it rather than start an iterator.
        first = tuv[0] if len(tuv) else None
        if first is not None and _local(first.tag) == "seg":
            return self._seg_text(first)
        for sub in tuv:
            if _local(sub.tag) == "seg":
                return self._seg_text(sub)
        return _NO_SEG

    def _seg_text(self, seg: Any) -> Text:
        if len(seg) == 0:
            plain = seg.text or ""
            return make_text(plain, (plain,) if plain else ())
        builder = _TextBuilder(self.path)
        builder.walk(seg)
        return builder.build()

    def _file_anomalies(self) -> list[tuple[str, str]]:
        """Facts about the whole file, recorded on its first unit (rules see units only)."""
        info = self.info
        found: list[tuple[str, str]] = []
        if not info.has_header:
            found.append(("missing-header", ""))
        elif info.missing_header_attributes:
            found.append(("header-attributes", ", ".join(info.missing_header_attributes)))
        if not info.version:
            found.append(("missing-version", ""))
        if info.mojibake:
            found.append(("mojibake", info.declared_encoding or "?"))
        return found

    def _unit(self, tu: Any, index: int) -> Unit:
        plans = self._plans
        # Fast path for the usual shape, two plain <tuv> each starting with a plain <seg>: the
        # same reading as _variants() without its child iterators (an lxml iterator costs more
        # than two index lookups) or _Variant records. ``plans`` stays empty until unit 1 has
        # been resolved, so this is never unit 1 (whose file anomalies need _resolve).
        if plans and len(tu) == 2:
            tuv_a = tu[0]
            tuv_b = tu[1]
            if tuv_a.tag == "tuv" and tuv_b.tag == "tuv" and len(tuv_a) and len(tuv_b):
                seg_a = tuv_a[0]
                seg_b = tuv_b[0]
                if seg_a.tag == "seg" and seg_b.tag == "seg":
                    text_a = self._seg_text(seg_a)
                    text_b = self._seg_text(seg_b)
                    lang_a = _canonical(tuv_a.get(XML_LANG) or tuv_a.get("lang") or "")
                    lang_b = _canonical(tuv_b.get(XML_LANG) or tuv_b.get("lang") or "")
                    plan = plans.get((lang_a, lang_b, tu.get("srclang")))
                    if plan is not None:
                        if plan != 0:  # the second <tuv> is the source
                            lang_a, lang_b, text_a, text_b = lang_b, lang_a, text_b, text_a
                        return self._planned(tu, index, lang_a, lang_b, text_a, text_b)
                    pair = [
                        _Variant(lang_a, text_a, tuv_a.sourceline),
                        _Variant(lang_b, text_b, tuv_b.sourceline),
                    ]
                    return self._resolve_and_plan(tu, index, pair, [], [])
        variants, props, notes = self._variants(tu)
        if len(variants) == 2 and index > 1:
            first, second = variants
            plan = plans.get((first.lang, second.lang, tu.get("srclang")))
            if plan is not None and first.text is not _NO_SEG and second.text is not _NO_SEG:
                source, target = (first, second) if plan == 0 else (second, first)
                return self._planned(
                    tu, index, source.lang, target.lang, source.text, target.text,
                    tuple(props), tuple(notes),
                )
        return self._resolve_and_plan(tu, index, variants, props, notes)

    def _planned(
        self,
        tu: Any,
        index: int,
        source_lang: str,
        target_lang: str,
        source: Text,
        target: Text,
        props: tuple[tuple[str, str], ...] = (),
        notes: tuple[str, ...] = (),
    ) -> Unit:
        """The unit of a <tu> whose source and target a plan settled: no anomaly to record."""
        return make_unit(
            self.path,
            tu.get("tuid") or str(index),
            tu.sourceline or 0,
            index,
            source_lang,
            target_lang,
            source,
            target,
            props,
            notes,
        )

    def _resolve_and_plan(
        self,
        tu: Any,
        index: int,
        variants: list[_Variant],
        props: list[tuple[str, str]],
        notes: list[str],
    ) -> Unit:
        unit = self._resolve(tu, index, variants, props, notes)
        if not unit.anomalies and len(variants) == 2 and len(self._plans) < _MAX_PLANS:
            first = variants[0]
            self._plans[(first.lang, variants[1].lang, tu.get("srclang"))] = (
                0 if unit.source is first.text and unit.source_lang == first.lang else 1
            )
        return unit

    def _resolve(
        self,
        tu: Any,
        index: int,
        variants: list[_Variant],
        props: list[tuple[str, str]],
        notes: list[str],
    ) -> Unit:
        anomalies: list[tuple[str, str]] = []
        if index == 1:
            anomalies.extend(self._file_anomalies())
        for v in variants:
            if not v.lang:
                anomalies.append(("tuv-without-lang", f"line {v.line}"))
            if v.text is _NO_SEG:
                anomalies.append(("tuv-without-seg", f"{v.lang or '?'} at line {v.line}"))
        src_wanted = self.source_lang
        if src_wanted is None:
            tu_src = tu.get("srclang")
            header_src = self.info.header.get("srclang")
            for cand in (tu_src, header_src):
                if cand and cand != "*all*":
                    src_wanted = cand
                    break
        source = None
        if src_wanted is not None:
            source = next((v for v in variants if v.lang and matches(v.lang, src_wanted)), None)
        elif variants:
            source = variants[0]  # srclang="*all*": any variant may be the source
        if source is None:
            anomalies.append(("no-source", src_wanted or "?"))
        others = [v for v in variants if v is not source and v.lang]
        target_wanted = self.target_lang or self.info.target_lang
        if target_wanted is None and others:
            # The first other language of the file becomes its target; pass --target-lang
            # for memories with more than two languages.
            src_primary = source.lang.split("-")[0] if source else None
            cand = next((v for v in others if v.lang.split("-")[0] != src_primary), others[0])
            self.info.target_lang = target_wanted = cand.lang
        targets = [v for v in others if matches(v.lang, target_wanted)] if target_wanted else []
        if len(variants) == 1:
            anomalies.append(("single-tuv", variants[0].lang))
        if not targets:
            anomalies.append(("no-target", target_wanted or "?"))
        elif len(targets) > 1:
            anomalies.append(
                (
                    "duplicate-target",
                    f"{len(targets)} variants in {targets[0].lang}; "
                    f"checked the first (line {targets[0].line})",
                )
            )
        if source is not None:
            dup_src = [v for v in variants if v is not source and v.lang == source.lang]
            if dup_src:
                anomalies.append(
                    (
                        "duplicate-source",
                        f"{len(dup_src) + 1} variants in {source.lang}; "
                        f"checked the first (line {source.line})",
                    )
                )
        target = targets[0] if targets else None
        tuid = tu.get("tuid") or str(index)
        return Unit(
            file=self.path,
            tuid=tuid,
            line=tu.sourceline or 0,
            index=index,
            source_lang=source.lang if source else (canonical(src_wanted) if src_wanted else ""),
            target_lang=target.lang
            if target
            else (canonical(target_wanted) if target_wanted else ""),
            source=source.text if source else Text(""),
            target=target.text if target else None,
            props=tuple(props),
            notes=tuple(notes),
            anomalies=tuple(anomalies),
        )


def read_tmx(
    path: str, source_lang: str | None = None, target_lang: str | None = None
) -> list[Unit]:
    """Read a whole (small) TMX file into a list: for tests and scoring, not for checking."""
    return list(TmxReader(path, source_lang, target_lang))
