"""A damaged data file (a disk error, a half-synced copy, a hand edit) is moved aside, once, with a
warning naming it; everything else still loads, and the next write starts a fresh file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from detox.clock import FixedClock
from detox.models import MoodEntry, UsageSpan
from detox.paths import Paths
from detox.store import Device, Store, load_device
from tests.spans import tracked

NOW = datetime(2025, 1, 20, 12, 0, tzinfo=UTC)
DAY = datetime(2025, 1, 15, 10, 0, tzinfo=UTC)  # noon-ish of 2025-01-15 in any zone near UTC
OTHER = Device(id="desktop-0002", name="Desktop")
JANUARY = (datetime(2024, 12, 1, tzinfo=UTC), datetime(2025, 2, 1, tzinfo=UTC))

Damage = Callable[[bytes], bytes]
DAMAGES: dict[str, Damage] = {
    "garbage": lambda _: b"\x89PNG\r\n\x1a\n\x00\xff\xfe not json at all",
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda _: b"",
    "a list": lambda _: b"[1, 2, 3]",
    "a table that is no object": lambda _: b'{"meta": "v1", "journal": [1, 2]}',
    "a document that is no object": lambda _: b'{"meta": {"1": 5}, "spans": {"1": "x"}}',
}
TARGETS = [
    "own/journal.json",
    "own/usage-2025-01-15.json",
    "other/journal.json",
    "other/usage-2025-01-15.json",
]


def _mood(device: str, score: int, at: datetime = DAY) -> MoodEntry:
    return MoodEntry(device=device, updated_at=NOW, at=at, score=score)


def _span(device: str, app: str, start: datetime, seconds: float) -> UsageSpan:
    return tracked(device, app, start, seconds)


@dataclass
class Data:
    """Two devices' journals and January spans, plus a December file on this device."""

    paths: Paths
    own: Device
    by_file: dict[str, set[str]]  # "own/journal.json" -> ids stored in that file

    def path(self, target: str) -> Path:
        who, name = target.split("/")
        return self.paths.device_dir(self.own.id if who == "own" else OTHER.id) / name

    def store(self, warnings: list[str], device: Device | None = None) -> Store:
        return Store(self.paths, device or self.own, FixedClock(NOW), warn=warnings.append)


@pytest.fixture
def data(detox_home: Path) -> Data:
    paths = Paths.from_env()
    own = load_device(paths)  # the device the CLI will be too
    mine, theirs = Store(paths, own, FixedClock(NOW)), Store(paths, OTHER, FixedClock(NOW))
    records = {"own/journal.json": [_mood(own.id, 7)], "other/journal.json": [_mood(OTHER.id, 3)]}
    spans = {
        "own/usage-2025-01-15.json": [_span(own.id, "reddit", DAY, 600)],
        "own/usage-2024-12-30.json": [
            _span(own.id, "tiktok", datetime(2024, 12, 30, tzinfo=UTC), 60)
        ],
        "other/usage-2025-01-15.json": [_span(OTHER.id, "youtube", DAY + timedelta(hours=1), 900)],
    }
    mine.put_many(records["own/journal.json"])
    theirs.put_many(records["other/journal.json"])
    mine.add_spans(spans["own/usage-2025-01-15.json"] + spans["own/usage-2024-12-30.json"])
    theirs.add_spans(spans["other/usage-2025-01-15.json"])
    by_file = {name: {r.id for r in found} for name, found in (records | spans).items()}
    return Data(paths, own, by_file)


def _read_all(store: Store) -> set[str]:
    return {r.id for r in store.journal()} | {s.id for s in store.spans(*JANUARY)}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_file_is_moved_aside_or_skipped_and_the_rest_loads(
    data: Data, target: str, damage: Damage
) -> None:
    """This device's file is moved aside; another device's is reported and left where it is,
    since a sync tool would spread the rename to the device that owns it."""
    path = data.path(target)
    broken = damage(path.read_bytes())
    path.write_bytes(broken)

    warnings: list[str] = []
    store = data.store(warnings)
    everything = set().union(*data.by_file.values())
    assert _read_all(store) == everything - data.by_file[target]

    assert len(warnings) == 1 and str(path) in warnings[0], warnings
    if target.startswith("own/"):
        aside = path.with_name(f"{path.name}.corrupt-20250120T120000")
        assert aside.name in warnings[0]
        assert not path.exists()
        assert aside.read_bytes() == broken  # kept as it was, for the user to look at
    else:
        assert "another device" in warnings[0]
        assert path.read_bytes() == broken
        assert list(path.parent.glob("*.corrupt-*")) == []
    assert _read_all(store) == everything - data.by_file[target]
    assert len(warnings) == 1, "warned once, not on every read"


@pytest.mark.parametrize("target", TARGETS)
def test_the_next_write_starts_a_fresh_file_beside_the_quarantined_one(
    data: Data, target: str
) -> None:
    path = data.path(target)
    writer_device = data.own if target.startswith("own/") else OTHER
    warnings: list[str] = []
    reader, writer = data.store(warnings), data.store(warnings, writer_device)
    table = "journal" if path.name == "journal.json" else "spans"
    for round_ in range(2):  # damaged twice within a second: two copies, neither overwritten
        path.write_bytes(f"damaged {round_}".encode())
        _read_all(reader)
        if table == "journal":
            entry = _mood(writer_device.id, 5 + round_)
            writer.put(entry)
            written = entry.id
        else:
            span = _span(writer_device.id, "x", DAY + timedelta(minutes=round_), 30)
            writer.add_spans([span])
            written = span.id
        fresh = json.loads(path.read_bytes())
        assert [doc["id"] for doc in fresh[table].values()] == [written]
    copies = sorted(p.name for p in path.parent.glob(f"{path.name}.corrupt-*"))
    assert copies == [
        f"{path.name}.corrupt-20250120T120000",
        f"{path.name}.corrupt-20250120T120000-1",
    ]
    assert [p.read_bytes() for p in sorted(path.parent.glob(f"{path.name}.corrupt-*"))] == [
        b"damaged 0",
        b"damaged 1",
    ]
    assert written in _read_all(reader)


def test_a_write_into_a_damaged_journal_quarantines_it_first(data: Data) -> None:
    path = data.path("own/journal.json")
    path.write_bytes(b'{"journal": {"1": {"id"')
    warnings: list[str] = []
    store = data.store(warnings)
    entry = _mood(data.own.id, 9)
    store.put(entry)  # no read before: the write itself notices
    assert len(warnings) == 1 and str(path) in warnings[0]
    assert [r.id for r in store.journal() if r.device == data.own.id] == [entry.id]


def _detox(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DETOX_DEBUG"} | {"DETOX_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "detox", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_the_cli_warns_and_carries_on(data: Data, detox_home: Path, damage: Damage) -> None:
    own_journal, their_usage = (
        data.path("own/journal.json"),
        data.path("other/usage-2025-01-15.json"),
    )
    for path in (own_journal, their_usage):
        path.write_bytes(damage(path.read_bytes()))

    status = _detox(detox_home, "status", "--date", "2025-01-15", "--json")
    assert status.returncode == 0, status.stderr
    assert "Traceback" not in status.stderr
    warnings = status.stderr.splitlines()
    assert len(warnings) == 2 and all(w.startswith("warning: ") for w in warnings), warnings
    assert any(str(own_journal) in w for w in warnings)
    assert any(str(their_usage) in w for w in warnings)
    shown = json.loads(status.stdout)
    assert shown["apps"] == [{"app": "reddit", "name": "Reddit", "seconds": 600}]  # own spans
    assert [m["score"] for m in shown["mood"]] == [3]  # the other device's journal

    logged = _detox(detox_home, "mood", "4", "--date", "2025-01-15")
    assert logged.returncode == 0, logged.stderr
    assert logged.stderr == ""  # already moved aside: no second warning
    fresh = json.loads(own_journal.read_bytes())
    assert [doc["score"] for doc in fresh["journal"].values()] == [4]
    assert len(list(own_journal.parent.glob("journal.json.corrupt-*"))) == 1
