"""`detox insights`: every finding for a period, computed from the per-day table.

Groups need at least 7 days each (3 for a tag or for check-ins, which come weekly), correlations
14 paired days; below that a finding says how many more are needed instead of giving a number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise

from detox.clock import local_day
from detox.config import Settings
from detox.i18n import N_, _, count, listing, nouns
from detox.insights import wording
from detox.insights.daytable import DayRow, build_day_table
from detox.insights.findings import (
    MIN_CHECKINS,
    MIN_TAG_DAYS,
    TAG_RESAMPLES,
    Comparison,
    Correlation,
    Groups,
    compare_groups,
    correlate_use_and_mood,
    correlate_use_with,
    finding_sentence,
    rng_for,
    tag_p_value,
)
from detox.insights.stats import benjamini_hochberg
from detox.models import Baseline, CheckIn, Dimension, HealthReading, MoodEntry, OfflineEntry
from detox.moodlog import DIMENSION_LABELS, DIMENSIONS
from detox.store import Store

DEFAULT_SEED = 2024
LONGEST_DEFAULT_PERIOD = 365
# Compared on fast days and other days like mood, one value per day; blood pressure is the mean
# of the day's morning sessions (evening readings are kept apart and not mixed in).
HEALTH_MEASURES: dict[str, str] = {
    "systolic": N_("morning systolic pressure (mmHg)"),
    "diastolic": N_("morning diastolic pressure (mmHg)"),
    "offline_minutes": N_("offline time (minutes a day)"),
}
CHECKIN_MEASURES: dict[str, str] = {
    "life_satisfaction": N_("life satisfaction"),
    "loneliness": N_("loneliness score (UCLA, 3-9)"),
}
# How sentences name a mood measure; the English words are DIMENSION_LABELS'.
MEASURE_NAMES: dict[str, str] = {
    "mood": N_("mood"),
    "anxiety": N_("anxiety"),
    "loneliness": N_("loneliness"),
    "self_esteem": N_("self-esteem"),
    "sleep_quality": N_("sleep quality"),
    "focus": N_("focus"),
}


@dataclass(frozen=True)
class Insights:
    first: date
    last: date
    seed: int
    days: list[DayRow]
    baseline_vs_fast: dict[str, Comparison]
    use_vs_mood: dict[str, Correlation]
    tags: list[Comparison]
    checkins: dict[str, Comparison] = field(default_factory=dict)
    use_vs_health: dict[str, Correlation] = field(default_factory=dict)
    caveat: str = field(default_factory=wording.caveat)
    health_caveat: str = ""  # said with the findings when blood pressure is among them

    @property
    def full_caveat(self) -> str:
        return f"{self.caveat} {self.health_caveat}" if self.health_caveat else self.caveat

    def to_json(self) -> dict[str, object]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "seed": self.seed,
            "days": [row.to_json() for row in self.days],
            "baseline_vs_fast": {k: v.to_json() for k, v in self.baseline_vs_fast.items()},
            "use_vs_mood": {k: v.to_json() for k, v in self.use_vs_mood.items()},
            "tags": [{"tag": c.measure, **c.to_json()} for c in self.tags],
            "checkins": {k: v.to_json() for k, v in self.checkins.items()},
            "use_vs_health": {k: v.to_json() for k, v in self.use_vs_health.items()},
            "caveat": self.full_caveat,
        }

    def lines(self) -> list[str]:
        """The findings as text, one sentence per line under a heading per question."""
        with_mood = sum(1 for row in self.days if row.mood is not None)
        # JSON always answers self-esteem; text names only what was logged, to stay short.
        logged = {dimension for row in self.days for dimension in row.dimensions}
        fasting = sum(1 for row in self.days if row.in_fast)
        out = [
            _(
                "Insights {first} to {last} ({days}: {with_mood} with mood, {fasting} in a fast)"
            ).format(
                first=self.first.isoformat(),
                last=self.last.isoformat(),
                days=count(len(self.days), "day", "days"),
                with_mood=with_mood,
                fasting=fasting,
            ),
            "",
            _("Fast days and other days"),
            *(
                f"  {c.sentence}"
                for key, c in self.baseline_vs_fast.items()
                if key not in HEALTH_MEASURES and (key in logged or key == "mood")
            ),
            _("Social media and mood"),
            *(f"  {c.sentence}" for c in self.use_vs_mood.values()),
            _("Tags"),
        ]
        tested = [c for c in self.tags if c.enough_data]
        waiting = [c for c in self.tags if not c.enough_data]
        out += [f"  {c.sentence}" for c in tested]
        if waiting:
            listed = listing(
                _("{tag} ({with_tag} with it, {without} without)").format(
                    tag=c.measure, with_tag=c.n_a, without=c.n_b
                )
                for c in waiting
            )
            out.append(
                "  "
                + _(
                    "Not enough days yet for: {tags}; a tag needs at least "
                    "{minimum} days with it and {minimum} without."
                ).format(tags=listed, minimum=MIN_TAG_DAYS)
            )
        if not self.tags:
            out.append("  " + _("No tags yet: add some with `detox mood 7 --tag walk`."))
        if self.checkins:
            out += [_("Check-ins"), *(f"  {c.sentence}" for c in self.checkins.values())]
        if any(r.morning_systolic is not None or r.offline_minutes is not None for r in self.days):
            out += [
                _("Blood pressure and offline time"),
                *(f"  {self.baseline_vs_fast[key].sentence}" for key in HEALTH_MEASURES),
                *(f"  {c.sentence}" for c in self.use_vs_health.values()),
            ]
        return [*out, "", self.full_caveat]


def default_period(store: Store, settings: Settings, today: date) -> tuple[date, date]:
    """From the first mood entry, check-in, reading or offline entry (at most a year back) to
    today."""
    entries: list[MoodEntry | CheckIn | HealthReading | OfflineEntry] = [
        *store.records(MoodEntry),
        *store.records(CheckIn),
        *store.records(HealthReading),
        *store.records(OfflineEntry),
    ]
    earliest = today - timedelta(days=LONGEST_DEFAULT_PERIOD - 1)
    if not entries:
        return today - timedelta(days=29), today
    first = min(local_day(e.at, settings.day_start, settings.zone) for e in entries)
    # A baseline recorded before the first entry is still the comparison: start with it.
    first = min([first, *(b.start for b in store.records(Baseline))])
    return min(max(first, earliest), today), today


def insights_for(
    store: Store, settings: Settings, first: date, last: date, seed: int = DEFAULT_SEED
) -> Insights:
    return compute_insights(build_day_table(store, settings, first, last), seed)


def compute_insights(rows: Sequence[DayRow], seed: int = DEFAULT_SEED) -> Insights:
    if not rows:
        raise ValueError("no days to look at")
    has_bp = any(row.morning_systolic is not None for row in rows)
    return Insights(
        first=rows[0].day,
        last=rows[-1].day,
        seed=seed,
        days=list(rows),
        baseline_vs_fast=_baseline_vs_fast(rows, seed),
        use_vs_mood=_use_vs_mood(rows, seed),
        tags=_tags(rows, seed),
        checkins=_checkins(rows, seed),
        use_vs_health=_use_vs_health(rows, seed),
        health_caveat=wording.health_caveat() if has_bp else "",
    )


def _relation(fast_days: list[date], other_days: list[date]) -> str:
    if fast_days and other_days and max(other_days) < min(fast_days):
        return _("before")
    if fast_days and other_days and min(other_days) > max(fast_days):
        return _("after")
    return _("on other days")


def _split_by_fast(
    rows: Sequence[DayRow], value: Callable[[DayRow], float | None]
) -> tuple[list[tuple[date, float]], list[tuple[date, float]]]:
    fast: list[tuple[date, float]] = []
    other: list[tuple[date, float]] = []
    # With a baseline period recorded, fasts are compared with it alone, not with every other day.
    baseline_only = uses_baseline(rows)
    for row in rows:
        found = value(row)
        if found is None:
            continue
        if row.in_fast:
            fast.append((row.day, found))
        elif row.baseline or not baseline_only:
            other.append((row.day, found))
    return fast, other


def uses_baseline(rows: Sequence[DayRow]) -> bool:
    return any(row.baseline for row in rows)


def _dimension_of(dimension: Dimension) -> Callable[[DayRow], float | None]:
    return lambda row: row.dimensions.get(dimension)


def _baseline_vs_fast(rows: Sequence[DayRow], seed: int) -> dict[str, Comparison]:
    measures: dict[str, tuple[str, Callable[[DayRow], float | None]]] = {
        "mood": ("mood", lambda row: row.mood)
    }
    # Self-esteem is one of the three reasons people give for a break: always answered.
    logged = {dimension for row in rows for dimension in row.dimensions} | {"self_esteem"}
    for dimension in DIMENSIONS:
        if dimension in logged:
            measures[dimension] = (DIMENSION_LABELS[dimension], _dimension_of(dimension))
    found: dict[str, Comparison] = {}
    for key, (_label, value) in measures.items():
        fast, other = _split_by_fast(rows, value)
        baseline = uses_baseline(rows)
        name = _(MEASURE_NAMES[key])
        groups = _fast_groups(name, name, fast, other, baseline, _day_nouns(baseline))
        found[key] = compare_groups(
            key, [v for _, v in fast], [v for _, v in other], groups, rng_for(seed, f"fast:{key}")
        )
    found |= _health_vs_fast(rows, seed)
    return found


def _day_nouns(baseline: bool) -> tuple[tuple[str, str], tuple[str, str]]:
    """What the two groups of days are called: fast days against baseline or other days."""
    other = nouns("baseline day", "baseline days") if baseline else nouns("other day", "other days")
    return nouns("fast day", "fast days"), other


def _fast_groups(
    name: str,
    topic_name: str,
    fast: list[tuple[date, float]],
    other: list[tuple[date, float]],
    baseline: bool,
    pair: tuple[tuple[str, str], tuple[str, str]],
    unit: str = "",
    have: str = "",
) -> Groups:
    """The words of a fast-days comparison of one measure (`topic_name` is its short name)."""
    return Groups(
        subject=_("On fast days your {measure}").format(measure=name),
        other=(
            _("in your baseline")
            if baseline
            else _relation([d for d, _v in fast], [d for d, _v in other])
        ),
        topic=(
            _("your {measure} on fast days and baseline days")
            if baseline
            else _("your {measure} on fast days and other days")
        ).format(measure=topic_name),
        a_noun=pair[0],
        b_noun=pair[1],
        unit=unit,
        have=have,
    )


def _health_vs_fast(rows: Sequence[DayRow], seed: int) -> dict[str, Comparison]:
    values: dict[str, Callable[[DayRow], float | None]] = {
        "systolic": lambda row: row.morning_systolic,
        "diastolic": lambda row: row.morning_diastolic,
        "offline_minutes": lambda row: row.offline_minutes,
    }
    found: dict[str, Comparison] = {}
    baseline = uses_baseline(rows)
    for key, label in HEALTH_MEASURES.items():
        fast, other = _split_by_fast(rows, values[key])
        if key == "offline_minutes":
            pair = _day_nouns(baseline)
            unit, have = _("days"), _("you logged it on {counts}")
        else:
            pair = (
                nouns("morning reading on a fast day", "morning readings on fast days"),
                nouns("morning reading on baseline days", "morning readings on baseline days")
                if baseline
                else nouns("morning reading on other days", "morning readings on other days"),
            )
            unit, have = _("mornings"), _("you have {counts}")
        name = _(label)
        if key == "systolic":
            short = _("morning systolic pressure")
        elif key == "diastolic":
            short = _("morning diastolic pressure")
        else:
            short = _("offline time")
        groups = _fast_groups(name, short, fast, other, baseline, pair, unit=unit, have=have)
        found[key] = compare_groups(
            key, [v for _, v in fast], [v for _, v in other], groups, rng_for(seed, f"fast:{key}")
        )
    return found


def _use_vs_health(rows: Sequence[DayRow], seed: int) -> dict[str, Correlation]:
    """Social minutes of a day against the next morning's systolic pressure."""
    pairs = [
        (day.social_minutes, after.morning_systolic)
        for day, after in pairwise(rows)
        if day.social_minutes is not None and after.morning_systolic is not None
    ]
    result = correlate_use_with(
        [m for m, _ in pairs],
        [s for _, s in pairs],
        1,
        rng_for(seed, "use:next_morning_systolic"),
        "next_morning_systolic",
        _("next-morning systolic pressure"),
        _("next-morning systolic pressure"),
    )
    return {result.measure: result}


def _use_vs_mood(rows: Sequence[DayRow], seed: int) -> dict[str, Correlation]:
    found: dict[str, Correlation] = {}
    for lag in (0, 1):
        pairs = [
            (use.social_minutes, later.mood)
            for use, later in zip(rows, rows[lag:], strict=False)
            if use.social_minutes is not None and later.mood is not None
        ]
        minutes = [m for m, _ in pairs]
        moods = [mood for _, mood in pairs]
        result = correlate_use_and_mood(minutes, moods, lag, rng_for(seed, f"use:{lag}"))
        found[result.measure] = result
    return found


def _tags(rows: Sequence[DayRow], seed: int) -> list[Comparison]:
    logged = [row for row in rows if row.mood is not None]
    names = sorted({tag for row in logged for tag in row.tags})
    results: list[tuple[Comparison, Groups]] = []
    for tag in names:
        with_tag = [row.mood for row in logged if tag in row.tags and row.mood is not None]
        without = [row.mood for row in logged if tag not in row.tags and row.mood is not None]
        tagged = nouns("day tagged {tag}", "days tagged {tag}")
        groups = Groups(
            subject=_("On days tagged {tag} your mood").format(tag=tag),
            other=_("on other days"),
            topic=_("your mood on days tagged {tag} and other days").format(tag=tag),
            a_noun=(_(tagged[0]).format(tag=tag), _(tagged[1]).format(tag=tag)),
            b_noun=nouns("other day", "other days"),
        )
        comparison = compare_groups(
            tag, with_tag, without, groups, rng_for(seed, f"tag:{tag}"), MIN_TAG_DAYS, TAG_RESAMPLES
        )
        if comparison.enough_data:
            comparison = replace(comparison, p=tag_p_value(with_tag, without, seed, tag))
        results.append((comparison, groups))

    tested = [(c, g) for c, g in results if c.p is not None]
    adjusted = benjamini_hochberg([c.p for c, _ in tested if c.p is not None])
    final: list[Comparison] = []
    for (comparison, groups), p_adjusted in zip(tested, adjusted, strict=True):
        assert comparison.p is not None
        note = _("{p}, adjusted {p_adjusted} over {tags}").format(
            p=wording.p_value(comparison.p),
            p_adjusted=wording.p_value(p_adjusted),
            tags=count(len(tested), "tag", "tags"),
        )
        final.append(
            replace(
                comparison,
                p_adjusted=p_adjusted,
                sentence=finding_sentence(comparison, groups, note),
            )
        )
    final.sort(key=lambda c: (c.p_adjusted, c.measure))
    untested = [c for c, _ in results if c.p is None]
    untested.sort(key=lambda c: (-c.n_a, c.measure))
    return final + untested


def _checkins(rows: Sequence[DayRow], seed: int) -> dict[str, Comparison]:
    if not any(row.life_satisfaction is not None for row in rows):
        return {}
    values: dict[str, Callable[[DayRow], float | None]] = {
        "life_satisfaction": lambda row: row.life_satisfaction,
        "loneliness": lambda row: row.loneliness,
    }
    found: dict[str, Comparison] = {}
    for key, label in CHECKIN_MEASURES.items():
        fast, other = _split_by_fast(rows, values[key])
        name = _(label)
        groups = Groups(
            subject=_("In check-ins during a fast your {measure}").format(measure=name),
            other=_("at other times"),
            topic=_("your {measure} in check-ins during a fast and at other times").format(
                measure=name
            ),
            a_noun=nouns("check-in during a fast", "check-ins during a fast"),
            b_noun=nouns("other check-in", "other check-ins"),
            unit=_("check-ins"),
            have="{counts}",
        )
        found[key] = compare_groups(
            key,
            [v for _, v in fast],
            [v for _, v in other],
            groups,
            rng_for(seed, f"checkin:{key}"),
            MIN_CHECKINS,
        )
    return found
