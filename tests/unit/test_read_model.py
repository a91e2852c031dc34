"""The daily read model (rollups of the days that are over, spans for today) gives the numbers
the spans give: the insights' minutes per day and every fast's judged days, for random spans and
random fasts around the day start and the DST changes; and a changed usage file, of this device
or of another that arrives by sync, is read again."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detox.balance.compliance import Compliance, evaluate
from detox.balance.judging import judge_fasts
from detox.clock import FixedClock, day_bounds, local_datetime
from detox.config import Settings
from detox.insights.daytable import build_day_table
from detox.models import Fast, ManualUsage, Rule, UsageSpan
from detox.paths import Paths
from detox.store import Device, Store
from detox.usage import per_app_seconds
from tests.insights_history import ZONE

SETTINGS = Settings(timezone="Europe/Warsaw")
DAY_START = SETTINGS.day_start
CATEGORIES = {"facebook": "social", "instagram": "social", "youtube": "video", "reddit": "forum"}
APPS = sorted(CATEGORIES)
LAPTOP, PHONE = Device("laptop", "Laptop"), Device("phone", "Phone")
# Around both DST changes of 2026 in Warsaw (29 March, 25 October), over month ends.
WINDOWS = (date(2026, 3, 20), date(2026, 10, 20))
DAYS = 16


def store_in(root: Path, device: Device, now: datetime) -> Store:
    paths = Paths.from_env({"DETOX_HOME": str(root)})
    return Store(paths, device, FixedClock(now))


def spans_strategy(first: date) -> st.SearchStrategy[list[UsageSpan]]:
    def build(offset_minutes: int, minutes: float, app: str, device: str) -> UsageSpan:
        start = local_datetime(first, time(0, 0), ZONE) + timedelta(minutes=offset_minutes)
        return UsageSpan(
            id=UsageSpan.stable_id(device, app, start, "tracker"),
            app=app,
            device=device,
            source="tracker",
            start=start.astimezone(UTC),
            duration=minutes * 60,
        )

    # Start minutes on a grid of 17 so the day start (04:00) and the DST hours are crossed.
    return st.lists(
        st.builds(
            build,
            st.integers(0, DAYS * 24 * 60 // 17).map(lambda step: step * 17),
            st.sampled_from([0.5, 1.0, 2.5, 30.0, 95.0, 300.0]),
            st.sampled_from(APPS),
            st.sampled_from([LAPTOP.id, PHONE.id]),
        ),
        max_size=40,
    )


def fasts_strategy(first: date) -> st.SearchStrategy[list[Fast]]:
    rules = st.sampled_from(
        [
            Rule(kind="abstain", apps=["facebook"]),
            Rule(kind="abstain", categories=["video"]),
            Rule(kind="limit", categories=["social"], limit_seconds=600),
            Rule(kind="limit", limit_seconds=1800),
            Rule(kind="curfew", curfew_start=time(22, 0), curfew_end=time(6, 0)),
        ]
    )

    def build(
        start: int,
        length: int,
        chosen: list[Rule],
        off: list[int],
        began: int | None,
        ended: int | None,
    ) -> Fast:
        first_day = first + timedelta(days=start)
        opened = day_bounds(first_day, DAY_START, ZONE)[0]
        return Fast(
            device=LAPTOP.id,
            updated_at=datetime(2026, 1, 1, tzinfo=UTC),
            name="Fast",
            start=first_day,
            end=first_day + timedelta(days=length),
            rules=chosen,
            days_off=off,
            starts_at=None if began is None else opened + timedelta(minutes=began),
            ended_at=None if ended is None else opened + timedelta(minutes=ended),
        )

    return st.lists(
        st.builds(
            build,
            st.integers(0, DAYS - 2),
            st.integers(0, DAYS),
            st.lists(rules, min_size=1, max_size=2),
            st.lists(st.integers(0, 6), max_size=2, unique=True),
            st.none() | st.integers(0, 600),
            st.none() | st.integers(60, DAYS * 24 * 60),
        ),
        min_size=1,
        max_size=3,
    )


@st.composite
def histories(draw: st.DrawFn) -> tuple[date, list[UsageSpan], list[Fast], int, int]:
    first = draw(st.sampled_from(WINDOWS))
    return (
        first,
        draw(spans_strategy(first)),
        draw(fasts_strategy(first)),
        draw(st.integers(2, DAYS)),  # today, as days after the first
        draw(st.integers(0, 23 * 60)),  # and the time of day
    )


def raw_judged(store: Store, fasts: list[Fast], now: datetime) -> list[Compliance]:
    """What a fast's days were judged from before: every span of its days."""
    found = []
    for fast in fasts:
        start = day_bounds(fast.start, DAY_START, ZONE)[0]
        end = min(day_bounds(fast.end, DAY_START, ZONE)[1], now)
        spans = store.spans(start, end) if start < end else []
        found.append(evaluate(fast, spans, CATEGORIES.get, DAY_START, ZONE, now))
    return found


def same_judgement(ours: list[Compliance], raw: list[Compliance]) -> None:
    for a, b in zip(ours, raw, strict=True):
        assert [d.day for d in a.days] == [d.day for d in b.days]
        for x, y in zip(a.days, b.days, strict=True):
            assert (x.day, x.complete) == (y.day, y.complete)
            used = [check.used_seconds for check in x.checks]
            assert used == pytest.approx([check.used_seconds for check in y.checks], abs=1e-6)
            # A sum a rounding apart could sit on the slip threshold; the status must agree
            # everywhere else.
            if all(abs(c.over_seconds - 60) > 1e-6 for c in y.checks):
                assert x.status == y.status


def filled(root: Path, first: date, spans: list[UsageSpan], now: datetime) -> Store:
    """The laptop's store, with the spans written by the device each names and an hour of
    Instagram typed in across the day start of the second day."""
    laptop = store_in(root, LAPTOP, now)
    store_in(root, PHONE, now).add_spans(s for s in spans if s.device == PHONE.id)
    laptop.add_spans(s for s in spans if s.device == LAPTOP.id)
    laptop.put(
        ManualUsage(
            device=LAPTOP.id,
            updated_at=now,
            app="instagram",
            start=local_datetime(first + timedelta(days=1), time(3, 30), ZONE),
            duration=3600,
        )
    )
    return laptop


def raw_minutes(store: Store, first: date, last: date) -> list[float]:
    minutes = []
    day = first
    while day <= last:
        start, end = day_bounds(day, DAY_START, ZONE)
        apps = per_app_seconds(store.spans(start, end), start, end)
        minutes.append(sum(app.seconds for app in apps) / 60)
        day += timedelta(days=1)
    return minutes


def history_now(first: date, today_offset: int, minute: int) -> datetime:
    """The moment a drawn history is looked at: `minute` into its day number `today_offset`."""
    return local_datetime(first + timedelta(days=today_offset), time(0, 0), ZONE) + timedelta(
        minutes=minute
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_the_read_model_gives_the_numbers_of_the_spans(
    history: tuple[date, list[UsageSpan], list[Fast], int, int],
) -> None:
    first, spans, fasts, today_offset, minute = history
    now = history_now(first, today_offset, minute)
    with tempfile.TemporaryDirectory() as folder:
        laptop = filled(Path(folder), first, spans, now)
        last = first + timedelta(days=DAYS)
        expected = raw_minutes(laptop, first, last)
        for _ in range(2):  # cold, then from the rollups
            rows = build_day_table(laptop, SETTINGS, first, last)
            minutes = [row.social_minutes or 0.0 for row in rows]
            assert minutes == pytest.approx(expected, abs=1e-6)
            judged = judge_fasts(laptop, SETTINGS, CATEGORIES.get, fasts, now)
            same_judgement(judged, raw_judged(laptop, fasts, now))


def test_a_changed_usage_file_is_read_again_even_one_synced_from_another_device(
    tmp_path: Path,
) -> None:
    first = date(2026, 10, 1)
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    laptop = store_in(tmp_path, LAPTOP, now)

    def use(device: Device, day: int, minutes: float) -> UsageSpan:
        start = local_datetime(date(2026, 10, day), time(12, 0), ZONE)
        return UsageSpan(
            id=UsageSpan.stable_id(device.id, "facebook", start, "tracker"),
            app="facebook",
            device=device.id,
            source="tracker",
            start=start,
            duration=minutes * 60,
        )

    laptop.add_spans([use(LAPTOP, 5, 10)])
    fast = Fast(
        device=LAPTOP.id,
        updated_at=now,
        name="October",
        start=first,
        end=date(2026, 10, 31),
        rules=[Rule(kind="abstain", apps=["facebook"])],
    )

    def minutes_on(day: int) -> float | None:
        rows = build_day_table(laptop, SETTINGS, date(2026, 10, day), date(2026, 10, day))
        return rows[0].social_minutes

    def status_on(day: int) -> str:
        [judged] = judge_fasts(laptop, SETTINGS, CATEGORIES.get, [fast], now)
        result = judged.day(date(2026, 10, day))
        assert result is not None
        return result.status

    assert (minutes_on(5), status_on(5), status_on(6)) == (10, "slipped", "kept")
    # This device writes its month file again (a late flush, an import).
    laptop.add_spans([use(LAPTOP, 6, 5)])
    assert (minutes_on(6), status_on(6)) == (5, "slipped")
    # The phone's file arrives by sync: written by another process, seen by this one.
    phone = store_in(tmp_path, PHONE, now)
    phone.add_spans([use(PHONE, 7, 3), use(PHONE, 5, 20)])
    assert (minutes_on(5), minutes_on(7), status_on(7)) == (30, 3, "slipped")
