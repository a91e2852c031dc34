"""The week sentence of the report's three-reasons section, for each case a week can be in."""

from __future__ import annotations

from datetime import date

from detox.reports.reasons import week_sentence
from detox.reports.reasons_model import ReclaimedWeek

MONDAY = date(2026, 11, 2)


def week(
    fast_days: int, reclaimed: float | None, offline: tuple[tuple[str, float], ...] = ()
) -> ReclaimedWeek:
    return ReclaimedWeek(
        first=MONDAY,
        last=date(2026, 11, 8),
        fast_days=fast_days,
        baseline_seconds=None if reclaimed is None else 3600.0,
        reclaimed_seconds=reclaimed,
        offline_seconds=sum(seconds for _, seconds in offline),
        offline_by_activity=offline,
    )


def test_the_issue_example() -> None:
    offline = (("walk", 7200.0), ("family", 5400.0), ("reading", 3600.0))
    assert week_sentence(week(5, 22200, offline), "This week") == (
        "This week: 6h 10m less social media than your baseline; you logged 4h 30m offline: "
        "walk 2h 00m, family 1h 30m, reading 1h 00m."
    )


def test_more_than_the_baseline_is_said_plainly() -> None:
    assert week_sentence(week(2, -1500), "This week") == (
        "This week: 25m more social media than your baseline; no offline time logged."
    )


def test_a_fast_without_a_baseline_and_a_week_without_a_fast() -> None:
    assert week_sentence(week(3, None), "Week of 2026-11-02") == (
        "Week of 2026-11-02: 3 fast days, but no baseline to compare with (no recorded use in "
        "the 28 days before the fast); no offline time logged."
    )
    assert week_sentence(week(0, None, (("sport", 2700.0),)), "This week") == (
        "This week: no fast days; you logged 45m offline: sport 45m."
    )
