"""Safe streaming XML access shared by the TMX and TBX readers: sniffing, options, errors."""

from __future__ import annotations

import codecs
import re
from typing import IO, Any

from lxml import etree

from tmqa.errors import InputError

# The safe configuration measured in shared/notes/formats-and-xml-safety.md: entities are never
# expanded, nothing is fetched, no DTD is loaded; libxml2's size/depth limits stay on unless the
# user opts in with --allow-huge.
SAFE_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "remove_blank_text": False,
}

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DECL = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"


def _utf16_without_bom(head: bytes) -> str | None:
    """'le' or 'be' when the first characters are ASCII stored as UTF-16 code units."""
    sample = head[:64] if len(head) >= 4 else b""
    sample = sample[: len(sample) // 2 * 2]
    if not sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if not odd.strip(b"\x00") and even.strip(b"\x00") and all(0 < b < 128 for b in even):
        return "le"
    if not even.strip(b"\x00") and odd.strip(b"\x00") and all(0 < b < 128 for b in odd):
        return "be"
    return None


def sniff(path: str, head: bytes) -> str | None:
    """Check the first bytes of a file; return the declared encoding, or raise InputError."""
    if not head:
        raise InputError(path, "file is empty (0 bytes)", 1)
    if head.startswith(_GZIP_MAGIC):
        raise InputError(
            path, "file is gzip-compressed; decompress it first (tmqa never inflates input)", 1
        )
    if head.startswith(_ZIP_MAGIC):
        raise InputError(path, "file is a ZIP archive, not XML", 1)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return None
    declared = None
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        # UTF-16 without BOM: libxml2 only copes when the declaration names the encoding.
        ascii_head = head[0 if utf16 == "le" else 1 :: 2].lstrip()
        m = _DECL.match(ascii_head)
        if m is None:
            raise InputError(
                path,
                "file looks like UTF-16 without a byte-order mark or encoding declaration; "
                "re-save it as UTF-8 or UTF-16 with a BOM",
                1,
            )
        return m.group(1).decode("ascii").lower()
    m = _DECL.match(head.lstrip())
    if m is not None:
        declared = m.group(1).decode("ascii").lower()
    stripped = head.lstrip()
    if not stripped.startswith(b"<"):
        if b"\x00" in head[:512]:
            raise InputError(path, "file is binary, not XML", 1)
        raise InputError(path, "file is not XML (it does not start with '<')", 1)
    return declared


_SINGLE_BYTE = re.compile(r"^(iso-?8859-\d+|latin-?\d|windows-125\d|cp125\d|us-ascii|ascii)$")
# A UTF-8 multi-byte sequence: lead byte then continuation bytes.
_UTF8_SEQ = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
MOJIBAKE_SAMPLE = 1 << 20


def looks_like_mojibake(declared: str | None, sample: bytes) -> bool:
    """True when a single-byte encoding is declared but the bytes are clearly UTF-8 text."""
    if declared is None or not _SINGLE_BYTE.match(declared):
        return False
    if not _UTF8_SEQ.search(sample):
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A sample may end inside a character; only an error before the last 3 bytes counts.
        if exc.start < len(sample) - 3:
            return False
    return True


def open_xml(path: str) -> tuple[IO[bytes], str | None]:
    """Open ``path`` ourselves (so libxml2 never decompresses or fetches) and sniff it."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - the caller closes it after streaming
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None
    try:
        head = fh.read(1024)
        declared = sniff(path, head)
        fh.seek(0)
    except BaseException:
        fh.close()
        raise
    return fh, declared


def iterparse(
    fh: IO[bytes],
    *,
    allow_huge: bool = False,
    events: tuple[str, ...] = ("start", "end"),
    tag: tuple[str, ...] | None = None,
) -> Any:
    """lxml's iterparse with the safe options, over a file object we opened."""
    return etree.iterparse(fh, events=events, tag=tag, huge_tree=allow_huge, **SAFE_OPTIONS)


def check_doctype(path: str, element: Any) -> None:
    """Refuse entity declarations in the internal subset; a bare DOCTYPE is fine."""
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(path, "entities are not allowed (the DOCTYPE declares one)", 1)


def syntax_error(path: str, exc: Exception) -> InputError:
    """Translate an lxml error into a one-line InputError with file, line and column."""
    line: int | None = None
    column: int | None = None
    msg = str(exc)
    if isinstance(exc, etree.XMLSyntaxError):
        pos = exc.position if exc.position else (exc.lineno, exc.offset)
        line, column = pos[0] or None, pos[1] or None
        msg = exc.msg or msg
    msg = re.sub(r",? *\(?line \d+(, column \d+)?\)?$", "", msg.strip())
    if "Excessive depth" in msg:
        msg = f"XML nesting deeper than the limit ({msg}); use --allow-huge if the file is trusted"
    elif "Resource limit exceeded" in msg or "Buffer size limit" in msg:
        msg = (
            "a text node or attribute is larger than libxml2's 10,000,000-byte limit "
            f"({msg}); use --allow-huge if the file is trusted"
        )
    elif "amplification" in msg:
        msg = f"entities are not allowed (entity expansion blow-up: {msg})"
    elif re.search(r"Entity '[^']+' not defined", msg):
        msg = f"entities are not allowed ({msg})"
    elif "no element found" in msg and line in (0, None):
        msg = "not well-formed XML (an undefined entity such as &nbsp;, or no root element)"
    return InputError(path, f"XML error: {msg}", line, column)
