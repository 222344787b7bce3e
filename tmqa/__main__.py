"""Entry point for ``python -m tmqa``."""

import sys

from tmqa.cli import main

sys.exit(main())
