"""A tracker hook that keeps the integrity log current: slips are recorded as they happen, even
when nobody opens `detox fast show` or the TUI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from detox.balance.fasts import all_fasts, check_fast
from detox.clock import current_day
from detox.context import Context
from detox.tracker.sampler import Observation, Sampler

DEFAULT_CHECK_SECONDS = 300.0


@dataclass
class SlipWatch:
    context: Context
    every_seconds: float = DEFAULT_CHECK_SECONDS
    _last: float | None = None

    def on_tick(self, observation: Observation, sampler: Sampler) -> None:
        mono = self.context.clock.monotonic()
        if self._last is not None and mono - self._last < self.every_seconds:
            return
        self._last = mono
        today = current_day(self.context.clock, self.context.settings)
        for fast in all_fasts(self.context):
            # Yesterday too, so a slip noticed late last night gets its final figures.
            if fast.start <= today and fast.end >= today - timedelta(days=1):
                check_fast(self.context, fast)
