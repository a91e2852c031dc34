"""`detox track`: sample every few seconds, merge samples into spans, flush them to the store.

Where the display server announces focus and title changes (X11), the tracker sleeps in select()
between periodic samples and takes an extra sample at each change, stamped with its moment; the
periodic sample stays as the safety net and for idle time.

A kill -9 loses at most one flush interval: the open span is written at every flush under a
stable id and replaced when it grows or closes. SIGTERM, SIGINT and SIGHUP flush and exit.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import signal
import statistics
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import filelock

from detox.clock import Clock, to_local
from detox.errors import DetoxError
from detox.fileio import atomic_write_bytes
from detox.i18n import count
from detox.models import UsageSpan
from detox.paths import Paths, ensure_private_dir
from detox.store import Store
from detox.tracker.heartbeat import MergeSettings, MergeState, Span, finish, snapshot, step
from detox.tracker.observation import Observation, TickHook
from detox.tracker.presence import read_status
from detox.tracker.probes.base import DisplayChange
from detox.tracker.sampler import Sampler

log = logging.getLogger("detox")

# Set while the tracker runs its hooks, so a stop signal then cuts them short (see handle()).
_IN_HOOKS = threading.Event()


class StopRequested(BaseException):
    """Raised by the signal handler inside a long hook; ends the run (which still flushes)."""


class TrackerRunning(DetoxError):
    """Another tracker holds this device's lock."""


# A plain threading.Event cannot wake a select(): while sleeping on the display, look at it
# this often. A StopFlag wakes it at once.
STOP_CHECK_SECONDS = 0.5
# At most one sample per this many seconds for display changes (titles can change very often).
MIN_EVENT_GAP = 0.1
# Event delays kept for the precision `detox doctor` reports.
DELAYS_KEPT = 200


class StopFlag(threading.Event):
    """A stop event that also wakes a tracker sleeping in select(): set() writes to a pipe."""

    def __init__(self) -> None:
        super().__init__()
        self._read, self._write = os.pipe()
        os.set_blocking(self._write, False)
        self._closer = weakref.finalize(self, _close_all, self._read, self._write)

    def set(self) -> None:
        super().set()
        with suppress(OSError):  # full (already woken) or closed: either way, set is set
            os.write(self._write, b"\0")

    def fileno(self) -> int:
        return self._read

    def close(self) -> None:
        self._closer()


def _close_all(*descriptors: int) -> None:
    for descriptor in descriptors:
        with suppress(OSError):
            os.close(descriptor)


@contextmanager
def tracker_lock(paths: Paths) -> Iterator[None]:
    """One tracker per device; a second one is told who holds the lock."""
    ensure_private_dir(paths.state_dir)
    lock = filelock.FileLock(paths.tracker_lock_file, timeout=0, mode=0o600)
    try:
        lock.acquire()
    except filelock.Timeout:
        status = read_status(paths) or {}
        holder = f"pid {status.get('pid', '?')}, since {status.get('started', '?')}"
        raise TrackerRunning(f"a tracker is already running on this device ({holder})") from None
    try:
        yield
    finally:
        lock.release()


@dataclass
class TrackerStats:
    samples: int = 0
    flushes: int = 0
    last: Observation | None = None
    started: datetime | None = None
    spans_written: int = 0
    events: int = 0  # samples taken at a display event
    delays: deque[float] = field(default_factory=lambda: deque(maxlen=DELAYS_KEPT))
    last_switch: dict[str, Any] | None = None  # when the app in front last changed, and who said
    failed_flushes: int = 0  # in a row; the disk refused (full, read-only)


@dataclass
class Tracker:
    store: Store
    sampler: Sampler
    clock: Clock
    settings: MergeSettings
    flush_interval: float = 30.0
    store_titles: bool = False
    on_sample: Callable[[Observation], None] | None = None
    status_extra: dict[str, Any] = field(default_factory=dict)
    hooks: list[TickHook] = field(default_factory=list)
    stats: TrackerStats = field(default_factory=TrackerStats)

    def __post_init__(self) -> None:
        self._state = MergeState()
        self._pending: list[Span] = []
        self._titles: dict[datetime, str] = {}
        self._last_event_tick = float("-inf")  # time.monotonic() of the last change sampled

    def run(self, stop: threading.Event) -> None:
        """Sample until `stop` is set, then flush what is left."""
        self.stats.started = self.clock.now()
        next_tick = self.clock.monotonic()
        last_flush = next_tick
        self._write_status()
        try:
            with contextlib.suppress(StopRequested):
                self._loop(stop, next_tick, last_flush)
        finally:
            self._state, closed = finish(self._state)
            self._pending.extend(closed)
            if not self.flush():
                log.error(
                    "%s of tracked time could not be saved: the disk refused the write",
                    count(len(self._pending), "span", "spans"),
                )

    def _loop(self, stop: threading.Event, next_tick: float, last_flush: float) -> None:
        while not stop.is_set():
            change = self.sampler.pending_change()
            if change is not None:  # announced just before this tick: stamp it first
                self.tick(self._with_pending(change))
            self.tick()
            if self.stats.samples == 1:
                self._write_status()  # `detox doctor` shows a sample at once, not after 30 s
            now = self.clock.monotonic()
            if now - last_flush >= self.flush_interval:
                self.flush()
                last_flush = now
            next_tick += self.settings.interval
            if next_tick < now:  # fell behind (suspend, slow probe): do not try to catch up
                next_tick = now + self.settings.interval
            self._sleep_until(next_tick, stop)

    def _sleep_until(self, deadline: float, stop: threading.Event) -> None:
        """Wait for the next periodic tick, sampling every change the display announces."""
        if self.sampler.watching is None:
            stop.wait(max(0.0, deadline - self.clock.monotonic()))
            return
        wake = stop.fileno() if isinstance(stop, StopFlag) else None
        while not stop.is_set():
            left = deadline - self.clock.monotonic()
            if left <= 0:
                return
            timeout = left if wake is not None else min(left, STOP_CHECK_SECONDS)
            change = self.sampler.wait_for_change(timeout, wake)
            if change is None or stop.is_set():
                continue
            since = time.monotonic() - self._last_event_tick
            if since < MIN_EVENT_GAP:
                # A page rewriting its title many times a second costs a few samples a second,
                # each stamped with the earliest change it stands for.
                stop.wait(MIN_EVENT_GAP - since)
            self.tick(self._with_pending(change))
            self._last_event_tick = time.monotonic()

    def _with_pending(self, change: DisplayChange) -> DisplayChange:
        """`change`, or an earlier one among those announced since: one sample for them all."""
        while (more := self.sampler.pending_change()) is not None:
            if more.happened < change.happened:
                change = more
        return change

    def tick(self, change: DisplayChange | None = None) -> Observation:
        previous = self.stats.last
        observation = self.sampler.observe(change)
        self._note_switch(observation, previous)
        self._state, closed = step(self._state, observation.sample, self.settings)
        # Away: the first input is announced, so the return is placed to the moment.
        self.sampler.watch_input(observation.sample.idle >= self.settings.idle_threshold)
        self._pending.extend(closed)
        opened = self._state.open
        if self.store_titles and opened is not None and observation.title:
            self._titles.setdefault(opened.start, observation.title)
        self.stats.samples += 1
        self.stats.last = observation
        if self.on_sample is not None:
            self.on_sample(observation)
        _IN_HOOKS.set()
        try:
            for hook in self.hooks:
                try:
                    hook.on_tick(observation, self.sampler.running_apps)
                except Exception as error:  # a broken reminder must not stop the measuring
                    log.warning("%s failed: %s", type(hook).__name__, error)
        finally:
            _IN_HOOKS.clear()
        return observation

    def _note_switch(self, observation: Observation, previous: Observation | None) -> None:
        sample = observation.sample
        if observation.change is not None:
            self.stats.events += 1
            self.stats.delays.append(observation.delay)
        if previous is None or previous.sample.app == sample.app:
            return
        by = observation.change.cause if observation.change else "periodic sample"
        self.stats.last_switch = {"at": sample.at.isoformat(), "app": sample.app, "by": by}

    def timing(self) -> dict[str, Any]:
        """How exactly switch times are known: from display events, or only by polling."""
        if self.sampler.watching is None:
            return {"mode": "polling", "interval": self.settings.interval}
        delays = sorted(self.stats.delays)
        return {
            "mode": "events",
            "interval": self.settings.interval,
            "events": self.stats.events,
            "delay_median_ms": round(1000 * statistics.median(delays), 1) if delays else None,
            "delay_max_ms": round(1000 * delays[-1], 1) if delays else None,
        }

    def flush(self) -> bool:
        """Write closed spans and the open one as it stands; zero-length spans are withdrawn.

        A write the disk refuses (full, read-only, gone) must not end the tracking: the spans
        stay in memory, a warning is logged once, and the next flush tries again. Returns
        whether everything was written.
        """
        current = snapshot(self._state)
        spans = [*self._pending, *([current] if current is not None else [])]
        keep = [self._to_usage(s) for s in spans if s.seconds > 0]
        drop = [self._to_usage(s) for s in spans if s.seconds <= 0]
        try:
            if keep or drop:
                self.store.add_spans(keep, discard=drop)
        except (OSError, DetoxError) as error:  # DetoxError: the file's lock stayed taken
            if self.stats.failed_flushes == 0:
                log.warning(
                    "cannot save tracked time (%s); still tracking, %s kept in memory "
                    "and saved as soon as the disk takes it",
                    getattr(error, "strerror", None) or error,
                    count(len(keep), "span", "spans"),
                )
            self.stats.failed_flushes += 1
            return False
        if self.stats.failed_flushes:
            log.warning(
                "tracked time saved again after %s",
                count(self.stats.failed_flushes, "failed write", "failed writes"),
            )
            self.stats.failed_flushes = 0
        self.stats.spans_written += len(keep)
        for span in self._pending:
            self._titles.pop(span.start, None)
        self._pending = []
        self.stats.flushes += 1
        self._write_status()
        return True

    def _to_usage(self, span: Span) -> UsageSpan:
        device = self.store.device.id
        return UsageSpan(
            id=UsageSpan.stable_id(device, span.app, span.start, "tracker"),
            app=span.app,
            device=device,
            source="tracker",
            start=span.start,
            duration=max(0.0, span.seconds),
            title=self._titles.get(span.start) if self.store_titles else None,
        )

    def _write_status(self) -> None:
        last = self.stats.last
        status: dict[str, Any] = {
            "pid": os.getpid(),
            "device": self.store.device.id,
            "started": self.stats.started.isoformat() if self.stats.started else None,
            "interval": self.settings.interval,
            "idle_threshold": self.settings.idle_threshold,
            "flushed_at": self.clock.now().isoformat(),
            "samples": self.stats.samples,
            "last_sample": None
            if last is None
            else {
                "at": last.sample.at.isoformat(),
                "app": last.sample.app,
                "source": last.sample.source,
                "idle_seconds": round(last.sample.idle, 1),
            },
            "switch_timing": self.timing(),
            "last_switch": self.stats.last_switch,
            **self.status_extra,
        }
        path: Path = self.store.paths.tracker_status_file
        try:
            ensure_private_dir(path.parent)
            atomic_write_bytes(path, json.dumps(status, indent=2).encode("utf-8"))
        except OSError as error:  # the status is a convenience for `doctor`; tracking goes on
            log.debug("cannot write the tracker status: %s", error)


def format_observation(observation: Observation, clock: Clock) -> str:
    """One line for `--verbose`: time, app or none, source, idle seconds. Never the title."""
    sample = observation.sample
    when = to_local(sample.at, clock.tz).strftime("%H:%M:%S")
    return f"{when}  {sample.app or '-':<14} {sample.source:<8} idle {sample.idle:6.1f}s"


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM, SIGINT and SIGHUP end the loop gracefully (which flushes)."""
    wanted = [signal.SIGTERM, signal.SIGINT]
    if hasattr(signal, "SIGHUP"):
        wanted.append(signal.SIGHUP)
    previous = {sig: signal.getsignal(sig) for sig in wanted}
    # Event.set takes the event's lock, which the interrupted code may be holding (the loop
    # waits on this very event): set in the handler, it hung the tracker for good on a SIGTERM
    # that came at that moment. SimpleQueue.put is safe in a signal handler (it takes no lock
    # Python code can hold), and a small thread sets the event for the handler.
    requests: queue.SimpleQueue[bool] = queue.SimpleQueue()

    def relay() -> None:
        # The signals are for the main thread: were this thread to take one, a main thread
        # asleep in a hook would not wake to stop.
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
        while requests.get():
            stop.set()

    relay_thread = threading.Thread(target=relay, name="detox-signals", daemon=True)
    relay_thread.start()

    def handle(signum: int, frame: object) -> None:
        requests.put(True)
        if _IN_HOOKS.is_set():
            # A hook's work (thousands of fasts to judge, a journal to rewrite) can take
            # seconds; a stop must not wait for it. Writes are atomic, so cutting one short
            # loses nothing stored; what the hook did not finish it does next time.
            raise StopRequested

    for sig in wanted:
        signal.signal(sig, handle)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        requests.put(False)
        relay_thread.join(5)
