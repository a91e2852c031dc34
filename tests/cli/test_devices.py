"""`detox devices`: machines sharing the data folder, and the phones and imports beside them."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from detox.devices import resolve_devices, spans_of
from detox.errors import InputError
from detox.models import MoodEntry, UsageSpan
from detox.store import Device, Store
from tests.cli.home import NOW, Home
from tests.spans import tracked

DESKTOP = Device("desktop-0002", "Study PC")


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


def _tracked(device: str, app: str, start_hours_ago: float, seconds: float) -> UsageSpan:
    start = NOW - timedelta(hours=start_hours_ago)
    return tracked(device, app, start, seconds)


@pytest.fixture
def shared(home: Home) -> Home:
    """This machine tracked 15 min, a synced desktop 10 min and a mood, a phone entry 25 min."""
    me = home.context().device.id
    home.context().store.add_spans([_tracked(me, "reddit", 3, 900)])
    desktop = Store(home.paths, DESKTOP, home.clock)
    desktop.add_spans([_tracked(DESKTOP.id, "youtube", 26, 600)])
    desktop.put(MoodEntry(device=DESKTOP.id, updated_at=NOW - timedelta(hours=20), at=NOW, score=6))
    home.ok("log", "instagram", "25m", "--at", "08:00")
    return home


def test_a_new_home_lists_this_machine_without_data(home: Home) -> None:
    devices = home.json("devices")
    assert len(devices) == 1
    assert devices[0]["kind"] == "this machine"
    assert devices[0]["last_data"] is None
    assert devices[0]["seconds"] == 0


def test_machines_and_phones_with_their_last_data(shared: Home) -> None:
    me = shared.context().device
    devices = shared.json("devices")
    assert [(d["device"], d["kind"]) for d in devices] == [
        (me.id, "this machine"),
        (DESKTOP.id, "synced machine"),
        ("phone", "entered"),
    ]
    by_key = {d["device"]: d for d in devices}
    assert by_key[DESKTOP.id]["name"] == "Study PC"
    assert by_key[DESKTOP.id]["seconds"] == 600
    # Its last data is its mood entry (20 h ago), later than its tracked span (26 h ago).
    assert by_key[DESKTOP.id]["last_data"] == "2026-11-09T15:00:00+00:00"
    assert by_key["phone"]["seconds"] == 1500
    assert by_key["phone"]["sources"] == ["manual"]
    # The entry was written by this machine, at noon.
    assert by_key[me.id]["entries"] == 1
    assert by_key[me.id]["last_data"] == "2026-11-10T11:00:00+00:00"

    lines = shared.ok("devices").stdout.splitlines()
    assert lines[0].split() == ["DEVICE", "KIND", "LAST", "DATA", "SOCIAL", "TIME", "ID"]
    assert lines[2].split() == [
        "Study",
        "PC",
        "synced",
        "machine",
        "2026-11-09",
        "16:00",  # local (Warsaw) time
        "10m",
        DESKTOP.id,
    ]


def test_copies_left_by_a_sync_tool_are_counted_and_hidden_folders_ignored(
    shared: Home,
) -> None:
    folder = shared.paths.device_dir(DESKTOP.id)
    shutil.copy(folder / "journal.json", folder / "journal (Study PC's conflicted copy).json")
    day = next(folder.glob("usage-2026-11-*.json")).name[: -len(".json")]
    shutil.copy(folder / f"{day}.json", folder / f"{day}.sync-conflict-1-2-X.json")
    (shared.paths.devices_dir / ".stversions").mkdir()
    (folder / ".syncthing.journal.json.tmp").write_bytes(b'{"journal": {"1": {"ki')
    by_key = {d["device"]: d for d in shared.json("devices")}
    assert ".stversions" not in by_key
    assert by_key[DESKTOP.id]["sync_copies"] == 2
    assert by_key[DESKTOP.id]["seconds"] == 600  # merged, not doubled
    text = shared.ok("devices").stdout
    assert "Study PC: 2 copies left by a sync tool, read and merged (nothing lost)" in text


def test_a_device_is_picked_by_name_id_or_label_for_a_report(shared: Home) -> None:
    store = shared.context().store
    assert resolve_devices(store, "study pc") == {DESKTOP.id}
    assert resolve_devices(store, DESKTOP.id) == {DESKTOP.id}
    assert resolve_devices(store, "Phone") == {"phone"}
    spans = store.spans(NOW - timedelta(days=2), NOW)
    assert [s.app for s in spans_of(spans, {"phone"})] == ["instagram"]
    with pytest.raises(InputError, match="no device 'tablet'; known devices: "):
        resolve_devices(store, "tablet")
