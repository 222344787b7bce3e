"""The immutable records that flow through tmqa: units, inline codes, glossary terms, findings."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, make_dataclass
from operator import attrgetter
from typing import Any, Literal, TypeVar

Side = Literal["source", "target"]
_R = TypeVar("_R")


def fast_construction(cls: type[_R], name: str) -> Callable[..., _R]:
    """A cheaper ``cls(*args)`` for a frozen slots dataclass, to be bound to ``name`` in the
    module that defines ``cls``;
    ``cls`` then pickles as ``name(*fields)`` too.

    A frozen dataclass's ``__init__`` stores each field through ``object.__setattr__``
    (about 0.1 µs a field). This builds the fields on an unfrozen twin with the same slots,
    whose ``__init__`` stores them directly, then makes the object a ``cls`` by ``__class__``
    assignment, which CPython allows only when both classes have the very same slots. The
    result is an ordinary ``cls`` instance, frozen, equal, hashable and picklable exactly as
    if ``cls(*args)`` had built it. The TMX reader builds every unit this way, the number
    reader every number, and ``--jobs``
    pickles units and findings between processes: by fields, half the cost of the default
    protocol, and rebuilt by this constructor.
    """
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}.__post_init__ would be skipped")
    spec: list[tuple[str, Any, Any]] = [
        (f.name, f.type, field(default=f.default, default_factory=f.default_factory))
        for f in fields(cls)  # type: ignore[arg-type]
    ]
    twin = make_dataclass(f"_{cls.__name__}Fields", spec, slots=True, eq=False, repr=False)

    def construct(*args: Any) -> _R:
        obj = twin(*args)
        obj.__class__ = cls
        return obj  # type: ignore[no-any-return]

    # pickle finds a function by its module and qualified name.
    construct.__name__ = construct.__qualname__ = name
    construct.__module__ = cls.__module__
    get = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: Any) -> tuple[Callable[..., _R], tuple[Any, ...]]:
        return construct, get(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return construct


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``>=`` compares against ``--fail-on``."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (expected error, warning or info)"
            ) from None


@dataclass(frozen=True, slots=True)
class InlineCode:
    """One TMX inline element (``bpt ept it ph ut`` or a ``hi``/``sub`` boundary).

    ``offset`` is where the code sits in the plain text of its side. ``native`` is the
    escaped native code the element carries (``<b>``): never translatable text.
    ``hi`` is recorded as two codes, ``pos="begin"`` and ``pos="end"``, around its text.
    """

    kind: str
    offset: int
    i: str | None = None
    x: str | None = None
    pos: str | None = None
    type: str | None = None
    native: str = ""


@dataclass(frozen=True, slots=True)
class Text:
    """One side of a unit: the plain translatable text and the runs it was built from."""

    plain: str
    runs: tuple[str | InlineCode, ...] = ()

    @property
    def codes(self) -> tuple[InlineCode, ...]:
        return tuple(r for r in self.runs if isinstance(r, InlineCode))

    @property
    def has_text(self) -> bool:
        return bool(self.plain.strip())

    @property
    def has_codes(self) -> bool:
        """An inline code is among the runs (a plain side is one string run, or none)."""
        runs = self.runs
        return len(runs) > 1 or (len(runs) == 1 and not isinstance(runs[0], str))


EMPTY_TEXT = Text("", ())
# Same as InlineCode(...) / Text(...), about 2-3x cheaper: see fast_construction.
make_inline_code = fast_construction(InlineCode, "make_inline_code")
make_text = fast_construction(Text, "make_text")


@dataclass(frozen=True, slots=True)
class Unit:
    """One translation unit (``<tu>``) reduced to the source/target pair being checked.

    ``anomalies`` records structural facts the reader noticed (``no-target``,
    ``duplicate-target``...) as ``(kind, detail)`` pairs; structure rules report them.
    ``target`` is ``None`` when the unit has no variant in the target language.
    """

    file: str
    tuid: str
    line: int
    index: int
    source_lang: str
    target_lang: str
    source: Text
    target: Text | None
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    anomalies: tuple[tuple[str, str], ...] = ()

    def text(self, side: Side) -> Text:
        if side == "source":
            return self.source
        return self.target if self.target is not None else EMPTY_TEXT

    def lang(self, side: Side) -> str:
        return self.source_lang if side == "source" else self.target_lang

    def prop_values(self, prop_type: str) -> Iterator[str]:
        return (value for key, value in self.props if key == prop_type)


# Same as Unit(...), about 3x cheaper: see fast_construction.
make_unit = fast_construction(Unit, "make_unit")


class TermStatus(enum.Enum):
    """Administrative status of a term, normalised from TBX/CSV vocabularies."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    FORBIDDEN = "forbidden"


@dataclass(frozen=True, slots=True)
class Term:
    """One term in one language, with where it was defined."""

    text: str
    lang: str
    status: TermStatus = TermStatus.PREFERRED
    line: int = 0


@dataclass(frozen=True, slots=True)
class TermEntry:
    """One concept of a glossary: every term of every language that names it."""

    id: str
    terms: tuple[Term, ...]
    file: str = ""
    line: int = 0
    note: str = ""

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        from tmqa.langtags import matches

        return tuple(t for t in self.terms if matches(t.lang, lang) or matches(lang, t.lang))


@dataclass(frozen=True, slots=True)
class Glossary:
    """The concepts of one or more glossary files, with a digest for the report signature."""

    entries: tuple[TermEntry, ...]
    paths: tuple[str, ...] = ()
    digest: str = field(default="")

    @staticmethod
    def combine(glossaries: list[Glossary]) -> Glossary:
        entries = tuple(e for g in glossaries for e in g.entries)
        paths = tuple(p for g in glossaries for p in g.paths)
        h = hashlib.sha256()
        for g in glossaries:
            h.update(g.digest.encode())
        return Glossary(entries, paths, h.hexdigest()[:12] if glossaries else "")


@dataclass(frozen=True, slots=True)
class Finding:
    """One QA finding, located by file, unit and character span in one side's plain text."""

    code: str
    rule: str
    severity: Severity
    message: str
    file: str
    line: int
    tuid: str
    side: Side
    span: tuple[int, int]
    suggestion: str | None = None
    content_hash: str = ""

    def fingerprint(self) -> str:
        """Identity for baselines and SARIF: code, file, unit and texts; never the line."""
        h = hashlib.sha256()
        for part in (self.code, self.file, self.tuid, self.content_hash):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()[:32]


# Same as Finding(...): see fast_construction.
make_finding = fast_construction(Finding, "make_finding")


def content_hash(unit: Unit) -> str:
    """A hash of the unit's normalised source and target text (whitespace collapsed)."""
    src = " ".join(unit.source.plain.split())
    tgt = " ".join(unit.target.plain.split()) if unit.target is not None else ""
    return hashlib.sha256(f"{src}\0{tgt}".encode()).hexdigest()[:16]
