"""staffeval's exceptions: every error of the library arrives as one of these, with the located
message (file, line and column of a model; file, row and column of a data cell; the option and
its value) and, where the library gives them, the individual diagnostics."""

from typing import Any, Dict, List, Sequence


class Error(Exception):
    """Base of every staffeval error. ``message`` is the located message; ``diagnostics`` the
    individual findings (dicts with ``file``, ``line``, ``column``, ``field``, ``value``,
    ``rule``, ``message``) when there are several or they are structured."""

    def __init__(self, message: str, diagnostics: Sequence[Dict[str, Any]] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics: List[Dict[str, Any]] = list(diagnostics)


class ModelError(Error, ValueError):
    """The indicator model (or an uncertainty specification) is malformed or meaningless."""


class DataError(Error, ValueError):
    """A data file, cell, id or column cannot be used."""


class OptionsError(Error, ValueError):
    """An option is out of range or names something unknown (the valid choices are listed)."""


class ComputeError(Error):
    """The computation is impossible on these data (e.g. weights from one unit)."""


class OutputError(Error, OSError):
    """An output cannot be written."""


class Cancelled(Error):
    """A long analysis was stopped by its progress callback."""
