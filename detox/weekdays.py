"""The week, once: Monday is 0 everywhere, and the day names as stored and as people type them
("sun", "Saturdays", "tue"). Names shown to people come from `detox.localized.weekday_name`."""

from __future__ import annotations

from typing import Literal

from detox.errors import InputError
from detox.i18n import _

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# week_start in config.toml: a day, or "auto" for the language's first weekday (one Literal,
# so a wrong value gets one error naming every choice).
WeekStart = Literal[
    "auto", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
]
WEEKDAYS: tuple[Weekday, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
# As typed and stored in JSON: "mon" ... "sun".
SHORT_NAMES: tuple[str, ...] = tuple(name[:3] for name in WEEKDAYS)


def parse_weekday(word: str, hint: str) -> int:
    """A day's number from any unambiguous start of its name, singular or plural ("tu" is
    Tuesday, "t" is refused); `hint` ends the error and says what the caller accepts (a message
    marked with N_)."""
    for form in (word, word.removesuffix("s")):
        found = [n for n, name in enumerate(WEEKDAYS) if len(form) >= 2 and name.startswith(form)]
        if len(found) == 1:
            return found[0]
    raise InputError(_("cannot read day {value}: {hint}").format(value=repr(word), hint=_(hint)))
