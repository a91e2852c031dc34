"""Half-open time intervals [start, end) and timelines built from overlapping events.

A timeline answers "what was true at each moment" when a source records overlapping events: the
event that began most recently wins (an AFK period backdated to the last input overrides the
not-afk heartbeat that ran on until the timeout noticed). Short gaps between events are filled as
ActivityWatch fills them itself, so imported totals agree with what its own UI shows.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")
Interval = tuple[datetime, datetime]

# ActivityWatch's own queries treat gaps up to 5 s between events as covered ("flood").
AW_GAP_FILL = timedelta(seconds=5)


class Piece(NamedTuple, Generic[T]):
    # A tuple, not a dataclass: a year of ActivityWatch history makes millions of these.
    start: datetime
    end: datetime
    value: T

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering the same moments; touching ones are joined."""
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
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
    index = 0
    for piece in pieces:
        while index < len(windows) and windows[index][1] <= piece.start:
            index += 1
        probe = index
        while probe < len(windows) and windows[probe][0] < piece.end:
            start = max(piece.start, windows[probe][0])
            end = min(piece.end, windows[probe][1])
            if end > start:
                clipped.append(Piece(start, end, piece.value))
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
    starts = [c.start for c in cover]
    for piece in pieces:
        cursor = piece.start
        probe = max(0, bisect.bisect_right(starts, piece.start) - 1)
        while probe < len(cover) and cover[probe].start < piece.end:
            over = cover[probe]
            start, end = max(cursor, over.start), min(piece.end, over.end)
            if end > start:
                if start > cursor:
                    rest.append(Piece(cursor, start, piece.value))
                overlaps.append((Piece(start, end, piece.value), over))
                cursor = end
            probe += 1
        if cursor < piece.end:
            rest.append(Piece(cursor, piece.end, piece.value))
    return overlaps, rest


def timeline(events: Sequence[Piece[T]], fill_gap: timedelta = AW_GAP_FILL) -> list[Piece[T]]:
    """Disjoint pieces saying which event holds each moment; the latest-starting event wins.

    Events of the same start are ranked by their order in `events`, later first. A gap up to
    `fill_gap` between two pieces is given to the earlier one; a zero-length event (a single
    heartbeat) marks a moment that such a fill can extend from.
    """
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
    filled: list[Piece[T]] = []
    for current, following in pairwise(pieces):
        gap = following.start - current.end
        if timedelta(0) < gap <= fill_gap:
            current = Piece(current.start, following.start, current.value)
        filled.append(current)
    if pieces:
        filled.append(pieces[-1])
    return [p for p in filled if p.end > p.start]


def _covered(pieces: Sequence[Piece[T]], starts: Sequence[datetime], moment: datetime) -> bool:
    index = bisect.bisect_right(starts, moment) - 1
    return index >= 0 and pieces[index].start <= moment < pieces[index].end


def _latest_wins(events: Sequence[Piece[T]]) -> list[Piece[T]]:
    order = sorted(
        (i for i, e in enumerate(events) if e.end > e.start), key=lambda i: (events[i].start, i)
    )
    if all(events[i].end <= events[j].start for i, j in pairwise(order)):
        return [events[i] for i in order]  # nothing overlaps, the usual case: no sweep needed
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
            pieces[-1] = Piece(pieces[-1].start, there, pieces[-1].value)
        else:
            pieces.append(Piece(here, there, events[winner].value))
        last_winner = winner
    return pieces
