"""A tracker hook that keeps the integrity log current: slips are recorded as they happen, even
when nobody opens `detox fast show` or the TUI."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta

from detox.balance.fasts import all_fasts, compliances_of
from detox.balance.integrity import new_slip_events
from detox.clock import current_day
from detox.ground import Ground
from detox.models import Event, Fast
from detox.tracker.observation import Observation, RunningApps

DEFAULT_CHECK_SECONDS = 300.0
# Work one tick may spend on fasts: the tracker samples, and answers a signal, between ticks,
# so thousands of fasts are checked over several ticks instead of holding one for minutes.
TICK_BUDGET_SECONDS = 0.2
FASTS_PER_STEP = 50


@dataclass
class SlipWatch:
    context: Ground
    every_seconds: float = DEFAULT_CHECK_SECONDS
    budget_seconds: float = TICK_BUDGET_SECONDS
    _last: float | None = None
    _queue: deque[Fast] = field(default_factory=deque)
    _found: list[Event] = field(default_factory=list)  # slips of this pass, written at its end

    def on_tick(self, observation: Observation, running_apps: RunningApps) -> None:
        if not self._queue:
            mono = self.context.clock.monotonic()
            if self._last is not None and mono - self._last < self.every_seconds:
                return
            self._last = mono
            today = current_day(self.context.clock, self.context.settings)
            # Yesterday too, so a slip noticed late last night gets its final figures.
            self._queue.extend(
                fast
                for fast in all_fasts(self.context)
                if fast.start <= today and fast.end >= today - timedelta(days=1)
            )
        self.work(self.budget_seconds)

    def work(self, budget_seconds: float) -> int:
        """Check queued fasts, a batch at a time, until the budget is spent (at least one batch,
        so the work always moves on); the new slips of a whole pass are one journal write.
        Returns how many fasts are still queued."""
        began = time.perf_counter()
        context = self.context
        while self._queue:
            batch = [self._queue.popleft() for _ in range(min(FASTS_PER_STEP, len(self._queue)))]
            self._found.extend(
                new_slip_events(
                    context.store,
                    context.clock.now(),
                    compliances_of(context, batch),
                    context.catalog.name_of,
                )
            )
            if time.perf_counter() - began >= budget_seconds:
                break
        if not self._queue and self._found:
            # One journal write for the whole pass: a write makes every later read parse and
            # check the journal again, which with thousands of fasts took seconds a batch.
            context.store.put_many(self._found)
            self._found = []
        return len(self._queue)
