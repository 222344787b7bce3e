"""Deterministic generators of realistic FR->EN TMX files and large synthetic glossaries."""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    '<tmx version="1.4">\n'
    '  <header creationtool="tmqa-bench" creationtoolversion="1" segtype="sentence" '
    'o-tmf="tmqa" adminlang="en-US" srclang="fr-FR" datatype="html"/>\n'
    "  <body>\n"
)
FOOTER = "  </body>\n</tmx>\n"

# (French, English) sentence templates with slots; numbers are rendered per locale so the
# number rule has real work, and glossary terms of the bundled glossary appear often.
TEMPLATES: list[tuple[str, str]] = [
    (
        "Le contrat de {dec_fr} millions de dollars avec l’agence fédérale ICE a été signé le {day} mai {year}.",
        "The ${dec_en} million contract with the federal agency ICE was signed on May {day}, {year}.",
    ),
    (
        "Les sans-papiers qui franchissent la frontière sud sont retenus dans des centres de détention.",
        "Undocumented immigrants who cross the southern border are held in detention centers.",
    ),
    (
        "Microsoft fournit des services cloud Azure à {n} agences du ministère Homeland Security.",
        "Microsoft provides Azure cloud services to {n} agencies of the Department of Homeland Security.",
    ),
    (
        'Cliquez sur <bpt i="1" x="1">&lt;b&gt;</bpt>Enregistrer<ept i="1">&lt;/b&gt;</ept> pour conserver les {n} fichiers.',
        'Click <bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> to keep the {n} files.',
    ),
    (
        "La violence liée aux narcotrafiquants et à l’accaparement des terres a augmenté de {pct_fr} %.",
        "Violence linked to drug traffickers and land grabbing rose by {pct_en}%.",
    ),
    (
        "Selon ProPublica, {big_fr} enfants migrants ont été séparés de leur famille.",
        "According to ProPublica, {big_en} migrant children were separated from their families.",
    ),
    (
        "Pour plus d’informations, consultez https://www.example.com/fr/aide ou écrivez à aide@example.com.",
        "For more information, see https://www.example.com/fr/aide or write to aide@example.com.",
    ),
    (
        "Le fichier %s contient {n} erreurs ; voulez-vous continuer ?",
        "The file %s contains {n} errors; do you want to continue?",
    ),
    (
        "Le Pentagone a confié à Google l’analyse des vidéos enregistrées par des drones.",
        "The Pentagon entrusted Google with analyzing videos recorded by drones.",
    ),
    (
        "« Nous refusons d’être complices », peut-on lire dans la lettre publiée sur LinkedIn.",
        '"We refuse to be complicit," reads the letter published on LinkedIn.',
    ),
]

# Injected errors (about 5% of units): each maps a correct English target to a faulty one.
ERRORS = [
    lambda en: en.replace("Undocumented immigrants", "Illegal aliens"),
    lambda en: en.replace("Immigration", "Immigration").replace("ICE", "Ice"),
    lambda en: en.replace("LinkedIn", "Linkedin"),
    lambda en: en.rstrip(".") + "!" if en.endswith(".") else en,
    lambda en: en.replace(" the ", " the the ", 1),
    lambda en: "",
    lambda en: en.replace("%s", "%d"),
]


def _slots(rng: random.Random) -> dict[str, str]:
    whole, frac = rng.randint(1, 99), rng.randint(1, 9)
    pct_w, pct_f = rng.randint(1, 60), rng.randint(1, 9)
    big = rng.randint(1_000, 99_999)
    return {
        "dec_fr": f"{whole},{frac}",
        "dec_en": f"{whole}.{frac}",
        "day": str(rng.randint(2, 28)),
        "year": str(rng.randint(2015, 2025)),
        "n": str(rng.randint(13, 999)),
        "pct_fr": f"{pct_w},{pct_f}",
        "pct_en": f"{pct_w}.{pct_f}",
        "big_fr": f"{big:,}".replace(",", "\u202f"),
        "big_en": f"{big:,}",
    }


def units(n: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """``n`` (French, English) pairs of escaped seg content, deterministic for a seed."""
    rng = random.Random(seed)
    for i in range(n):
        fr_t, en_t = TEMPLATES[i % len(TEMPLATES)]
        slots = _slots(rng)
        fr = fr_t.format(**slots)
        en = en_t.replace("${dec_en}", "$" + slots["dec_en"]).format(**slots)
        if rng.random() < 0.05:
            en = rng.choice(ERRORS)(en)
        yield _escape_text(fr), _escape_text(en)


def _escape_text(seg: str) -> str:
    # Templates already hold TMX inline markup; escape only the bare ampersands of text.
    return seg.replace("&", "&amp;").replace("&amp;lt;", "&lt;").replace("&amp;gt;", "&gt;")


def write_tmx(path: str, n: int, seed: int = 1) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for i, (fr, en) in enumerate(units(n, seed), 1):
            out.write(
                f'    <tu tuid="{i}">\n'
                f'      <tuv xml:lang="fr-FR"><seg>{fr}</seg></tuv>\n'
                f'      <tuv xml:lang="en-US"><seg>{en}</seg></tuv>\n'
                "    </tu>\n"
            )
        out.write(FOOTER)


def _word(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(lo, hi)))


def write_glossary_csv(path: str, n: int, seed: int = 7, base: str | None = None) -> None:
    """A CSV glossary of ``n`` entries: the rows of ``base`` (if given) then synthetic terms."""
    rng = random.Random(seed)
    rows: list[str] = []
    if base:
        with open(base, encoding="utf-8-sig") as fh:
            header, *base_rows = fh.read().splitlines()
        rows.extend(r for r in base_rows if r.strip())
    else:
        header = "fr,en,status,note"
    seen: set[str] = set()
    while len(rows) < n:
        words = rng.randint(1, 3)
        fr = " ".join(_word(rng, 4, 10) for _ in range(words))
        en = " ".join(_word(rng, 4, 10) for _ in range(words))
        if fr in seen:
            continue
        seen.add(fr)
        rows.append(f"{fr},{en},preferred,")
    with open(path, "w", encoding="utf-8") as out:
        out.write(header + "\n" + "\n".join(rows[:n]) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output")
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_tmx(args.output, args.units, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
