"""Month files of spans (detox before day files) are split into day files on the first start.

The data is shaped like a real folder: three months of a heavy user's tracked spans (400 a day,
some crossing midnight and the month's end), imported and entered spans of other labels, a span
no reader accepts, a sync tool's conflict copy, and another device's month file. The split is
also killed (SIGKILL) after every few day files; the next start finishes it and nothing is lost.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import pytest

from benchmarks.synthetic import day_of_spans
from detox.clock import FixedClock
from detox.models import SCHEMA_VERSION, UsageSpan
from detox.paths import Paths
from detox.store import Device, Store

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
ME = Device("laptop-0001", "Laptop")
OTHER = Device("phone-0002", "Phone")
EVERYTHING = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
MONTHS = ("2026-09", "2026-10", "2026-11")
Source = Literal["tracker", "manual", "import"]
UNREADABLE = {"id": "broken", "app": "reddit", "start": "2026-10-12T08:00:00+00:00"}


def _old_file(device: str, docs: list[dict[str, Any]]) -> bytes:
    """A month file exactly as detox wrote it before: TinyDB tables, compact JSON."""
    meta = {"1": {"schema": SCHEMA_VERSION, "kind": "usage", "device": device}}
    spans = {str(number): doc for number, doc in enumerate(docs, start=1)}
    return json.dumps({"meta": meta, "spans": spans}, separators=(",", ":")).encode()


def _span(device: str, app: str, start: datetime, seconds: float, source: Source) -> UsageSpan:
    return UsageSpan(
        id=UsageSpan.stable_id(device, app, start, source),
        app=app,
        device=device,
        source=source,
        start=start,
        duration=seconds,
    )


def _month_docs(rng: random.Random, device: str, month: str) -> list[dict[str, Any]]:
    first = datetime.fromisoformat(f"{month}-01T00:00:00+00:00")
    days = 30 if month != "2026-11" else 19  # the current month, up to yesterday
    spans = [
        span
        for day in range(days)
        for span in day_of_spans(rng, device, first + timedelta(days=day), 400)
        if span.start.strftime("%Y-%m") == month  # a late burst belongs to the next month
    ]
    spans.append(_span(device, "youtube", first + timedelta(hours=23, minutes=50), 1200, "tracker"))
    spans.append(_span("phone", "tiktok", first + timedelta(days=3, hours=9), 900, "import"))
    return [span.model_dump(mode="json") for span in spans]


@pytest.fixture
def paths(detox_home: Path) -> Paths:
    paths = Paths.from_env()
    rng = random.Random(20261120)
    for device in (ME.id, OTHER.id):
        folder = paths.device_dir(device)
        folder.mkdir(parents=True)
        for month in MONTHS:
            docs = _month_docs(rng, device, month)
            if device == ME.id and month == "2026-10":
                docs.append(UNREADABLE)
            (folder / f"usage-{month}.json").write_bytes(_old_file(device, docs))
    # A sync tool's copy beside this device's month file: read and merged, never split.
    span = _span(ME.id, "x", datetime(2026, 11, 2, 10, tzinfo=UTC), 300, "tracker")
    conflict = paths.device_dir(ME.id) / "usage-2026-11.sync-conflict-20261102-ABC.json"
    conflict.write_bytes(_old_file(ME.id, [span.model_dump(mode="json")]))
    return paths


def _checker(paths: Paths, warnings: list[str] | None = None) -> Store:
    """A third device's store: it reads every folder and splits nothing (it has no month files)."""
    sink = warnings if warnings is not None else []
    return Store(paths, Device("checker-0000", "checker"), FixedClock(NOW), warn=sink.append)


def _everything(paths: Paths) -> dict[str, UsageSpan]:
    return {span.id: span for span in _checker(paths).spans(*EVERYTHING)}


def _usage_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("usage-*"))


def test_the_first_start_splits_this_devices_month_files_into_day_files(paths: Paths) -> None:
    before = _everything(paths)
    theirs = {p.name: p.read_bytes() for p in paths.device_dir(OTHER.id).iterdir()}
    assert len(before) > 30_000

    warnings: list[str] = []
    store = Store(paths, ME, FixedClock(NOW), warn=warnings.append)

    names = _usage_names(store.own_dir)
    assert "usage-2026-10.json" not in names and "usage-2026-09.json" not in names
    assert "usage-2026-11.sync-conflict-20261102-ABC.json" in names
    assert "usage-2026-10-31.json" in names and "usage-2026-11-19.json" in names
    assert all(len(name) == len("usage-2026-10-01.json") for name in names if "sync" not in name)
    assert store.all_span_months() == list(MONTHS)
    assert _everything(paths) == before
    # A day file holds the spans starting on its UTC day, and only those.
    day = json.loads((store.own_dir / "usage-2026-10-31.json").read_bytes())
    assert {doc["start"][:10] for doc in day["spans"].values()} == {"2026-10-31"}
    # The span no reader accepts is kept as it was, and still reported, not lost in the move.
    assert (
        UNREADABLE
        in json.loads((store.own_dir / "usage-2026-10-12.json").read_bytes())["spans"].values()
    )
    store.spans(datetime(2026, 10, 12, tzinfo=UTC), datetime(2026, 10, 13, tzinfo=UTC))
    assert any("usage-2026-10-12.json: skipped unreadable spans: 1" in w for w in warnings)
    # Another device's files are its own to change: not one byte differs.
    assert {p.name: p.read_bytes() for p in paths.device_dir(OTHER.id).iterdir()} == theirs
    # A flush now rewrites one day, not the month.
    span = _span(ME.id, "reddit", datetime(2026, 11, 20, 9, tzinfo=UTC), 60, "tracker")
    store.add_spans([span])
    assert set(_usage_names(store.own_dir)) == {*names, "usage-2026-11-20.json"}
    assert (store.own_dir / "usage-2026-11-20.json").stat().st_size < 100_000
    assert _everything(paths) == before | {span.id: span}


SPLIT_AND_DIE = """
import os, signal, sys
from datetime import datetime, UTC
from detox.clock import FixedClock
from detox.paths import Paths
from detox.store import Device, Store

writes = 0
original = Store._write

def write_then_maybe_die(self, path, kind, change):
    global writes
    original(self, path, kind, change)
    writes += 1
    if writes == int(sys.argv[1]):
        os.kill(os.getpid(), signal.SIGKILL)

Store._write = write_then_maybe_die
Store(Paths.from_env(), Device("laptop-0001", "Laptop"), FixedClock(datetime.now(UTC)))
print("finished")
"""


@pytest.mark.parametrize("writes_before_the_kill", [1, 25, 50])
def test_a_split_killed_midway_is_finished_by_the_next_start(
    paths: Paths, writes_before_the_kill: int
) -> None:
    before = _everything(paths)
    split = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SPLIT_AND_DIE), str(writes_before_the_kill)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert split.returncode == -signal.SIGKILL, split.stderr
    own = paths.device_dir(ME.id)
    assert "usage-2026-11.json" in _usage_names(own)  # not finished: the last month still there
    # Half split, every span is read once, from whichever file holds it.
    assert _everything(paths) == before
    # Meanwhile the tracker (already on day files) flushed a longer copy of a span that the
    # month file still holds; the rest of the split must not bring back the shorter one.
    longest = max(
        (s for s in before.values() if s.device == ME.id and f"{s.start:%Y-%m}" == "2026-11"),
        key=lambda s: s.start,
    )
    grown = longest.model_copy(update={"duration": longest.duration + 30})
    warnings: list[str] = []
    store = Store(paths, ME, FixedClock(NOW), warn=warnings.append)
    store.add_spans([grown])
    assert [n for n in _usage_names(own) if len(n) == len("usage-2026-11.json")] == []
    after = _everything(paths)
    assert after == before | {grown.id: grown}
    assert warnings == []
    # Nothing was written twice: each span is in one day file, once.
    ids = [
        doc.get("id")
        for path in own.glob("usage-????-??-??.json")
        for doc in json.loads(path.read_bytes())["spans"].values()
    ]
    assert len(ids) == len(set(ids))
