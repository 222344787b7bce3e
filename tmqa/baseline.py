"""Baselines: accept today's findings by content fingerprint so that only new ones are reported.

A finding is identified by its code, its file path, its unit's ``tuid`` and a hash of the unit's
normalised source and target text (``Finding.fingerprint``), never by its line: re-ordering or
re-formatting a TMX keeps every entry valid, while editing a unit's text makes its findings
count as new. Paths are stored relative to the baseline file's own directory, so a baseline
committed at the repository root matches whatever directory a checkout or a CI job runs from.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from tmqa.errors import InputError
from tmqa.model import Finding
from tmqa.output import write_text

FORMAT = 1


def relative_path(path: str, start: str) -> str:
    """``path`` relative to the directory ``start``, with ``/`` separators on every OS."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, start)
    except ValueError:  # another drive on Windows: nothing relative exists
        rel = absolute
    return rel.replace(os.sep, "/")


class Fingerprinter:
    """Fingerprints computed on paths relative to one directory (one ``relpath`` per file)."""

    def __init__(self, start: str | None = None) -> None:
        self.start = os.path.abspath(start or os.getcwd())
        self._paths: dict[str, str] = {}

    def path(self, path: str) -> str:
        rel = self._paths.get(path)
        if rel is None:
            rel = self._paths[path] = relative_path(path, self.start)
        return rel

    def __call__(self, finding: Finding) -> str:
        return dataclasses.replace(finding, file=self.path(finding.file)).fingerprint()


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted finding; ``file`` is relative to the baseline file's directory."""

    fingerprint: str
    code: str
    file: str
    tuid: str
    message: str = ""


def baseline_root(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def write_baseline(path: str, findings: Iterable[Finding], inputs: Sequence[str] = ()) -> int:
    """Record ``findings`` in ``path`` (atomically); returns how many entries were written."""
    fp = Fingerprinter(baseline_root(path))
    entries = sorted(
        (Entry(fp(f), f.code, fp.path(f.file), f.tuid, f.message) for f in findings),
        key=lambda e: (e.file, e.tuid, e.code, e.message, e.fingerprint),
    )
    doc = {
        "tool": "tmqa",
        "format": FORMAT,
        "paths": "relative to this file's directory",
        "findings": [dataclasses.asdict(e) for e in entries],
    }

    def produce(out: TextIO) -> None:
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")

    write_text(path, produce, inputs=inputs)
    return len(entries)


def _entry(path: str, i: int, raw: Any) -> Entry:
    keys = ("fingerprint", "code", "file", "tuid")
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) for k in keys):
        raise InputError(path, f"baseline entry {i} lacks one of {', '.join(keys)}")
    return Entry(
        raw["fingerprint"], raw["code"], raw["file"], raw["tuid"], str(raw.get("message", ""))
    )


@dataclass(frozen=True)
class Outcome:
    """What applying a baseline did: the findings left, how many matched, the stale entries."""

    findings: list[Finding]
    baselined: int
    stale: list[Entry]


class Baseline:
    """A loaded baseline file."""

    def __init__(self, path: str, entries: list[Entry]) -> None:
        self.path = path
        self.entries = entries

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            with open(path, encoding="utf-8") as fh:
                doc = json.load(fh)
        except FileNotFoundError:
            raise InputError(
                path, "baseline file not found (create it with --write-baseline)"
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(path, f"not a tmqa baseline: {exc}") from None
        if (
            not isinstance(doc, dict)
            or doc.get("tool") != "tmqa"
            or not isinstance(doc.get("findings"), list)
        ):
            raise InputError(path, 'not a tmqa baseline (no "tool": "tmqa" and findings list)')
        if doc.get("format") != FORMAT:
            raise InputError(path, f"unsupported baseline format {doc.get('format')!r}")
        return cls(path, [_entry(path, i, raw) for i, raw in enumerate(doc["findings"])])

    def matcher(self) -> Matcher:
        """A streaming filter over findings, in the order they are produced."""
        return Matcher(self)

    def apply(
        self,
        findings: Iterable[Finding],
        checked_files: Iterable[str],
        is_selected: Callable[[str], bool],
    ) -> Outcome:
        """Drop findings the baseline holds (each entry absorbs one finding)."""
        m = self.matcher()
        kept = [f for f in findings if m.keep(f)]
        return Outcome(kept, m.baselined, m.stale(checked_files, is_selected))


class Matcher:
    """Filters findings one at a time against a baseline; stale entries are known at the end."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self._fp = Fingerprinter(baseline_root(baseline.path))
        self._remaining = Counter(e.fingerprint for e in baseline.entries)
        self.baselined = 0

    def keep(self, finding: Finding) -> bool:
        """False (and the entry used up) when the baseline holds this finding."""
        key = self._fp(finding)
        if self._remaining[key] > 0:
            self._remaining[key] -= 1
            self.baselined += 1
            return False
        return True

    def stale(
        self, checked_files: Iterable[str], is_selected: Callable[[str], bool]
    ) -> list[Entry]:
        """Entries nothing matched although their file was checked and their rule ran.

        Entries for files or rules outside this run are left alone, so checking one file
        against a repository-wide baseline does not call the rest stale.
        """
        remaining = Counter(self._remaining)
        checked = {self._fp.path(p) for p in checked_files}
        stale: list[Entry] = []
        for e in self.baseline.entries:
            if remaining[e.fingerprint] > 0 and e.file in checked and is_selected(e.code):
                remaining[e.fingerprint] -= 1
                stale.append(e)
        return stale
