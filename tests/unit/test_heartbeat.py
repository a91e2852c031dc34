"""The heartbeat merge: rules by example, then properties over random sample streams."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detox.clock import FixedClock
from detox.tracker.heartbeat import (
    MergeSettings,
    MergeState,
    Sample,
    Span,
    finish,
    merge,
    snapshot,
    step,
)

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
SETTINGS = MergeSettings()  # interval 2 s, pulse 1 s, idle threshold 180 s, drift 2 s


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


class Recorder:
    """Takes samples off a FixedClock the way the sampler will."""

    def __init__(self) -> None:
        self.clock = FixedClock(START)
        self.samples: list[Sample] = []

    def see(
        self, app: str | None, *, idle: float = 0.0, source: str = "window", switch: bool = False
    ) -> None:
        self.samples.append(
            Sample(
                self.clock.now(), self.clock.monotonic(), app, idle, source=source, switch=switch
            )
        )

    def run(self, app: str | None, count: int, *, every: float = 2.0) -> None:
        """``count`` samples, the first one now, then one every ``every`` seconds."""
        for index in range(count):
            if index:
                self.clock.advance(every)
            self.see(app)

    def spans(self) -> list[Span]:
        return merge(self.samples, SETTINGS)


def span(app: str, start: float, end: float, source: str = "window") -> Span:
    return Span(app, at(start), at(end), source)


# --- the rules, one example each ------------------------------------------------------------


def test_consecutive_samples_of_one_app_make_one_span() -> None:
    use = Recorder()
    use.run("discord", 6)

    assert use.spans() == [span("discord", 0, 10)]


def test_samples_late_within_the_pulse_still_extend_the_span() -> None:
    use = Recorder()
    use.see("discord")
    use.clock.advance(2.9)  # interval 2 + pulse 1 allows up to 3 s
    use.see("discord")

    assert use.spans() == [span("discord", 0, 2.9)]


def test_switching_apps_counts_only_what_samples_saw() -> None:
    use = Recorder()
    use.run("discord", 3)
    use.clock.advance(2)
    use.run("tiktok", 2)

    # The 2 s between the last Discord sample and the first TikTok one belong to neither.
    assert use.spans() == [span("discord", 0, 4), span("tiktok", 6, 8)]


def test_a_switch_event_closes_the_previous_span_at_the_event_time() -> None:
    use = Recorder()
    use.run("discord", 3)
    use.clock.advance(0.7)
    use.see("tiktok", switch=True)  # the display server said: focus moved, now
    use.clock.advance(1.3)
    use.run("tiktok", 2)

    # Nothing lost to the sampling interval on either side of the switch.
    assert use.spans() == [span("discord", 0, 4.7), span("tiktok", 4.7, 8)]


def test_a_switch_event_to_nothing_social_ends_the_span_at_the_event_time() -> None:
    use = Recorder()
    use.run("discord", 2)
    use.clock.advance(1.5)
    use.see(None, switch=True)
    use.clock.advance(0.5)
    use.see(None)

    assert use.spans() == [span("discord", 0, 3.5)]


def test_a_title_event_within_one_app_keeps_one_span() -> None:
    use = Recorder()
    use.run("discord", 2)
    use.clock.advance(0.4)
    use.see("discord", switch=True)
    use.clock.advance(1.6)
    use.see("discord")

    assert use.spans() == [span("discord", 0, 4)]


def test_a_switch_event_after_a_sampling_gap_adds_nothing_unseen() -> None:
    use = Recorder()
    use.run("discord", 2)
    use.clock.advance(10)  # the tracker stalled: the switch cannot vouch for those 10 s
    use.see("tiktok", switch=True)
    use.clock.advance(2)
    use.see("tiktok")

    assert use.spans() == [span("discord", 0, 2), span("tiktok", 12, 14)]


def test_a_switch_event_after_the_user_left_still_cuts_at_the_last_input() -> None:
    use = Recorder()
    use.run("discord", 2)
    use.clock.advance(1)
    use.see("tiktok", idle=200, switch=True)

    assert use.spans() == []  # the last input was long before the span began


def test_nothing_social_in_front_closes_the_span() -> None:
    use = Recorder()
    use.run("discord", 2)
    use.clock.advance(2)
    use.see(None)
    use.clock.advance(2)
    use.run("discord", 2)

    assert use.spans() == [span("discord", 0, 2), span("discord", 6, 8)]


def test_idle_below_the_threshold_is_use() -> None:
    use = Recorder()
    for idle in (0.0, 60.0, 120.0):  # reading a feed without touching anything
        use.see("discord", idle=idle)
        use.clock.advance(2)
    use.see(None, idle=122.0)

    assert use.spans() == [span("discord", 0, 4)]


def test_a_lone_sample_counts_nothing() -> None:
    use = Recorder()
    use.see("discord")
    use.clock.advance(2)
    use.see(None)
    use.clock.advance(2)
    use.see("tiktok")

    assert use.spans() == []


def test_a_lone_sample_is_not_even_handed_to_the_writer() -> None:
    state, _ = step(MergeState(), Sample(at(0), 0.0, "discord", 0.0), SETTINGS)
    assert step(state, Sample(at(2), 2.0, "tiktok", 0.0), SETTINGS)[1] == []
    assert finish(state)[1] == []


def test_same_app_in_another_source_is_another_span() -> None:
    use = Recorder()
    use.run("discord", 2)
    use.clock.advance(2)
    use.see("discord", source="browser")
    use.clock.advance(2)
    use.see("discord", source="browser")

    assert use.spans() == [span("discord", 0, 2), span("discord", 4, 6, "browser")]


def test_user_leaving_cuts_the_span_back_to_the_last_input() -> None:
    use = Recorder()
    use.run("discord", 100)  # 0 .. 198 s; the user stopped touching anything at 20 s
    use.clock.advance(2)
    use.see("discord", idle=180.0)  # at 200 s: idle since 20 s

    assert use.spans() == [span("discord", 0, 20)]


def test_while_idle_no_span_opens_and_return_starts_a_new_one() -> None:
    use = Recorder()
    use.see("discord", idle=300.0)
    for _ in range(5):
        use.clock.advance(2)
        use.see("discord", idle=use.samples[-1].idle + 2)
    use.clock.advance(2)
    use.see("discord", idle=0.5)  # back, at 12 s
    use.clock.advance(2)
    use.see("discord", idle=0.0)

    assert use.spans() == [span("discord", 12, 14)]


def test_idle_cut_never_reaches_before_the_span_start() -> None:
    use = Recorder()
    use.see("tiktok")
    use.clock.advance(2)
    use.run("discord", 3)  # 2 .. 6 s
    use.clock.advance(2)
    use.see("discord", idle=200.0)  # last input long before Discord came to the front

    assert use.spans() == []


def test_sampling_gap_closes_the_span_at_its_last_sample() -> None:
    use = Recorder()
    use.run("discord", 2)
    use.clock.advance(10)  # the tracker stalled: nobody saw these 10 s
    use.run("discord", 2)

    assert use.spans() == [span("discord", 0, 2), span("discord", 12, 14)]


def test_gap_that_shows_the_user_left_cuts_at_the_last_input() -> None:
    use = Recorder()
    use.run("discord", 51)  # 0 .. 100 s
    use.clock.advance(10)  # a stall, and meanwhile the user left: last input at 40 s
    use.see("discord", idle=70.0)

    assert merge(use.samples, MergeSettings(idle_threshold=60.0)) == [span("discord", 0, 40)]


def test_wall_clock_stepping_back_within_the_drift_closes_the_span() -> None:
    use = Recorder()
    use.run("discord", 3)  # 0 .. 4 s
    use.clock.jump_wall(-1.5)
    use.clock.advance(1)  # wall 3.5 s: earlier than the last sample, though only by 0.5 s
    use.run("discord", 3)  # 3.5 .. 7.5 s, but 3.5 .. 4 was counted already

    assert use.spans() == [span("discord", 0, 4), span("discord", 5.5, 7.5)]


@pytest.mark.parametrize(("wall", "mono"), [(4.0, 2.5), (2.5, 4.0)])
def test_gap_on_either_clock_closes_the_span(wall: float, mono: float) -> None:
    # Clocks agree within the allowed drift, but one of them says a sample was missed.
    use = Recorder()
    use.run("discord", 2)
    use.clock.jump_wall(wall - mono)
    use.clock.advance(mono)
    use.run("discord", 2)

    assert use.spans() == [span("discord", 0, 2), span("discord", 2 + wall, 4 + wall)]


def test_suspend_adds_no_time() -> None:
    use = Recorder()
    use.run("discord", 2)
    use.clock.jump_wall(3600)  # asleep for an hour: the wall clock moved, the monotonic did not
    use.clock.advance(2)
    use.run("discord", 2)

    assert use.spans() == [span("discord", 0, 2), span("discord", 3604, 3606)]


def test_forward_clock_jump_adds_no_time() -> None:
    use = Recorder()
    use.run("discord", 3)
    use.clock.jump_wall(2.5)  # a step just past the allowed drift, inside the pulse otherwise
    use.clock.advance(0.4)
    use.run("discord", 2)

    assert use.spans() == [span("discord", 0, 4), span("discord", 6.9, 8.9)]


def test_backward_clock_jump_never_overlaps_what_was_counted() -> None:
    use = Recorder()
    use.run("discord", 6)  # 0 .. 10 s
    use.clock.jump_wall(-8)
    use.clock.advance(2)  # wall 4 s: already counted
    use.run("discord", 8)  # wall 4 .. 18 s

    spans = use.spans()
    # Wall times 4 .. 10 were counted before the jump; counting resumes at the first sample at or
    # after 10 s that starts a span.
    assert spans[0] == span("discord", 0, 10)
    assert all(earlier.end <= later.start for earlier, later in pairwise(spans))
    assert sum(s.seconds for s in spans) <= 10 + 8


def test_small_clock_drift_keeps_the_span() -> None:
    use = Recorder()
    use.run("discord", 2)
    use.clock.jump_wall(0.5)  # NTP slewing, within max_clock_drift
    use.clock.advance(2)
    use.see("discord")

    assert use.spans() == [span("discord", 0, 4.5)]


def test_snapshot_shows_the_open_span_but_not_a_lone_sample() -> None:
    state = MergeState()
    state, _ = step(state, Sample(at(0), 0.0, "discord", 0.0), SETTINGS)
    assert snapshot(state) is None

    state, closed = step(state, Sample(at(2), 2.0, "discord", 0.0), SETTINGS)
    assert closed == []
    assert snapshot(state) == span("discord", 0, 2)


def test_idle_cut_to_nothing_retracts_a_shown_snapshot() -> None:
    state = MergeState()
    for second in (0, 2, 4):
        state, _ = step(state, Sample(at(second), float(second), "discord", 0.0), SETTINGS)
    shown = snapshot(state)
    assert shown == span("discord", 0, 4)

    state, closed = step(state, Sample(at(6), 6.0, "discord", 500.0), SETTINGS)

    # Same start, no length: the writer deletes what it stored under that start.
    assert closed == [span("discord", 0, 0)]
    assert snapshot(state) is None


def test_finish_closes_the_open_span_at_its_last_sample() -> None:
    state = MergeState()
    for second in (0, 2, 4):
        state, _ = step(state, Sample(at(second), float(second), "tiktok", 0.0), SETTINGS)

    state, closed = finish(state)

    assert closed == [span("tiktok", 0, 4)]
    assert finish(state) == (state, [])


def test_sample_times_are_normalised_to_utc_and_must_have_a_zone() -> None:
    paris = timezone(timedelta(hours=1))
    assert Sample(datetime(2025, 3, 1, 13, 0, tzinfo=paris), 0.0, None, 0.0).at == START
    with pytest.raises(ValueError, match="naive"):
        Sample(datetime(2025, 3, 1, 12, 0), 0.0, None, 0.0)
    with pytest.raises(ValueError, match="idle"):
        Sample(START, 0.0, None, -1.0)


# --- properties over random streams -----------------------------------------------------------

MICRO = 1_000_000
THRESHOLDS = st.sampled_from([5.0, 20.0, 180.0])
# "same" keeps the previous run's app and source, so runs often join into one span.
APPS = st.sampled_from(["same", "same", None, "discord", "discord", "tiktok"])
SOURCES = st.sampled_from(["window", "window", "window", "browser"])
IDLES = st.one_of(
    st.sampled_from([0.0, 0.0, 0.0, 1.0, 4.9, 5.0, 6.0, 19.5, 20.0, 25.0, 179.5, 180.0, 181.0]),
    st.floats(0, 400),
    st.sampled_from([1e12, float("inf")]),
)
KINDS = st.sampled_from(["steady"] * 6 + ["wobble", "gap", "suspend", "back"])
STEPS = st.tuples(KINDS, st.integers(0, 4 * MICRO), st.integers(0, 8 * 3600 * MICRO))


def move(kind: str, steady: int, extra: int) -> tuple[int, int]:
    """(wall delta, monotonic delta) in microseconds between two samples."""
    if kind == "wobble":  # NTP adjustments, around the allowed drift
        return steady + extra % (6 * MICRO) - 3 * MICRO, steady
    if kind == "gap":  # the tracker stalled: both clocks moved on past the pulse
        gap = 3 * MICRO + extra % (1200 * MICRO)
        return gap, gap
    if kind == "suspend":  # asleep: only the wall clock moved on
        return steady + 60 * MICRO + extra, steady
    if kind == "back":  # the wall clock was set back
        return steady - extra % (120 * MICRO), steady
    return steady, steady


@st.composite
def streams(draw: st.DrawFn, min_size: int = 0, max_size: int = 15) -> list[Sample]:
    """Runs of samples: each run keeps one app in front for a while, 2 s apart, idle growing."""
    runs = draw(
        st.lists(
            st.tuples(STEPS, APPS, IDLES, SOURCES, st.integers(1, 12), st.booleans()),
            min_size=min_size,
            max_size=max_size,
        )
    )
    wall, mono = 0, 1000 * MICRO
    samples: list[Sample] = []
    app: str | None = None
    source = "window"
    # A run may begin with a display event (`switch`), stamped when the change happened.
    for how, app_choice, idle, source_choice, length, switch in runs:
        if app_choice != "same":
            app, source = app_choice, source_choice
        for index in range(length):
            if samples:
                wall_delta, mono_delta = move(*how) if index == 0 else (2 * MICRO, 2 * MICRO)
                wall, mono = wall + wall_delta, mono + mono_delta
            at_wall = START + timedelta(microseconds=wall)
            samples.append(
                Sample(
                    at_wall,
                    mono / MICRO,
                    app,
                    idle + 2.0 * index,
                    source=source,
                    switch=switch and index == 0,
                )
            )
    return samples


def seen_seconds_per_app(samples: Sequence[Sample], settings: MergeSettings) -> dict[str, float]:
    """Wall time between consecutive, in-pulse, clock-consistent samples of one app in use; a
    switch sample vouches that the app before it stayed in front until the switch."""
    seen: dict[str, float] = defaultdict(float)
    for before, after in pairwise(samples):
        wall = (after.at - before.at).total_seconds()
        mono = after.mono - before.mono
        consistent = wall >= 0 and mono >= 0 and abs(wall - mono) <= settings.max_clock_drift
        in_pulse = wall <= settings.max_step and mono <= settings.max_step
        same_use = before.app is not None and (
            after.switch or (before.app, before.source) == (after.app, after.source)
        )
        in_use = max(before.idle, after.idle) < settings.idle_threshold
        if consistent and in_pulse and same_use and in_use and before.app is not None:
            seen[before.app] += wall
    return seen


def seconds_per_app(spans: Sequence[Span]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for one in spans:
        totals[one.app] += one.seconds
    return totals


@given(streams(), THRESHOLDS)
def test_spans_are_sorted_have_length_and_never_overlap(
    samples: list[Sample], threshold: float
) -> None:
    spans = merge(samples, MergeSettings(idle_threshold=threshold))

    assert all(one.seconds > 0 for one in spans)
    assert all(earlier.end <= later.start for earlier, later in pairwise(spans))


@given(streams(), THRESHOLDS)
def test_spans_lie_within_the_sampled_wall_range(samples: list[Sample], threshold: float) -> None:
    spans = merge(samples, MergeSettings(idle_threshold=threshold))

    if spans:
        first, last = min(s.at for s in samples), max(s.at for s in samples)
        assert all(first <= one.start and one.end <= last for one in spans)


@given(streams(), THRESHOLDS)
def test_never_counts_time_no_pair_of_samples_saw(samples: list[Sample], threshold: float) -> None:
    settings = MergeSettings(idle_threshold=threshold)
    counted = seconds_per_app(merge(samples, settings))
    seen = seen_seconds_per_app(samples, settings)

    for app, seconds in counted.items():
        assert seconds <= seen[app] + 1e-6


@given(streams(), THRESHOLDS, st.lists(st.integers(0, 180), max_size=12))
def test_incremental_with_snapshots_equals_batch(
    samples: list[Sample], threshold: float, cuts: list[int]
) -> None:
    settings = MergeSettings(idle_threshold=threshold)
    # The daemon: closed spans and, at each flush, the open span's snapshot, stored by start.
    stored: dict[datetime, Span] = {}

    def write(one: Span) -> None:
        if one.seconds > 0:
            stored[one.start] = one
        else:
            stored.pop(one.start, None)

    state = MergeState()
    flush_after = set(cuts)
    for index, sample in enumerate(samples):
        before = state.open
        state, closed = step(state, sample, settings)
        for one in closed:
            write(one)
        after = state.open
        if after is not None:  # an open span only ever grows
            assert after.start <= after.end
            if before is not None and before.start == after.start:
                assert after.end >= before.end
        if index in flush_after and (shown := snapshot(state)) is not None:
            write(shown)
    state, closed = finish(state)
    for one in closed:
        write(one)

    assert sorted(stored.values(), key=lambda one: one.start) == merge(samples, settings)


def _shifted(samples: Sequence[Sample], wall: timedelta, mono: float) -> list[Sample]:
    return [Sample(s.at + wall, s.mono + mono, s.app, s.idle, source=s.source) for s in samples]


def _join(
    before: Sequence[Sample], after: Sequence[Sample], wall_gap: float, mono_gap: float
) -> list[Sample]:
    """``after`` placed so its first sample follows the last of ``before`` by the given deltas."""
    last = before[-1]
    wall_shift = last.at + timedelta(seconds=wall_gap) - after[0].at
    return [*before, *_shifted(after, wall_shift, last.mono + mono_gap - after[0].mono)]


@given(
    streams(min_size=1),
    streams(min_size=1),
    st.floats(0, 4),
    st.floats(60, 30 * 86400),
)
def test_suspend_or_forward_jump_adds_no_time(
    before: list[Sample], after: list[Sample], mono_gap: float, asleep: float
) -> None:
    # Start ``after`` past every wall time in ``before`` (which may hold backward jumps itself),
    # and far enough that ``after``'s own backward jumps stay past them too.
    latest = max(s.at for s in before)
    back_in_after = (after[0].at - min(s.at for s in after)).total_seconds()
    wall_gap = (latest - before[-1].at).total_seconds() + back_in_after + asleep

    samples = _join(before, after, wall_gap, mono_gap)

    joined = merge(samples, SETTINGS)

    assert joined == merge(before, SETTINGS) + merge(samples[len(before) :], SETTINGS)


@given(
    streams(min_size=1),
    streams(min_size=1),
    st.floats(0, 4),
    st.floats(0.01, 7 * 86400),
)
def test_backward_jump_adds_no_time(
    before: list[Sample], after: list[Sample], mono_gap: float, back: float
) -> None:
    samples = _join(before, after, -back, mono_gap)
    joined = merge(samples, SETTINGS)

    alone_before = merge(before, SETTINGS)
    alone_after = merge(samples[len(before) :], SETTINGS)
    assert joined[: len(alone_before)] == alone_before
    assert sum(s.seconds for s in joined) <= sum(s.seconds for s in alone_before + alone_after)


@given(st.floats(2.5, 150), st.data())
def test_idle_stretch_ends_exactly_at_the_last_input(threshold: float, data: st.DataObject) -> None:
    settings = MergeSettings(idle_threshold=threshold)
    count = data.draw(st.integers(int(threshold / 2) + 3, 200), "samples")
    use = Recorder()
    use.run("discord", count)
    end = 2.0 * (count - 1)
    use.clock.advance(2)
    now = end + 2
    # The last input fell inside the span, and the idle time since reached the threshold.
    last_input = data.draw(st.floats(0.001, min(end, now - threshold)), "last input")
    idle = max(now - last_input, threshold)  # float rounding must not undercut it
    use.see("discord", idle=idle)

    assert merge(use.samples, settings) == [
        Span("discord", at(0), at(now) - timedelta(seconds=idle), "window")
    ]
