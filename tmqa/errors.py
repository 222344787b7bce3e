"""The one exception type that turns into a one-line message and exit code 2."""

from __future__ import annotations


class InputError(Exception):
    """Bad input (file, glossary, configuration or usage): reported as one line, exit 2."""

    def __init__(
        self, path: str | None, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type[InputError], tuple[str | None, str, int | None, int | None]]:
        # Raised in a --jobs worker, it is pickled back to the main process whole.
        return InputError, (self.path, self.message, self.line, self.column)

    def __str__(self) -> str:
        where = self.path or ""
        if self.path is not None and self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        # Multi-line messages from libxml2 would break the one-line contract.
        text = " ".join(self.message.split())
        return f"{where}: {text}" if where else text
