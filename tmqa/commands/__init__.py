"""Sub-command implementations; ``tmqa.cli`` only parses arguments and dispatches here."""
