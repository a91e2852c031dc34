"""Continuous use of one app, followed sample by sample for the nudges.

A run goes on while the same app stays in front and the user is not idle. Looking elsewhere for
less than a minute (a message, another window) pauses the count but keeps the run; a longer break,
another social app in front, or idleness for longer than that ends it. Time no sample saw (a
suspend, a slow tick) is never counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from detox.reminders.schedule import UseRun
from detox.tracker.heartbeat import Sample

BREAK_SECONDS = 60.0


def advance_run(
    run: UseRun | None,
    sample: Sample,
    name_of: Callable[[str], str] = str,
    idle_threshold: float = 180.0,
    max_step: float = 10.0,
    break_seconds: float = BREAK_SECONDS,
) -> UseRun | None:
    """The run after one more sample; None when no app is in continuous use."""
    using = sample.app if sample.app is not None and sample.idle < idle_threshold else None
    if run is not None:
        since_seen = (sample.at - run.last_seen).total_seconds()
        if since_seen < 0 or since_seen > break_seconds:
            run = None  # the clock went back, or the break was long enough
    if using is None:
        return run
    if run is None or run.app != using:
        return _start(using, sample.at, name_of)
    step = (sample.at - run.last_seen).total_seconds()
    counted = step if step <= max_step else 0.0  # after a glance away, count from now on
    return replace(run, last_seen=sample.at, seconds=run.seconds + counted)


def _start(app: str, at: datetime, name_of: Callable[[str], str]) -> UseRun:
    return UseRun(app=app, name=name_of(app), started=at, last_seen=at, seconds=0.0)
