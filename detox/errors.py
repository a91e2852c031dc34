"""Domain errors. The CLI turns every one of them into a one-line message and exit code 2."""

from detox.i18n import _


class DetoxError(Exception):
    """A problem the user can act on; its message is shown on one line."""

    def lines(self) -> list[str]:
        """The message as shown: one line, unless the error is a list (a file's problems)."""
        return [str(self)]


class ConfigError(DetoxError):
    def __init__(self, path: object, key: str, problem: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        where = f"{path}: {key}" if key else f"{path}"
        super().__init__(
            _("invalid config {where}: {problem}").format(where=where, problem=problem)
        )


class CorruptFileError(DetoxError):
    """A data file that does not parse; the store quarantines it."""


class InputError(DetoxError):
    """A value typed by the user that cannot be understood."""
