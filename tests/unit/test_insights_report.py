"""Insights from synthetic histories with a known answer, written into a real store."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from detox.clock import FixedClock
from detox.insights import DayRow, compute_insights, insights_for
from detox.insights.stats import benjamini_hochberg
from detox.paths import Paths
from detox.store import Device, Store
from tests.insights_history import (
    FIRST,
    SETTINGS,
    Day,
    add_fast,
    clip,
    fast_history,
    use_history,
    write_days,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
# The example, with any numbers.
FAST_SENTENCE = re.compile(
    r"On fast days your mood averaged \d+\.\d vs \d+\.\d before \(difference [+-]\d+\.\d, "
    r"95 % CI [+-]\d+\.\d to [+-]\d+\.\d, \d+ vs \d+ days\), or [+-]\d+\.\d\d standard "
    r"deviations\.$"
)


@pytest.fixture
def store(detox_home: Path) -> Store:
    return Store(Paths.from_env(), Device(id="laptop-0001", name="Laptop"), FixedClock(NOW))


# -- baseline vs fast -----------------------------------------------------------------------


def test_a_known_rise_during_a_fast_is_recovered_and_covered(store: Store) -> None:
    first, last = fast_history(store, effect=1.5, seed=1)
    mood = insights_for(store, SETTINGS, first, last).baseline_vs_fast["mood"]
    assert (mood.n_a, mood.n_b) == (30, 30)
    assert mood.estimate == pytest.approx(1.5, abs=0.5)
    assert mood.ci_low is not None and mood.ci_high is not None
    assert 0 < mood.ci_low < 1.5 < mood.ci_high
    assert mood.sd_difference is not None and 0.8 < mood.sd_difference < 2.5
    assert FAST_SENTENCE.match(mood.sentence), mood.sentence


def test_a_dimension_that_falls_during_the_fast_is_compared_too(store: Store) -> None:
    first, last = fast_history(store, effect=1.5, seed=1)
    anxiety = insights_for(store, SETTINGS, first, last).baseline_vs_fast["anxiety"]
    assert anxiety.ci_low is not None and anxiety.ci_high is not None
    assert anxiety.ci_low < -1.5 < anxiety.ci_high < 0
    assert anxiety.sentence.startswith("On fast days your anxiety averaged ")


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_with_no_effect_the_interval_covers_zero(store: Store, seed: int) -> None:
    first, last = fast_history(store, effect=0.0, seed=seed)
    mood = insights_for(store, SETTINGS, first, last).baseline_vs_fast["mood"]
    assert mood.enough_data
    assert mood.ci_low is not None and mood.ci_high is not None
    assert mood.ci_low < 0 < mood.ci_high


def test_the_same_seed_gives_the_same_numbers_and_another_seed_other_intervals(
    store: Store,
) -> None:
    first, last = fast_history(store, effect=1.0, seed=5)
    once = insights_for(store, SETTINGS, first, last, seed=7).to_json()
    assert insights_for(store, SETTINGS, first, last, seed=7).to_json() == once
    other = insights_for(store, SETTINGS, first, last, seed=8).to_json()
    mood, other_mood = once["baseline_vs_fast"]["mood"], other["baseline_vs_fast"]["mood"]  # type: ignore[index]
    assert mood["estimate"] == other_mood["estimate"]
    assert (mood["ci_low"], mood["ci_high"]) != (other_mood["ci_low"], other_mood["ci_high"])


def test_below_seven_days_in_a_group_it_says_how_many_more_are_needed(store: Store) -> None:
    write_days(store, [Day(mood=5 + i % 3) for i in range(16)])
    add_fast(store, FIRST + timedelta(days=10), FIRST + timedelta(days=30))
    found = insights_for(store, SETTINGS, FIRST, FIRST + timedelta(days=15))
    mood = found.baseline_vs_fast["mood"]
    assert (mood.enough_data, mood.estimate, mood.ci_low, mood.ci_high) == (False, None, None, None)
    assert (mood.n_a, mood.n_b, mood.more_needed_a, mood.more_needed_b) == (6, 10, 1, 0)
    assert mood.sentence == (
        "Not enough data yet to compare your mood on fast days and other days: you logged it "
        "on 6 fast days and 10 other days so far; 1 more fast day needed (at least 7 of each)."
    )


def test_without_any_fast_both_needs_are_named() -> None:
    rows = [DayRow(FIRST + timedelta(days=i), None, 6.0) for i in range(3)]
    sentence = compute_insights(rows).baseline_vs_fast["mood"].sentence
    assert "0 fast days and 3 other days so far; 7 more fast days and 4 more other days needed" in (
        sentence
    )


def _rows(moods: list[float], fast: list[bool]) -> list[DayRow]:
    return [
        DayRow(FIRST + timedelta(days=i), None, mood, 1, fast="F" if in_fast else None)
        for i, (mood, in_fast) in enumerate(zip(moods, fast, strict=True))
    ]


def test_other_days_are_called_before_after_or_other_as_they_were() -> None:
    moods = [5.0, 6.0, 7.0] * 6
    before = compute_insights(_rows(moods, [False] * 9 + [True] * 9)).baseline_vs_fast["mood"]
    after = compute_insights(_rows(moods, [True] * 9 + [False] * 9)).baseline_vs_fast["mood"]
    mixed = compute_insights(_rows(moods, [True, False] * 9)).baseline_vs_fast["mood"]
    assert " before (" in before.sentence
    assert " after (" in after.sentence
    assert " on other days (" in mixed.sentence


# -- use and mood ---------------------------------------------------------------------------


def test_more_use_with_lower_mood_the_same_day(store: Store) -> None:
    first, last = use_history(store, seed=1, mood_of=lambda today, _: 8 - today / 60)
    same_day = insights_for(store, SETTINGS, first, last).use_vs_mood["same_day"]
    assert same_day.n == 60
    assert same_day.estimate is not None and same_day.estimate < -0.5
    assert same_day.ci_high is not None and same_day.ci_high < 0
    assert same_day.sentence.startswith(
        "On days with more social media your mood was lower (Spearman r = -0."
    )


def test_an_effect_on_the_next_day_shows_at_lag_one_only(store: Store) -> None:
    first, last = use_history(store, seed=2, mood_of=lambda _, yesterday: 8 - yesterday / 60)
    found = insights_for(store, SETTINGS, first, last).use_vs_mood
    next_day, same_day = found["next_day"], found["same_day"]
    assert next_day.n == 59
    assert next_day.ci_high is not None and next_day.ci_high < 0
    assert next_day.sentence.startswith("On days after more social media your mood was lower")
    assert same_day.ci_low is not None and same_day.ci_high is not None
    assert same_day.ci_low < 0 < same_day.ci_high
    assert same_day.sentence.endswith("and the interval includes zero.")


def test_a_correlation_needs_fourteen_paired_days(store: Store) -> None:
    write_days(store, [Day(mood=5 + i % 4, minutes=30 + 10 * i) for i in range(10)])
    same_day = insights_for(store, SETTINGS, FIRST, FIRST + timedelta(days=9)).use_vs_mood[
        "same_day"
    ]
    assert same_day.estimate is None
    assert same_day.sentence == (
        "Not enough data yet to relate social media time to same-day mood: 10 days with both "
        "so far; 4 more days needed (at least 14)."
    )


def test_a_mood_that_never_varies_cannot_be_correlated() -> None:
    rows = [DayRow(FIRST + timedelta(days=i), float(i * 10), 6.0) for i in range(20)]
    same_day = compute_insights(rows).use_vs_mood["same_day"]
    assert same_day.estimate is None
    assert "mood hardly varied over these 20 days" in same_day.sentence


# -- tags -----------------------------------------------------------------------------------


def test_tags_are_compared_and_adjusted_over_every_tag_tested(store: Store) -> None:
    days = []
    for i in range(40):
        walked = i % 2 == 0
        day_tags = ["walk"] * walked + ["work"] * (i % 3 == 0) + ["rare"] * (i in (5, 9))
        days.append(Day(mood=clip(5 + 2 * walked + (i * 7 % 5 - 2) * 0.6), tags=day_tags))
    write_days(store, days)
    tags = insights_for(store, SETTINGS, FIRST, FIRST + timedelta(days=39)).tags
    by_tag = {t.measure: t for t in tags}
    assert [t.measure for t in tags] == ["walk", "work", "rare"]  # tested first, by adjusted p

    walk = by_tag["walk"]
    assert (walk.n_a, walk.n_b) == (20, 20)
    assert walk.ci_low is not None and walk.ci_low > 0
    assert walk.p_adjusted is not None and walk.p_adjusted < 0.01
    assert walk.sentence.startswith("On days tagged walk your mood averaged ")
    assert "adjusted p " in walk.sentence and "over 2 tags)" in walk.sentence

    tested = [by_tag["walk"], by_tag["work"]]
    assert [t.p_adjusted for t in tested] == benjamini_hochberg([t.p or 0 for t in tested])
    assert all((t.p or 0) <= (t.p_adjusted or 0) for t in tested)

    rare = by_tag["rare"]
    assert (rare.enough_data, rare.p, rare.n_a) == (False, None, 2)
    assert "1 more day tagged rare needed (at least 3 of each)" in rare.sentence


# -- check-ins and the whole ----------------------------------------------------------------


def test_check_ins_are_compared_from_three_of_each() -> None:
    rows = [
        DayRow(
            FIRST + timedelta(days=7 * week),
            None,
            None,
            fast="F" if week >= 3 else None,
            life_satisfaction=6.0 + (week >= 3) + (week % 3 == 1) * 0.5,
            loneliness=6.0 - (week >= 3),
        )
        for week in range(6)
    ]
    found = compute_insights(rows).checkins
    life = found["life_satisfaction"]
    assert (life.n_a, life.n_b) == (3, 3)
    assert life.estimate == pytest.approx(1.0)
    assert life.sentence.startswith(
        "In check-ins during a fast your life satisfaction averaged 7.2 vs 6.2 at other times"
    )
    assert found["loneliness"].estimate == pytest.approx(-1.0)


def test_an_empty_period_reads_as_not_enough_data_everywhere(store: Store) -> None:
    found = insights_for(store, SETTINGS, date(2026, 5, 1), date(2026, 5, 31))
    data = found.to_json()
    assert len(data["days"]) == 31  # type: ignore[arg-type]
    assert data["tags"] == [] and data["checkins"] == {}
    assert not data["baseline_vs_fast"]["mood"]["enough_data"]  # type: ignore[index]
    text = "\n".join(found.lines())
    assert "No tags yet" in text
    assert text.endswith("tracking itself changes behaviour.")
