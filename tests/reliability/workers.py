"""Processes the reliability tests start, kill and watch; each uses the real Store on DETOX_HOME.

    python tests/reliability/workers.py crash RUN           write forever, acknowledging each write
    python tests/reliability/workers.py moods TAG N GO      log N mood entries once GO exists
    python tests/reliability/workers.py reader GO STOP      read the journal from GO until STOP

What the crash worker writes is a pure function of (RUN, step), so the test can recompute what
each acknowledged step left on disk. The functions below are imported by the tests for that.
"""

from __future__ import annotations

import functools
import hashlib
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `detox` importable from the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from detox.clock import FixedClock
from detox.models import MoodEntry, UsageSpan
from detox.paths import Paths
from detox.store import Device, Store, load_device

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
HOT_SPANS = 60  # ids every span step of a run re-writes
NEW_SPANS = 5  # ids each span step adds for good
APPS = ("instagram", "tiktok", "youtube", "reddit", "x", "facebook")


def _hex_id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:20]


def _run_month(run: int) -> datetime:
    # Runs take turns over six monthly files, so every file sees re-writes across many kills.
    return datetime(2026, run % 6 + 1, 1, tzinfo=UTC)


def mood_entry(device: str, run: int, step: int) -> MoodEntry:
    at = NOW - timedelta(minutes=run * 1000 + step)
    return MoodEntry(
        id=f"r{run}-s{step}",
        device=device,
        updated_at=at,
        at=at,
        score=step % 10 + 1,
        note="x" * (step % 7),
    )


def is_span_step(step: int) -> bool:
    return step % 2 == 1


@dataclass(frozen=True)
class SpanStep:
    written: list[UsageSpan]
    discarded: list[UsageSpan]


def _span(device: str, run: int, key: object, index: int, duration: float) -> UsageSpan:
    start = _run_month(run) + timedelta(hours=index, seconds=run)
    return UsageSpan(
        id=_hex_id(run, key, index),
        app=APPS[index % len(APPS)],
        device=device,
        source="tracker",
        start=start,
        duration=duration,
    )


def span_step(device: str, run: int, step: int) -> SpanStep:
    """Three phases: hot spans written long (the file grows), short (it shrinks a little), and
    mostly withdrawn (it shrinks a lot); plus a few new spans every time."""
    phase = (step // 2) % 3
    new = [_span(device, run, f"new-{step}", i, 30.0 + i) for i in range(NEW_SPANS)]
    if phase == 0:
        hot = [_span(device, run, "hot", i, 3600.123456789 + step) for i in range(HOT_SPANS)]
        return SpanStep(new + hot, [])
    if phase == 1:
        hot = [_span(device, run, "hot", i, 1.0 + step % 5) for i in range(HOT_SPANS)]
        return SpanStep(new + hot, [])
    kept = [_span(device, run, "hot", i, 2.0) for i in range(HOT_SPANS // 3)]
    gone = [_span(device, run, "hot", i, 0.0) for i in range(HOT_SPANS // 3, HOT_SPANS)]
    return SpanStep(new + kept, gone)


@functools.cache  # pure, and the crash test asks again after every kill
def expected_spans(device: str, run: int, last_step: int) -> dict[str, float]:
    """Duration by id of the run's spans once steps 0..last_step are on disk."""
    spans: dict[str, float] = {}
    for step in range(last_step + 1):
        if is_span_step(step):
            done = span_step(device, run, step)
            spans |= {span.id: span.duration for span in done.written}
            for span in done.discarded:
                spans.pop(span.id, None)
    return spans


@functools.cache
def span_days(device: str, run: int, last_step: int) -> dict[str, str]:
    """The UTC day (the day file) of every span the run may have written up to last_step."""
    days: dict[str, str] = {}
    for step in range(last_step + 1):
        if is_span_step(step):
            done = span_step(device, run, step)
            for span in [*done.written, *done.discarded]:
                days[span.id] = f"{span.start:%Y-%m-%d}"
    return days


@functools.cache
def run_span_ids(device: str, run: int, last_step: int) -> set[str]:
    """Every id the run may have written up to last_step, withdrawn ones included."""
    hot = {_hex_id(run, "hot", i) for i in range(HOT_SPANS)}
    return hot | set(expected_spans(device, run, last_step))


@functools.cache
def expected_moods(device: str, run: int, last_step: int) -> dict[str, MoodEntry]:
    entries = (mood_entry(device, run, s) for s in range(last_step + 1) if not is_span_step(s))
    return {entry.id: entry for entry in entries}


def open_store(device: Device | None = None) -> Store:
    paths = Paths.from_env()
    return Store(paths, device or load_device(paths), FixedClock(NOW), warn=_warn)


def _warn(message: str) -> None:
    print(f"WARN {message}", flush=True)


def crash(run: int) -> None:
    store = open_store()
    device = store.device.id
    print(f"READY {device}", flush=True)
    step = 0
    while True:
        if is_span_step(step):
            done = span_step(device, run, step)
            store.add_spans(done.written, discard=done.discarded)
        else:
            store.put(mood_entry(device, run, step))
        print(f"ACK {step}", flush=True)
        step += 1


def _wait_for(go_file: Path) -> None:
    while not go_file.exists():
        time.sleep(0.001)


def moods(tag: str, count: int, go_file: Path) -> None:
    print("READY", flush=True)
    _wait_for(go_file)  # every writer starts at once, first run included, so they really contend
    store = open_store()
    for index in range(count):
        at = NOW - timedelta(seconds=index)
        store.put(
            MoodEntry(
                id=f"{tag}-{index}",
                device=store.device.id,
                updated_at=at,
                at=at,
                score=index % 10 + 1,
            )
        )
    print(f"DONE {count}", flush=True)


def reader(go_file: Path, stop_file: Path) -> None:
    """Read next to writers; a corrupt read would warn (quarantine), a lost one drop the count."""
    me = Device(id="reader-0000", name="reader")
    open_store(me)
    print("READY", flush=True)
    _wait_for(go_file)
    reads, seen = 0, 0
    while True:
        last = stop_file.exists()  # set once the writers are done: this read must see it all
        count = len(open_store(me).journal())  # a fresh Store: nothing cached between reads
        if count < seen:
            print(f"SHRANK {seen} -> {count}", flush=True)
        seen = max(seen, count)
        reads += 1
        if last:
            break
    print(f"READS {reads} {count}", flush=True)


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "crash":
        crash(int(args[0]))
    elif command == "moods":
        moods(args[0], int(args[1]), Path(args[2]))
    elif command == "reader":
        reader(Path(args[0]), Path(args[1]))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
