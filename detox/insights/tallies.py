"""How often each kind of value comes up when a bootstrap draws with replacement, without a
Python step per draw.

A bootstrap of a mean needs only how many times each distinct value was drawn, not the draws
themselves, and mood scores have a handful of distinct values however many days there are.
`Tallies` gets those counts from random bytes with C-level byte operations (`bytes.translate`
turns each byte into the kind of value it picks, `bytes.count` counts each kind): a few dozen
calls a resample whatever its size, where drawing value by value costs a Python step a day (a
year of tag bootstraps was most of what `detox insights` spent beyond reading the days).

Every draw is exactly uniform. The items, sorted by kind, each fill `copies` neighbouring slots
of 65,536 (as many copies as fit: at most one item's worth of slots, under 1 %, stays empty);
a draw is two random bytes, the high one naming a page of 256 slots, the low one a slot. Most
pages hold one kind, so their draws are counted from the high bytes alone; only a page where
kinds meet needs its low bytes, drawn for the draws that landed there. A draw on an empty slot
is drawn again (the last few one by one). Draws repeat with the seed of the `random.Random`
given, but are not the draws `Random.choices` makes.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

SLOTS = 1 << 16
PAGE = 256
# A high byte names either a kind (a page of one kind) or a page where kinds meet: both must
# fit in a byte's 256 values, and beyond a few dozen kinds counting each costs more than
# drawing value by value.
MOST_KINDS = 64
# The draws of an empty slot, usually one or two, are drawn one by one: a round of byte
# operations costs what some dozen single draws do.
FEW = 16


@dataclass(frozen=True)
class _Meeting:
    """A page where kinds meet (or the last page, partly empty)."""

    kinds: tuple[int, ...]  # a low byte's value after `table` is an index into this
    table: bytes
    empty: bytes  # low bytes of slots without an item


class Tallies:
    """Counts of each kind among `k` draws with replacement from items of the given kinds
    (each 0 .. kinds - 1, in any order)."""

    def __init__(self, kinds_of_items: Sequence[int], kinds: int) -> None:
        items = len(kinds_of_items)
        if not 0 < items <= SLOTS or not 0 < kinds <= MOST_KINDS:
            raise ValueError("Tallies takes 1 to 65,536 items of 1 to 64 kinds")
        self.kinds = kinds
        self._items = list(kinds_of_items)
        copies = SLOTS // items
        # Where each kind's slots end, kinds in ascending order.
        ends: list[tuple[int, int]] = []
        filled = 0
        for kind in range(kinds):
            filled += copies * kinds_of_items.count(kind)
            ends.append((filled, kind))
        if filled != items * copies:
            raise ValueError("every item's kind must be below `kinds`")

        def kind_at(slot: int) -> int | None:
            for end, kind in ends:
                if slot < end:
                    return kind
            return None  # an empty slot

        high: list[int] = []
        empty_pages: list[int] = []
        whole: set[int] = set()
        self._meetings: list[_Meeting] = []
        for page in range(PAGE):
            first, last = kind_at(page * PAGE), kind_at(page * PAGE + PAGE - 1)
            if first is not None and first == last:
                high.append(first)
                whole.add(first)
                continue
            if first is None:  # only empty slots (more than 256 items): drawn again
                high.append(0)
                empty_pages.append(page)
                continue
            found = [kind_at(page * PAGE + low) for low in range(PAGE)]
            kinds_here = tuple(sorted({kind for kind in found if kind is not None}))
            position = {kind: index for index, kind in enumerate(kinds_here)}
            table = bytes(0 if kind is None else position[kind] for kind in found)
            empty = bytes(low for low, kind in enumerate(found) if kind is None)
            high.append(kinds + len(self._meetings))
            self._meetings.append(_Meeting(kinds_here, table, empty))
        self._high = bytes(high)
        self._empty_pages = bytes(empty_pages)
        # Only kinds that own a page of their own are counted from the high bytes.
        self._whole = sorted(whole)

    def draw(self, rng: random.Random, k: int) -> list[int]:
        """How many of `k` uniform draws fell on each kind (a list of `kinds` counts)."""
        counts = [0] * self.kinds
        randbytes = rng.randbytes
        kinds = self.kinds
        need = k
        while need:
            if need <= FEW:
                for kind in rng.choices(self._items, k=need):
                    counts[kind] += 1
                return counts
            pages = randbytes(need).translate(self._high, self._empty_pages)
            dropped = need - len(pages)
            for kind in self._whole:
                counts[kind] += pages.count(kind)
            landed = [pages.count(kinds + index) for index in range(len(self._meetings))]
            lows = randbytes(sum(landed))
            need = dropped
            start = 0
            for meeting, count in zip(self._meetings, landed, strict=True):
                if not count:
                    continue
                slots = lows[start : start + count].translate(meeting.table, meeting.empty)
                start += count
                need += count - len(slots)  # on empty slots: drawn again, page and slot
                for index, kind in enumerate(meeting.kinds):
                    counts[kind] += slots.count(index)
        return counts
