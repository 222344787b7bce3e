"""Language tags: canonical casing and the prefix match used to pick source and target."""

from __future__ import annotations


def canonical(tag: str) -> str:
    """A BCP 47 tag in canonical case: ``FR_ca`` -> ``fr-CA``, ``zh-hant-tw`` -> ``zh-Hant-TW``."""
    parts = tag.strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(p for p in out if p)


def matches(tag: str, wanted: str) -> bool:
    """True when ``tag`` is ``wanted`` or a more specific variant (``fr-CA`` matches ``fr``)."""
    t = tag.lower().replace("_", "-")
    w = wanted.lower().replace("_", "-")
    return t == w or t.startswith(w + "-")


def primary(tag: str) -> str:
    """The primary language subtag, lower case: ``fr-CA`` -> ``fr``."""
    return tag.replace("_", "-").split("-", 1)[0].lower()
