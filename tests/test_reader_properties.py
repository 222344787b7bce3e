"""Property tests for the TMX reader: arbitrary text and inline markup never crash it."""

from __future__ import annotations

import os
import tempfile
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmqa.errors import InputError
from tmqa.model import InlineCode
from tmqa.readers.tmx import read_tmx

# XML 1.0 forbids most C0 controls and surrogates; everything else (RTL, combining marks,
# NBSP variants, emoji) must round-trip.
XML_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(chr(c) for c in range(32) if c not in (9, 10, 13))
    + "\ufffe\uffff",
)
TEXT = st.text(XML_CHARS, max_size=40)
SPECIALS = st.sampled_from(
    ["\u00a0", "\u202f", "\u200f", "\u0301", "🙂", "« ", " »", "ש", "%s", "{0}"]
)


@st.composite
def seg_content(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["text", "special", "bpt", "ept", "ph", "it", "hi", "ut"]))
        i = draw(st.integers(1, 3))
        if kind == "text":
            parts.append(escape(draw(TEXT)))
        elif kind == "special":
            parts.append(draw(SPECIALS))
        elif kind == "hi":
            parts.append(f'<hi x="{i}">{escape(draw(TEXT))}</hi>')
        elif kind == "it":
            parts.append(f'<it pos="begin" x="{i}">&lt;b&gt;</it>')
        else:
            parts.append(f'<{kind} i="{i}">{escape(draw(TEXT))}</{kind}>')
    return "".join(parts)


def _write(src: str, tgt: str) -> str:
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr" '
        f'datatype="plaintext"/><body><tu><tuv xml:lang="fr"><seg>{src}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{tgt}</seg></tuv></tu></body></tmx>'
    )
    fd, path = tempfile.mkstemp(suffix=".tmx")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(doc)
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seg_content(), seg_content())
def test_reader_never_crashes_and_offsets_are_consistent(src: str, tgt: str) -> None:
    path = _write(src, tgt)
    try:
        (unit,) = read_tmx(path)
    finally:
        os.unlink(path)
    for text in (unit.source, unit.target):
        assert text is not None
        assert "".join(r for r in text.runs if isinstance(r, str)) == text.plain
        for code in text.runs:
            if isinstance(code, InlineCode):
                assert 0 <= code.offset <= len(text.plain)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_input_error_or_units(data: bytes) -> None:
    fd, path = tempfile.mkstemp(suffix=".tmx")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    try:
        read_tmx(path)
    except InputError as exc:
        assert "\n" not in str(exc) and path in str(exc)
    finally:
        os.unlink(path)
