"""Rule families; importing this package registers every rule."""

from tmqa.rules import consistency  # noqa: F401
from tmqa.rules import markup  # noqa: F401
from tmqa.rules import numbers  # noqa: F401
from tmqa.rules import punctuation  # noqa: F401
from tmqa.rules import segment  # noqa: F401
from tmqa.rules import structure  # noqa: F401
from tmqa.rules import terminology  # noqa: F401
