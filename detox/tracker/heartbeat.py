"""The heartbeat merge: a stream of samples becomes spans of use, as pure functions.

Samples arrive every ``interval`` seconds. Consecutive samples of one app extend one span; anything
that breaks the chain (another app, nothing social, the user leaving, a sampling gap, a suspend or
a clock jump) closes it at the last sample that saw it, so no time is counted that no sample saw.

A sample taken because the display server announced a change (``switch``) is stamped with the
moment of that change, and says more: whatever was in front before held until that instant. So a
switch sample closes the previous span at its own time instead of at the last periodic sample,
and a visit loses nothing to the sampling interval.

The daemon keeps a ``MergeState``, calls ``step`` per sample, stores the spans it returns, and at
each flush stores ``snapshot`` under the open span's start; a closed span later replaces that
snapshot under the same start. One subtlety: when the user turns out to have left, the idle cut can
shrink the open span back to its start. ``step`` then returns that span with zero length so the
writer can delete the snapshot it stored earlier; ``merge`` leaves such spans out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from detox.clock import as_utc


@dataclass(frozen=True)
class Sample:
    at: datetime  # aware wall time of the sample (normalised to UTC)
    mono: float  # monotonic seconds at the sample (stops during suspend on Linux)
    app: str | None  # catalog app id in front of the user; None when nothing social is focused
    idle: float  # seconds since the last input (0.0 when unknown)
    source: str = "window"  # "window" | "browser" | "none"
    switch: bool = False  # taken at a focus or title change the display server announced

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", as_utc(self.at))
        if math.isnan(self.idle) or self.idle < 0:
            raise ValueError(f"idle must be zero or more seconds, not {self.idle!r}")


@dataclass(frozen=True)
class Span:
    app: str
    start: datetime
    end: datetime
    source: str

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True)
class MergeSettings:
    interval: float = 2.0  # seconds between samples
    pulse: float = 1.0  # slack: samples within interval + pulse are consecutive
    idle_threshold: float = 180.0  # idle this long means the user has left
    max_clock_drift: float = 2.0  # |wall delta - monotonic delta| above this: clock jump or suspend

    @property
    def max_step(self) -> float:
        return self.interval + self.pulse


@dataclass(frozen=True)
class MergeState:
    open: Span | None = None  # the span being extended (end = last sample that saw it)
    last: Sample | None = None
    # The end of the latest span handed out. After the wall clock steps backwards no span may start
    # before it, so spans never overlap and never go backwards.
    floor: datetime | None = None


def step(
    state: MergeState, sample: Sample, settings: MergeSettings
) -> tuple[MergeState, list[Span]]:
    """Feed one sample; returns the new state and the spans that just closed."""
    last = state.last
    if last is None:
        return _start_fresh(state, sample, settings), []

    wall_delta = (sample.at - last.at).total_seconds()
    mono_delta = sample.mono - last.mono
    jumped = (
        wall_delta < 0 or mono_delta < 0 or abs(wall_delta - mono_delta) > settings.max_clock_drift
    )
    if jumped:
        # Wall time across the jump cannot be trusted, so neither can "now minus idle".
        state, closed = _close(state)
        return _start_fresh(state, sample, settings), closed

    user_left = sample.idle >= settings.idle_threshold
    if wall_delta > settings.max_step or mono_delta > settings.max_step:
        state, closed = _close(state, left=sample if user_left else None)
        return _start_fresh(state, sample, settings), closed

    if user_left:
        state, closed = _close(state, left=sample)
        return replace(state, last=sample), closed

    current = state.open
    if current is not None and (current.app, current.source) == (sample.app, sample.source):
        return replace(state, open=replace(current, end=sample.at), last=sample), []

    if sample.switch and current is not None:
        # The display server told us the moment the previous window lost the front.
        state = replace(state, open=replace(current, end=sample.at))
    state, closed = _close(state)
    return _start_fresh(state, sample, settings), closed


def snapshot(state: MergeState) -> Span | None:
    """The open span as it stands, or None while it has no length yet."""
    current = state.open
    if current is None or current.end <= current.start:
        return None
    return current


def finish(state: MergeState) -> tuple[MergeState, list[Span]]:
    """Close the open span at its last sample (shutdown)."""
    return _close(state)


def merge(samples: Iterable[Sample], settings: MergeSettings) -> list[Span]:
    """All spans in a sequence of samples, in order, without zero-length ones."""
    state = MergeState()
    spans: list[Span] = []
    for sample in samples:
        state, closed = step(state, sample, settings)
        spans.extend(closed)
    state, closed = finish(state)
    spans.extend(closed)
    return [span for span in spans if span.seconds > 0]


def _start_fresh(state: MergeState, sample: Sample, settings: MergeSettings) -> MergeState:
    """Open a span at this sample if it shows a social app in use; nothing before it counts."""
    app = sample.app
    idle = sample.idle >= settings.idle_threshold
    already_counted = state.floor is not None and sample.at < state.floor
    if app is None or idle or already_counted:
        return replace(state, open=None, last=sample)
    span = Span(app=app, start=sample.at, end=sample.at, source=sample.source)
    return replace(state, open=span, last=sample)


def _close(state: MergeState, *, left: Sample | None = None) -> tuple[MergeState, list[Span]]:
    """Close the open span at its last sample, or, when ``left`` says the user has gone, at their
    last input (clamped into the span: idle time in front of a feed is not use)."""
    current = state.open
    if current is None:
        return state, []
    closed_state = replace(state, open=None)
    if current.end <= current.start:
        return closed_state, []  # a lone sample: no time was seen, and no snapshot was shown
    end = current.end if left is None else _last_input(left, current)
    span = replace(current, end=end)
    return replace(closed_state, floor=end), [span]


def _last_input(sample: Sample, span: Span) -> datetime:
    since_start = (sample.at - span.start).total_seconds()
    if sample.idle >= since_start:  # also keeps a huge idle value from overflowing datetime
        return span.start
    return min(sample.at - timedelta(seconds=sample.idle), span.end)
