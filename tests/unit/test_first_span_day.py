"""The first day of use's fast look at the usage files' names (`Store.first_span_day`) finds the
day `span_days` puts first, whatever the folders hold: day files, old month files, a sync tool's
copies, names detox does not write, months out of range, several devices."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from detox.clock import FixedClock
from detox.paths import Paths
from detox.store import Device, Store

CLOCK = FixedClock(datetime(2026, 11, 1, tzinfo=UTC))
NAMES = st.sampled_from(
    [
        "usage-2026-10-05.json",
        "usage-2026-10-01.json",
        "usage-2026-09-30.json",
        "usage-2026-10.json",
        "usage-2026-09.json",
        "usage-2026-10-05.sync-conflict-20261006.json",
        "usage-2026-02-30.json",
        "usage-2026-13.json",
        "usage-0001-01.json",
        "usage-2026-10-04.json.tmp",
        "usage-2026-1.json",
        "journal.json",
        "device.json",
        "usage-2025-12-31.json",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(NAMES, max_size=8, unique=True), min_size=1, max_size=3))
def test_the_first_span_day_is_the_first_of_span_days(folders: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as root:
        paths = Paths.from_env({"DETOX_HOME": root})
        store = Store(paths, Device("laptop", "Laptop"), CLOCK)
        for index, names in enumerate(folders):
            folder = paths.devices_dir / f"device{index}"
            folder.mkdir(parents=True)
            for name in names:
                (folder / name).write_text("{}", encoding="utf-8")
        days = store.span_days()
        assert store.first_span_day() == (days[0] if days else None)


def test_no_usage_files_no_first_day(tmp_path: Path) -> None:
    store = Store(Paths.from_env({"DETOX_HOME": str(tmp_path)}), Device("laptop", "Laptop"), CLOCK)
    assert store.first_span_day() is None
