"""Real aligned text for benchmarks: the machine's French gettext catalogues as one TMX.

Every Linux system with French translations installed holds tens of thousands of real
English/French string pairs in ``/usr/share/locale/fr/LC_MESSAGES/*.mo``: short UI labels,
error messages with placeholders, command-line help. Unlike the generated memory they are
all different and written by many translators, so they show the cost of unique text and
the findings a real catalogue raises. Nothing of them is shipped; the TMX is built on the
fly from whatever the machine has.

Usage: ``python benchmarks/catalogues.py OUT.tmx [--direction en-fr|fr-en]``
"""

from __future__ import annotations

import argparse
import glob
import struct
import sys
from collections.abc import Iterator
from xml.sax.saxutils import escape

LOCALE_GLOB = "/usr/share/locale/fr/LC_MESSAGES/*.mo"


def read_mo(path: str) -> Iterator[tuple[str, str]]:
    """(msgid, first msgstr) pairs of one compiled catalogue; contexts and plurals skipped."""
    with open(path, "rb") as fh:
        data = fh.read()
    if len(data) < 20:
        return
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _, count, ids_at, strs_at = struct.unpack(order + "4I", data[4:20])
    for i in range(count):
        id_len, id_off = struct.unpack(order + "2I", data[ids_at + 8 * i : ids_at + 8 * i + 8])
        tr_len, tr_off = struct.unpack(order + "2I", data[strs_at + 8 * i : strs_at + 8 * i + 8])
        msgid = data[id_off : id_off + id_len]
        msgstr = data[tr_off : tr_off + tr_len].split(b"\x00")[0]
        if not msgid or not msgstr or b"\x00" in msgid or b"\x04" in msgid:
            continue  # the header entry, plural forms, message contexts
        try:
            yield msgid.decode("utf-8"), msgstr.decode("utf-8")
        except UnicodeDecodeError:
            continue


def _xml_ok(text: str) -> bool:
    return all(c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff") for c in text)


def write_tmx(path: str, direction: str = "en-fr", pattern: str = LOCALE_GLOB) -> int:
    """Write every catalogue pair as a unit; returns the number of units (0: no catalogues)."""
    src, tgt = ("en-US", "fr-FR") if direction == "en-fr" else ("fr-FR", "en-US")
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
            'creationtool="tmqa-catalogues" creationtoolversion="1" segtype="sentence" '
            f'o-tmf="gettext" adminlang="en" srclang="{src}" datatype="plaintext"/><body>\n'
        )
        for mo in sorted(glob.glob(pattern)):
            for english, french in read_mo(mo):
                if not (_xml_ok(english) and _xml_ok(french)):
                    continue
                a, b = (english, french) if direction == "en-fr" else (french, english)
                n += 1
                out.write(
                    f'<tu tuid="{n}"><tuv xml:lang="{src}"><seg>{escape(a)}</seg></tuv>'
                    f'<tuv xml:lang="{tgt}"><seg>{escape(b)}</seg></tuv></tu>\n'
                )
        out.write("</body></tmx>\n")
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--direction", choices=("en-fr", "fr-en"), default="en-fr")
    args = parser.parse_args(argv)
    n = write_tmx(args.output, args.direction)
    print(f"{n} units from {LOCALE_GLOB}")
    return 0 if n else 1


if __name__ == "__main__":
    sys.exit(main())
