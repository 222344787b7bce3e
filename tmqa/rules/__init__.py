"""Rule families; importing this package registers every rule."""

from tmqa.rules import segment  # noqa: F401
