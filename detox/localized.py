"""Dates, weekday and month names, numbers and durations as the active language writes them.

English keeps detox's own short forms ("Thu 3 Dec", "1h 05m"); every other language gets CLDR's
patterns through Babel (imported on first use, so commands that print no date do not pay for
it): "3 gru", "12월 3일 (목)", "12月3日周四", 24-hour times everywhere.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from typing import Literal

from detox import i18n

Width = Literal["wide", "abbreviated", "narrow"]


def english() -> bool:
    """True when detox's own English forms apply (English and the pseudo-locale)."""
    return i18n.current() in ("en", i18n.PSEUDO)


def _locale() -> str:
    return i18n.babel_locale()


def day_label(day: date) -> str:
    """A short day: "Thu 3 Dec", "czw., 3 gru", "12월 3일 (목)", "12月3日周四"."""
    if english():
        return f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"
    return _skeleton(day, "MMMEd")


def weekday_day(day: date) -> str:
    """A day within a week or month shown: "Fri 4", "pt., 4", "4일 (금)", "4日周五"."""
    if english():
        return f"{day.strftime('%a')} {day.day}"
    return _skeleton(day, "Ed")


def weekday_and_date(day: date) -> str:
    """ "Wed 2026-12-02", "śr. 2026-12-02", "수 2026-12-02": a day in lists, its date as typed."""
    return f"{weekday_name(day.weekday())} {day.isoformat()}"


def day_month(day: date) -> str:
    """ "3 Dec", "3 gru", "12월 3일", "12月3日"."""
    if english():
        return f"{day.day} {day.strftime('%b')}"
    return _skeleton(day, "MMMd")


def long_date(day: date) -> str:
    """ "Thursday 3 December 2026", "czwartek, 3 grudnia 2026", "2026년 12월 3일 목요일"."""
    if english():
        return f"{day:%A} {day.day} {day:%B %Y}"
    from babel.dates import format_date

    return format_date(day, "full", locale=_locale())


def medium_date(day: date) -> str:
    """ "3 Dec 2026", "3 gru 2026", "2026. 12. 3.", "2026年12月3日"."""
    if english():
        return f"{day.day} {day:%b %Y}"
    from babel.dates import format_date

    return format_date(day, "medium", locale=_locale())


def month_year(day: date) -> str:
    """ "December 2026", "grudzień 2026", "2026년 12월", "2026年12月"."""
    if english():
        return day.strftime("%B %Y")
    return _skeleton(day, "yMMMM")


def date_range(first: date, last: date) -> str:
    """A span of days as CLDR's interval formats write it, the year and month said once when
    shared: "2026년 11월 29일~12월 5일", "29 lis–5 gru 2026", "2026年11月29日至12月5日"."""
    from babel.dates import format_interval

    return str(format_interval(first, last, "yMMMd", locale=_locale()))


def clock_time(moment: time | datetime) -> str:
    """24-hour "18:05" in every language (the form detox reads back, too)."""
    return moment.strftime("%H:%M")


def weekday_name(weekday: int, width: Width = "abbreviated") -> str:
    """Monday is 0: "Mon", "pon.", "월", "周一"."""
    if english():
        names = (
            ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
            if width != "wide"
            else ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
        )
        return names[weekday]
    from babel.dates import get_day_names

    return str(get_day_names(width, context="format", locale=_locale())[weekday])


def month_name(month: int, width: Width = "abbreviated") -> str:
    """January is 1, in the form used standing alone ("Dec", "gru", "12월", "12月")."""
    if english():
        return date(2000, month, 1).strftime("%b" if width != "wide" else "%B")
    from babel.dates import get_month_names

    return str(get_month_names(width, context="stand-alone", locale=_locale())[month])


def first_weekday(language: str | None = None) -> int:
    """The week's first day where the language is spoken (Monday is 0), as CLDR has it: Monday
    in Poland, Spain and mainland China, Sunday in Korea, Taiwan, Hong Kong, Singapore, Mexico;
    Monday for detox's English. The session's region counts ("es_MX" starts on Sunday)."""
    code = language or i18n.current()
    if code in ("en", i18n.PSEUDO):
        return 0
    return _first_day(i18n.babel_locale(code), i18n.territory() if code == i18n.current() else None)


@cache
def _first_day(usual: str, region: str | None) -> int:
    from babel import Locale, UnknownLocaleError

    if region:
        try:
            locale = Locale.parse(usual)
            return int(Locale(locale.language, region, locale.script).first_week_day)
        except (UnknownLocaleError, ValueError):
            pass  # a region the language has no data for: its usual region decides
    return int(Locale.parse(usual).first_week_day)


def number(value: float, decimals: int = 0) -> str:
    """A number with the language's separators: 1,234.5 / 1 234,5 / 1.234,5."""
    if english():
        return f"{value:,.{decimals}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=_locale()))


def duration(hours: int, minutes: int, seconds: int | None = None) -> str:
    """A duration's parts in the language's short units: "1 godz. 5 min", "1시간 5분",
    "1小时5分钟", "45 s". English callers keep their own compact form."""
    units = _units(_locale())
    if seconds is not None:
        return units["second"].replace("{0}", str(seconds))
    parts = []
    if hours:
        parts.append(units["hour"].replace("{0}", str(hours)))
    if minutes or not hours:
        parts.append(units["minute"].replace("{0}", str(minutes)))
    # Simplified Chinese writes "1小时5分钟" whole; Taiwan's CLDR units have a space ("1 小時"),
    # so the parts are spaced too ("1 小時 5 分鐘").
    joiner = "" if i18n.current().startswith("zh") and " " not in units["hour"] else " "
    return joiner.join(parts)


@cache
def _units(locale: str) -> dict[str, str]:
    from babel.units import format_unit

    # One pattern per unit ("{0} godz."), filled with whole numbers: the same few forms are
    # used thousands of times in a report. Languages whose short unit changes with the number
    # (Polish "min" does not; "godz." does not) would need format_unit per value.
    return {
        unit: str(format_unit(7, f"duration-{unit}", length="short", locale=locale)).replace(
            "7", "{0}"
        )
        for unit in ("hour", "minute", "second")
    }


@cache
def _pattern(locale: str, skeleton: str) -> str:
    from babel import Locale

    return str(Locale.parse(locale).datetime_skeletons[skeleton])


def _skeleton(day: date, skeleton: str) -> str:
    from babel.dates import format_date

    return format_date(day, _pattern(_locale(), skeleton), locale=_locale())


def cells(text: str) -> int:
    """How many terminal cells `text` takes (微博 takes 4, not 2)."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded with spaces to `width` terminal cells; longer text is left whole."""
    room = " " * max(0, width - cells(text))
    return room + text if right else text + room


def clip(text: str, width: int) -> str:
    """`text` if it fits in `width` cells, else as much as fits before a closing "…"."""
    if cells(text) <= width:
        return text
    kept, used = [], 1
    for char in text:
        used += cells(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"
