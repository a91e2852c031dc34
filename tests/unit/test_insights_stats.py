"""The statistics behind `detox insights`, against published worked examples and values computed
independently with scipy 1.17 (`scipy.stats.spearmanr`, `rankdata`, `false_discovery_control`),
plus properties that must hold for any input."""

from __future__ import annotations

import itertools
import math
import random
import statistics
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detox.insights.stats import (
    TALLY_FROM,
    Interval,
    average_ranks,
    benjamini_hochberg,
    bootstrap_mean_difference,
    bootstrap_paired,
    bootstrap_spearman,
    mean,
    percentile,
    percentile_interval,
    permutation_p_value,
    spearman,
    standardized_difference,
)
from detox.insights.tallies import Tallies

# -- Spearman -------------------------------------------------------------------------------


def test_spearman_wikipedia_worked_example() -> None:
    # IQ against hours of television a week (en.wikipedia.org, "Spearman's rank correlation
    # coefficient", worked example): rho = 1 - 6 * 194 / (10 * 99) = -29/165.
    iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110]
    tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17]
    assert spearman(iq, tv) == pytest.approx(-29 / 165, abs=1e-12)


def test_spearman_with_ties_matches_scipy_documentation() -> None:
    # scipy's spearmanr docstring example: statistic=0.8207826816681233.
    assert spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) == pytest.approx(0.8207826816681233)


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        ([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5], [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4], 0.1384567651467695),
        ([10, 20, 20, 30, 40, 40, 40, 50], [1, 3, 2, 2, 5, 4, 4, 6], 0.9256265453136692),
    ],
)
def test_spearman_with_many_ties_matches_scipy(x: list[int], y: list[int], expected: float) -> None:
    assert spearman(x, y) == pytest.approx(expected, abs=1e-12)


def test_average_ranks_match_scipy_rankdata() -> None:
    assert average_ranks([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]) == [
        4.5, 1.5, 6.0, 1.5, 8.0, 11.0, 3.0, 10.0, 8.0, 4.5, 8.0,
    ]  # fmt: skip


def test_spearman_is_undefined_when_one_side_is_constant() -> None:
    assert spearman([1, 2, 3], [5, 5, 5]) is None
    assert spearman([4], [2]) is None


values = st.lists(st.integers(min_value=-50, max_value=50), min_size=3, max_size=40)


@given(st.data())
@settings(max_examples=200, deadline=None)
def test_spearman_is_a_bounded_symmetric_rank_statistic(data: st.DataObject) -> None:
    x = data.draw(values)
    y = data.draw(st.lists(st.integers(-50, 50), min_size=len(x), max_size=len(x)))
    rho = spearman(x, y)
    if rho is None:
        assert len(set(x)) == 1 or len(set(y)) == 1
        return
    assert -1.0 <= rho <= 1.0
    assert spearman(y, x) == pytest.approx(rho)
    # Any strictly increasing transform keeps the ranks, so the coefficient cannot move...
    assert spearman([v**3 + 7 * v for v in x], [math.exp(v / 10) for v in y]) == pytest.approx(rho)
    # ...and a decreasing one flips its sign.
    assert spearman([-v for v in x], y) == pytest.approx(-rho)


@given(st.lists(st.integers(-(10**6), 10**6), min_size=2, max_size=30, unique=True))
def test_spearman_of_a_monotone_relation_is_one(x: list[int]) -> None:
    assert spearman(x, [v**3 + 1 for v in x]) == pytest.approx(1.0)
    assert spearman(x, [-v for v in x]) == pytest.approx(-1.0)


# -- Benjamini-Hochberg ---------------------------------------------------------------------

# Benjamini & Hochberg (1995), section 4: fifteen p values from a study of myocardial infarction
# treatment; at q = 0.05 the procedure rejects the four smallest (Bonferroni only three).
BH_1995 = [
    0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
    0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000,
]  # fmt: skip


def test_benjamini_hochberg_published_example() -> None:
    adjusted = benjamini_hochberg(BH_1995)
    assert [p <= 0.05 for p in adjusted] == [True] * 4 + [False] * 11
    scipy_values = [
        0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571429, 0.0638571429, 0.0645,
        0.0765, 0.486, 0.5811818182, 0.714875, 0.7532307692, 0.8132142857, 1.0,
    ]  # fmt: skip
    assert adjusted == pytest.approx(scipy_values, abs=1e-9)


def test_benjamini_hochberg_keeps_the_input_order() -> None:
    # scipy.stats.false_discovery_control([0.04, 0.01, 0.03, 0.2, 0.04])
    assert benjamini_hochberg([0.04, 0.01, 0.03, 0.2, 0.04]) == pytest.approx(
        [0.05, 0.05, 0.05, 0.2, 0.05]
    )
    assert benjamini_hochberg([]) == []


def _step_up_rejections(p_values: list[float], q: float) -> set[int]:
    """The procedure as the 1995 paper states it: reject H(1)..H(k) for the largest k with
    p(k) <= k q / m."""
    m = len(p_values)
    order = sorted(range(m), key=p_values.__getitem__)
    k = max((i + 1 for i, idx in enumerate(order) if p_values[idx] <= (i + 1) * q / m), default=0)
    return set(order[:k])


p_lists = st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=30)


@given(p_lists, st.sampled_from([0.01, 0.05, 0.1, 0.2]))
def test_adjusted_p_values_reject_what_the_step_up_procedure_rejects(
    p_values: list[float], q: float
) -> None:
    adjusted = benjamini_hochberg(p_values)
    assert {i for i, p in enumerate(adjusted) if p <= q} == _step_up_rejections(p_values, q)


@given(p_lists)
def test_adjusted_p_values_are_monotone_at_least_raw_and_at_most_one(p_values: list[float]) -> None:
    adjusted = benjamini_hochberg(p_values)
    for raw, adj in zip(p_values, adjusted, strict=True):
        assert raw <= adj <= 1.0
    pairs = sorted(zip(p_values, adjusted, strict=True))
    for (_, lower), (_, higher) in itertools.pairwise(pairs):
        assert lower <= higher


# -- bootstrap ------------------------------------------------------------------------------


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([1, 2, 3, 4], 0.0) == 1
    assert percentile([1, 2, 3, 4], 1.0) == 4
    assert percentile([5], 0.975) == 5


def test_bootstrap_interval_covers_a_known_effect_about_95_percent_of_the_time() -> None:
    # 200 synthetic studies of 20 vs 20 days, true difference +1.0: a 95 % interval should miss
    # it about 10 times; the band allows for the sampling noise of 200 trials and for the
    # percentile method's known slight under-coverage at small n.
    data = random.Random(7)
    covered = 0
    trials = 200
    for trial in range(trials):
        fast = [data.gauss(6.0, 1.5) for _ in range(20)]
        before = [data.gauss(5.0, 1.5) for _ in range(20)]
        interval = bootstrap_mean_difference(fast, before, random.Random(trial), resamples=500)
        covered += interval.covers(1.0)
    assert 0.88 <= covered / trials <= 0.99


def test_bootstrap_interval_of_a_large_effect_excludes_zero_and_is_centred() -> None:
    data = random.Random(3)
    a = [data.gauss(7, 1) for _ in range(30)]
    b = [data.gauss(5, 1) for _ in range(30)]
    interval = bootstrap_mean_difference(a, b, random.Random(1))
    assert 0 < interval.low < mean(a) - mean(b) < interval.high
    # Against the textbook normal interval, mean difference +- 1.96 standard errors:
    se = math.sqrt(_var(a) / len(a) + _var(b) / len(b))
    assert interval.low == pytest.approx(mean(a) - mean(b) - 1.96 * se, abs=0.15)
    assert interval.high == pytest.approx(mean(a) - mean(b) + 1.96 * se, abs=0.15)


def _var(values: list[float]) -> float:
    centre = mean(values)
    return sum((v - centre) ** 2 for v in values) / (len(values) - 1)


def test_bootstrap_is_reproducible_with_its_seed() -> None:
    a, b = [5, 6, 7, 7, 8, 6, 9], [4, 5, 5, 6, 4, 3, 5]
    first = bootstrap_mean_difference(a, b, random.Random(42))
    assert bootstrap_mean_difference(a, b, random.Random(42)) == first
    assert bootstrap_mean_difference(a, b, random.Random(43)) != first


def test_paired_bootstrap_of_spearman_brackets_the_estimate() -> None:
    data = random.Random(11)
    minutes = [data.uniform(0, 180) for _ in range(40)]
    moods = [8 - m / 40 + data.gauss(0, 1) for m in minutes]
    interval = bootstrap_paired(minutes, moods, spearman, random.Random(5), resamples=500)
    rho = spearman(minutes, moods)
    assert interval is not None and rho is not None
    assert interval.low < rho < interval.high < 0


@given(st.data(), st.integers(0, 1000))
@settings(max_examples=50, deadline=None)
def test_fast_spearman_bootstrap_equals_the_generic_one(data: st.DataObject, seed: int) -> None:
    x = data.draw(st.lists(st.integers(0, 6), min_size=2, max_size=25))
    y = data.draw(st.lists(st.integers(0, 6), min_size=len(x), max_size=len(x)))
    generic = bootstrap_paired(x, y, spearman, random.Random(seed), resamples=40)
    fast = bootstrap_spearman(x, y, random.Random(seed), resamples=40)
    if generic is None:
        assert fast is None
    else:
        assert fast is not None
        assert fast.low == pytest.approx(generic.low) and fast.high == pytest.approx(generic.high)


def test_paired_bootstrap_gives_up_when_the_statistic_is_never_defined() -> None:
    assert bootstrap_paired([1, 1, 1], [1, 2, 3], spearman, random.Random(1), 50) is None
    assert bootstrap_spearman([1, 1, 1], [1, 2, 3], random.Random(1), 50) is None


# -- permutation test and effect size -------------------------------------------------------


def test_permutation_p_value_approaches_the_exact_one() -> None:
    # Every way of choosing which 4 of these 8 days carry the tag: the exact two-sided p value.
    a, b = [7, 8, 6, 9], [5, 6, 4, 6]
    pooled = a + b
    observed = abs(mean(a) - mean(b))
    splits = list(itertools.combinations(range(8), 4))
    extreme = sum(
        abs(mean([pooled[i] for i in s]) - mean([pooled[i] for i in range(8) if i not in s]))
        >= observed - 1e-9
        for s in splits
    )
    exact = extreme / len(splits)
    estimated = permutation_p_value(a, b, random.Random(0), permutations=4000)
    assert estimated == pytest.approx(exact, abs=0.015)


def test_permutation_p_value_is_never_zero_and_large_for_identical_groups() -> None:
    assert permutation_p_value([9] * 10, [1] * 10, random.Random(0), 200) == pytest.approx(
        1 / 201, abs=0.01
    )
    assert permutation_p_value([5, 6, 7], [5, 6, 7], random.Random(0), 200) == 1.0


def test_standardized_difference_is_cohens_d() -> None:
    # Means 6 and 4, both sample SDs 2 (pooled 2): d = 1.
    assert standardized_difference([4, 6, 8], [2, 4, 6]) == pytest.approx(1.0)
    assert standardized_difference([5, 5], [5, 5]) is None


# -- the fast resampling loops draw what Random.choices / Random.sample draw ----------------------


def _reference_bootstrap_mean_difference(
    a: list[float], b: list[float], rng: random.Random, resamples: int
) -> Interval:
    estimates = [
        math.fsum(rng.choices(a, k=len(a))) / len(a) - math.fsum(rng.choices(b, k=len(b))) / len(b)
        for _ in range(resamples)
    ]
    return percentile_interval(estimates)


def _reference_permutation_p_value(
    a: list[float], b: list[float], rng: random.Random, permutations: int
) -> float:
    pooled = [*a, *b]
    na, n = len(a), len(a) + len(b)
    total = math.fsum(pooled)

    def gap(sum_a: float) -> float:
        return abs(sum_a / na - (total - sum_a) / (n - na))

    observed = gap(math.fsum(a))
    tolerance = 1e-9 * max(1.0, observed)
    drawn, draws_a = (na, True) if na <= n - na else (n - na, False)
    hits = 0
    for _ in range(permutations):
        picked = math.fsum(rng.sample(pooled, drawn))
        if gap(picked if draws_a else total - picked) >= observed - tolerance:
            hits += 1
    return (hits + 1) / (permutations + 1)


# Groups under TALLY_FROM values: larger ones of few distinct values are drawn by Tallies (below).
_values = st.lists(st.integers(0, 600).map(lambda v: v / 7), min_size=1, max_size=TALLY_FROM - 1)


@settings(max_examples=60, deadline=None)
@given(_values, _values, st.integers(0, 2**32))
def test_resampling_gives_what_random_choices_and_sample_give(
    a: list[float], b: list[float], seed: int
) -> None:
    assert bootstrap_mean_difference(
        a, b, random.Random(seed), resamples=50
    ) == _reference_bootstrap_mean_difference(a, b, random.Random(seed), 50)
    assert permutation_p_value(a, b, random.Random(seed), 50) == _reference_permutation_p_value(
        a, b, random.Random(seed), 50
    )
    if len(a) >= 2:
        pairs = (a + b)[: len(a)]
        assert bootstrap_spearman(a, pairs, random.Random(seed), 50) == bootstrap_paired(
            a, pairs, spearman, random.Random(seed), 50
        )


def test_a_permutation_test_stops_early_only_when_p_is_plainly_large() -> None:
    rng = random.Random(3)
    same_a = [rng.gauss(5, 1) for _ in range(120)]
    same_b = [rng.gauss(5, 1) for _ in range(240)]
    full = permutation_p_value(same_a, same_b, random.Random(9), 1000)
    sequential = permutation_p_value(same_a, same_b, random.Random(9), 1000, enough_hits=50)
    assert full > 0.1
    assert sequential == pytest.approx(full, rel=0.45)  # about 1 / sqrt(50) relative error
    shifted = [value + 1.0 for value in same_a]
    assert permutation_p_value(shifted, same_b, random.Random(9), 1000) == (
        permutation_p_value(shifted, same_b, random.Random(9), 1000, enough_hits=50)
    )


def test_a_years_spearman_bootstrap_equals_the_generic_one_to_the_last_bit() -> None:
    # A year's shape: every day's minutes distinct but for a run of days without use (ties at
    # 0), moods on a 1-10 scale, some of them means of two entries.
    rng = random.Random(18)
    minutes = [0.0 if day % 9 == 0 else rng.uniform(5, 300) for day in range(365)]
    moods = [rng.randint(1, 10) / (2 if day % 7 == 0 else 1) for day in range(365)]
    for seed in range(3):
        fast = bootstrap_spearman(minutes, moods, random.Random(seed), 30)
        assert fast == bootstrap_paired(minutes, moods, spearman, random.Random(seed), 30)


_scores = st.lists(st.integers(4, 40).map(lambda v: v / 4), min_size=1, max_size=TALLY_FROM - 1)


@settings(max_examples=40, deadline=None)
@given(_scores, _scores, st.integers(0, 2**32))
def test_means_of_scores_resample_as_with_fsum(a: list[float], b: list[float], seed: int) -> None:
    # Scores and their means over two or four entries add up exactly: the bootstrap sums them
    # with plain sum(), and must give what fsum gives.
    assert bootstrap_mean_difference(
        a, b, random.Random(seed), resamples=50
    ) == _reference_bootstrap_mean_difference(a, b, random.Random(seed), 50)


# -- a mean's bootstrap over a large group of few distinct values counts its draws by value --------


def _tallied_reference(
    a: list[float], b: list[float], rng: random.Random, resamples: int
) -> Interval:
    """Each resample as the drawn values themselves (every value as often as Tallies drew it),
    added with fsum: the bootstrap's count x value totals must be the same numbers."""

    def drawer(values: list[float]) -> Callable[[], list[float]]:
        distinct = sorted(set(values))
        tallies = Tallies([distinct.index(value) for value in values], len(distinct))
        return lambda: [
            value
            for value, times in zip(distinct, tallies.draw(rng, len(values)), strict=True)
            for _ in range(times)
        ]

    draw_a, draw_b = drawer(a), drawer(b)
    estimates = [
        math.fsum(draw_a()) / len(a) - math.fsum(draw_b()) / len(b) for _ in range(resamples)
    ]
    return percentile_interval(estimates)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(1, 10), min_size=TALLY_FROM, max_size=500),
    st.lists(st.integers(2, 20).map(lambda v: v / 2), min_size=TALLY_FROM, max_size=500),
    st.integers(0, 2**32),
)
def test_a_large_group_of_scores_resamples_by_tallies_to_exact_totals(
    a: list[int], b: list[float], seed: int
) -> None:
    found = bootstrap_mean_difference(a, b, random.Random(seed), resamples=30)
    assert found == _tallied_reference([float(v) for v in a], b, random.Random(seed), 30)


def test_a_years_tag_interval_matches_value_by_value_resampling() -> None:
    # The same question answered by both ways of drawing: intervals agree to within the
    # Monte-Carlo error of 4000 resamples (about 0.02 here).
    rng = random.Random(11)
    tagged = [float(rng.randint(4, 9)) for _ in range(140)]
    other = [float(rng.randint(3, 8)) for _ in range(225)]
    tallied = bootstrap_mean_difference(tagged, other, random.Random(1), resamples=4000)
    one_by_one = _reference_bootstrap_mean_difference(tagged, other, random.Random(1), 4000)
    assert tallied != one_by_one  # not the same draws ...
    assert tallied.low == pytest.approx(one_by_one.low, abs=0.03)  # ... the same answer
    assert tallied.high == pytest.approx(one_by_one.high, abs=0.03)


def test_a_years_bootstrap_interval_covers_the_true_difference_about_95_percent() -> None:
    # 200 synthetic years of mood scores (a tag on 130 days, 235 without, true difference +0.5).
    data = random.Random(5)
    covered = 0
    trials = 200
    for trial in range(trials):
        tagged = [float(min(10, max(1, round(data.gauss(6.5, 1.5))))) for _ in range(130)]
        other = [float(min(10, max(1, round(data.gauss(6.0, 1.5))))) for _ in range(235)]
        interval = bootstrap_mean_difference(tagged, other, random.Random(trial), resamples=300)
        truth = _rounded_gauss_mean(6.5) - _rounded_gauss_mean(6.0)
        covered += interval.covers(truth)
    assert 0.90 <= covered / trials <= 0.99


def _rounded_gauss_mean(centre: float, sd: float = 1.5) -> float:
    """The mean of round(gauss(centre, sd)) clamped to 1..10, exactly (by the normal CDF)."""
    dist = statistics.NormalDist(centre, sd)
    total = 0.0
    for score in range(1, 11):
        low = -math.inf if score == 1 else score - 0.5
        high = math.inf if score == 10 else score + 0.5
        total += score * (dist.cdf(high) - dist.cdf(low))
    return total


def test_a_group_larger_than_tallies_take_is_drawn_one_by_one() -> None:
    # Past 65,536 values (no history is that long, but the function is general) the bootstrap
    # draws value by value instead of refusing.
    many = [float(day % 5) for day in range(70_000)]
    interval = bootstrap_mean_difference(many, many[:200], random.Random(1), resamples=20)
    assert interval.low < 0 < interval.high
