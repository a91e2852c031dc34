"""`detox track`: sample every few seconds, merge samples into spans, flush them to the store.

A kill -9 loses at most one flush interval: the open span is written at every flush under a
stable id and replaced when it grows or closes. SIGTERM, SIGINT and SIGHUP flush and exit.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import filelock

from detox.clock import Clock, to_local
from detox.errors import DetoxError
from detox.fileio import atomic_write_bytes
from detox.models import UsageSpan
from detox.paths import Paths, ensure_private_dir
from detox.store import Store
from detox.tracker.heartbeat import MergeSettings, MergeState, Span, finish, snapshot, step
from detox.tracker.sampler import Observation, Sampler


class TickHook(Protocol):
    """Work that rides on the tracker's loop (strict mode, reminders): called after each sample.

    A hook must be quick and must not raise; if it does, the tracker logs it and carries on.
    """

    def on_tick(self, observation: Observation, sampler: Sampler) -> None: ...


class TrackerRunning(DetoxError):
    """Another tracker holds this device's lock."""


def read_status(paths: Paths) -> dict[str, Any] | None:
    try:
        data = json.loads(paths.tracker_status_file.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def tracker_is_running(paths: Paths) -> bool:
    """True while some process holds the tracker lock (the lock dies with its process)."""
    if not paths.tracker_lock_file.exists():
        return False
    probe = filelock.FileLock(paths.tracker_lock_file, timeout=0)
    try:
        probe.acquire()
    except filelock.Timeout:
        return True
    probe.release()
    return False


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

    def run(self, stop: threading.Event) -> None:
        """Sample until `stop` is set, then flush what is left."""
        self.stats.started = self.clock.now()
        next_tick = self.clock.monotonic()
        last_flush = next_tick
        self._write_status()
        try:
            while not stop.is_set():
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
                stop.wait(next_tick - now)
        finally:
            self._state, closed = finish(self._state)
            self._pending.extend(closed)
            self.flush()

    def tick(self) -> Observation:
        observation = self.sampler.observe()
        self._state, closed = step(self._state, observation.sample, self.settings)
        self._pending.extend(closed)
        opened = self._state.open
        if self.store_titles and opened is not None and observation.title:
            self._titles.setdefault(opened.start, observation.title)
        self.stats.samples += 1
        self.stats.last = observation
        if self.on_sample is not None:
            self.on_sample(observation)
        for hook in self.hooks:
            try:
                hook.on_tick(observation, self.sampler)
            except Exception as error:  # a broken reminder must not stop the measuring
                print(f"detox: {type(hook).__name__} failed: {error}", file=sys.stderr)
        return observation

    def flush(self) -> None:
        """Write closed spans and the open one as it stands; zero-length spans are withdrawn."""
        current = snapshot(self._state)
        spans = [*self._pending, *([current] if current is not None else [])]
        keep = [self._to_usage(s) for s in spans if s.seconds > 0]
        drop = [self._to_usage(s) for s in spans if s.seconds <= 0]
        if keep or drop:
            self.store.add_spans(keep, discard=drop)
        self.stats.spans_written += len(keep)
        for span in self._pending:
            self._titles.pop(span.start, None)
        self._pending = []
        self.stats.flushes += 1
        self._write_status()

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
            **self.status_extra,
        }
        path: Path = self.store.paths.tracker_status_file
        ensure_private_dir(path.parent)
        atomic_write_bytes(path, json.dumps(status, indent=2).encode("utf-8"))


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

    def handle(signum: int, frame: object) -> None:
        stop.set()

    for sig in wanted:
        signal.signal(sig, handle)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
