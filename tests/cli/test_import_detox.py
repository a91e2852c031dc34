"""The round trip: `detox export --format json` then `detox import detox FILE` into an empty home
gives the same days, the same insights, and importing it twice is the same as once."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from detox.clock import FixedClock
from detox.models import Budget, MoodEntry, UsageSpan
from detox.paths import Paths
from detox.store import Device, Store
from tests import aw_sample
from tests.cli.home import NOW, Home, user_error
from tests.spans import tracked as tracked_span

DAYS = ("2026-11-07", "2026-11-08", "2026-11-09", "2026-11-10")


def tracked(device: str, app: str, hours_ago: float, seconds: float) -> UsageSpan:
    start = NOW - timedelta(hours=hours_ago)
    return tracked_span(device, app, start, seconds)


@pytest.fixture
def full_home(tmp_path: Path) -> Home:
    """A home with a bit of everything: tracking here and on a synced desktop, entered use, an
    ActivityWatch and a CSV import, moods (one edited, one deleted) and a budget."""
    home = Home(tmp_path / "original")
    context = home.context()
    me = context.device.id
    context.store.add_spans([tracked(me, "reddit", 2, 900), tracked(me, "youtube", 30, 1200)])
    desktop = Store(home.paths, Device("desktop-0002", "Desktop"), home.clock)
    desktop.add_spans([tracked("desktop-0002", "x", 50, 300)])
    desktop.put(MoodEntry(device="desktop-0002", updated_at=NOW, at=NOW, score=3))

    aw_file = tmp_path / "aw.json"
    aw_file.write_text(json.dumps(aw_sample.export()), encoding="utf-8")
    home.ok("import", "activitywatch", str(aw_file))
    csv_file = tmp_path / "phone.csv"
    csv_file.write_text("2026-11-08,instagram,45\n2026-11-07,tiktok,20,tablet\n", "utf-8")
    home.ok("import", "csv", str(csv_file))
    home.ok("log", "instagram", "25m", "--at", "09:00")
    home.ok("mood", "7", "--tag", "walk")
    home.ok("mood", "5", "--date", "2026-11-09", "--at", "20:00")
    home.ok("mood", "2", "--date", "2026-11-08", "--at", "21:00")
    store = home.context().store
    moods = {m.score: m for m in store.records(MoodEntry)}
    store.put(moods[5].revise(me, NOW, score=6))
    store.put(moods[2].tombstone(me, NOW))
    store.put(Budget(device=me, updated_at=NOW, target="total", weekday_seconds=3600))
    return home


def export_to(home: Home, path: Path) -> Path:
    home.ok("export", "--format", "json", "-o", str(path))
    return path


def report(home: Home) -> dict[str, Any]:
    return {
        "days": {day: home.json("status", "--date", day) for day in DAYS},
        "insights": home.json("insights", "--from", DAYS[0], "--to", DAYS[-1]),
    }


def test_export_then_import_into_an_empty_home_gives_the_same_report(
    full_home: Home, tmp_path: Path
) -> None:
    exported = export_to(full_home, tmp_path / "detox.json")
    fresh = Home(tmp_path / "fresh")
    result = fresh.ok("import", "detox", str(exported))
    assert "Imported spans: 14 new, 0 updated, 0 already there; entries: 9 new" in result.stdout
    original = report(full_home)
    assert report(fresh) == original
    assert original["days"]["2026-11-09"]["total_seconds"] > 0  # the comparison compares data
    assert sorted(m["score"] for d in original["days"].values() for m in d["mood"]) == [3, 6, 7]

    # What the fresh home exports holds the same spans and entries (plus its import event).
    before, after = json.loads(exported.read_text("utf-8")), fresh.export()
    assert {s["id"] for s in after["spans"]} == {s["id"] for s in before["spans"]}
    assert {(r["id"], r["rev"]) for r in before["journal"]} < {
        (r["id"], r["rev"]) for r in after["journal"]
    }


def test_importing_the_export_twice_is_the_same_as_once(full_home: Home, tmp_path: Path) -> None:
    exported = export_to(full_home, tmp_path / "detox.json")
    fresh = Home(tmp_path / "fresh")
    fresh.ok("import", "detox", str(exported))
    files = fresh.data_files()
    again = fresh.json("import", "detox", str(exported))
    assert again["counts"]["spans"]["new"] == again["counts"]["entries"]["new"] == 0
    assert fresh.data_files() == files
    # Back into the home it came from: everything is already there.
    restore = full_home.json("import", "detox", str(exported))
    assert restore["counts"]["spans"] == {"new": 0, "updated": 0, "unchanged": 14}


def test_devices_keep_their_names_after_the_move(full_home: Home, tmp_path: Path) -> None:
    exported = export_to(full_home, tmp_path / "detox.json")
    fresh = Home(tmp_path / "fresh")
    fresh.ok("import", "detox", str(exported))
    names = {d["device"]: d["name"] for d in fresh.json("devices")}
    assert names["desktop-0002"] == "Desktop"
    assert names[full_home.context().device.id] == full_home.context().device.name
    assert names["phone"] == "phone (Pixel 7)"


def test_a_dry_run_of_the_import_writes_nothing(full_home: Home, tmp_path: Path) -> None:
    exported = export_to(full_home, tmp_path / "detox.json")
    fresh = Home(tmp_path / "fresh")
    assert (
        "Dry run, nothing written" in fresh.ok("import", "detox", str(exported), "--dry-run").stdout
    )
    assert fresh.data_files() == {}


def test_a_deleted_entry_stays_deleted_after_a_second_export(
    full_home: Home, tmp_path: Path
) -> None:
    fresh = Home(tmp_path / "fresh")
    fresh.ok("import", "detox", str(export_to(full_home, tmp_path / "one.json")))
    entered = next(r for r in fresh.export()["journal"] if r["kind"] == "usage")
    store = fresh.context().store
    record = store.get(entered["id"])
    assert record is not None
    store.put(record.tombstone(store.device.id, NOW))
    again = Home(tmp_path / "again")
    again.ok("import", "detox", str(export_to(fresh, tmp_path / "two.json")))
    assert report(again) == report(fresh)
    assert entered["id"] not in {s["id"] for s in again.export()["spans"]}


def test_a_malformed_export_names_its_problems_and_stores_nothing(
    full_home: Home, tmp_path: Path
) -> None:
    document = json.loads(export_to(full_home, tmp_path / "detox.json").read_text("utf-8"))
    document["spans"][1]["duration"] = -4
    document["journal"][0]["kind"] = "diary"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    fresh = Home(tmp_path / "fresh")
    message = user_error(fresh("import", "detox", str(broken)))
    assert f"{broken}: 2 problems, nothing imported:" in message
    assert "spans[1]: duration: must be at least 0" in message
    assert "journal[0]: " in message
    assert fresh.data_files() == {}

    document["schema_version"] = 99
    broken.write_text(json.dumps(document), encoding="utf-8")
    assert "written by a newer detox" in user_error(fresh("import", "detox", str(broken)))
    aw_file = tmp_path / "aw.json"
    aw_file.write_text(json.dumps(aw_sample.export()), encoding="utf-8")
    assert "not a detox export" in user_error(fresh("import", "detox", str(aw_file)))


def test_the_original_homes_own_tracked_spans_stay_tracked_on_restore(tmp_path: Path) -> None:
    """Restoring into the same machine (same device id) keeps its tracked spans as tracked."""
    home = Home(tmp_path / "home")
    me = home.context().device.id
    home.context().store.add_spans([tracked(me, "reddit", 2, 900)])
    exported = export_to(home, tmp_path / "detox.json")
    home.ok("purge", "--yes")
    home.ok("import", "detox", str(exported))
    spans = home.export()["spans"]
    assert [(s["app"], s["source"], s["device"]) for s in spans] == [("reddit", "tracker", me)]
    paths = Paths(
        config_dir=tmp_path / "other", data_dir=home.paths.data_dir, state_dir=tmp_path / "s"
    )
    assert Store(paths, Device("other-1", "Other"), FixedClock(NOW)).spans(
        NOW - timedelta(days=1), NOW
    )
