"""The reproducibility signature every report carries (as sacrebleu's signatures do)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from tmqa import __version__


def rules_digest(items: Iterable[tuple[str, str]]) -> str:
    """A short digest of the selected rules and their effective severities."""
    h = hashlib.sha256()
    for code, severity in sorted(items):
        h.update(f"{code}={severity};".encode())
    return h.hexdigest()[:8]


def check_signature(glossary_digest: str, rules: str, extra: dict[str, str] | None = None) -> str:
    parts = {"tmqa": __version__, "glossary": glossary_digest or "none", "rules": rules}
    parts.update(extra or {})
    return "|".join(f"{k}:{v}" for k, v in parts.items())
