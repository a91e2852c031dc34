"""Findings: two groups compared (fast vs other days, a tag vs none, check-ins) and use
correlated with mood. Each finding carries its numbers, whether there was enough data, and one
plain sentence; nothing here reads the store.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from detox.i18n import _, count, plural
from detox.insights import wording
from detox.insights.stats import (
    bootstrap_mean_difference,
    bootstrap_spearman,
    mean,
    permutation_p_value,
    spearman,
    standardized_difference,
)

RESAMPLES = 2000
# Every tag costs a bootstrap and a permutation test; a year of days and a dozen tags stays
# around a second with 1000 of each, and p values to 0.001 are enough for the adjustment.
TAG_RESAMPLES = 1000
# Ranking every resample makes a correlation's bootstrap the slowest step; 1000 resamples give
# 2.5 % tails from 25 values each, which is plenty for one decimal.
CORRELATION_RESAMPLES = 1000
PERMUTATIONS = 1000
# A permutation test stops once this many relabellings were as extreme as the observed one:
# p values above about 0.05 are then known to within a seventh of themselves, smaller ones get
# all PERMUTATIONS (see stats.permutation_p_value).
ENOUGH_HITS = 50
# A long history needs fewer resamples: each bootstrap draws at most this many values, so a year
# costs about what three months do (a year of daily values once made 5 million draws, most of a
# second). The Monte-Carlo standard error of a 95 % endpoint is about 2.7 / sqrt(resamples)
# bootstrap standard deviations: 0.06 at 2000, 0.16 at the 273 a year of days gets (under 8 % of
# the interval's half-width, e.g. +-0.01 on a year's correlation interval 0.2 wide), 0.17 at the
# floor of 250 (six resamples beyond each endpoint). A year of days also narrows the interval
# about 3.5-fold against a month, so its endpoints stay steadier, in absolute terms, than a
# month's.
DRAWS_PER_BOOTSTRAP = 100_000
MIN_RESAMPLES = 250
MIN_GROUP_DAYS = 7
MIN_TAG_DAYS = 3
MIN_CHECKINS = 3
MIN_PAIRED_DAYS = 14


def rng_for(seed: int, key: str) -> random.Random:
    """Each finding gets its own stream, so adding a tag never moves another finding's interval."""
    return random.Random(f"{seed}/{key}")


@dataclass(frozen=True)
class Groups:
    """How the two groups of a comparison are named in sentences."""

    subject: str  # "On fast days your mood"
    other: str  # "before", "on other days"
    topic: str  # "your mood on fast days and other days"
    a_noun: tuple[str, str]  # ("fast day", "fast days")
    b_noun: tuple[str, str]
    unit: str = ""  # "days" when empty (translated when the sentence is made)
    have: str = ""  # "you logged it on {counts}" when empty

    def __post_init__(self) -> None:
        if not self.unit:
            object.__setattr__(self, "unit", _("days"))
        if not self.have:
            object.__setattr__(self, "have", _("you logged it on {counts}"))


@dataclass(frozen=True)
class Comparison:
    measure: str
    n_a: int
    n_b: int
    minimum: int
    mean_a: float | None
    mean_b: float | None
    estimate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    sd_difference: float | None = None
    sentence: str = ""
    p: float | None = None
    p_adjusted: float | None = None

    @property
    def enough_data(self) -> bool:
        return self.estimate is not None

    @property
    def more_needed_a(self) -> int:
        return max(0, self.minimum - self.n_a)

    @property
    def more_needed_b(self) -> int:
        return max(0, self.minimum - self.n_b)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "measure": self.measure,
            "enough_data": self.enough_data,
            "estimate": _round(self.estimate),
            "ci_low": _round(self.ci_low),
            "ci_high": _round(self.ci_high),
            "n_a": self.n_a,
            "n_b": self.n_b,
            "mean_a": _round(self.mean_a),
            "mean_b": _round(self.mean_b),
            "sd_difference": _round(self.sd_difference),
            "min_per_group": self.minimum,
            "more_needed_a": self.more_needed_a,
            "more_needed_b": self.more_needed_b,
        }
        if self.p is not None or self.p_adjusted is not None:
            data["p"] = _round(self.p, 4)
            data["p_adjusted"] = _round(self.p_adjusted, 4)
        data["sentence"] = self.sentence
        return data


def resamples_for(values: int, most: int) -> int:
    """How many resamples a bootstrap over `values` values takes: `most` for up to a few months
    of days, fewer beyond (see DRAWS_PER_BOOTSTRAP), never under MIN_RESAMPLES."""
    return max(min(most, MIN_RESAMPLES), min(most, DRAWS_PER_BOOTSTRAP // max(1, values)))


def _round(value: float | None, places: int = 3) -> float | None:
    return None if value is None else round(value, places)


def compare_groups(
    measure: str,
    a: Sequence[float],
    b: Sequence[float],
    groups: Groups,
    rng: random.Random,
    minimum: int = MIN_GROUP_DAYS,
    resamples: int = RESAMPLES,
) -> Comparison:
    """mean(a) - mean(b) with a bootstrap interval, or a sentence saying how much more is needed."""
    counted = Comparison(
        measure=measure,
        n_a=len(a),
        n_b=len(b),
        minimum=minimum,
        mean_a=mean(a) if a else None,
        mean_b=mean(b) if b else None,
    )
    if len(a) < minimum or len(b) < minimum:
        return replace(counted, sentence=_not_enough(len(a), len(b), minimum, groups))
    interval = bootstrap_mean_difference(a, b, rng, resamples_for(len(a) + len(b), resamples))
    found = replace(
        counted,
        estimate=mean(a) - mean(b),
        ci_low=interval.low,
        ci_high=interval.high,
        sd_difference=standardized_difference(a, b),
    )
    return replace(found, sentence=finding_sentence(found, groups))


def finding_sentence(comparison: Comparison, groups: Groups, note: str | None = None) -> str:
    """The sentence for a comparison with enough data; `note` goes inside the brackets."""
    c = comparison
    assert c.mean_a is not None and c.mean_b is not None and c.estimate is not None
    assert c.ci_low is not None and c.ci_high is not None
    sentence = _(
        "{subject} averaged {a} vs {b} {other} (difference {difference}, 95 % CI "
        "{low} to {high}, {n_a} vs {n_b} {unit}{note})"
    ).format(
        subject=groups.subject,
        a=wording.score(c.mean_a),
        b=wording.score(c.mean_b),
        other=groups.other,
        difference=wording.signed(c.estimate),
        low=wording.signed(c.ci_low),
        high=wording.signed(c.ci_high),
        n_a=c.n_a,
        n_b=c.n_b,
        unit=groups.unit,
        note="; " + note if note else "",
    )
    if c.sd_difference is not None:
        sentence += _(", or {sd} standard deviations").format(sd=wording.signed(c.sd_difference, 2))
    return sentence + "."


def _not_enough(n_a: int, n_b: int, minimum: int, groups: Groups) -> str:
    needs = [
        _("{n} more {noun}").format(n=minimum - n, noun=plural(minimum - n, *noun))
        for n, noun in ((n_a, groups.a_noun), (n_b, groups.b_noun))
        if n < minimum
    ]
    have = wording.join_and([count(n_a, *groups.a_noun), count(n_b, *groups.b_noun)])
    return _(
        "Not enough data yet to compare {topic}: {have} so far; {needed} needed "
        "(at least {minimum} of each)."
    ).format(
        topic=groups.topic,
        have=groups.have.format(counts=have),
        needed=wording.join_and(needs),
        minimum=minimum,
    )


def tag_p_value(a: Sequence[float], b: Sequence[float], seed: int, tag: str) -> float:
    return permutation_p_value(a, b, rng_for(seed, f"permute:{tag}"), PERMUTATIONS, ENOUGH_HITS)


@dataclass(frozen=True)
class Correlation:
    measure: str
    lag: int
    n: int
    estimate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    sentence: str = ""
    minimum: int = MIN_PAIRED_DAYS

    @property
    def enough_data(self) -> bool:
        return self.estimate is not None

    def to_json(self) -> dict[str, object]:
        return {
            "measure": self.measure,
            "lag": self.lag,
            "method": "spearman",
            "enough_data": self.enough_data,
            "estimate": _round(self.estimate),
            "ci_low": _round(self.ci_low),
            "ci_high": _round(self.ci_high),
            "n": self.n,
            "min_n": self.minimum,
            "more_needed": max(0, self.minimum - self.n),
            "sentence": self.sentence,
        }


def correlate_use_and_mood(
    minutes: Sequence[float], moods: Sequence[float], lag: int, rng: random.Random
) -> Correlation:
    """Spearman's rho of daily social minutes against mood the same day (lag 0) or the next."""
    measure = "same_day" if lag == 0 else "next_day"
    relation = _("same-day mood") if lag == 0 else _("next-day mood")
    return correlate_use_with(minutes, moods, lag, rng, measure, relation, _("mood"))


def correlate_use_with(
    minutes: Sequence[float],
    values: Sequence[float],
    lag: int,
    rng: random.Random,
    measure: str,
    relation: str,
    what: str,
) -> Correlation:
    """Spearman's rho of daily social minutes against a daily value, with a bootstrap interval.

    `relation` names the value in "not enough" sentences ("next-morning systolic pressure"),
    `what` in the finding itself ("your morning systolic pressure was higher").
    """
    n = len(minutes)
    if n < MIN_PAIRED_DAYS:
        needed = count(MIN_PAIRED_DAYS - n, "more day", "more days")
        return Correlation(
            measure,
            lag,
            n,
            sentence=_(
                "Not enough data yet to relate social media time to {relation}: "
                "{days} with both so far; {needed} needed (at least {minimum})."
            ).format(
                relation=relation,
                days=count(n, "day", "days"),
                needed=needed,
                minimum=MIN_PAIRED_DAYS,
            ),
        )
    rho = spearman(minutes, values)
    interval = bootstrap_spearman(minutes, values, rng, resamples_for(n, CORRELATION_RESAMPLES))
    if rho is None or interval is None:
        still = _("social media time") if len(set(minutes)) == 1 else what
        return Correlation(
            measure,
            lag,
            n,
            sentence=_(
                "Your {still} hardly varied over these {n} days, so it cannot be related "
                "to {relation} yet."
            ).format(still=still, n=n, relation=relation),
        )
    shown = round(rho, 2)
    direction = _("higher") if shown > 0 else _("lower") if shown < 0 else _("about the same")
    sentence = (
        _(
            "On days with more social media your {what} was {direction} (Spearman r = {r}, "
            "95 % CI {low} to {high}, {days}): {strength}"
        )
        if lag == 0
        else _(
            "On days after more social media your {what} was {direction} (Spearman r = {r}, "
            "95 % CI {low} to {high}, {days}): {strength}"
        )
    ).format(
        what=what,
        direction=direction,
        r=wording.signed(rho, 2),
        low=wording.signed(interval.low, 2),
        high=wording.signed(interval.high, 2),
        days=count(n, "day", "days"),
        strength=wording.strength(rho),
    )
    if interval.covers(0.0):
        sentence += _(", and the interval includes zero")
    return Correlation(measure, lag, n, rho, interval.low, interval.high, sentence + ".")
