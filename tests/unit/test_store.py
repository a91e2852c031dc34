"""The store on real files: upserts, months, devices sharing a folder, sync-tool copies, privacy.

Crash, concurrency and corrupt-file behaviour are tested in tests/reliability.
"""

from __future__ import annotations

import json
import shutil
import stat
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from detox.clock import FixedClock
from detox.errors import DetoxError
from detox.models import SCHEMA_VERSION, ManualUsage, MoodEntry, UsageSpan
from detox.paths import Paths
from detox.store import Device, Store
from tests.clock_fixtures import NOW_UTC as NOW
from tests.spans import tracked

LAPTOP = Device(id="laptop-0001", name="Laptop")
DESKTOP = Device(id="desktop-0002", name="Desktop")


@pytest.fixture
def paths(detox_home: Path) -> Paths:
    return Paths.from_env()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def store(paths: Paths, clock: FixedClock) -> Store:
    return Store(paths, LAPTOP, clock)


def _span(
    start: datetime, seconds: float, app: str = "reddit", device: str = LAPTOP.id
) -> UsageSpan:
    return tracked(device, app, start, seconds)


def _mood(device: Device, score: int = 7, at: datetime = NOW) -> MoodEntry:
    return MoodEntry(device=device.id, updated_at=at, at=at, score=score)


def _day(store: Store, start: datetime = NOW - timedelta(hours=12)) -> list[UsageSpan]:
    return store.spans(start, start + timedelta(days=1))


def test_writing_a_span_twice_stores_it_once(store: Store) -> None:
    span = _span(NOW, 300)
    store.add_spans([span])
    store.add_spans([span])
    assert _day(store) == [span]
    # A re-flush of a span that grew replaces it rather than adding to it.
    longer = span.model_copy(update={"duration": 420.0})
    store.add_spans([longer])
    assert _day(store) == [longer]
    stored = json.loads((store.own_dir / "usage-2026-11-10.json").read_text(encoding="utf-8"))
    assert len(stored["spans"]) == 1


def test_spans_are_sorted_and_clipped_to_overlap(store: Store) -> None:
    early, late = _span(NOW - timedelta(hours=2), 60, "tiktok"), _span(NOW, 60, "reddit")
    outside = _span(NOW + timedelta(days=3), 60)
    store.add_spans([late, outside, early])
    assert _day(store) == [early, late]
    # A span overlapping the window only in part is still found.
    assert store.spans(NOW + timedelta(seconds=30), NOW + timedelta(hours=1)) == [late]
    assert store.spans(NOW + timedelta(seconds=60), NOW + timedelta(hours=1)) == []


def test_span_crossing_a_month_is_found_from_both_months(store: Store) -> None:
    span = _span(datetime(2026, 10, 31, 23, 30, tzinfo=UTC), 3600)
    store.add_spans([span])
    assert [p.name for p in store.own_dir.glob("usage-*")] == ["usage-2026-10-31.json"]
    october_end = datetime(2026, 10, 31, 12, 0, tzinfo=UTC)
    november_start = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
    assert store.spans(october_end, november_start) == [span]
    assert store.spans(november_start, november_start + timedelta(days=1)) == [span]
    assert store.all_span_months() == ["2026-10"]


def test_spans_of_many_months_are_found_by_month(store: Store) -> None:
    starts = [datetime(2026, month, 15, 9, 0, tzinfo=UTC) for month in (1, 2, 12)]
    store.add_spans([_span(start, 60) for start in starts])
    assert store.all_span_months() == ["2026-01", "2026-02", "2026-12"]
    found = store.spans(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert [s.start for s in found] == starts


def test_manual_usage_appears_in_spans(store: Store) -> None:
    usage = ManualUsage(
        device=LAPTOP.id,
        updated_at=NOW,
        app="instagram",
        start=NOW - timedelta(minutes=25),
        duration=1500,
    )
    tracked = _span(NOW - timedelta(hours=1), 600)
    store.add_spans([tracked])
    store.put(usage)
    assert _day(store) == [tracked, usage.to_span()]
    assert _day(store)[1].source == "manual"
    store.put(usage.tombstone(LAPTOP.id, NOW))
    assert _day(store) == [tracked]


def test_a_device_cannot_write_another_devices_tracked_spans(store: Store) -> None:
    with pytest.raises(DetoxError):
        store.add_spans([_span(NOW, 60, device=DESKTOP.id)])
    assert _day(store) == []


def test_latest_revision_wins_across_devices(paths: Paths, clock: FixedClock) -> None:
    laptop, desktop = Store(paths, LAPTOP, clock), Store(paths, DESKTOP, clock)
    entry = _mood(LAPTOP, score=4)
    laptop.put(entry)
    assert [r.id for r in desktop.journal()] == [entry.id]

    clock.advance(60)
    desktop.put(entry.revise(DESKTOP.id, clock.now(), score=6))
    clock.advance(60)
    laptop.put(desktop.records(MoodEntry)[0].revise(LAPTOP.id, clock.now(), score=8))
    for store in (laptop, desktop):
        moods = store.records(MoodEntry)
        assert [(m.id, m.rev, m.score) for m in moods] == [(entry.id, 3, 8)]
    # Each device wrote only its own folder.
    assert {p.name for p in paths.devices_dir.iterdir()} == {LAPTOP.id, DESKTOP.id}


def test_concurrent_edits_keep_the_later_one(paths: Paths, clock: FixedClock) -> None:
    laptop, desktop = Store(paths, LAPTOP, clock), Store(paths, DESKTOP, clock)
    entry = _mood(LAPTOP, score=4)
    laptop.put(entry)
    # Both edit revision 1 while apart; the later edit wins on every device.
    desktop.put(entry.revise(DESKTOP.id, NOW + timedelta(minutes=5), score=5))
    laptop.put(entry.revise(LAPTOP.id, NOW + timedelta(minutes=9), score=9))
    assert [m.score for m in laptop.records(MoodEntry)] == [9]
    assert [m.score for m in desktop.records(MoodEntry)] == [9]


def test_spans_from_every_device_are_merged(paths: Paths, clock: FixedClock) -> None:
    laptop, desktop = Store(paths, LAPTOP, clock), Store(paths, DESKTOP, clock)
    mine, theirs = _span(NOW, 60), _span(NOW, 90, device=DESKTOP.id)
    laptop.add_spans([mine])
    desktop.add_spans([theirs])
    assert {s.id for s in _day(laptop)} == {mine.id, theirs.id}


def test_tombstones_hide_records(store: Store) -> None:
    kept, dropped = _mood(LAPTOP, 5), _mood(LAPTOP, 2)
    store.put_many([kept, dropped])
    store.put(dropped.tombstone(LAPTOP.id, NOW + timedelta(minutes=1)))
    assert [r.id for r in store.journal()] == [kept.id]
    assert store.get(dropped.id) is None
    everything = store.journal(include_deleted=True)
    assert {(r.id, r.deleted) for r in everything} == {(kept.id, False), (dropped.id, True)}


def test_get_by_id_prefix(store: Store) -> None:
    entry = _mood(LAPTOP)
    store.put(entry)
    assert store.get(entry.id[:8]) == entry
    assert store.get("not-an-id") is None


def test_files_are_private(store: Store, paths: Paths) -> None:
    store.put(_mood(LAPTOP))
    store.add_spans([_span(NOW, 60)])
    for name in ("journal.json", "usage-2026-11-10.json", "device.json"):
        assert stat.S_IMODE((store.own_dir / name).stat().st_mode) == 0o600, name
    for folder in (store.own_dir, paths.locks_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for lock in paths.locks_dir.iterdir():
        assert stat.S_IMODE(lock.stat().st_mode) & 0o077 == 0, lock


def test_data_folders_are_private(store: Store, paths: Paths) -> None:
    for folder in (paths.data_dir, paths.devices_dir):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, folder


def test_files_carry_schema_meta(store: Store) -> None:
    store.put(_mood(LAPTOP))
    store.add_spans([_span(NOW, 60)])
    for name, kind in (("journal.json", "journal"), ("usage-2026-11-10.json", "usage")):
        data = json.loads((store.own_dir / name).read_text(encoding="utf-8"))
        assert list(data["meta"].values()) == [
            {"schema": SCHEMA_VERSION, "kind": kind, "device": LAPTOP.id}
        ]
    # More writes do not add more meta rows.
    store.put(_mood(LAPTOP))
    data = json.loads((store.own_dir / "journal.json").read_text(encoding="utf-8"))
    assert len(data["meta"]) == 1


def test_file_from_a_newer_detox_warns(store: Store) -> None:
    store.put(_mood(LAPTOP))
    path = store.own_dir / "journal.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    assert len(store.journal()) == 1
    assert any("newer detox" in warning for warning in store.warnings)


def _fork(
    store: Store,
    name: str,
    conflict_name: str,
    write_ours: Callable[[], None],
    write_theirs: Callable[[], None],
) -> None:
    """Leave two versions of one file, as a sync tool does when two machines changed it.

    `write_ours` runs on a copy of the current file and stays as `name`; `write_theirs` runs on the
    original and ends up as `conflict_name`, beside it.
    """
    path = store.own_dir / name
    theirs = store.own_dir / f"{name}.theirs"
    shutil.copy2(path, theirs)
    write_theirs()
    path.replace(store.own_dir / conflict_name)
    theirs.replace(path)
    write_ours()


@pytest.mark.parametrize(
    "conflict_name",
    [
        "journal.sync-conflict-20261101-123456-ABCDEF7.json",  # Syncthing
        "journal (conflicted copy 2026-11-01 123456).json",  # Nextcloud / ownCloud
        "journal (Jane's conflicted copy 2026-11-01).json",  # Dropbox
    ],
)
def test_journal_sync_conflict_copies_are_merged(store: Store, conflict_name: str) -> None:
    shared, ours, theirs = _mood(LAPTOP, 5), _mood(LAPTOP, 8), _mood(LAPTOP, 3)
    store.put(shared)
    later = NOW + timedelta(minutes=2)
    _fork(
        store,
        "journal.json",
        conflict_name,
        write_ours=lambda: store.put(ours),
        write_theirs=lambda: store.put_many([theirs, shared.revise(LAPTOP.id, later, score=6)]),
    )
    assert (store.own_dir / conflict_name).exists()
    merged = {r.id: r for r in store.records(MoodEntry)}
    assert set(merged) == {shared.id, ours.id, theirs.id}
    assert merged[shared.id].score == 6


@pytest.mark.parametrize(
    "conflict_name",
    [
        "usage-2026-11-10.sync-conflict-20261101-123456-ABCDEF7.json",
        "usage-2026-11-10 (conflicted copy 2026-11-01 123456).json",
    ],
)
def test_usage_sync_conflict_copies_are_merged(store: Store, conflict_name: str) -> None:
    shared, ours, theirs = _span(NOW, 60), _span(NOW + timedelta(hours=1), 60), _span(NOW, 60, "x")
    store.add_spans([shared])
    _fork(
        store,
        "usage-2026-11-10.json",
        conflict_name,
        write_ours=lambda: store.add_spans([ours]),
        write_theirs=lambda: store.add_spans([theirs]),
    )
    assert {s.id for s in _day(store)} == {shared.id, ours.id, theirs.id}
    assert store.all_span_months() == ["2026-11"]


def test_device_registration(paths: Paths, clock: FixedClock) -> None:
    Store(paths, LAPTOP, clock)
    desktop = Store(paths, DESKTOP, clock)
    info = json.loads((desktop.own_dir / "device.json").read_text(encoding="utf-8"))
    assert (info["id"], info["name"]) == (DESKTOP.id, "Desktop")
    assert {(d.id, d.name) for d in desktop.devices()} == {
        (LAPTOP.id, "Laptop"),
        (DESKTOP.id, "Desktop"),
    }
    # A renamed machine updates its entry, keeping when it was first seen.
    clock.advance(3600)
    renamed = Store(paths, Device(id=DESKTOP.id, name="Study PC"), clock)
    again = {d.id: d for d in renamed.devices()}[DESKTOP.id]
    assert (again.name, again.created) == ("Study PC", NOW)


def test_a_device_folder_without_device_json_is_still_listed(store: Store, paths: Paths) -> None:
    (paths.devices_dir / "stranger-9").mkdir()
    assert {d.id for d in store.devices()} == {LAPTOP.id, "stranger-9"}


def test_purge_deletes_every_devices_data(paths: Paths, clock: FixedClock) -> None:
    laptop, desktop = Store(paths, LAPTOP, clock), Store(paths, DESKTOP, clock)
    laptop.put(_mood(LAPTOP))
    laptop.add_spans([_span(NOW, 60)])
    desktop.put(_mood(DESKTOP))
    paths.config_file.write_text("idle_threshold = 60\n", encoding="utf-8")

    # device.json twice, journal.json twice, one usage file.
    assert laptop.purge() == 5
    assert laptop.journal() == []
    assert _day(laptop) == []
    assert laptop.device_dirs() == []
    assert paths.config_file.read_text(encoding="utf-8") == "idle_threshold = 60\n"


def test_store_keeps_working_after_purge(store: Store) -> None:
    store.put(_mood(LAPTOP))
    store.purge()
    entry = _mood(LAPTOP, 9)
    store.put(entry)
    assert store.journal() == [entry]


def test_folder_recreated_after_purge_is_private_and_registered(store: Store) -> None:
    store.purge()
    store.put(_mood(LAPTOP))
    assert stat.S_IMODE(store.own_dir.stat().st_mode) == 0o700
    assert (store.own_dir / "device.json").exists()


def test_span_files_are_written_as_tinydb_writes_them(store: Store, tmp_path: Path) -> None:
    """The store changes a usage file's tables itself (not through TinyDB's objects): the file
    is byte for byte what TinyDB's remove and insert_multiple write, keys included, over a file
    holding other spans, a replaced one, a withdrawn one and numbering gaps."""
    from tinydb import TinyDB

    from detox.models import span_list_adapter
    from detox.store.storage import AtomicJSONStorage

    day = NOW.replace(hour=1)
    first = [_span(day + timedelta(minutes=n), 30, app=f"app{n}") for n in range(5)]
    store.add_spans(first)
    path = store.own_dir / "usage-2026-11-10.json"
    tables = json.loads(path.read_text(encoding="utf-8"))
    del tables["spans"]["2"]  # a gap in the numbers, as a removal leaves
    path.write_text(json.dumps(tables), encoding="utf-8")
    twin = tmp_path / "twin.json"
    shutil.copyfile(path, twin)
    grown = first[3].model_copy(update={"duration": 45.0})
    new = [_span(day + timedelta(hours=2, minutes=n), 20, app="late") for n in range(3)]
    store.add_spans([grown, *new], discard=[first[4]])

    db = TinyDB(twin, storage=AtomicJSONStorage)
    table = db.table("spans")
    gone = {grown.id, first[4].id}
    table.remove(doc_ids=[doc.doc_id for doc in table if doc["id"] in gone])
    table.insert_multiple(span_list_adapter().dump_python([grown, *new], mode="json"))
    assert path.read_bytes() == twin.read_bytes()
    assert sorted(s.id for s in _day(store, day)) == sorted(
        s.id for s in [*first[:3], grown, *new] if s.id != first[1].id
    )


def test_a_store_that_keeps_folder_listings_sees_a_synced_devices_new_files(
    paths: Paths, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Listings kept however recent the folders' changes (in use they are kept two seconds after).
    monkeypatch.setattr("detox.store.listing.RACY_NS", -(10**18))
    store = Store(paths, LAPTOP, clock)
    store.add_spans([_span(NOW - timedelta(hours=2), 300)])
    assert [s.device for s in _day(store)] == [LAPTOP.id]
    assert _day(store) == _day(store)  # a second reading from the kept listings
    # Another device's folder and day file arrive through a sync tool (after a tick of the
    # kernel's coarse clock: the ctime of a folder changed within its listing's tick is the
    # race the two seconds guard against).
    time.sleep(0.03)
    Store(paths, DESKTOP, clock).add_spans([_span(NOW - timedelta(hours=1), 60, device=DESKTOP.id)])
    assert [s.device for s in _day(store)] == [LAPTOP.id, DESKTOP.id]
    # And its next day's file, in the folder the store has already listed.
    later = NOW + timedelta(days=1)
    time.sleep(0.03)
    Store(paths, DESKTOP, clock).add_spans([_span(later, 60, device=DESKTOP.id)])
    assert [s.device for s in store.spans(later, later + timedelta(hours=1))] == [DESKTOP.id]
