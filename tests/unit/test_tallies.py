"""Tallies: how often each kind of value a bootstrap draws with replacement, from random bytes.
Every draw must be uniform over the items, for any number of items and any mix of kinds."""

from __future__ import annotations

import math
import random

import pytest

from detox.insights.tallies import MOST_KINDS, SLOTS, Tallies

# Sizes around the page and slot boundaries: one item, a few, a page's worth (256 slots per
# copy), a year of days, ten years, more items than pages hold whole (empty pages), the most.
SIZES = [1, 2, 15, 100, 128, 255, 256, 257, 365, 3650, 40_000, SLOTS]


def _chi_square(observed: list[int], expected: list[float]) -> float:
    return sum((o - e) ** 2 / e for o, e in zip(observed, expected, strict=True) if e)


def _chi_999(freedom: int) -> float:
    """The 99.9th percentile of chi-square (Wilson and Hilferty's approximation, within 2 % from
    three degrees of freedom up). The tests are seeded: they pass or fail for good, and a
    uniform sampler passes them."""
    if freedom == 0:
        return 1e-9
    ninth = 2 / (9 * freedom)
    return freedom * (1 - ninth + 3.09 * math.sqrt(ninth)) ** 3


@pytest.mark.parametrize("items", SIZES)
def test_each_kind_comes_up_as_often_as_its_share_of_the_items(items: int) -> None:
    layout = random.Random(items)
    kinds = 1 if items == 1 else min(MOST_KINDS, 7 if items < 1000 else 10)
    if items == SLOTS:
        kinds = MOST_KINDS
    of = [layout.randrange(kinds) for _ in range(items)]
    tallies = Tallies(of, kinds)
    rng = random.Random(99)
    total = [0] * kinds
    draws = 0
    k = min(items, 2000)
    while draws < 400_000:
        counts = tallies.draw(rng, k)
        assert sum(counts) == k and min(counts) >= 0
        total = [t + c for t, c in zip(total, counts, strict=True)]
        draws += k
    expected = [of.count(kind) / items * draws for kind in range(kinds)]
    assert _chi_square(total, expected) < _chi_999(sum(1 for e in expected if e) - 1)


def test_every_item_of_a_year_is_drawn_equally_often() -> None:
    # One kind per item (365 kinds is past MOST_KINDS): use 60 items of 60 kinds instead and
    # then a year's items in kinds of 6 neighbours; a page where kinds meet must split its
    # draws by slot exactly.
    for items, kinds in ((60, 60), (365, 61)):
        of = [item * kinds // items for item in range(items)]
        tallies = Tallies(of, kinds)
        rng = random.Random(items)
        total = [0] * kinds
        for _ in range(2000):
            total = [t + c for t, c in zip(total, tallies.draw(rng, items), strict=True)]
        expected = [of.count(kind) / items * 2000 * items for kind in range(kinds)]
        assert _chi_square(total, expected) < _chi_999(kinds - 1)


def test_draws_repeat_with_the_seed_and_differ_without() -> None:
    tallies = Tallies([0, 1, 1, 2, 2, 2] * 60, 3)
    first = [tallies.draw(random.Random(4), 360) for _ in range(3)]
    assert first == [tallies.draw(random.Random(4), 360) for _ in range(3)]
    rng = random.Random(4)
    assert tallies.draw(rng, 360) != tallies.draw(rng, 360)


def test_a_single_kind_takes_every_draw_and_nothing_is_refused() -> None:
    assert Tallies([0] * 365, 1).draw(random.Random(1), 365) == [365]
    assert Tallies([1] * 100, 3).draw(random.Random(1), 1000) == [0, 1000, 0]
    with pytest.raises(ValueError):
        Tallies([], 1)
    with pytest.raises(ValueError):
        Tallies([0, 3], 3)
    with pytest.raises(ValueError):
        Tallies(list(range(MOST_KINDS + 1)), MOST_KINDS + 1)


class _Scripted(random.Random):
    """One draw's bytes: the page byte, then the slot byte if the draw asks for one; asked for
    a page byte again, the draw was refused."""

    def __init__(self, page: int, slot: int) -> None:
        super().__init__(0)
        self.calls = [bytes([page]), bytes([slot])]

    def randbytes(self, n: int) -> bytes:
        if not self.calls:
            raise _Refused
        given = self.calls.pop(0)
        return given[:n]


class _Refused(Exception):
    pass


@pytest.mark.parametrize("items", [15, 365, 3650, 40_000])
def test_every_pair_of_bytes_picks_one_slot_and_each_item_owns_as_many(
    items: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Exact, not statistical: all 65,536 (page, slot) byte pairs through the tables, each draw
    # made on its own (no one-by-one finish). Every kind must own `copies` slots per item of
    # it, and only the slots left over (fewer than one item's worth) refuse the draw.
    monkeypatch.setattr("detox.insights.tallies.FEW", 0)
    layout = random.Random(items)
    kinds = 7
    of = [layout.randrange(kinds) for _ in range(items)]
    tallies = Tallies(of, kinds)
    owned = [0] * kinds
    refused = 0
    for high in range(256):
        for low in range(256):
            try:
                counts = tallies.draw(_Scripted(high, low), 1)
            except _Refused:
                refused += 1
                continue
            owned[counts.index(1)] += 1
    copies = SLOTS // items
    assert owned == [copies * of.count(kind) for kind in range(kinds)]
    assert refused == SLOTS - copies * items < items
