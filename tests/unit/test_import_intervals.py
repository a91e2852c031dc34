"""Timelines from overlapping events: the latest start wins, short gaps are filled, and a
zero-length heartbeat still marks a moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from detox.importers.intervals import Piece, clip, split_by, subtract, timeline, union

T0 = datetime(2026, 11, 9, 8, 0, tzinfo=UTC)


def t(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def p(start: float, end: float, value: str) -> Piece[str]:
    return Piece(t(start), t(end), value)


def flat(pieces: list[Piece[str]]) -> list[tuple[float, float, str]]:
    return [((x.start - T0).total_seconds(), (x.end - T0).total_seconds(), x.value) for x in pieces]


def test_the_event_that_began_last_holds_the_moment_and_the_earlier_resumes_after() -> None:
    found = timeline([p(0, 100, "not-afk"), p(20, 30, "afk")], fill_gap=timedelta(0))
    assert flat(found) == [(0, 20, "not-afk"), (20, 30, "afk"), (30, 100, "not-afk")]


def test_gaps_up_to_the_fill_go_to_the_earlier_event_and_longer_ones_stay_empty() -> None:
    found = timeline([p(0, 10, "a"), p(13, 20, "b"), p(40, 50, "c")])
    assert flat(found) == [(0, 13, "a"), (13, 20, "b"), (40, 50, "c")]


def test_a_zero_length_event_marks_a_moment_that_the_fill_extends() -> None:
    found = timeline([p(0, 10, "a"), p(10, 10, "mark"), p(12, 20, "b"), p(60, 60, "alone")])
    assert flat(found) == [(0, 10, "a"), (10, 12, "mark"), (12, 20, "b")]


def test_the_order_of_events_with_the_same_start_decides_between_them() -> None:
    assert flat(timeline([p(0, 10, "a"), p(0, 10, "b")])) == [(0, 10, "b")]


def test_union_subtract_and_clip() -> None:
    assert union([(t(5), t(9)), (t(0), t(5)), (t(20), t(30)), (t(25), t(26))]) == [
        (t(0), t(9)),
        (t(20), t(30)),
    ]
    assert subtract([(t(0), t(100))], [(t(10), t(20)), (t(15), t(30)), (t(90), t(200))]) == [
        (t(0), t(10)),
        (t(30), t(90)),
    ]
    windows = [(t(0), t(10)), (t(20), t(30))]
    assert flat(clip([p(5, 25, "a"), p(26, 40, "b")], windows)) == [
        (5, 10, "a"),
        (20, 25, "a"),
        (26, 30, "b"),
    ]


def test_split_by_pairs_each_part_with_what_covers_it() -> None:
    overlaps, rest = split_by([p(0, 100, "window")], [p(10, 20, "x"), p(50, 200, "y")])
    assert [(flat([part]), cover.value) for part, cover in overlaps] == [
        ([(10, 20, "window")], "x"),
        ([(50, 100, "window")], "y"),
    ]
    assert flat(rest) == [(0, 10, "window"), (20, 50, "window")]


events = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 20), st.sampled_from("abc")), max_size=12
)


@settings(max_examples=200, deadline=None)
@given(events)
def test_every_moment_belongs_to_the_latest_starting_event_covering_it(
    raw: list[tuple[int, int, str]],
) -> None:
    given_events = [
        p(start, start + length, f"{value}{i}") for i, (start, length, value) in enumerate(raw)
    ]
    ordered = sorted(given_events, key=lambda e: e.start)  # stable: ties keep the given order
    pieces = timeline(ordered, fill_gap=timedelta(0))
    for a, b in pairwise(pieces):
        assert a.end <= b.start
    for tick in range(0, 161):
        moment = t(tick + 0.5)
        covering = [e for e in ordered if e.start <= moment < e.end]
        holder = [x.value for x in pieces if x.start <= moment < x.end]
        expected = [covering[-1].value] if covering else []
        assert holder == expected


def _disjoint(raw: list[tuple[int, int]], value: str) -> list[Piece[str]]:
    """Sorted, disjoint pieces (zero-length ones too) from (gap, length) pairs."""
    pieces: list[Piece[str]] = []
    cursor = 0
    for gap, length in raw:
        pieces.append(p(cursor + gap, cursor + gap + length, f"{value}{len(pieces)}"))
        cursor += gap + length
    return pieces


def _clip_by_moments(pieces: list[Piece[str]], windows: list[Piece[str]]) -> list[Piece[str]]:
    """clip, one piece and one window at a time."""
    found: list[Piece[str]] = []
    for piece in pieces:
        for window in windows:
            start, end = max(piece.start, window.start), min(piece.end, window.end)
            if end > start:
                found.append(Piece(start, end, piece.value))
    return found


gaps = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 8)), max_size=10)


@settings(max_examples=300, deadline=None)
@given(gaps, gaps)
def test_clip_and_split_by_agree_with_a_piece_by_piece_reading(
    raw_pieces: list[tuple[int, int]], raw_cover: list[tuple[int, int]]
) -> None:
    """Their shortcut (a piece wholly inside one window or cover piece is kept as it is) gives
    what cutting every piece by every window gives."""
    pieces, cover = _disjoint(raw_pieces, "p"), _disjoint(raw_cover, "c")
    windows = [(c.start, c.end) for c in cover]
    assert clip(pieces, windows) == _clip_by_moments(pieces, cover)
    overlaps, rest = split_by(pieces, cover)
    assert [(part, over.value) for part, over in overlaps] == [
        (part, over.value)
        for part in _clip_by_moments(pieces, cover)
        for over in cover
        if over.start <= part.start and part.end <= over.end
    ]
    outside = [(a.start, a.end) for a in pieces if a.end > a.start]
    assert union((r.start, r.end) for r in rest) == subtract(outside, windows)
    assert all(a.end <= b.start for a, b in pairwise(rest))
