"""Weekdays as people type them: "mon-fri", "sat,sun", "fri-mon", "weekdays", "daily"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from detox.errors import InputError
from detox.i18n import N_, _, listing
from detox.localized import english, weekday_name
from detox.weekdays import SHORT_NAMES, parse_weekday

NAMES = SHORT_NAMES
EVERY_DAY = frozenset(range(7))
_WORDS = {
    "daily": EVERY_DAY,
    "every": EVERY_DAY,
    "all": EVERY_DAY,
    "weekdays": frozenset(range(5)),
    "workdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
    "weekend": frozenset({5, 6}),
}


# "Every day" as remind list shows it in each language (the translations of "daily"), and
# how else people say it there; taken in every language.
EVERY_DAY_WORDS = frozenset(
    {"a diario", "diario", "todos los días", "codziennie", "매일", "每天", "每日"}
)


def parse_days(text: str) -> frozenset[int]:
    """Weekday numbers (Monday = 0); a range may wrap round the week ("fri-mon"); days named
    in the language of the run as detox shows them ("lun-vie", "a diario")."""
    whole = text.strip().casefold()
    if whole in EVERY_DAY_WORDS or whole == _("daily").casefold():
        return EVERY_DAY
    days: set[int] = set()
    for part in re.split(r"[,\s]+", whole):
        if not part:
            continue
        if part in _WORDS:
            days |= _WORDS[part]
            continue
        first, dash, last = part.partition("-")
        if dash:
            start, end = _weekday(first), _weekday(last)
            days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
        else:
            days.add(_weekday(part))
    if not days:
        raise InputError(_("name at least one day, e.g. mon-fri, sat,sun or daily"))
    return frozenset(days)


def _weekday(word: str) -> int:
    return parse_weekday(word, N_("write mon, tue, ... sun, mon-fri or daily"))


def format_days(days: Iterable[int], name: Callable[[int], str] | None = None) -> str:
    """The shortest fair wording: "daily", "Mon-Fri", "Sat, Sun", "Fri-Mon", "Mon, Wed, Fri";
    `name` words a day (Monday is 0) for people who read another language ("월-금"), where the
    default is the form `--days` takes back."""
    word = name or (lambda day: NAMES[day].title())
    chosen = frozenset(days)
    if chosen == EVERY_DAY:
        return "daily"
    if not chosen:
        return "never"
    # Runs of consecutive days, allowed to wrap from Sunday to Monday.
    start = next(d for d in range(7) if d in chosen and (d - 1) % 7 not in chosen)
    runs: list[list[int]] = []
    for step in range(7):
        day = (start + step) % 7
        if day not in chosen:
            continue
        if runs and (runs[-1][-1] + 1) % 7 == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [
        f"{word(run[0])}-{word(run[-1])}" if len(run) > 2 else listing(word(d) for d in run)
        for run in runs
    ]
    return listing(parts)


def shown_days(days: Iterable[int]) -> str:
    """Days as remind list shows them, each a form `parse_days` takes back: English as typed
    ("Mon-Fri"), another language in its own names ("월-금", "pon.-pt.")."""
    return format_days(days, None if english() else weekday_name)
