"""The app's watch on the data folder: it notices what other processes and sync tools write, at a
cost that does not grow with history."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from detox.clock import FixedClock
from detox.models import MoodEntry, UsageSpan
from detox.paths import Paths
from detox.store import Store
from detox.store.device import Device
from detox.tui.file_changes import folder_stamp
from tests.spans import tracked

NOW = datetime(2026, 11, 25, 18, 30, tzinfo=UTC)
LAPTOP = Device(id="laptop-0001", name="laptop")
PHONE = Device(id="phone-0002", name="phone")


def _span(device: Device, start: datetime, app: str = "facebook") -> UsageSpan:
    return tracked(device.id, app, start, 600)


def _store(home: Path, device: Device = LAPTOP, days: int = 3) -> Store:
    store = Store(Paths.from_env({"DETOX_HOME": str(home)}), device, FixedClock(NOW))
    store.add_spans(_span(device, NOW - timedelta(days=n)) for n in range(days))
    return store


def _back_in_time(folder: Path, stamp: os.stat_result) -> None:
    """The folder's mtime as it was: a file system with a coarse clock, or a tool that put it
    back, so only the file's own stamp can tell."""
    os.utime(folder, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def test_nothing_written_nothing_changes(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert folder_stamp(store.paths.devices_dir, NOW) == folder_stamp(store.paths.devices_dir, NOW)


def test_a_rewrite_of_an_old_day_is_noticed(tmp_path: Path) -> None:
    """A file replaced whole (detox's own writes, a sync tool's) changes its folder's stamp,
    whichever day it holds."""
    store = _store(tmp_path, days=40)
    before = folder_stamp(store.paths.devices_dir, NOW)
    store.add_spans([_span(LAPTOP, NOW - timedelta(days=30), app="tiktok")])
    assert folder_stamp(store.paths.devices_dir, NOW) != before


def test_a_file_synced_in_from_another_device_is_noticed(tmp_path: Path) -> None:
    laptop = _store(tmp_path)
    phone_home = tmp_path / "phone"
    phone = _store(phone_home, PHONE, days=0)
    phone.add_spans([_span(PHONE, NOW - timedelta(days=20))])
    before = folder_stamp(laptop.paths.devices_dir, NOW)
    # As Syncthing does it: the phone's folder, then its file under a temporary name, renamed.
    arriving = laptop.paths.devices_dir / PHONE.id
    arriving.mkdir()
    assert folder_stamp(laptop.paths.devices_dir, NOW) != before
    before = folder_stamp(laptop.paths.devices_dir, NOW)
    [day_file] = phone.own_dir.glob("usage-*.json")
    temporary = arriving / f".syncthing.{day_file.name}.tmp"
    temporary.write_bytes(day_file.read_bytes())
    os.replace(temporary, arriving / day_file.name)
    assert folder_stamp(laptop.paths.devices_dir, NOW) != before


def test_todays_file_and_the_journal_written_in_place_are_noticed(tmp_path: Path) -> None:
    store = _store(tmp_path)
    folder = store.own_dir
    for name in (f"usage-{NOW:%Y-%m-%d}.json", "journal.json"):
        if name == "journal.json":
            store.put(MoodEntry(device=LAPTOP.id, updated_at=NOW, at=NOW, score=6))
        before = folder_stamp(store.paths.devices_dir, NOW)
        folder_stat = folder.stat()
        with (folder / name).open("a", encoding="utf-8") as handle:
            handle.write(" ")
        _back_in_time(folder, folder_stat)
        assert folder_stamp(store.paths.devices_dir, NOW) != before, name


def _stat_calls(root: Path) -> int:
    calls: list[str] = []
    real_stat = os.stat

    def counting_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        calls.append(str(path))
        return real_stat(path, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "stat", counting_stat)
        folder_stamp(root, NOW)
    return len(calls)


def test_its_cost_does_not_grow_with_history(tmp_path: Path) -> None:
    """A year of day files costs the watch what three days do: a fixed handful of calls per
    device folder (it stat'ed every file every 2 s before)."""
    counts = [
        _stat_calls(_store(tmp_path / f"{days}-days", days=days).paths.devices_dir)
        for days in (3, 400)
    ]
    assert counts[0] == counts[1] < 20
