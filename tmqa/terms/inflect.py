"""Regular plural and singular forms of glossary words, per language, as data.

A glossary lists ``autorité de contrôle``; the text says ``autorités de contrôle``. Each
term word is expanded at index time into the forms the text may use, so matching a segment
never stems anything. Only regular plurals are generated (irregular ones are listed in the
glossary by its authors); function words, short words, acronyms and words with digits are
never inflected: ``ICE`` must not match ``ices``, ``de`` must not match ``des``.
"""

from __future__ import annotations

# (ending, characters to drop, suffix to add): a word ending in ``ending`` gets the form
# ``word[:-drop] + add``. Over-generation is harmless (``centrees`` never occurs in text);
# a generated form that is a different real word is not, hence the short lists.
PLURAL_RULES: dict[str, tuple[tuple[str, int, str], ...]] = {
    "en": (
        ("", 0, "s"),
        ("s", 0, "es"),
        ("x", 0, "es"),
        ("z", 0, "es"),
        ("ch", 0, "es"),
        ("sh", 0, "es"),
        ("o", 0, "es"),
        ("y", 1, "ies"),
    ),
    "fr": (
        ("", 0, "s"),
        ("au", 0, "x"),
        ("eu", 0, "x"),
        ("ou", 0, "x"),
        ("al", 2, "aux"),
        ("ail", 3, "aux"),
    ),
    "es": (("", 0, "s"), ("", 0, "es")),
    "it": (),
    "de": (),
}

# Glossaries sometimes list plurals ("enfants migrants"); these give the singular back.
SINGULAR_RULES: dict[str, tuple[tuple[str, int, str], ...]] = {
    "en": (
        ("ies", 3, "y"),
        ("ses", 2, ""),
        ("xes", 2, ""),
        ("ches", 2, ""),
        ("shes", 2, ""),
        ("s", 1, ""),
    ),
    "fr": (("aux", 3, "al"), ("eaux", 1, ""), ("eux", 1, ""), ("oux", 1, ""), ("s", 1, "")),
    "es": (("s", 1, ""),),
    "it": (),
    "de": (),
}

# Singular stripping leaves these alone: "process", "virus", "analysis" are not plurals.
NOT_PLURAL_ENDINGS: dict[str, tuple[str, ...]] = {
    "en": ("ss", "us", "is", "ics", "ous", "news"),
    "fr": ("ss", "us", "is", "ois", "ais"),
    "es": ("ss", "us", "is"),
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "a an and as at by for from in into of off on or over per than the to under up "
        "upon via with within without not no nor its their his her our your"
    ),
    "fr": _words(
        "à a au aux avec chez contre d dans de des du en entre et l la le les leur leurs "
        "ni non ou par pour sans selon sous sur un une vers"
    ),
    "es": _words("a al con de del el en entre la las los o para por sin sobre un una y"),
    "it": _words(
        "a al alla con da dal del della di e il in la le lo nel nella o per su tra un una"
    ),
    "de": _words("am an auf aus bei das dem den der des die ein eine für im in mit und von zu"),
}

MIN_INFLECTED = 3


def inflectable(word: str, lang: str) -> bool:
    """Whether ``word`` (as written in the glossary) takes regular plural forms."""
    if len(word) < MIN_INFLECTED or word.isupper():
        return False
    if not word.isalpha() and not word.replace("-", "").isalpha():
        return False
    return word.lower() not in FUNCTION_WORDS.get(lang, frozenset())


def _grouped(
    rules: dict[str, tuple[tuple[str, int, str], ...]],
) -> dict[str, tuple[tuple[tuple[str, ...], int, str], ...]]:
    """Rules sharing (drop, add) merged into one ``endswith(tuple)`` test each."""
    out: dict[str, tuple[tuple[tuple[str, ...], int, str], ...]] = {}
    for lang, table in rules.items():
        groups: dict[tuple[int, str], list[str]] = {}
        for ending, drop, add in table:
            groups.setdefault((drop, add), []).append(ending)
        out[lang] = tuple((tuple(ends), drop, add) for (drop, add), ends in groups.items())
    return out


_PLURAL = _grouped(PLURAL_RULES)
_SINGULAR = _grouped(SINGULAR_RULES)


def forms(word: str, lang: str) -> list[str]:
    """Plural and singular forms of ``word`` (case kept), excluding ``word`` itself."""
    out: list[str] = []
    low = word.lower()
    for endings, drop, add in _PLURAL.get(lang, ()):
        if low.endswith(endings):
            out.append((word[:-drop] if drop else word) + add)
    if len(word) >= 5 and word == low and not low.endswith(NOT_PLURAL_ENDINGS.get(lang, ())):
        for endings, drop, add in _SINGULAR.get(lang, ()):
            if low.endswith(endings):
                out.append(word[:-drop] + add)
    return [f for f in out if f != word]


def reverse_rules(lang: str) -> tuple[tuple[str, int, str], ...]:
    """Every plural and singular rule of ``lang``, for undoing them on a text token.

    A rule ``(ending, drop, add)`` turns ``word`` into ``word[:-drop] + add``; undone on a
    token ending in ``add``, it gives ``token[:-len(add)] + ending[-drop:]``, which is only a
    candidate: it must be a glossary word whose forms include the token.
    """
    return PLURAL_RULES.get(lang, ()) + SINGULAR_RULES.get(lang, ())


# Endings stripped (and replaced) to find the frequent word an inflected token comes from:
# "masquées" is not in the frequent list but "masquer" is, "longs" comes from "long". Used
# only to decide that a token is an ordinary word, never to match terms.
LEMMA_SUFFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("s", ""),
        ("es", ""),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
    ),
    "fr": (
        ("s", ""),
        ("x", ""),
        ("e", ""),
        ("es", ""),
        ("é", "er"),
        ("és", "er"),
        ("ée", "er"),
        ("ées", "er"),
        ("ez", "er"),
        ("ent", "er"),
        ("ons", "er"),
        ("ait", "er"),
        ("aient", "er"),
        ("ant", "er"),
    ),
}


def is_frequent(token: str, lang: str, common: frozenset[str]) -> bool:
    """``token`` (lower case) is a frequent word of ``lang`` or a regular form of one."""
    if token in common:
        return True
    for ending, repl in LEMMA_SUFFIXES.get(lang, ()):
        stem = len(token) - len(ending)
        if stem >= 3 and token.endswith(ending) and token[:stem] + repl in common:
            return True
    return False
