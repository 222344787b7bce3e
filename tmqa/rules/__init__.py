"""Rule families; importing this package registers every rule."""

from tmqa.rules import (
    consistency,  # noqa: F401
    markup,  # noqa: F401
    numbers,  # noqa: F401
    punctuation,  # noqa: F401
    segment,  # noqa: F401
    structure,  # noqa: F401
    terminology,  # noqa: F401
)
