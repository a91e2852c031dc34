"""Durations as people type them: 25m, 1h30m, 90s, 1:15, 1:15:30, a bare number of minutes, or
as detox shows them in each language ("1 godz. 5 min", "1시간 5분", "1小时5分钟")."""

from __future__ import annotations

import math
import re

from detox.errors import InputError
from detox.i18n import _

_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
# Each unit as people write it, in English and as detox shows durations in its other languages
# ("1 godz. 5 min", "1시간 5분", "1小时5分钟"), so what is shown can be typed back.
_SPELLINGS = {
    "h": "hours hour hrs hr h godz. godz godziny godzina godzin horas hora 시간 小时 小時 时 時",
    "m": "minutes minute mins min m minuty minuta minut minutos minuto 분 分钟 分鐘 分",
    "s": "seconds second secs sec s sekundy sekunda sekund sek. sek segundos segundo seg"
    " 초 秒钟 秒鐘 秒",
}
_UNIT_OF = {word: unit for unit, words in _SPELLINGS.items() for word in words.split()}
# Longest spellings first: the regex takes the first alternative that fits, so "h" before
# "hr" would stop at the "h" of "1hr" and leave "r" unread.
_UNITS = re.compile(
    r"(\d+(?:\.\d+)?)\s*("
    + "|".join(re.escape(word) for word in sorted(_UNIT_OF, key=len, reverse=True))
    + ")"
)
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")


def parse_duration(text: str) -> int:
    """Seconds in a duration; raises InputError with an example of what works."""
    raw = text.strip().lower()
    seconds = _parse(raw)
    shown = repr(text) if len(text) <= 40 else repr(text[:37] + "...")
    if seconds is None:
        raise InputError(
            _("cannot read duration {value}: write e.g. 25m, 1h30m, 90s or 1:15").format(
                value=shown
            )
        )
    # Checked before rounding: 400 digits of minutes read as infinity, which does not round.
    if seconds > 24 * 3600:
        raise InputError(_("duration {value} is longer than a day").format(value=shown))
    if round(seconds) <= 0:
        raise InputError(_("duration {value} must be more than zero").format(value=shown))
    return round(seconds)


def _parse(raw: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return float(raw) * 60
    clock = _CLOCK.fullmatch(raw)
    if clock:
        hours, minutes, secs = clock.group(1), clock.group(2), clock.group(3) or "0"
        return float(hours) * 3600 + int(minutes) * 60 + int(secs)
    compact = raw.replace(" ", "")
    position, total, units = 0, 0.0, ""
    for part in _UNITS.finditer(compact):
        unit = _UNIT_OF[part.group(2)]
        # Each unit once, largest first: "1h1h" or "30m1h" is more likely a typo than a sum.
        if part.start() != position or (units and "hms".index(unit) <= "hms".index(units[-1])):
            return None
        total += float(part.group(1)) * _UNIT_SECONDS[unit]
        position, units = part.end(), units + unit
    if not units or position != len(compact):
        return None
    return total


def whole(value: float) -> int:
    """Rounded half away from zero, as people round (52.5 is 53, -52.5 is -53), not to even.

    Durations are exact to the microsecond (datetimes), but sums of them in floats are not: a
    2,969.5 s span cut at an hour comes back as 2,969.4999999999995 s. Rounding to the
    microsecond first keeps such a half where it belongs, so every format shows the same figure.
    """
    exact = round(abs(value), 6)
    return int(math.copysign(math.floor(exact + 0.5), value))


def whole_minutes(seconds: float) -> int:
    """The one rounding of a duration to minutes: every total shown in minutes comes from here.

    Callers sum exact seconds first and round once. The seconds are rounded to a whole second
    before the minute (both half up), so minutes worked out again from the whole seconds that
    JSON and CSV export are the same as the minutes the other formats print.
    """
    whole_seconds = whole(seconds)
    return int(math.copysign((abs(whole_seconds) + 30) // 60, whole_seconds))


def format_duration(seconds: float) -> str:
    """The one short form of a duration: 45s under a minute, else 10m or 1h 05m (rounded once,
    by whole_minutes); 0m for nothing; a minus sign in front of a negative duration."""
    from detox import localized

    whole_seconds = whole(seconds)
    sign = "-" if whole_seconds < 0 else ""
    hours, minutes = divmod(abs(whole_minutes(seconds)), 60)
    if not localized.english():  # "1 godz. 5 min", "1시간 5분": the language's own units
        if 0 < abs(whole_seconds) < 60:
            return sign + localized.duration(0, 0, abs(whole_seconds))
        return sign + localized.duration(hours, minutes)
    if whole_seconds == 0:
        return "0m"
    if abs(whole_seconds) < 60:
        return f"{sign}{abs(whole_seconds)}s"
    return f"{sign}{hours}h {minutes:02d}m" if hours else f"{sign}{minutes}m"


def typed_duration(seconds: float) -> str:
    """A duration as it is typed in a field ("45s", "30m", "1h 05m"): the form parse_duration
    reads back whatever the language, for values put in an input to be edited."""
    whole_seconds = whole(seconds)
    if 0 < abs(whole_seconds) < 60:
        return f"{whole_seconds}s"
    hours, minutes = divmod(whole_minutes(seconds), 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"
