"""Small statistics in plain Python: ranks, Spearman, percentile bootstrap, permutation test,
Benjamini-Hochberg. A year of daily values is a few hundred numbers, so no numeric library is
needed; every random draw comes from a `random.Random` the caller seeds, so results repeat.

The permutation test and the Spearman bootstrap draw exactly what `Random.sample` and
`Random.choices` draw, in the same order, and give the same results to the last bit as the
plain loops (the tests compare them). A bootstrap takes its resamples from `Random.choices`
itself: its one comprehension is quicker than a chain of C iterators (`map(int, ...)` turns each
draw into an index through the slow general `int()` call), 64 against 120 ns a value here; a
mean's bootstrap over a large group of few distinct values counts its draws by value instead
(`tallies.Tallies`), equally uniform but not the same draws.
"""

from __future__ import annotations

import math
import operator
import random
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from detox.insights.tallies import MOST_KINDS, SLOTS, Tallies

CONFIDENCE = 0.95


def mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def sample_sd(values: Sequence[float]) -> float:
    """Standard deviation with n - 1 in the denominator; 0 for fewer than two values."""
    if len(values) < 2:
        return 0.0
    centre = mean(values)
    return math.sqrt(math.fsum((v - centre) ** 2 for v in values) / (len(values) - 1))


def pooled_sd(a: Sequence[float], b: Sequence[float]) -> float:
    freedom = len(a) + len(b) - 2
    if freedom <= 0:
        return 0.0
    squares = (len(a) - 1) * sample_sd(a) ** 2 + (len(b) - 1) * sample_sd(b) ** 2
    return math.sqrt(squares / freedom)


def standardized_difference(a: Sequence[float], b: Sequence[float]) -> float | None:
    """(mean a - mean b) in pooled standard deviations (Cohen's d); None when nothing varies."""
    spread = pooled_sd(a, b)
    if spread == 0:
        return None
    return (mean(a) - mean(b)) / spread


def average_ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1; tied values share the mean of the ranks they span."""
    ordered = sorted(values)
    # Equal values occupy positions left..right-1 of the sorted list: their mean rank, from 1,
    # is (left + right + 1) / 2. Two bisections per distinct value keep bootstraps quick.
    rank_of = {
        value: (bisect_left(ordered, value) + bisect_right(ordered, value) + 1) / 2
        for value in set(values)
    }
    return [rank_of[value] for value in values]


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson's r; None when either side does not vary (the coefficient is undefined)."""
    if len(x) != len(y):
        raise ValueError("x and y must have the same length")
    if len(x) < 2:
        return None
    mx, my = mean(x), mean(y)
    dx = [v - mx for v in x]
    dy = [v - my for v in y]
    sxx = math.fsum(map(operator.mul, dx, dx))
    syy = math.fsum(map(operator.mul, dy, dy))
    if sxx == 0 or syy == 0:
        return None
    r = math.fsum(map(operator.mul, dx, dy)) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r))  # rounding can step just outside


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rho: Pearson's r of the average ranks, which handles ties exactly."""
    if len(x) != len(y):
        raise ValueError("x and y must have the same length")
    return pearson(average_ranks(x), average_ranks(y))


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (the usual "type 7" definition)."""
    if not sorted_values:
        raise ValueError("no values")
    position = fraction * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    weight = position - low
    return sorted_values[low] * (1 - weight) + sorted_values[high] * weight


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def covers(self, value: float) -> bool:
        return self.low <= value <= self.high


def percentile_interval(estimates: Sequence[float], confidence: float = CONFIDENCE) -> Interval:
    ordered = sorted(estimates)
    tail = (1 - confidence) / 2
    return Interval(percentile(ordered, tail), percentile(ordered, 1 - tail))


def bootstrap_mean_difference(
    a: Sequence[float],
    b: Sequence[float],
    rng: random.Random,
    resamples: int = 2000,
    confidence: float = CONFIDENCE,
) -> Interval:
    """Percentile interval of mean(a) - mean(b), each group resampled on its own."""
    if not a or not b:
        raise ValueError("both groups need values")
    total_a, total_b = _resampled_total(a, rng), _resampled_total(b, rng)
    na, nb = len(a), len(b)
    estimates = [total_a() / na - total_b() / nb for _ in range(resamples)]
    return percentile_interval(estimates, confidence)


def _resampled_total(values: Sequence[float], rng: random.Random) -> Callable[[], float]:
    """A function giving the total of one resample of `values` (drawn with replacement).

    A large group of few distinct values (a year of mood scores) is resampled by how often
    each value was drawn (`Tallies`: two to three times quicker from about 128 values); the
    total is then the sum of count x value, the same number as adding the drawn values when
    `_exact_total` finds every such sum exact, and within rounding otherwise."""
    values = list(values)
    n = len(values)
    distinct = sorted(set(values))
    total = _exact_total(values)
    if TALLY_FROM <= n <= SLOTS and len(distinct) <= MOST_KINDS:
        kind = {value: index for index, value in enumerate(distinct)}
        draw = Tallies([kind[value] for value in values], len(distinct)).draw
        mul = operator.mul
        return lambda: total(map(mul, draw(rng, n), distinct))
    choices = rng.choices
    return lambda: total(choices(values, k=n))


# From about this many values counting draws by kind is quicker than drawing them one by one.
TALLY_FROM = 128


def _exact_total(values: list[float]) -> Callable[[Iterable[float]], float]:
    """`math.fsum`, or plain `sum` where every sum of these values is exact, so both give the
    same: multiples of 1/1024 (scores and their means over two or four entries) no larger than
    2**20, at most 2**16 of them, keep every partial sum under 2**46 steps of 1/1024, well
    within a double's 53 bits. Half the cost of fsum, for most of a year's resampling."""
    if len(values) <= 1 << 16 and all(
        abs(value) <= 1 << 20 and (isinstance(value, int) or (value * 1024).is_integer())
        for value in values
    ):
        return sum
    return math.fsum


def bootstrap_paired(
    x: Sequence[float],
    y: Sequence[float],
    statistic: Callable[[Sequence[float], Sequence[float]], float | None],
    rng: random.Random,
    resamples: int = 2000,
    confidence: float = CONFIDENCE,
) -> Interval | None:
    """Percentile interval of a statistic of pairs, resampling whole pairs.

    A resample where the statistic is undefined (all x equal, say) is drawn again; None when
    too few resamples are defined to trust an interval.
    """
    n = len(x)
    if n != len(y) or n < 2:
        raise ValueError("need two or more pairs of equal length")
    indices = range(n)
    estimates: list[float] = []
    attempts = 0
    while len(estimates) < resamples and attempts < resamples * 2:
        attempts += 1
        picked = rng.choices(indices, k=n)
        value = statistic([x[i] for i in picked], [y[i] for i in picked])
        if value is not None:
            estimates.append(value)
    if len(estimates) < resamples:
        return None
    return percentile_interval(estimates, confidence)


def bootstrap_spearman(
    x: Sequence[float],
    y: Sequence[float],
    rng: random.Random,
    resamples: int = 2000,
    confidence: float = CONFIDENCE,
) -> Interval | None:
    """`bootstrap_paired(x, y, spearman, ...)` with the same draws and result, faster.

    A resample only repeats original pairs, so its ranks follow from how often each distinct
    pair was drawn: a count and one pass over the drawn pairs in order instead of a sort of
    every value. The sums are taken in whole numbers, of twice the rank less one (T = 2 r - 1,
    which sums to n * n), so they are exact: sum((T - n) ** 2) = sum(T * T) - n ** 3 is four
    times the centred sum of squares of the ranks that `pearson` takes with `fsum`, and scaling
    by four changes no rounding of the quotient, so r is the same to the last bit.
    """
    n = len(x)
    if n != len(y) or n < 2:
        raise ValueError("need two or more pairs of equal length")
    if n > EXACT_RANKS:
        return bootstrap_paired(x, y, spearman, rng, resamples, confidence)
    x_position = _dense_positions(x)[0]
    y_position, y_distinct = _dense_positions(y)
    # A pair's code orders pairs by x, then by y: drawn codes in order give x's ranks as they go.
    codes = [xp * y_distinct + yp for xp, yp in zip(x_position, y_position, strict=True)]
    cube = n * n * n
    choices = rng.choices
    estimates: list[float] = []
    attempts = 0
    while len(estimates) < resamples and attempts < resamples * 2:
        attempts += 1
        drawn = Counter(choices(codes, k=n))  # the draws bootstrap_paired makes
        order = sorted(drawn)  # ints sort quicker than (code, times) pairs
        y_twice, syy = _twice_ranks(drawn, y_distinct)
        sxx = sxy = -cube
        below = count = weighted = 0  # drawn pairs of smaller x; of this x; their sum of y's T
        level = -1
        for code in order:
            times = drawn[code]
            x_level, y_level = divmod(code, y_distinct)
            if x_level != level:  # the pairs of the x before are all counted: its rank is known
                twice = below + below + count
                sxx += count * twice * twice
                sxy += twice * weighted
                below += count
                level, count, weighted = x_level, 0, 0
            count += times
            weighted += times * y_twice[y_level]
        twice = below + below + count
        sxx += count * twice * twice
        sxy += twice * weighted
        if sxx == 0 or syy == 0:  # one side drawn all alike: undefined, draw again
            continue
        r = sxy / math.sqrt(float(sxx) * float(syy))
        estimates.append(max(-1.0, min(1.0, r)))  # as pearson: rounding can step just outside
    if len(estimates) < resamples:
        return None
    return percentile_interval(estimates, confidence)


def _dense_positions(values: Sequence[float]) -> tuple[list[int], int]:
    """For each value, the index of its distinct value in ascending order; and how many."""
    order = {value: i for i, value in enumerate(sorted(set(values)))}
    return [order[value] for value in values], len(order)


def _twice_ranks(drawn: Counter[int], distinct: int) -> tuple[list[int], int]:
    """2 r - 1 for each distinct y of the drawn pairs (how often each code was drawn), and
    sum((T - n) ** 2): a value drawn `count` times after `below` smaller ones ranks
    below + (count + 1) / 2, so 2 r - 1 = below + (below + count)."""
    counts = [0] * distinct
    for code, times in drawn.items():
        counts[code % distinct] += times
    twice_ranks: list[int] = []
    below = 0
    squares = 0
    for count in counts:
        twice = below + below + count
        twice_ranks.append(twice)
        squares += count * twice * twice
        below += count
    return twice_ranks, squares - below * below * below


# Below this many values every rank sum stays under 2**53, so the floats taken of them are exact.
EXACT_RANKS = 100_000


def permutation_p_value(
    a: Sequence[float],
    b: Sequence[float],
    rng: random.Random,
    permutations: int = 2000,
    enough_hits: int | None = None,
) -> float:
    """Two-sided p value for a difference in means, by random relabelling of the days.

    Counts the observed labelling too, so p is never 0: (hits + 1) / (permutations + 1).
    With `enough_hits`, relabelling stops once that many were as extreme as the observed one
    and p is hits / relabellings (Besag and Clifford's sequential p value, 1991: still a valid
    p value): a tag that plainly makes no difference is settled in a few dozen relabellings
    instead of all of them, with a relative error of about 1 / sqrt(enough_hits), while a small
    p value, the one that matters, gets every relabelling.
    """
    if not a or not b:
        raise ValueError("both groups need values")
    pooled = [*a, *b]
    na, n = len(a), len(a) + len(b)
    total = math.fsum(pooled)

    def gap(sum_a: float) -> float:
        return abs(sum_a / na - (total - sum_a) / (n - na))

    observed = gap(math.fsum(a))
    tolerance = 1e-9 * max(1.0, observed)  # equal gaps must count as "as extreme"
    # Drawing the smaller group is cheaper; the other group's sum follows from the total.
    drawn, draws_a = (na, True) if na <= n - na else (n - na, False)
    hits = 0
    for done in range(1, permutations + 1):
        picked = math.fsum(_sample(rng, pooled, drawn))
        if gap(picked if draws_a else total - picked) >= observed - tolerance:
            hits += 1
            if hits == enough_hits:
                return hits / done
    return (hits + 1) / (permutations + 1)


def _sample(rng: random.Random, population: list[float], k: int) -> list[float]:
    """`rng.sample(population, k)` with the same draws and values, in one tight loop.

    `Random.sample` picks by a partial shuffle of a copy when the population is small next to
    k (always so for two groups of days) and by a set of taken indices otherwise; the second
    case is left to it. Each draw is `_randbelow(m)`: getrandbits(m.bit_length()) until below m.
    """
    n = len(population)
    setsize = 21
    if k > 5:
        setsize += 4 ** math.ceil(math.log(k * 3, 4))
    if not 0 <= k <= n:
        return rng.sample(population, k)  # its error
    getrandbits = rng.getrandbits
    result = [0.0] * k
    if n > setsize:  # a set of the indices taken
        taken: set[int] = set()
        bits = n.bit_length()
        for i in range(k):
            j = getrandbits(bits)
            while j >= n or j in taken:
                j = getrandbits(bits)
            taken.add(j)
            result[i] = population[j]
        return result
    pool = list(population)
    for i in range(k):
        m = n - i
        bits = m.bit_length()
        j = getrandbits(bits)
        while j >= m:
            j = getrandbits(bits)
        result[i] = pool[j]
        pool[j] = pool[m - 1]
    return result


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Adjusted p values (false discovery rate), in the order given.

    adjusted p_(i) = min over j >= i of m / j * p_(j), capped at 1, with p sorted ascending; a
    hypothesis is rejected at level q exactly when its adjusted p is at most q.
    """
    m = len(p_values)
    order = sorted(range(m), key=p_values.__getitem__)
    adjusted = [0.0] * m
    running = 1.0
    for position in range(m - 1, -1, -1):
        index = order[position]
        running = min(running, p_values[index] * (m / (position + 1)))  # factor >= 1: never below p
        adjusted[index] = running
    return adjusted
