"""Fast presets and the dates they give for any year.

Easter comes from dateutil: EASTER_WESTERN for Lent, EASTER_ORTHODOX for Great Lent. Both give
Gregorian dates. EASTER_JULIAN is never used: it gives the Orthodox Easter as a *Julian* calendar
date, which is 13 days off in this century.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

from detox.errors import InputError
from detox.i18n import N_, _

# dateutil's Easter algorithms are valid for these Gregorian years.
FIRST_YEAR = 1583
LAST_YEAR = 4099

SATURDAY = 5
SUNDAY = 6


@dataclass(frozen=True)
class Preset:
    id: str
    english_name: str
    english_description: str
    yearly: bool = False  # its dates follow the church calendar of a year

    @property
    def name(self) -> str:
        """The name in the active language ("Wielki Post", "Cuaresma", "사순절", "大斋期")."""
        return _(self.english_name)

    @property
    def description(self) -> str:
        return _(self.english_description)


PRESETS: tuple[Preset, ...] = (
    Preset(
        "lent",
        N_("Lent"),
        N_(
            "Western Lent: Ash Wednesday to Holy Saturday (46 days; add --days-off sun to keep "
            "the 40 counted days); --holy-thursday ends it on Holy Thursday"
        ),
        yearly=True,
    ),
    Preset(
        "great-lent",
        N_("Great Lent"),
        N_(
            "Orthodox Great Lent: Clean Monday to Holy Saturday (48 days); --forty-days stops "
            "at the Friday before Lazarus Saturday"
        ),
        yearly=True,
    ),
    Preset("week", N_("Week off"), N_("7 days from today (or --from)")),
    Preset("month", N_("Month off"), N_("30 days from today (or --from)")),
    Preset(
        "weekend",
        N_("Weekend off"),
        N_("The coming Saturday and Sunday (or the rest of this one)"),
    ),
    Preset("custom", N_("Custom fast"), N_("Your own dates: --from (default today) and --to")),
)
_BY_ID = {preset.id: preset for preset in PRESETS}


@dataclass(frozen=True)
class Period:
    """Local days, both ends included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def find_preset(text: str) -> Preset:
    key = text.strip().lower().replace("_", "-").replace(" ", "-")
    preset = _BY_ID.get(key)
    if preset is None:
        choices = ", ".join(p.id for p in PRESETS)
        raise InputError(
            _("unknown preset {value}; choose one of {names}").format(
                value=repr(text), names=choices
            )
        )
    return preset


def _checked_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(
            _("year {year} is outside {first}-{last}").format(
                year=year, first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    return year


def western_lent(year: int, to_holy_thursday: bool = False) -> Period:
    """Ash Wednesday (Easter - 46 days) to Holy Saturday, or to Holy Thursday."""
    sunday = easter(_checked_year(year), EASTER_WESTERN)
    end = sunday - timedelta(days=3 if to_holy_thursday else 1)
    return Period(sunday - timedelta(days=46), end)


def great_lent(year: int, forty_days: bool = False) -> Period:
    """Clean Monday (Orthodox Easter - 48 days) to Holy Saturday, or the 40 days alone.

    The 40 days end on the Friday before Lazarus Saturday (Easter - 9); Holy Week follows.
    """
    pascha = easter(_checked_year(year), EASTER_ORTHODOX)
    end = pascha - timedelta(days=9 if forty_days else 1)
    return Period(pascha - timedelta(days=48), end)


def _church_period(preset_id: str, year: int, to_holy_thursday: bool, forty_days: bool) -> Period:
    if preset_id == "lent":
        return western_lent(year, to_holy_thursday)
    return great_lent(year, forty_days)


def _coming_weekend(start: date) -> Period:
    if start.weekday() == SUNDAY:
        return Period(start, start)
    saturday = start + timedelta(days=(SATURDAY - start.weekday()) % 7)
    return Period(saturday, saturday + timedelta(days=1))


def preset_period(
    preset_id: str,
    today: date,
    *,
    year: int | None = None,
    start: date | None = None,
    end: date | None = None,
    to_holy_thursday: bool = False,
    forty_days: bool = False,
) -> Period:
    """The dates a preset gives; `start` and `end` (--from, --to) override them.

    Without a year, Lent and Great Lent are this year's, or next year's once this year's is over.
    """
    preset = find_preset(preset_id)
    if year is not None and not preset.yearly:
        raise InputError(
            _("--year applies to lent and great-lent; {preset} uses --from/--to").format(
                preset=preset.id
            )
        )
    if to_holy_thursday and preset.id != "lent":
        raise InputError(_("--holy-thursday applies to the lent preset only"))
    if forty_days and preset.id != "great-lent":
        raise InputError(_("--forty-days applies to the great-lent preset only"))
    if preset.yearly:
        if year is None:
            period = _church_period(preset.id, today.year, to_holy_thursday, forty_days)
            if period.end < today:
                period = _church_period(preset.id, today.year + 1, to_holy_thursday, forty_days)
        else:
            period = _church_period(preset.id, year, to_holy_thursday, forty_days)
        period = Period(start or period.start, end or period.end)
    elif preset.id == "custom":
        if end is None:
            raise InputError(_("a custom fast needs --to (its last day, YYYY-MM-DD)"))
        period = Period(start or today, end)
    elif preset.id == "weekend":
        period = _coming_weekend(start or today)
        period = Period(period.start, end or period.end)
    else:
        first = start or today
        length = 7 if preset.id == "week" else 30
        period = Period(first, end or first + timedelta(days=length - 1))
    if period.end < period.start:
        raise InputError(
            _("the fast would end ({end}) before it starts ({start})").format(
                end=period.end.isoformat(), start=period.start.isoformat()
            )
        )
    return period


def default_name(preset_id: str, period: Period) -> str:
    preset = find_preset(preset_id)
    # Made once, in the language of the day the fast is started, and stored with it.
    if preset.yearly:
        return _("{name} {year}").format(name=preset.name, year=period.start.year)
    if preset.id == "custom":
        return _("Fast {day}").format(day=period.start.isoformat())
    return _("{name} {day}").format(name=preset.name, day=period.start.isoformat())


def listing(today: date, year: int | None = None) -> list[tuple[Preset, Period | None]]:
    """Every preset with its default dates; a custom fast has none until --to is given."""
    rows: list[tuple[Preset, Period | None]] = []
    for preset in PRESETS:
        if preset.id == "custom":
            rows.append((preset, None))
        else:
            rows.append(
                (preset, preset_period(preset.id, today, year=year if preset.yearly else None))
            )
    return rows
