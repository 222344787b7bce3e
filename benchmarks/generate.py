"""Deterministic generators of realistic FR->EN TMX files and large synthetic glossaries."""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Iterator

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
        "Le contrat de {dec_fr} millions de dollars avec l’agence fédérale ICE a été signé le {day} mai {year} par {person}.",
        "The ${dec_en} million contract with the federal agency ICE was signed on May {day}, {year} by {person}.",
    ),
    (
        "Les sans-papiers qui franchissent la frontière sud sont retenus dans des centres de détention.",
        "Undocumented immigrants who cross the southern border are held in detention centers.",
    ),
    (
        "{company} fournit des {service_fr} à {n} agences du ministère Homeland Security.",
        "{company} provides {service_en} to {n} agencies of the Department of Homeland Security.",
    ),
    (
        'Cliquez sur <bpt i="1" x="1">&lt;b&gt;</bpt>{button_fr}<ept i="1">&lt;/b&gt;</ept> pour {action_fr} les {n} {thing_fr}.',
        'Click <bpt i="1" x="1">&lt;b&gt;</bpt>{button_en}<ept i="1">&lt;/b&gt;</ept> to {action_en} the {n} {thing_en}.',
    ),
    (
        "La violence liée aux narcotrafiquants et à l’accaparement des terres a augmenté de {pct_fr} %.",
        "Violence linked to drug traffickers and land grabbing rose by {pct_en}%.",
    ),
    (
        "Selon {outlet}, {big_fr} {people_fr} ont été séparés de leur famille à {city}.",
        "According to {outlet}, {big_en} {people_en} were separated from their families in {city}.",
    ),
    (
        "Pour plus d’informations, consultez https://www.example.com/fr/aide ou écrivez à aide@example.com.",
        "For more information, see https://www.example.com/fr/aide or write to aide@example.com.",
    ),
    (
        "Le {thing1_fr} %s contient {n} erreurs ; voulez-vous {action_fr} ?",
        "The {thing1_en} %s contains {n} errors; do you want to {action_en}?",
    ),
    (
        "Le Pentagone a confié à {company} l’analyse des {thing_fr} enregistrés par {person}.",
        "The Pentagon entrusted {company} with analyzing {thing_en} recorded by {person}.",
    ),
    (
        "« Nous refusons d’être complices », peut-on lire dans la lettre publiée sur LinkedIn.",
        '"We refuse to be complicit," reads the letter published on LinkedIn.',
    ),
]

# Injected errors (about 5% of units): each maps a correct English target to a faulty one.
ERRORS: list[Callable[[str], str]] = [
    lambda en: en.replace("Undocumented immigrants", "Illegal aliens"),
    lambda en: en.replace("Immigration", "Immigration").replace("ICE", "Ice"),
    lambda en: en.replace("LinkedIn", "Linkedin"),
    lambda en: en.rstrip(".") + "!" if en.endswith(".") else en,
    lambda en: en.replace(" the ", " the the ", 1),
    lambda en: "",
    lambda en: en.replace("%s", "%d"),
]


# Vocabulary for the slots, so that a generated memory holds thousands of distinct segments
# (as real ones do) rather than ten sentences with different numbers: result caches keyed on
# text must not be what the benchmark measures.
_COMPANIES = ["Microsoft", "Google", "Amazon", "Salesforce", "Palantir", "Oracle", "IBM",
              "Dell", "Cisco", "Accenture", "Deloitte", "Motorola", "Thales", "Capgemini"]
_SERVICES = [("services cloud Azure", "Azure cloud services"),
             ("logiciels de reconnaissance faciale", "facial recognition software"),
             ("serveurs de stockage", "storage servers"), ("outils d’analyse", "analytics tools"),
             ("licences logicielles", "software licenses"), ("bases de données", "databases"),
             ("services de conseil", "consulting services"), ("ordinateurs portables", "laptops")]
_BUTTONS = [("Enregistrer", "Save"), ("Ouvrir", "Open"), ("Supprimer", "Delete"),
            ("Exporter", "Export"), ("Imprimer", "Print"), ("Partager", "Share"),
            ("Copier", "Copy"), ("Archiver", "Archive"), ("Envoyer", "Send")]
_ACTIONS = [("conserver", "keep"), ("continuer", "continue"), ("vérifier", "check"),
            ("remplacer", "replace"), ("fusionner", "merge"), ("restaurer", "restore"),
            ("compresser", "compress"), ("chiffrer", "encrypt"), ("renommer", "rename")]
_THINGS = [("fichiers", "files"), ("documents", "documents"), ("rapports", "reports"),
           ("contrats", "contracts"), ("messages", "messages"), ("dossiers", "folders"),
           ("enregistrements", "recordings"), ("formulaires", "forms"), ("tableaux", "tables")]
_THING1 = [("fichier", "file"), ("document", "document"), ("rapport", "report"),
           ("contrat", "contract"), ("dossier", "folder"), ("formulaire", "form")]
_OUTLETS = ["ProPublica", "Reuters", "The Intercept", "Associated Press", "Le Monde",
            "The Guardian", "Bloomberg", "Politico", "Vox", "NPR"]
_PEOPLE = [("enfants migrants", "migrant children"), ("demandeurs d’asile", "asylum seekers"),
           ("travailleurs saisonniers", "seasonal workers"), ("mineurs isolés", "unaccompanied minors"),
           ("parents", "parents"), ("adolescents", "teenagers")]
_CITIES = ["El Paso", "San Diego", "Tucson", "Houston", "Phoenix", "Laredo", "McAllen",
           "Yuma", "Brownsville", "Nogales", "Dallas", "Miami", "Chicago", "Denver"]
_FIRST = ["Anna", "Brad", "Carmen", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jamal",
          "Karen", "Luis", "Maya", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sam", "Tariq"]
_LAST = ["Smith", "Garcia", "Nguyen", "Martin", "Okafor", "Kowalski", "Haddad", "Larsen",
         "Moreau", "Tanaka", "Rossi", "Novak", "Schmidt", "Dubois", "Ortiz", "Cohen"]


def _slots(rng: random.Random) -> dict[str, str]:
    whole, frac = rng.randint(1, 99), rng.randint(1, 9)
    pct_w, pct_f = rng.randint(1, 60), rng.randint(1, 9)
    big = rng.randint(1_000, 99_999)
    service = rng.choice(_SERVICES)
    button, action, thing = rng.choice(_BUTTONS), rng.choice(_ACTIONS), rng.choice(_THINGS)
    thing1, people = rng.choice(_THING1), rng.choice(_PEOPLE)
    return {
        "company": rng.choice(_COMPANIES),
        "service_fr": service[0],
        "service_en": service[1],
        "button_fr": button[0],
        "button_en": button[1],
        "action_fr": action[0],
        "action_en": action[1],
        "thing_fr": thing[0],
        "thing_en": thing[1],
        "thing1_fr": thing1[0],
        "thing1_en": thing1[1],
        "outlet": rng.choice(_OUTLETS),
        "people_fr": people[0],
        "people_en": people[1],
        "city": rng.choice(_CITIES),
        "person": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
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
