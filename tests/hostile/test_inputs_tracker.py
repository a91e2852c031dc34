"""The tracker under faults and load: a full disk does not end it (it keeps sampling, warns once,
retries and saves everything when space returns), and nothing the disk refused is lost while the
tracker still runs."""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detox.store import storage
from tests.integration.test_tracker_daemon import FACEBOOK_TITLE, Rig


class Disk:
    """A fault-injected disk: while full, every data-file write fails with ENOSPC, as it would on
    a full file system (the write happens below the store, where the real one would fail)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        self.refused = 0
        real = storage.atomic_write_bytes  # type: ignore[attr-defined]

        def write(target: Path, data: bytes, *args: Any, **kwargs: Any) -> None:
            if self.full:
                self.refused += 1
                raise OSError(errno.ENOSPC, "No space left on device", str(target))
            real(target, data, *args, **kwargs)

        monkeypatch.setattr(storage, "atomic_write_bytes", write)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    yield Disk(monkeypatch)


def test_a_full_disk_does_not_stop_the_tracking_and_nothing_is_lost(
    detox_home: Path, disk: Disk, caplog: pytest.LogCaptureFixture
) -> None:
    rig = Rig(detox_home)
    rig.show(FACEBOOK_TITLE)
    rig.ticks(3)
    assert rig.tracker.flush()  # 4 s saved while there is room
    disk.full = True
    with caplog.at_level(logging.WARNING, logger="detox"):
        for _ in range(3):  # three flush intervals of a full disk
            rig.clock.advance(2.0)
            rig.ticks(3)
            assert not rig.tracker.flush()
        rig.show(None)  # the span closes while the disk is still full
        rig.clock.advance(2.0)
        rig.ticks(1)
        assert not rig.tracker.flush()
    assert disk.refused >= 4
    warnings = [
        r.getMessage() for r in caplog.records if "cannot save tracked time" in r.getMessage()
    ]
    assert len(warnings) == 1 and "No space left on device" in warnings[0]
    assert rig.tracker.stats.samples == 3 + 9 + 1  # sampling went on throughout
    assert [span.duration for span in rig.spans()] == [4.0]  # what is on disk so far

    disk.full = False
    with caplog.at_level(logging.WARNING, logger="detox"):
        assert rig.tracker.flush()
    assert any("saved again" in r.getMessage() for r in caplog.records)
    (span,) = rig.spans()
    assert (span.app, span.duration) == ("facebook", 22.0)  # samples at 0..22 s: all kept


def test_stopping_on_a_full_disk_says_what_was_not_saved_and_exits_cleanly(
    detox_home: Path, disk: Disk, caplog: pytest.LogCaptureFixture
) -> None:
    import threading

    rig = Rig(detox_home)
    rig.show(FACEBOOK_TITLE)
    rig.ticks(3)
    disk.full = True
    stop = threading.Event()
    stop.set()
    with caplog.at_level(logging.WARNING, logger="detox"):
        rig.tracker.run(stop)  # the final flush fails: logged, not raised
    assert any("could not be saved" in r.getMessage() for r in caplog.records)


def test_a_stop_signal_cuts_a_long_hook_short_and_the_time_is_saved(detox_home: Path) -> None:
    """A hook busy for long (thousands of fasts to judge) does not hold a SIGTERM: the run ends
    at once, the hook's work is cut off, and the tracked time is flushed."""
    import os
    import signal
    import threading
    import time

    from detox.tracker.daemon import stop_on_signals

    class Busy:
        def __init__(self) -> None:
            self.armed = False
            self.started = threading.Event()
            self.finished = False

        def on_tick(self, observation: object, sampler: object) -> None:
            if not self.armed:
                return
            self.started.set()
            time.sleep(60)  # the signal interrupts this
            self.finished = True

    busy = Busy()
    rig = Rig(detox_home, hooks=[busy])
    rig.show(FACEBOOK_TITLE)
    rig.ticks(3)  # time seen before the hook turns busy
    busy.armed = True

    def send_term() -> None:
        busy.started.wait(30)
        os.kill(os.getpid(), signal.SIGTERM)

    sender = threading.Thread(target=send_term, daemon=True)
    stop = threading.Event()
    sender.start()
    with stop_on_signals(stop):
        rig.tracker.run(stop)
    sender.join(5)
    assert stop.is_set() and not busy.finished
    assert [span.app for span in rig.spans()] == ["facebook"]


def test_a_stop_signal_that_comes_while_the_loop_holds_its_event_still_stops_it() -> None:
    """The signal handler runs in the main thread between two steps of whatever it interrupts;
    a SIGTERM that came while the loop held its stop event's lock (waiting on it between ticks)
    used to wait for that lock forever: `detox track` never ended."""
    import faulthandler
    import os
    import signal
    import threading

    from detox.tracker.daemon import stop_on_signals

    stop = threading.Event()
    # Should it hang again, end the run with the stacks shown rather than hang CI.
    faulthandler.dump_traceback_later(60, exit=True)
    with stop_on_signals(stop):
        with stop._cond:  # type: ignore[attr-defined]  # Event.wait holds it a moment a tick
            os.kill(os.getpid(), signal.SIGTERM)  # the handler runs here, in this thread
        assert stop.wait(5)
    faulthandler.cancel_dump_traceback_later()
