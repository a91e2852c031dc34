"""The tracker loop with a focus probe that announces changes: samples stamped at the change,
sleeping on the display's descriptor, woken at once by a stop, and a lost display reported.

The "display" is a real pipe: a byte written is a change announced, a closed writer a server gone.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from detox.catalog import Catalog
from detox.clock import FixedClock
from detox.context import Context
from detox.models import UsageSpan
from detox.paths import Paths
from detox.tracker.daemon import StopFlag, Tracker
from detox.tracker.heartbeat import MergeSettings
from detox.tracker.probes.base import (
    DisplayChange,
    FocusedWindow,
    ProbeUnavailable,
    WatchingFocusProbe,
)
from detox.tracker.probes.process import ProcessProbe
from detox.tracker.sampler import Sampler

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
PID = 4242
FACEBOOK = "(3) Facebook - Chromium"
YOUTUBE = "Lo-fi beats - YouTube - Chromium"
JOIN_TIMEOUT = 10.0  # a liveness bound: a loop that never wakes would hang here, not be slow


class PipeFocus:
    """A focus probe whose display is a pipe: each byte written announces one change."""

    name = "pipe"

    def __init__(self) -> None:
        self.window: FocusedWindow | None = None
        self.read_end, self.write_end = os.pipe()
        os.set_blocking(self.read_end, False)
        self.ago = 0.0  # how long before the read each announced change happened

    def focused(self) -> FocusedWindow | None:
        return self.window

    def fileno(self) -> int:
        return self.read_end

    def changes(self) -> DisplayChange | None:
        try:
            data = os.read(self.read_end, 64)
        except BlockingIOError:
            return None
        if not data:
            raise ProbeUnavailable("lost the display")
        return DisplayChange(time.monotonic() - self.ago, "pipe event")

    def announce(self) -> None:
        os.write(self.write_end, b"!")

    def close(self) -> None:
        for descriptor in (self.read_end, self.write_end):
            with suppress(OSError):
                os.close(descriptor)


class Rig:
    def __init__(self) -> None:
        self.clock = FixedClock(T0)
        self.context = Context(paths=Paths.from_env(), clock_override=self.clock)
        self.focus = PipeFocus()
        catalog = Catalog.load()
        processes = ProcessProbe(
            catalog.app_for_process, lookup=lambda pid: "chromium", list_pids=lambda: [PID]
        )
        self.sampler = Sampler(catalog, self.clock, self.focus, None, processes)
        self.tracker = Tracker(
            store=self.context.store,
            sampler=self.sampler,
            clock=self.clock,
            settings=MergeSettings(interval=2.0, idle_threshold=10.0),
        )

    def show(self, title: str | None) -> None:
        self.focus.window = None if title is None else FocusedWindow(title, PID, None)

    def spans(self) -> list[UsageSpan]:
        return self.context.store.spans(T0 - timedelta(days=1), T0 + timedelta(days=1))


@pytest.fixture
def rig(detox_home: Path) -> Iterator[Rig]:
    made = Rig()
    yield made
    made.focus.close()


def test_the_probe_is_taken_for_one_that_announces_changes(rig: Rig) -> None:
    assert isinstance(rig.focus, WatchingFocusProbe)
    assert rig.sampler.watching is rig.focus


def test_a_change_is_stamped_when_it_happened_and_closes_the_span_there(rig: Rig) -> None:
    rig.show(FACEBOOK)
    for _ in range(3):  # 0, 2, 4 s
        rig.tracker.tick()
        rig.clock.advance(2.0)
    rig.clock.advance(-1.0)  # 5 s: the tracker reads a switch that happened half a second ago
    rig.show(YOUTUBE)
    rig.tracker.tick(DisplayChange(time.monotonic() - 0.5, "test"))
    rig.clock.advance(1.5)
    rig.tracker.tick()
    rig.tracker.flush()
    spans = {span.app: (span.start, span.duration) for span in rig.spans()}
    facebook_start, facebook_seconds = spans["facebook"]
    youtube_start, youtube_seconds = spans["youtube"]
    assert facebook_start == T0
    assert facebook_seconds == pytest.approx(4.5, abs=0.05)
    assert youtube_start == T0 + timedelta(seconds=facebook_seconds)
    assert youtube_seconds == pytest.approx(2.0, abs=0.05)
    assert rig.tracker.timing()["events"] == 1
    assert rig.tracker.stats.last_switch is not None
    assert rig.tracker.stats.last_switch["by"] == "test"


def test_a_change_read_after_a_later_sample_is_not_placed_before_it(rig: Rig) -> None:
    rig.show(FACEBOOK)
    rig.tracker.tick()
    rig.clock.advance(2.0)
    rig.tracker.tick()
    # Announced 30 s ago by its timestamp, read only now: it cannot precede the last sample.
    rig.show(YOUTUBE)
    observation = rig.tracker.tick(DisplayChange(time.monotonic() - 30.0, "late"))
    assert observation.sample.at == T0 + timedelta(seconds=2)
    rig.clock.advance(2.0)
    rig.tracker.tick()
    rig.tracker.flush()
    assert {span.app for span in rig.spans()} == {"facebook", "youtube"}


def test_the_loop_samples_each_announced_change_and_a_stop_wakes_it(rig: Rig) -> None:
    # The fixed clock never reaches the next periodic tick: only the display and the stop flag
    # can wake the loop.
    rig.show(FACEBOOK)
    stop = StopFlag()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            rig.tracker.run(stop)
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    loop = threading.Thread(target=run)
    loop.start()
    try:
        for _ in range(3):
            samples = rig.tracker.stats.samples
            rig.focus.announce()
            deadline = time.monotonic() + JOIN_TIMEOUT
            while rig.tracker.stats.samples == samples and time.monotonic() < deadline:
                time.sleep(0.01)
    finally:
        stop.set()
        loop.join(JOIN_TIMEOUT)
    assert not loop.is_alive(), "the stop flag did not wake the loop"
    assert not failures
    assert rig.tracker.stats.events == 3
    stop.close()


class TrickleFocus(PipeFocus):
    """Hands out one announced change per call, as a probe reading events one by one would."""

    def changes(self) -> DisplayChange | None:
        try:
            data = os.read(self.read_end, 1)
        except BlockingIOError:
            return None
        if not data:
            raise ProbeUnavailable("lost the display")
        return DisplayChange(time.monotonic() - self.ago, "pipe event")


def test_changes_announced_together_make_one_sample(detox_home: Path) -> None:
    rig = Rig()
    rig.focus.close()
    rig.focus = TrickleFocus()
    rig.sampler.focus = rig.focus
    rig.show(FACEBOOK)
    for _ in range(20):  # a page rewrote its title twenty times before the tracker looked
        rig.focus.announce()
    stop = StopFlag()
    loop = threading.Thread(target=rig.tracker.run, args=(stop,))
    loop.start()
    try:
        deadline = time.monotonic() + JOIN_TIMEOUT
        while rig.tracker.stats.samples < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        loop.join(JOIN_TIMEOUT)
    assert not loop.is_alive()
    assert rig.tracker.stats.events == 1
    with pytest.raises(BlockingIOError):  # all twenty were taken by that one sample
        os.read(rig.focus.read_end, 1)
    rig.focus.close()
    stop.close()


def test_a_display_lost_while_sleeping_ends_the_run_and_keeps_the_time(rig: Rig) -> None:
    rig.show(FACEBOOK)
    rig.tracker.tick()
    rig.clock.advance(2.0)
    rig.tracker.tick()
    os.close(rig.focus.write_end)  # the server went away: the descriptor reads end-of-file
    stop = StopFlag()
    with pytest.raises(ProbeUnavailable, match="lost the display"):
        rig.tracker.run(stop)
    stop.close()
    assert [span.app for span in rig.spans()] == ["facebook"]
