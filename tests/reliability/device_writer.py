"""One machine writing its own device folder in a data folder it shares with others.

    python tests/reliability/device_writer.py DATA CONFIG DEVICE N GO

Waits until the file GO exists, then writes N mood entries and N spans one write at a time,
revising every fifth mood (so the merged result has known revisions), and prints DONE.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `detox` importable from the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from detox.clock import FixedClock
from detox.models import MoodEntry, UsageSpan
from detox.paths import Paths
from detox.store import Device, Store

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
APPS = ("instagram", "tiktok", "youtube", "reddit")


def mood(device: str, step: int) -> MoodEntry:
    at = NOW - timedelta(minutes=step)
    return MoodEntry(
        id=f"{device}-m{step}", device=device, updated_at=at, at=at, score=step % 9 + 1
    )


def span(device: str, step: int) -> UsageSpan:
    start = NOW - timedelta(hours=1 + step)
    app = APPS[step % len(APPS)]
    return UsageSpan(
        id=UsageSpan.stable_id(device, app, start, "tracker"),
        app=app,
        device=device,
        source="tracker",
        start=start,
        duration=60 + step,
    )


def revised_score(step: int) -> int:
    return 10 - step % 9


def main(data: str, config: str, device_id: str, count: str, go: str) -> None:
    paths = Paths(config_dir=Path(config), data_dir=Path(data), state_dir=Path(config) / "state")
    store = Store(paths, Device(device_id, device_id.title()), FixedClock(NOW))
    print("READY", flush=True)
    while not Path(go).exists():
        time.sleep(0.005)
    for step in range(int(count)):
        entry = mood(device_id, step)
        store.put(entry)
        store.add_spans([span(device_id, step)])
        if step % 5 == 0:
            store.put(entry.revise(device_id, entry.updated_at, score=revised_score(step)))
    print("DONE", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
