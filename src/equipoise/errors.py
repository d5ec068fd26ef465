"""Errors raised by Equipoise for problems in user input.

Every error that a user can cause derives from :class:`EquipoiseError`; the CLI
prints it as one line (``Error: <message>``) and exits with status 1.
"""

from __future__ import annotations

import math

__all__ = ["EquipoiseError", "EvidenceError", "CaseError", "ModelInputError", "parse_number"]


class EquipoiseError(Exception):
    """A problem with user input, rendered as ``path:line: field: message``."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class EvidenceError(EquipoiseError):
    """An unreadable document or a failed write to the evidence store."""


class CaseError(EquipoiseError):
    """A problem of schema or meaning in a case file."""

    def __init__(self, message: str, *, problems: list["EquipoiseError"] | None = None, **kw):
        self.problems = problems or []  # before super().__init__, which calls str(self)
        super().__init__(message, **kw)

    def __str__(self) -> str:
        if self.problems:
            return "\n".join(str(p) for p in self.problems)
        return super().__str__()


class ModelInputError(EquipoiseError):
    """Inputs an analysis cannot use (fewer than three actors, asymmetric matrix, ...)."""


def parse_number(text: str, *, path: str | None, line: int | None, field: str | None) -> float:
    """``float(text)``, or a :class:`ModelInputError` naming file, line and field."""
    try:
        v = float(text)
    except ValueError:
        raise ModelInputError(f"expected a number, got {str(text).strip()!r}", path=path, line=line,
                              field=field) from None
    if not math.isfinite(v):
        raise ModelInputError(f"expected a finite number, got {str(text).strip()!r}", path=path, line=line,
                              field=field)
    return v
