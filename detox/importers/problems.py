"""Collecting what is wrong with an input file, so the user sees every problem with its place."""

from __future__ import annotations

from pathlib import Path

from detox.errors import InputError, too_long_number
from detox.i18n import _, count

# Enough to see the pattern of a systematic mistake without a screenful of repeats.
SHOWN_PROBLEMS = 12


class ImportFormatError(InputError):
    """A file that cannot be imported; nothing of it was stored."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        total = len(problems)
        head = _("{source}: {problems}, nothing imported:").format(
            source=source, problems=count(total, "problem", "problems")
        )
        lines = [f"  {problem}" for problem in problems[:SHOWN_PROBLEMS]]
        if total > SHOWN_PROBLEMS:
            lines.append("  " + _("... and {n} more").format(n=total - SHOWN_PROBLEMS))
        self._lines = [head, *lines]
        super().__init__("\n".join(self._lines))

    def lines(self) -> list[str]:
        return list(self._lines)


class Problems:
    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[str] = []

    def add(self, where: str, problem: str) -> None:
        self.found.append(f"{where}: {problem}" if where else problem)

    def raise_if_any(self) -> None:
        if self.found:
            raise ImportFormatError(self.source, self.found)


def read_bytes(path: Path) -> bytes:
    """An export file's bytes; InputError (one line) when it is missing or cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(_("{path}: no such file").format(path=path)) from None
    except OSError as error:
        raise InputError(
            _("{path}: cannot read: {reason}").format(path=path, reason=error.strerror or error)
        ) from None


def not_json(path: Path, error: ValueError | RecursionError) -> InputError:
    """The one line for an export the JSON decoder refused: a syntax error where it is, Python's
    limit on an integer's digits (a plain ValueError), or nesting deeper than the stack."""
    import json

    if isinstance(error, json.JSONDecodeError):
        return InputError(
            _("{path}: not JSON: line {line} column {column}: {reason}").format(
                path=path, line=error.lineno, column=error.colno, reason=error.msg
            )
        )
    if isinstance(error, RecursionError):
        return InputError(
            _("{path}: not JSON this importer can read: nested too deep").format(path=path)
        )
    return InputError(
        _("{path}: not JSON this importer can read: {reason}").format(
            path=path, reason=too_long_number()
        )
    )
