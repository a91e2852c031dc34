"""The week, once: Monday is 0 everywhere, and the day names as stored and as people type them
("sun", "Saturdays", "tue"). Names shown to people come from `detox.localized.weekday_name`."""

from __future__ import annotations

import unicodedata
from typing import Literal

from detox import i18n
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
    Tuesday, "t" is refused), or from the day's name in the language of the run as detox shows
    it ("sáb", "pon.", "월", "周一"; see `_in_language`); `hint` ends the error and says what the
    caller accepts (a message marked with N_)."""
    for form in (word, word.removesuffix("s")):
        found = [n for n, name in enumerate(WEEKDAYS) if len(form) >= 2 and name.startswith(form)]
        if len(found) == 1:
            return found[0]
    day = _in_language(word)
    if day is not None:
        return day
    raise InputError(_("cannot read day {value}: {hint}").format(value=repr(word), hint=_(hint)))


def _in_language(word: str) -> int | None:
    """A day named in the language of the run: CLDR's names of every width ("sábado", "sáb",
    "SA"; "środa", "śr."; "수요일", "수"; "星期三", "周三", "三"), with or without accents and a
    closing dot, or an unambiguous start of a full name ("mié", "czw"). English, the language
    the stored forms are in, needs none of this, so Babel is only imported for another."""
    language = i18n.current()
    if language in ("en", i18n.PSEUDO):
        return None
    from babel.dates import get_day_names

    typed = _plain(word)
    if not typed:
        return None
    locale = i18n.babel_locale(language)
    names = [
        (int(day), _plain(str(name)))
        for width in ("wide", "abbreviated", "short")
        for context in ("format", "stand-alone")
        for day, name in get_day_names(width, context, locale).items()
    ]
    for matches in (
        {day for day, name in names if name == typed},
        {day for day, name in names if len(typed) >= 2 and name.startswith(typed)},
    ):
        if len(matches) == 1:
            return matches.pop()
    return None


def _plain(text: str) -> str:
    """Lower case, no accents, no closing dot: "Sáb." is "sab", "Śr." is "sr"; Hangul and Han
    characters are left whole."""
    apart = unicodedata.normalize("NFD", text.strip().casefold().removesuffix("."))
    return unicodedata.normalize("NFC", "".join(c for c in apart if not unicodedata.combining(c)))
