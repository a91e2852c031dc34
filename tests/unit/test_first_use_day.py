"""The first day of use comes from the names of the usage files and the first of them, not from
a month of rollups, and gives the day the rollups gave: spans on this device and another
device's folder (day files and an older detox's month file), entered phone use, apps of an
ignored category, any day start."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detox.clock import FixedClock, local_day
from detox.config import Settings
from detox.insights.daytable import first_use_day
from detox.models import ManualUsage, UsageSpan
from detox.paths import Paths
from detox.reports.rollups import use_by_day
from detox.store import Device, Store
from tests.spans import tracked

LAPTOP = Device(id="laptop-0001", name="Laptop")
DESKTOP = Device(id="desktop-0002", name="Desktop")
NOW = datetime(2026, 6, 20, 12, 0, tzinfo=UTC)
BASE = datetime(2026, 3, 27, 0, 0, tzinfo=UTC)  # the first spans fall around a month's turn
APPS = ("instagram", "reddit", "tiktok")  # tiktok is a video app, left out when video is ignored


def rollups_answer(store: Store, config: Settings) -> date | None:
    """How the first day of use was found before: the rollups of the first month with usage
    files (and the day before it), and entered use; and the months after it while they hold
    no counted use (the first month's files may hold only apps of an ignored category)."""
    days = [local_day(u.start, config.day_start, config.zone) for u in store.records(ManualUsage)]
    for month in store.all_span_months():
        first = date.fromisoformat(f"{month}-01") - timedelta(days=1)
        stats = use_by_day(store, config, store.clock.now(), first, first + timedelta(days=33))
        used = [day for day, figures in stats.items() if figures.apps]
        if used:
            days.extend(used)
            break
    return min(days, default=None)


def counted_answer(
    spans: list[UsageSpan], entered: list[ManualUsage], config: Settings, ignored: set[str]
) -> date | None:
    """From what was written, without detox's readers."""
    # A span of no time is no use (nor a session).
    starts = [s.start for s in spans if s.app not in ignored and s.duration > 0]
    starts += [u.start for u in entered]
    return min((local_day(at, config.day_start, config.zone) for at in starts), default=None)


def _span(device: Device, start: datetime, seconds: float, app: str) -> UsageSpan:
    return tracked(device.id, app, start, seconds)


def _stores(root: Path) -> tuple[Store, Store]:
    return _reader(root), Store(_paths(root), DESKTOP, FixedClock(NOW))


def _reader(root: Path) -> Store:
    """The laptop's store, opened anew (so nothing is remembered from the writes); opening the
    desktop's would split its month files."""
    return Store(_paths(root), LAPTOP, FixedClock(NOW))


def _paths(root: Path) -> Paths:
    return Paths.from_env({"DETOX_HOME": str(root)})


SPAN = st.tuples(
    st.booleans(),  # on the desktop (another device's folder)
    st.integers(0, 20 * 24 * 60),  # minutes after BASE
    st.floats(0, 5 * 3600),
    st.sampled_from(APPS),
)
ENTERED = st.lists(st.tuples(st.integers(0, 25 * 24 * 60), st.sampled_from(APPS)), max_size=2)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spans=st.lists(SPAN, max_size=12),
    entered=ENTERED,
    day_start=st.sampled_from([time(0, 0), time(4, 0), time(23, 30)]),
    zone=st.sampled_from(["Europe/Warsaw", "America/New_York", "Asia/Tokyo"]),
    ignore_video=st.booleans(),
)
def test_the_first_day_of_use_from_the_files_is_the_rollups_answer(
    spans: list[tuple[bool, int, float, str]],
    entered: list[tuple[int, str]],
    day_start: time,
    zone: str,
    ignore_video: bool,
) -> None:
    config = Settings(
        timezone=zone,
        day_start=day_start,
        ignore_categories=["video"] if ignore_video else [],
    )
    with tempfile.TemporaryDirectory() as folder:
        laptop, desktop = _stores(Path(folder))
        # By id: a span written again with the same id (device, app, start) replaces the first.
        written: dict[str, UsageSpan] = {}
        for on_desktop, minutes, seconds, app in spans:
            device = DESKTOP if on_desktop else LAPTOP
            span = _span(device, BASE + timedelta(minutes=minutes), seconds, app)
            (desktop if on_desktop else laptop).add_spans([span])
            written[span.id] = span
        typed = [
            ManualUsage(
                device=LAPTOP.id,
                updated_at=NOW,
                app=app,
                start=BASE + timedelta(minutes=minutes),
                duration=900,
            )
            for minutes, app in entered
        ]
        laptop.put_many(typed)
        ignored = {"tiktok"} if ignore_video else set()
        found = first_use_day(_reader(Path(folder)), config)
        assert found == counted_answer(list(written.values()), typed, config, ignored)
        assert found == rollups_answer(_reader(Path(folder)), config)


def test_an_older_detox_month_file_in_another_device_folder_is_read(tmp_path: Path) -> None:
    laptop, desktop = _stores(tmp_path)
    laptop.add_spans([_span(LAPTOP, datetime(2026, 4, 2, 9, tzinfo=UTC), 60, "reddit")])
    desktop.add_spans([_span(DESKTOP, datetime(2026, 3, 30, 21, tzinfo=UTC), 60, "instagram")])
    # The desktop runs an older detox: its spans live in one file for the month.
    day_file = desktop.own_dir / "usage-2026-03-30.json"
    day_file.rename(desktop.own_dir / "usage-2026-03.json")
    config = Settings(timezone="Europe/Warsaw")
    reader = _reader(tmp_path)
    assert "2026-03-30" in reader.span_days() and "2026-03-01" in reader.span_days()
    assert first_use_day(reader, config) == date(2026, 3, 30)
    assert first_use_day(reader, config) == rollups_answer(reader, config)


def test_a_first_file_of_only_ignored_apps_leads_to_the_next(tmp_path: Path) -> None:
    laptop, _desktop = _stores(tmp_path)
    laptop.add_spans([_span(LAPTOP, datetime(2026, 3, 1, 9, tzinfo=UTC), 60, "tiktok")])
    laptop.add_spans([_span(LAPTOP, datetime(2026, 3, 3, 9, tzinfo=UTC), 60, "reddit")])
    (laptop.own_dir / "usage-2026-03-02.json").write_text(json.dumps({"spans": {}}))
    config = Settings(timezone="Europe/Warsaw", ignore_categories=["video"])
    assert first_use_day(_reader(tmp_path), config) == date(2026, 3, 3)
    counting_video = Settings(timezone="Europe/Warsaw")
    assert first_use_day(_reader(tmp_path), counting_video) == date(2026, 3, 1)


def test_the_answer_is_kept_until_an_earlier_or_a_read_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desktop = _stores(tmp_path)
    laptop.add_spans([_span(LAPTOP, datetime(2026, 3, 10, 9, tzinfo=UTC), 60, "tiktok")])
    laptop.add_spans([_span(LAPTOP, datetime(2026, 3, 12, 9, tzinfo=UTC), 60, "reddit")])
    config = Settings(timezone="Europe/Warsaw", ignore_categories=["video"])
    reader = _reader(tmp_path)
    use_by_day(reader, config, NOW, date(2026, 3, 1), date(2026, 3, 31))  # the rollups' folder
    assert first_use_day(reader, config) == date(2026, 3, 12)
    with monkeypatch.context() as patched:
        patched.setattr(Store, "spans", _no_reading)
        assert first_use_day(_reader(tmp_path), config) == date(2026, 3, 12)
    # Another device's file of a day between the first file and the day found, synced in.
    desktop.add_spans([_span(DESKTOP, datetime(2026, 3, 11, 9, tzinfo=UTC), 60, "instagram")])
    assert first_use_day(_reader(tmp_path), config) == date(2026, 3, 11)
    # A file that was read, rewritten.
    laptop.add_spans([_span(LAPTOP, datetime(2026, 3, 10, 12, tzinfo=UTC), 60, "reddit")])
    assert first_use_day(_reader(tmp_path), config) == date(2026, 3, 10)
    # A file of an earlier day.
    desktop.add_spans([_span(DESKTOP, datetime(2026, 2, 27, 22, tzinfo=UTC), 60, "instagram")])
    assert first_use_day(_reader(tmp_path), config) == date(2026, 2, 27)
    with monkeypatch.context() as patched:
        patched.setattr(Store, "spans", _no_reading)
        assert first_use_day(_reader(tmp_path), config) == date(2026, 2, 27)


def _no_reading(*_args: object, **_kwargs: object) -> list[UsageSpan]:
    raise AssertionError("usage files read again")
