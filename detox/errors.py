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


def too_long_number() -> str:
    """Why a JSON or TOML file with an integer of thousands of digits cannot be read (Python
    refuses to convert more than 4,300 digits; its own message advises a programmer's call)."""
    import sys

    return _("it holds a number longer than {digits} digits").format(
        digits=sys.get_int_max_str_digits()
    )
