"""Reading references and candidates (TMX or one segment per line) and aligning them by unit."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tmqa.errors import InputError
from tmqa.readers.tmx import read_tmx

_XML_START = (b"<?xml", b"<tmx")
# XML whitespace only: NBSP and NNBSP are French typography, not layout, and must survive.
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_ALLOW_HINT = "(--allow-missing scores what is missing as empty and goes on)"


@dataclass(frozen=True, slots=True)
class Seg:
    """One segment as read: a TMX unit (tuid, source, target) or one line of a text file."""

    id: str  # the unit's tuid, or the 1-based line number of a text file
    line: int
    source: str | None
    text: str | None  # None: the unit has no variant in the target language


@dataclass(frozen=True, slots=True)
class Segments:
    """The segments of one file and what was learned reading it."""

    path: str
    is_tmx: bool
    segs: list[Seg]
    source_lang: str | None = None
    target_lang: str | None = None


@dataclass
class Alignment:
    """How one file's segments map onto the reference units (``None``: nothing for that unit)."""

    path: str
    texts: list[str | None]
    method: str  # "line" or "tuid/source"
    by_tuid: int = 0
    by_source: int = 0
    missing: list[str] = field(default_factory=list)  # ids of reference units left without text
    extra: int = 0  # lines or units that matched no reference unit


@dataclass
class ReferenceSet:
    """The test set: unit ids, sources (when known) and one text stream per reference."""

    paths: tuple[str, ...]
    ids: list[str]
    lines: list[int]
    sources: list[str] | None
    streams: list[list[str | None]]
    source_path: str | None
    source_lang: str | None
    target_lang: str | None
    is_tmx: bool
    alignments: list[Alignment] = field(default_factory=list)

    @property
    def scored(self) -> list[int]:
        """Indices of the units that have at least one reference: the units scored."""
        return [i for i in range(len(self.ids)) if any(s[i] is not None for s in self.streams)]

    @property
    def unscored(self) -> list[str]:
        scored = set(self.scored)
        return [uid for i, uid in enumerate(self.ids) if i not in scored]

    def refs_at(self, i: int) -> list[str]:
        return [t for s in self.streams if (t := s[i]) is not None]


@dataclass
class Candidate:
    """One system's output aligned to the reference units."""

    name: str
    path: str
    alignment: Alignment

    @property
    def texts(self) -> list[str | None]:
        return self.alignment.texts


def _xml_text(s: str) -> str:
    return _XML_SPACE.sub(" ", s).strip()


def source_key(s: str | None) -> str:
    """What "identical source text" compares: NFC, XML whitespace collapsed."""
    return unicodedata.normalize("NFC", _xml_text(s or ""))


def looks_like_tmx(path: str) -> bool:
    if path.lower().endswith(".tmx"):
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(256)
    except OSError:
        return False  # the text reader reports it with the reason
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(_XML_START)


def read_lines(path: str) -> list[str]:
    """A text file's lines as sacrebleu's command line reads them: split on LF, right-stripped."""
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    data = data.removeprefix(codecs.BOM_UTF8)
    raw = data.split(b"\n")
    if raw and raw[-1] == b"":
        raw.pop()  # the final newline ends the last line; it does not start another
    lines: list[str] = []
    for n, b in enumerate(raw, 1):
        try:
            lines.append(b.decode("utf-8").rstrip())
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not UTF-8 text ({exc.reason})", n) from None
    return lines


def read_segments(
    path: str, source_lang: str | None = None, target_lang: str | None = None
) -> Segments:
    """Read a TMX (target side = the text, source side = the source) or a text file."""
    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if looks_like_tmx(path):
        units = read_tmx(path, source_lang, target_lang)
        segs = [
            Seg(
                u.tuid,
                u.line,
                _xml_text(u.source.plain),
                None if u.target is None else _xml_text(u.target.plain),
            )
            for u in units
        ]
        src = next((u.source_lang for u in units if u.source_lang), None)
        tgt = next((u.target_lang for u in units if u.target is not None), None)
        return Segments(path, True, segs, src or source_lang, tgt or target_lang)
    segs = [Seg(str(n), n, None, t) for n, t in enumerate(read_lines(path), 1)]
    return Segments(path, False, segs, source_lang, target_lang)


def _by_line(base_ids: Sequence[str], other: Segments, allow_missing: bool, what: str) -> Alignment:
    n, m = len(other.segs), len(base_ids)
    if n != m and not allow_missing:
        raise InputError(
            other.path,
            f"{n} lines, but the reference has {m} {what}; one line per reference unit is "
            f"expected {_ALLOW_HINT}",
            m + 1 if n > m else None,
        )
    texts: list[str | None] = [s.text for s in other.segs[:m]]
    texts += [None] * (m - len(texts))
    return Alignment(other.path, texts, "line", missing=list(base_ids[n:]), extra=max(0, n - m))


def _conflict(a: str | None, b: str | None) -> bool:
    return bool(a and b) and source_key(a) != source_key(b)


def _by_unit(
    base: Sequence[Seg], other: Segments, allow_missing: bool, lang: str | None
) -> Alignment:
    by_tuid: dict[str, int] = {}
    by_source: dict[str, list[int]] = {}
    for k, s in enumerate(base):
        by_tuid.setdefault(s.id, k)
        if s.source:
            by_source.setdefault(source_key(s.source), []).append(k)
    slots: list[Seg | None] = [None] * len(base)
    result = Alignment(other.path, [], "tuid/source")

    def free_by_source(seg: Seg) -> int | None:
        if not seg.source:
            return None
        # Repeated sources take the reference units in order: their references are the same.
        free = (k for k in by_source.get(source_key(seg.source), ()) if slots[k] is None)
        return next(free, None)

    for seg in other.segs:
        i: int | None = by_tuid.get(seg.id)
        via_tuid = i is not None
        if i is not None and (slots[i] is not None or _conflict(base[i].source, seg.source)):
            # The tuid names another sentence: positional ids (no tuid attribute) or a
            # renumbered memory. The sentence itself is the better key when it is found.
            j = free_by_source(seg)
            if j is not None:
                i, via_tuid = j, False
            elif slots[i] is not None:
                i = None
        elif i is None:
            i = free_by_source(seg)
        if i is None:
            if not allow_missing:
                raise InputError(
                    other.path,
                    f"unit {seg.id} cannot be aligned to the reference: no reference unit left "
                    f"with its tuid or its source text {_ALLOW_HINT}",
                    seg.line,
                )
            result.extra += 1
            continue
        if seg.text is None and not allow_missing:
            raise InputError(
                other.path,
                f"unit {seg.id} has no {lang or 'target'} variant {_ALLOW_HINT}",
                seg.line,
            )
        slots[i] = seg
        if via_tuid:
            result.by_tuid += 1
        else:
            result.by_source += 1
    result.texts = [s.text if s is not None else None for s in slots]
    result.missing = [base[i].id for i, t in enumerate(result.texts) if t is None]
    if result.missing and not allow_missing:
        first = result.missing[0]
        raise InputError(
            other.path,
            f"{len(result.missing)} of {len(base)} reference units have no segment in this "
            f"file (first: unit {first}) {_ALLOW_HINT}",
        )
    return result


def align(
    base: Sequence[Seg], other: Segments, allow_missing: bool, what: str = "units"
) -> Alignment:
    """Align ``other`` to the reference units: a TMX by tuid, else by identical source text;
    a text file line by line."""
    if other.is_tmx:
        return _by_unit(base, other, allow_missing, other.target_lang)
    return _by_line([s.id for s in base], other, allow_missing, what)


def load_references(
    paths: Sequence[str],
    *,
    src: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    allow_missing: bool = False,
) -> ReferenceSet:
    """Read the references; the first one fixes the units, their order and (if TMX) the source."""
    if not paths:
        raise InputError(None, "score: no reference given (--ref)")
    first = read_segments(paths[0], source_lang, target_lang)
    if not first.segs:
        raise InputError(first.path, "the reference has no segment")
    if src is not None and first.is_tmx:
        raise InputError(src, "--src is for text references; a TMX reference carries its source")
    base = first.segs
    sources: list[str] | None = None
    source_path: str | None = None
    if first.is_tmx:
        sources = [s.source or "" for s in base]
        source_path = first.path
    elif src is not None:
        src_segs = read_segments(src)
        if src_segs.is_tmx:
            raise InputError(src, "--src takes a text file, one source segment per line")
        if len(src_segs.segs) != len(base):
            raise InputError(
                src,
                f"{len(src_segs.segs)} lines, but the reference {first.path} has {len(base)}",
                len(base) + 1 if len(src_segs.segs) > len(base) else None,
            )
        sources = [s.text or "" for s in src_segs.segs]
        source_path = src
        base = [Seg(s.id, s.line, sources[i], s.text) for i, s in enumerate(base)]
    ref = ReferenceSet(
        paths=tuple(paths),
        ids=[s.id for s in base],
        lines=[s.line for s in base],
        sources=sources,
        streams=[[s.text for s in base]],
        source_path=source_path,
        source_lang=first.source_lang,
        target_lang=first.target_lang,
        is_tmx=first.is_tmx,
    )
    no_target = [s for s in base if s.text is None]
    if no_target and not allow_missing:
        s = no_target[0]
        raise InputError(
            first.path,
            f"unit {s.id} has no {first.target_lang or 'target'} variant to serve as reference "
            f"{_ALLOW_HINT}",
            s.line,
        )
    for path in paths[1:]:
        other = read_segments(path, ref.source_lang, ref.target_lang)
        al = align(base, other, allow_missing, "units")
        ref.alignments.append(al)
        ref.streams.append(al.texts)
    return ref


def parse_hyp_arg(value: str) -> tuple[str, str]:
    """``NAME=PATH`` or ``PATH`` (named by the file's stem)."""
    name, sep, path = value.partition("=")
    # A file whose name holds "=" is still a file; a name is never a path.
    named = sep and name and path and "/" not in name and os.sep not in name
    if named and not os.path.exists(value):
        return name, path
    return Path(value).stem or value, value


def load_candidate(name: str, path: str, ref: ReferenceSet, allow_missing: bool) -> Candidate:
    seg = read_segments(path, ref.source_lang, ref.target_lang)
    base = [
        Seg(uid, line, ref.sources[i] if ref.sources else None, None)
        for i, (uid, line) in enumerate(zip(ref.ids, ref.lines, strict=True))
    ]
    return Candidate(name, path, align(base, seg, allow_missing))
