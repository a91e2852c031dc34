"""Does cutting back help? Mood against use and fasts, with honest uncertainty."""

from __future__ import annotations

from detox.insights.daytable import DayRow, build_day_table, fast_days
from detox.insights.report import (
    DEFAULT_SEED,
    Insights,
    compute_insights,
    default_period,
    insights_for,
)

__all__ = [
    "DEFAULT_SEED",
    "DayRow",
    "Insights",
    "build_day_table",
    "compute_insights",
    "default_period",
    "fast_days",
    "insights_for",
]
