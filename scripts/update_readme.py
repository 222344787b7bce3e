"""Regenerate the generated blocks of README.md (the rule table) from the registry."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tmqa.commands.rules import markdown_table
from tmqa.rules.registry import all_rules

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = re.sub(
        r"(<!-- rules-table:start -->\n).*?(<!-- rules-table:end -->)",
        lambda m: m.group(1) + markdown_table(all_rules()) + m.group(2),
        text,
        flags=re.S,
    )
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
