"""A data folder shared by several machines, as a sync tool leaves it.

Three machines write their own folders at once while a fourth reads the merged whole; then the
files a sync tool leaves behind: conflict copies (merged) and half-transferred files (ignored).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from detox.clock import FixedClock
from detox.models import MoodEntry, UsageSpan
from detox.paths import Paths
from detox.store import Device, Store
from tests.clock_fixtures import NOW_UTC
from tests.reliability import device_writer

WRITER = Path(device_writer.__file__)
MACHINES = ("laptop-0001", "desktop-0002", "tablet-0003")
STEPS = 40


def reader(root: Path, data: Path) -> Store:
    paths = Paths(config_dir=root / "reader", data_dir=data, state_dir=root / "reader-state")
    return Store(paths, Device("reader-0000", "Reader"), FixedClock(NOW_UTC))


def window(store: Store) -> list[UsageSpan]:
    now = NOW_UTC
    return list(store.spans(now - timedelta(days=3), now))


def test_three_machines_writing_at_once_merge_with_nothing_lost_or_doubled(
    tmp_path: Path,
) -> None:
    data = tmp_path / "shared-data"
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(data), str(tmp_path / m), m, str(STEPS), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for m in MACHINES
    ]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "READY\n"
    store = reader(tmp_path, data)
    go.touch()
    reads = 0
    while any(w.poll() is None for w in writers):
        # Reading while the others write never sees half a file and never doubles an entry.
        moods = store.records(MoodEntry)
        assert len({m.id for m in moods}) == len(moods)
        spans = window(store)
        assert len(spans) <= len(MACHINES) * STEPS
        reads += 1
        time.sleep(0.01)
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert (out, err) == ("DONE\n", "")
    assert reads > 0

    merged = reader(tmp_path, data)
    merged_moods = {m.id: m for m in merged.records(MoodEntry)}
    assert len(merged_moods) == len(MACHINES) * STEPS
    for machine in MACHINES:
        for step in range(STEPS):
            entry = merged_moods[f"{machine}-m{step}"]
            revised = step % 5 == 0
            assert (entry.rev, entry.score) == (
                (2, device_writer.revised_score(step))
                if revised
                else (1, device_writer.mood(machine, step).score)
            )
    spans = window(merged)
    assert sorted(s.id for s in spans) == sorted(
        device_writer.span(m, step).id for m in MACHINES for step in range(STEPS)
    )
    assert {d.id for d in merged.devices()} == {*MACHINES, "reader-0000"}
    assert merged.warnings == [] and store.warnings == []


def test_conflict_copies_of_every_sync_tool_are_merged_by_id(tmp_path: Path) -> None:
    data = tmp_path / "data"
    laptop_paths = Paths(config_dir=tmp_path / "l", data_dir=data, state_dir=tmp_path / "ls")
    laptop = Store(laptop_paths, Device("laptop-0001", "Laptop"), FixedClock(NOW_UTC))
    first = device_writer.mood("laptop-0001", 1)
    laptop.put(first)
    laptop.add_spans([device_writer.span("laptop-0001", 1)])
    folder = laptop.own_dir
    # The other side of each conflict wrote a different entry; each copy holds one of them.
    copies = [
        "journal.sync-conflict-20261101-123456-ABCDEF7.json",  # Syncthing
        "journal (conflicted copy 2026-11-01 123456).json",  # Nextcloud
        "journal (Jane's conflicted copy 2026-11-01).json",  # Dropbox
        "journal (Host's conflicted copy).json",  # Dropbox, older clients
    ]
    saved = (folder / "journal.json").read_bytes()
    for number, name in enumerate(copies, start=2):
        laptop.put(device_writer.mood("laptop-0001", number))
        shutil.move(folder / "journal.json", folder / name)
        (folder / "journal.json").write_bytes(saved)
    laptop.add_spans([device_writer.span("laptop-0001", 2)])
    shutil.move(
        folder / "usage-2026-11-10.json", folder / "usage-2026-11-10 (conflicted copy).json"
    )
    laptop.add_spans([device_writer.span("laptop-0001", 3)])

    merged = reader(tmp_path, data)
    assert {m.id for m in merged.records(MoodEntry)} == {
        f"laptop-0001-m{step}" for step in range(1, 2 + len(copies))
    }
    assert len(window(merged)) == 3
    assert merged.warnings == []


def test_files_a_sync_tool_is_still_transferring_are_ignored(tmp_path: Path) -> None:
    data = tmp_path / "data"
    paths = Paths(config_dir=tmp_path / "d", data_dir=data, state_dir=tmp_path / "ds")
    desktop = Store(paths, Device("desktop-0002", "Desktop"), FixedClock(NOW_UTC))
    desktop.put(device_writer.mood("desktop-0002", 1))
    desktop.add_spans([device_writer.span("desktop-0002", 1)])
    half = b'{"journal": {"1": {"kind": "mood", "sco'
    partial = [
        ".syncthing.journal.json.tmp",  # Syncthing
        "~syncthing~usage-2026-11.json.tmp",  # Syncthing on Windows
        ".journal.json.~4f2a81c3",  # Nextcloud
        "usage-2026-11.json.partial",
        ".usage-2026-11.json.tmp-ab12cd",  # another machine's detox mid-write
    ]
    for name in partial:
        (desktop.own_dir / name).write_bytes(half)
    (data / "devices" / ".stversions").mkdir()
    (data / "devices" / ".stfolder").mkdir()

    merged = reader(tmp_path, data)
    assert [m.id for m in merged.records(MoodEntry)] == ["desktop-0002-m1"]
    assert len(window(merged)) == 1
    assert merged.all_span_months() == ["2026-11"]
    assert {d.id for d in merged.devices()} == {"desktop-0002", "reader-0000"}
    assert merged.warnings == []
    # Not ours to move or delete: the sync tool finishes them.
    assert all((desktop.own_dir / name).read_bytes() == half for name in partial)
