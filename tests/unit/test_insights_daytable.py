"""The per-day table every insight is computed from, built from a real store."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from detox.clock import FixedClock, local_datetime
from detox.insights import build_day_table, fast_days
from detox.models import CheckIn, Fast, ManualUsage, MoodEntry, UsageSpan
from detox.paths import Paths
from detox.store import Device, Store
from tests.insights_history import FIRST, SETTINGS, ZONE, add_fast
from tests.spans import tracked

LAPTOP = Device(id="laptop-0001", name="Laptop")
DESKTOP = Device(id="desktop-0002", name="Desktop")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DAY_START = time(4, 0)


@pytest.fixture
def store(detox_home: Path) -> Store:
    return Store(Paths.from_env(), LAPTOP, FixedClock(NOW))


def _fast(start: date, end: date, **fields: object) -> Fast:
    return Fast.model_validate(
        {"device": "d", "updated_at": NOW, "name": "Fast", "start": start, "end": end, **fields}
    )


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return local_datetime(day, time(hour, minute), ZONE)


def _mood(store: Store, at: datetime, score: int, **fields: object) -> MoodEntry:
    entry = MoodEntry.model_validate(
        {"device": store.device.id, "updated_at": NOW, "at": at, "score": score, **fields}
    )
    store.put(entry)
    return entry


def _span(device: Device, start: datetime, minutes: float, app: str = "reddit") -> UsageSpan:
    return tracked(device.id, app, start, minutes * 60)


# -- which days are fast days --------------------------------------------------------------


def test_a_fast_covers_its_start_and_end_days() -> None:
    fast = _fast(date(2026, 1, 5), date(2026, 1, 7))
    covered = fast_days([fast], date(2026, 1, 1), date(2026, 1, 31), DAY_START, ZONE)
    assert sorted(covered) == [date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 7)]
    assert set(covered.values()) == {"Fast"}


def test_days_off_are_not_fast_days() -> None:
    # 5 January 2026 is a Monday; Sundays (6) off, as in Lent.
    fast = _fast(date(2026, 1, 5), date(2026, 1, 18), days_off=[6])
    covered = fast_days([fast], date(2026, 1, 1), date(2026, 1, 31), DAY_START, ZONE)
    assert len(covered) == 12
    assert date(2026, 1, 11) not in covered and date(2026, 1, 18) not in covered


def test_a_fast_ended_early_stops_at_the_local_day_it_ended() -> None:
    # Ended at 02:00 on the 9th, before the 04:00 day start: that is still the night of the 8th.
    ended = _local(date(2026, 1, 9), 2)
    fast = _fast(date(2026, 1, 5), date(2026, 1, 31), ended_at=ended)
    covered = fast_days([fast], date(2026, 1, 1), date(2026, 1, 31), DAY_START, ZONE)
    assert max(covered) == date(2026, 1, 8)
    assert len(covered) == 4


def test_fast_days_are_clipped_to_the_period_and_the_earliest_fast_names_overlaps() -> None:
    lent = _fast(date(2026, 1, 1), date(2026, 1, 10)).model_copy(update={"name": "Lent"})
    weekend = _fast(date(2026, 1, 9), date(2026, 1, 12)).model_copy(update={"name": "Weekend"})
    covered = fast_days([weekend, lent], date(2026, 1, 5), date(2026, 1, 11), DAY_START, ZONE)
    assert min(covered) == date(2026, 1, 5) and max(covered) == date(2026, 1, 11)
    assert covered[date(2026, 1, 10)] == "Lent"
    assert covered[date(2026, 1, 11)] == "Weekend"


# -- the table ------------------------------------------------------------------------------


def test_several_entries_a_day_are_averaged_with_their_dimensions_and_tags(store: Store) -> None:
    day = FIRST
    _mood(store, _local(day, 9), 7, dimensions={"anxiety": 3}, tags=["walk"])
    _mood(store, _local(day, 21), 4, dimensions={"anxiety": 6, "focus": 5}, tags=["work"])
    _mood(store, _local(day + timedelta(days=1), 1, 30), 9)  # after midnight: still that day
    [row] = build_day_table(store, SETTINGS, day, day)
    assert row.mood == pytest.approx(20 / 3)
    assert row.entries == 3
    assert row.dimensions == {"anxiety": 4.5, "focus": 5.0}
    assert row.tags == {"walk", "work"}


def test_deleted_entries_and_fasts_do_not_count(store: Store, detox_home: Path) -> None:
    entry = _mood(store, _local(FIRST, 20), 2)
    store.put(entry.tombstone(LAPTOP.id, NOW))
    fast = add_fast(store, FIRST, FIRST)
    store.put(fast.tombstone(LAPTOP.id, NOW))
    [row] = build_day_table(store, SETTINGS, FIRST, FIRST)
    assert (row.mood, row.entries, row.in_fast) == (None, 0, False)


def test_social_minutes_are_summed_across_devices_and_split_at_the_day_start(
    store: Store,
) -> None:
    desktop = Store(store.paths, DESKTOP, FixedClock(NOW))
    store.add_spans([_span(LAPTOP, _local(FIRST, 3, 30), 60)])  # 03:30-04:30 crosses the start
    desktop.add_spans([_span(DESKTOP, _local(FIRST, 12), 25, app="instagram")])
    store.put(
        ManualUsage(
            device=LAPTOP.id, updated_at=NOW, app="tiktok", start=_local(FIRST, 18), duration=600
        )
    )
    before, first = build_day_table(store, SETTINGS, FIRST - timedelta(days=1), FIRST)
    assert before.social_minutes == pytest.approx(30)
    assert first.social_minutes == pytest.approx(30 + 25 + 10)


def test_days_before_the_first_recorded_use_have_unknown_minutes(store: Store) -> None:
    store.add_spans([_span(LAPTOP, _local(FIRST + timedelta(days=2), 12), 40)])
    rows = build_day_table(store, SETTINGS, FIRST, FIRST + timedelta(days=4))
    assert [row.social_minutes for row in rows] == [None, None, 40, 0, 0]


def test_no_recorded_use_at_all_leaves_every_day_unknown(store: Store) -> None:
    _mood(store, _local(FIRST, 20), 5)
    rows = build_day_table(store, SETTINGS, FIRST, FIRST + timedelta(days=2))
    assert [row.social_minutes for row in rows] == [None, None, None]
    assert [row.mood for row in rows] == [5, None, None]


def test_rows_carry_the_fast_and_the_check_in(store: Store) -> None:
    add_fast(store, FIRST + timedelta(days=1), FIRST + timedelta(days=1), name="Detox week")
    store.put(
        CheckIn(
            device=LAPTOP.id,
            updated_at=NOW,
            at=_local(FIRST + timedelta(days=1), 21),
            life_satisfaction=7,
            lack_companionship=2,
            left_out=1,
            isolated=1,
        )
    )
    rows = build_day_table(store, SETTINGS, FIRST, FIRST + timedelta(days=2))
    assert [row.fast for row in rows] == [None, "Detox week", None]
    assert (rows[1].life_satisfaction, rows[1].loneliness) == (7, 4)
    assert rows[1].to_json()["in_fast"] is True
    assert rows[0].to_json() == {
        "date": "2026-01-05",
        "social_minutes": None,
        "mood": None,
        "entries": 0,
        "dimensions": {},
        "tags": [],
        "in_fast": False,
        "in_baseline": False,
        "fast": None,
        "life_satisfaction": None,
        "loneliness": None,
        "morning_systolic": None,
        "morning_diastolic": None,
        "offline_minutes": None,
    }


def test_a_day_across_a_dst_change(store: Store) -> None:
    # Clocks go forward at 02:00 on 29 March 2026 in Warsaw, so the local day of the 28th (until
    # 04:00 summer time) lasts 23 hours: five real hours from 22:00 end exactly at its end.
    day = date(2026, 3, 28)
    store.add_spans([_span(LAPTOP, _local(day, 22), 300)])
    rows = build_day_table(store, SETTINGS, day, day + timedelta(days=1))
    assert [row.social_minutes for row in rows] == [pytest.approx(300), 0]
