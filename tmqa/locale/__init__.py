"""Language-specific number conventions, looked up by language tag."""

from __future__ import annotations

from functools import lru_cache

from tmqa.locale.data import NEUTRAL, LocaleData, available, load

__all__ = ["NEUTRAL", "LocaleData", "available_languages", "get_locale"]


def _region(parts: list[str]) -> str | None:
    # The region is the first 2-letter or 3-digit subtag after the language (and script).
    for part in parts[1:]:
        if (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            return part.upper()
    return None


@lru_cache(maxsize=512)
def get_locale(lang: str) -> LocaleData:
    """The conventions for ``lang``: ``fr-CA`` -> French; unknown languages get :data:`NEUTRAL`.

    A table may override separators for a region (``es-MX`` writes ``1,500.5``); any other
    region falls back to its language.
    """
    parts = lang.strip().replace("_", "-").split("-")
    primary = parts[0].lower()
    found = load(primary, _region(parts)) if primary else None
    return found if found is not None else NEUTRAL


def available_languages() -> tuple[str, ...]:
    """Primary subtags with a shipped table."""
    return available()
