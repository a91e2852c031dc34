"""Half-open time intervals [start, end) and timelines built from overlapping events.

A timeline answers "what was true at each moment" when a source records overlapping events: the
event that began most recently wins (an AFK period backdated to the last input overrides the
not-afk heartbeat that ran on until the timeout noticed). Short gaps between events are filled as
ActivityWatch fills them itself, so imported totals agree with what its own UI shows.
"""

from __future__ import annotations

import bisect
import heapq
import operator
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any, Generic, NamedTuple, TypeVar

T = TypeVar("T")
Interval = tuple[datetime, datetime]

# ActivityWatch's own queries treat gaps up to 5 s between events as covered ("flood").
AW_GAP_FILL = timedelta(seconds=5)
_START, _END = operator.itemgetter(0), operator.itemgetter(1)


class Piece(NamedTuple, Generic[T]):
    # A tuple, not a dataclass: a year of ActivityWatch history makes millions of these.
    start: datetime
    end: datetime
    value: T

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


def piece(start: datetime, end: datetime, value: T) -> Piece[T]:
    """Piece(start, end, value) without the Python-level __new__ a NamedTuple calls (a third of
    the time of making one, and an import makes millions)."""
    return new_tuple(Piece, (start, end, value))  # type: ignore[no-any-return]


# tuple.__new__(Piece, (start, end, value)) is that, for loops that make a piece per event.
new_tuple: Any = tuple.__new__


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering the same moments; touching ones are joined."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue  # empty: covers no moment
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(intervals: Iterable[Interval], cuts: Iterable[Interval]) -> list[Interval]:
    """The moments of `intervals` that no cut covers."""
    remaining: list[Interval] = []
    cut_list = union(cuts)
    index = 0
    for start, end in union(intervals):
        cursor = start
        while index < len(cut_list) and cut_list[index][1] <= cursor:
            index += 1
        probe = index
        while probe < len(cut_list) and cut_list[probe][0] < end:
            cut_start, cut_end = cut_list[probe]
            if cut_start > cursor:
                remaining.append((cursor, cut_start))
            cursor = max(cursor, cut_end)
            if cursor >= end:
                break
            probe += 1
        if cursor < end:
            remaining.append((cursor, end))
    return remaining


def clip(pieces: Sequence[Piece[T]], windows: Sequence[Interval]) -> list[Piece[T]]:
    """The parts of sorted, disjoint pieces inside sorted, disjoint windows."""
    clipped: list[Piece[T]] = []
    index, count = 0, len(windows)
    for item in pieces:
        start, end, value = item
        while index < count and windows[index][1] <= start:
            index += 1
        if index == count:
            break
        low, high = windows[index]
        if low <= start and end <= high:  # the usual case: wholly inside one window
            if end > start:
                clipped.append(item)
            continue
        probe = index
        while probe < count and windows[probe][0] < end:
            low, high = windows[probe]
            cut_start = start if start > low else low
            cut_end = end if end < high else high
            if cut_end > cut_start:
                clipped.append(piece(cut_start, cut_end, value))
            probe += 1
    return clipped


def split_by(
    pieces: Sequence[Piece[T]], cover: Sequence[Piece[T]]
) -> tuple[list[tuple[Piece[T], Piece[T]]], list[Piece[T]]]:
    """Cut sorted, disjoint `pieces` by a sorted, disjoint `cover`.

    Returns (overlaps, rest): each overlap is (part of a piece, the cover piece over it); rest is
    every part of a piece that no cover piece touches.
    """
    overlaps: list[tuple[Piece[T], Piece[T]]] = []
    rest: list[Piece[T]] = []
    starts = list(map(_START, cover))
    count = len(cover)
    for item in pieces:
        start, end, value = item
        probe = max(0, bisect.bisect_right(starts, start) - 1)
        if probe < count:
            over = cover[probe]
            if over.start <= start and end <= over.end:  # one cover piece over all of it
                if end > start:
                    overlaps.append((item, over))
                continue
        cursor = start
        while probe < count and cover[probe].start < end:
            over = cover[probe]
            part_start = cursor if cursor > over.start else over.start
            part_end = end if end < over.end else over.end
            if part_end > part_start:
                if part_start > cursor:
                    rest.append(piece(cursor, part_start, value))
                overlaps.append((piece(part_start, part_end, value), over))
                cursor = part_end
            probe += 1
        if cursor < end:
            rest.append(item if cursor == start else piece(cursor, end, value))
    return overlaps, rest


def timeline(events: Sequence[Piece[T]], fill_gap: timedelta = AW_GAP_FILL) -> list[Piece[T]]:
    """Disjoint pieces saying which event holds each moment; the latest-starting event wins.

    Events of the same start are ranked by their order in `events`, later first. A gap up to
    `fill_gap` between two pieces is given to the earlier one; a zero-length event (a single
    heartbeat) marks a moment that such a fill can extend from.
    """
    starts = list(map(_START, events))
    ends = list(map(_END, events))
    if all(map(operator.lt, starts, ends)) and all(map(operator.le, ends, starts[1:])):
        # The usual: in order, none overlapping, none of zero length. Each event holds its
        # own time, and only the gaps are left to fill (a loop over lists, not pieces).
        filled: list[Piece[T]] = []
        append = filled.append
        for event, end, following in zip(
            events, ends, starts[1:], strict=False
        ):  # all but the last
            if end < following and following - end <= fill_gap:
                append(new_tuple(Piece, (event[0], following, event[2])))
            else:
                append(event)
        if events:
            append(events[-1])
        return filled
    pieces = _latest_wins(events)
    starts = [p.start for p in pieces]
    marks: list[Piece[T]] = []
    for event in events:
        if event.end == event.start and not _covered(pieces, starts, event.start):
            marks.append(event)
    if marks:
        ordered = sorted(
            [(p.start, 1, i, p) for i, p in enumerate(pieces)]
            + [(m.start, 0, i, m) for i, m in enumerate(marks)],
            key=lambda item: (item[0], item[1], item[2]),
        )
        pieces = [item[3] for item in ordered]
    filled = []
    for current, following in pairwise(pieces):
        start, end, value = current
        if end < following.start and following.start - end <= fill_gap:
            current = new_tuple(Piece, (start, following.start, value))
        if current.end > start:
            filled.append(current)
    if pieces and pieces[-1].end > pieces[-1].start:
        filled.append(pieces[-1])
    return filled


def _covered(pieces: Sequence[Piece[T]], starts: Sequence[datetime], moment: datetime) -> bool:
    index = bisect.bisect_right(starts, moment) - 1
    return index >= 0 and pieces[index].start <= moment < pieces[index].end


def _latest_wins(events: Sequence[Piece[T]]) -> list[Piece[T]]:
    kept = [e for e in events if e.end > e.start]
    starts = [e.start for e in kept]
    ends = [e.end for e in kept]
    if starts == sorted(starts) and all(map(operator.le, ends, starts[1:])):
        return kept  # in order, nothing overlaps: the usual case, no sweep needed
    order = sorted(
        (i for i, e in enumerate(events) if e.end > e.start), key=lambda i: (events[i].start, i)
    )
    bounds = sorted({events[i].start for i in order} | {events[i].end for i in order})
    pieces: list[Piece[T]] = []
    last_winner = -1
    heap: list[tuple[int, int]] = []  # (-rank, event index): the top is the latest start
    pushed = 0
    for here, there in pairwise(bounds):
        while pushed < len(order) and events[order[pushed]].start <= here:
            heapq.heappush(heap, (-pushed, order[pushed]))
            pushed += 1
        while heap and events[heap[0][1]].end <= here:
            heapq.heappop(heap)
        if not heap:
            last_winner = -1
            continue
        winner = heap[0][1]
        if winner == last_winner and pieces and pieces[-1].end == here:
            pieces[-1] = piece(pieces[-1].start, there, pieces[-1].value)
        else:
            pieces.append(piece(here, there, events[winner].value))
        last_winner = winner
    return pieces
