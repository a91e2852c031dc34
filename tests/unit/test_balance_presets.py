"""Fast presets: Lent and Great Lent against published church calendars, and the plain presets."""

from __future__ import annotations

from datetime import date

import pytest

from detox.balance.presets import (
    default_name,
    find_preset,
    great_lent,
    listing,
    preset_period,
    western_lent,
)
from detox.errors import InputError

# Western church calendars (Ash Wednesday; Holy Thursday; Holy Saturday; Easter Sunday).
WESTERN = {
    2024: ("2024-02-14", "2024-03-28", "2024-03-30", "2024-03-31"),
    2025: ("2025-03-05", "2025-04-17", "2025-04-19", "2025-04-20"),
    2026: ("2026-02-18", "2026-04-02", "2026-04-04", "2026-04-05"),
    2027: ("2027-02-10", "2027-03-25", "2027-03-27", "2027-03-28"),
    2028: ("2028-03-01", "2028-04-13", "2028-04-15", "2028-04-16"),
    2029: ("2029-02-14", "2029-03-29", "2029-03-31", "2029-04-01"),
    2030: ("2030-03-06", "2030-04-18", "2030-04-20", "2030-04-21"),
}
# Orthodox calendars, Gregorian dates (Clean Monday; Friday before Lazarus Saturday;
# Holy Saturday; Pascha).
ORTHODOX = {
    2024: ("2024-03-18", "2024-04-26", "2024-05-04", "2024-05-05"),
    2025: ("2025-03-03", "2025-04-11", "2025-04-19", "2025-04-20"),
    2026: ("2026-02-23", "2026-04-03", "2026-04-11", "2026-04-12"),
    2027: ("2027-03-15", "2027-04-23", "2027-05-01", "2027-05-02"),
    2028: ("2028-02-28", "2028-04-07", "2028-04-15", "2028-04-16"),
    2029: ("2029-02-19", "2029-03-30", "2029-04-07", "2029-04-08"),
    2030: ("2030-03-11", "2030-04-19", "2030-04-27", "2030-04-28"),
}


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize("year", sorted(WESTERN))
def test_western_lent_matches_the_calendar(year: int) -> None:
    ash_wednesday, holy_thursday, holy_saturday, _ = WESTERN[year]
    lent = western_lent(year)
    assert (lent.start, lent.end) == (d(ash_wednesday), d(holy_saturday))
    assert lent.start.weekday() == 2 and lent.days == 46
    short = western_lent(year, to_holy_thursday=True)
    assert (short.start, short.end) == (d(ash_wednesday), d(holy_thursday))


@pytest.mark.parametrize("year", sorted(ORTHODOX))
def test_great_lent_matches_the_calendar(year: int) -> None:
    clean_monday, last_of_forty, holy_saturday, _ = ORTHODOX[year]
    lent = great_lent(year)
    assert (lent.start, lent.end) == (d(clean_monday), d(holy_saturday))
    assert lent.start.weekday() == 0 and lent.days == 48
    forty = great_lent(year, forty_days=True)
    assert (forty.start, forty.end) == (d(clean_monday), d(last_of_forty))
    assert forty.days == 40 and forty.end.weekday() == 4


def test_lent_by_preset_id_and_year() -> None:
    today = date(2026, 11, 10)
    assert preset_period("lent", today, year=2028) == western_lent(2028)
    assert preset_period("great-lent", today, year=2024, forty_days=True) == great_lent(2024, True)


def test_without_a_year_lent_is_the_next_one_not_yet_over() -> None:
    assert preset_period("lent", date(2026, 3, 1)) == western_lent(2026)  # under way
    assert preset_period("lent", date(2026, 4, 4)) == western_lent(2026)  # its last day
    assert preset_period("lent", date(2026, 4, 5)) == western_lent(2027)  # Easter: next year's
    assert preset_period("great-lent", date(2026, 11, 10)) == great_lent(2027)


def test_week_month_weekend_and_custom() -> None:
    tuesday = date(2026, 11, 10)
    week = preset_period("week", tuesday)
    assert (week.start, week.end, week.days) == (tuesday, date(2026, 11, 16), 7)
    month = preset_period("month", tuesday, start=date(2026, 12, 1))
    assert (month.start, month.end, month.days) == (date(2026, 12, 1), date(2026, 12, 30), 30)
    weekend = preset_period("weekend", tuesday)
    assert (weekend.start, weekend.end) == (date(2026, 11, 14), date(2026, 11, 15))
    on_saturday = preset_period("weekend", date(2026, 11, 14))
    assert (on_saturday.start, on_saturday.end) == (date(2026, 11, 14), date(2026, 11, 15))
    on_sunday = preset_period("weekend", date(2026, 11, 15))
    assert (on_sunday.start, on_sunday.end) == (date(2026, 11, 15), date(2026, 11, 15))
    custom = preset_period("custom", tuesday, end=date(2026, 12, 24))
    assert (custom.start, custom.end) == (tuesday, date(2026, 12, 24))


def test_from_and_to_override_a_preset() -> None:
    late = preset_period("lent", date(2026, 2, 25), year=2026, start=date(2026, 2, 25))
    assert (late.start, late.end) == (date(2026, 2, 25), date(2026, 4, 4))


def test_preset_names_are_forgiving_and_unknown_ones_are_named() -> None:
    assert find_preset("Great_Lent").id == "great-lent"
    with pytest.raises(InputError, match=r"unknown preset 'ramadan'.*lent, great-lent"):
        find_preset("ramadan")


@pytest.mark.parametrize(
    ("preset_id", "options", "message"),
    [
        ("custom", {}, "needs --to"),
        ("custom", {"end": date(2026, 11, 1)}, r"end \(2026-11-01\) before it starts"),
        ("week", {"year": 2027}, "--year applies to lent"),
        ("week", {"forty_days": True}, "--forty-days applies to the great-lent"),
        ("great-lent", {"to_holy_thursday": True}, "--holy-thursday applies to the lent"),
        ("lent", {"year": 1200}, "outside 1583-4099"),
        ("lent", {"year": 2026, "start": date(2026, 5, 1)}, "before it starts"),
    ],
)
def test_bad_preset_options_are_refused(
    preset_id: str, options: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        preset_period(preset_id, date(2026, 11, 10), **options)  # type: ignore[arg-type]


def test_listing_gives_every_preset_and_default_names_read_well() -> None:
    rows = listing(date(2026, 11, 10), year=2027)
    assert [preset.id for preset, _ in rows] == [
        "lent",
        "great-lent",
        "week",
        "month",
        "weekend",
        "custom",
    ]
    periods = {preset.id: period for preset, period in rows}
    assert periods["lent"] == western_lent(2027)
    assert periods["custom"] is None
    assert default_name("lent", western_lent(2027)) == "Lent 2027"
    lent = periods["lent"]
    assert lent is not None
    assert default_name("week", lent) == "Week off 2027-02-10"
