"""Compliance of a fast, day by day: kept, slipped, pending, days off; streaks; curfews across
midnight and the day start; the days around DST changes. Spans are built by hand, "now" comes
from a FixedClock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from detox.balance.compliance import Compliance, curfew_windows, evaluate
from detox.clock import FixedClock
from detox.models import Fast, Rule, RuleEra, UsageSpan
from tests.clock_fixtures import WARSAW

DAY_START = time(4, 0)
CATEGORIES = {"facebook": "social", "instagram": "social", "youtube": "video"}
NO_FACEBOOK = Rule(kind="abstain", apps=["facebook"])


def at(year: int, month: int, day: int, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WARSAW, fold=fold)


def span(app: str, start: datetime, minutes: float) -> UsageSpan:
    return UsageSpan(
        id=UsageSpan.stable_id("test", app, start, "tracker"),
        app=app,
        device="test",
        source="tracker",
        start=start,
        duration=minutes * 60,
    )


def fast(start: date, end: date, rules: list[Rule], **extra: object) -> Fast:
    return Fast.model_validate(
        {
            "device": "test",
            "updated_at": datetime(2026, 1, 1, tzinfo=UTC),
            "name": "Test fast",
            "start": start,
            "end": end,
            "rules": rules,
            **extra,
        }
    )


def judge(the_fast: Fast, spans: list[UsageSpan], clock: FixedClock) -> Compliance:
    return evaluate(the_fast, spans, CATEGORIES.get, DAY_START, WARSAW, clock.now())


def statuses(result: Compliance) -> list[str]:
    return [day.status for day in result.days]


def test_each_day_is_kept_slipped_or_pending_and_a_minute_of_slack_is_allowed() -> None:
    week = fast(date(2026, 11, 9), date(2026, 11, 15), [NO_FACEBOOK])
    clock = FixedClock(at(2026, 11, 12, 12))  # Thursday, day 4
    spans = [
        span("facebook", at(2026, 11, 10, 9), 12),  # Tuesday: a slip of 12 minutes
        span("facebook", at(2026, 11, 11, 9), 0.5),  # Wednesday: 30 s, a stray click
        span("youtube", at(2026, 11, 9, 20), 90),  # not covered by the rule
    ]
    result = judge(week, spans, clock)
    assert statuses(result) == [
        "kept",
        "slipped",
        "kept",
        "pending",
        "pending",
        "pending",
        "pending",
    ]
    slip = result.days[1].slips[0]
    assert (slip.rule, round(slip.used_seconds), slip.over_minutes) == (NO_FACEBOOK, 720, 12)
    assert (result.state, result.day_number, result.day_count) == ("active", 4, 7)
    assert (result.current_streak, result.longest_streak) == (1, 1)


def test_use_after_midnight_counts_to_the_evening_before_until_the_day_start() -> None:
    week = fast(date(2026, 11, 9), date(2026, 11, 15), [NO_FACEBOOK])
    late_night = [span("facebook", at(2026, 11, 11, 3, 50), 5)]  # Wed 03:50: still Tuesday
    clock = FixedClock(at(2026, 11, 11, 3, 59))
    result = judge(week, late_night, clock)
    assert result.today == date(2026, 11, 10)
    assert statuses(result)[:3] == ["kept", "slipped", "pending"]
    clock.advance(60)  # 04:00: Wednesday begins and Tuesday is over
    result = judge(week, late_night, clock)
    assert result.today == date(2026, 11, 11) and result.day_number == 3
    assert statuses(result)[:3] == ["kept", "slipped", "pending"]
    assert result.days[1].complete and not result.days[2].complete


def test_a_span_across_the_day_start_is_split_between_the_two_days() -> None:
    limit = Rule(kind="limit", apps=["facebook"], limit_seconds=20 * 60)
    week = fast(date(2026, 11, 9), date(2026, 11, 15), [limit])
    spans = [span("facebook", at(2026, 11, 10, 3, 30), 60)]  # 03:30-04:30: 30 min each side
    result = judge(week, spans, FixedClock(at(2026, 11, 12, 12)))
    assert statuses(result)[:3] == ["slipped", "slipped", "kept"]
    assert [
        round(c.over_seconds / 60) for c in (result.days[0].slips[0], result.days[1].slips[0])
    ] == [
        10,
        10,
    ]


def test_streaks_skip_days_off_and_a_slip_today_breaks_the_current_one() -> None:
    rule = Rule(kind="abstain", categories=["social"])
    two_weeks = fast(date(2026, 11, 2), date(2026, 11, 15), [rule], days_off=[6])
    spans = [span("instagram", at(2026, 11, 5, 20), 5)]  # Thursday of week 1
    clock = FixedClock(at(2026, 11, 13, 18))  # Friday of week 2
    result = judge(two_weeks, spans, clock)
    assert statuses(result) == [
        "kept", "kept", "kept", "slipped", "kept", "kept", "day_off",
        "kept", "kept", "kept", "kept", "pending", "pending", "day_off",
    ]  # fmt: skip
    # Fri, Sat, (Sunday off), Mon-Thu: six kept days in a row across the day off.
    assert (result.current_streak, result.longest_streak) == (6, 6)
    assert (result.counted_days, result.count("day_off")) == (12, 2)
    assert (result.day_number, result.counted_day_number) == (12, 11)

    spans.append(span("facebook", at(2026, 11, 13, 17), 3))  # a slip today
    result = judge(two_weeks, spans, clock)
    assert result.days[11].status == "slipped"
    assert (result.current_streak, result.longest_streak) == (0, 6)

    spans.append(span("facebook", at(2026, 11, 8, 12), 60))  # use on the day off is fine
    assert judge(two_weeks, spans, clock).days[6].status == "day_off"


def test_curfew_across_midnight_and_the_day_start() -> None:
    curfew = Rule(kind="curfew", curfew_start=time(21, 0), curfew_end=time(7, 0))
    week = fast(date(2026, 11, 9), date(2026, 11, 15), [curfew])
    spans = [
        span("youtube", at(2026, 11, 9, 20, 30), 25),  # Mon 20:30-20:55: before the curfew
        span("youtube", at(2026, 11, 11, 1, 0), 10),  # Wed 01:00: Tuesday's night
        span("facebook", at(2026, 11, 12, 6, 0), 30),  # Thu 06:00-06:30: Thursday's morning
        span("facebook", at(2026, 11, 12, 7, 0), 30),  # Thu 07:00: the curfew is over
    ]
    result = judge(week, spans, FixedClock(at(2026, 11, 14, 12)))
    assert statuses(result)[:5] == ["kept", "slipped", "kept", "slipped", "kept"]
    assert round(result.days[1].slips[0].used_seconds) == 600
    assert round(result.days[3].slips[0].used_seconds) == 1800


def test_curfew_window_within_one_day() -> None:
    lunch = Rule(kind="curfew", apps=["facebook"], curfew_start=time(12), curfew_end=time(13))
    start, end = at(2026, 11, 10, 4), at(2026, 11, 11, 4)
    windows = curfew_windows(lunch, start, end, WARSAW)
    assert windows == [(at(2026, 11, 10, 12).astimezone(UTC), at(2026, 11, 10, 13).astimezone(UTC))]


def test_spring_forward_night_curfew_is_measured_in_real_hours() -> None:
    # Warsaw, 29 March 2026: 02:00 CET jumps to 03:00 CEST. The local day of 28 March is 23 h.
    curfew = Rule(kind="curfew", curfew_start=time(1, 0), curfew_end=time(5, 0))
    weekend = fast(date(2026, 3, 27), date(2026, 3, 30), [curfew])
    # From 00:30 CET to 05:30 CEST: 4 real hours.
    spans = [span("facebook", at(2026, 3, 29, 0, 30), 240)]
    result = judge(weekend, spans, FixedClock(at(2026, 3, 30, 12)))
    saturday, sunday = result.days[1], result.days[2]
    # 01:00 CET to the 04:00 CEST day start is 2 real hours; 04:00-05:00 CEST is 1.
    assert round(saturday.slips[0].used_seconds) == 2 * 3600
    assert round(sunday.slips[0].used_seconds) == 3600
    assert statuses(result) == ["kept", "slipped", "slipped", "pending"]


def test_fall_back_day_is_25_hours_and_the_repeated_hour_counts_once() -> None:
    # Warsaw, 25 October 2026: 03:00 CEST falls back to 02:00 CET; the day of 24 Oct is 25 h.
    limit = Rule(kind="limit", apps=["facebook"], limit_seconds=30 * 60)
    days = fast(date(2026, 10, 23), date(2026, 10, 26), [limit])
    repeated_hour = at(2026, 10, 25, 2, 30)  # the first 02:30 (CEST)
    spans = [span("facebook", repeated_hour, 60)]  # until the second 02:30 (CET)
    result = judge(days, spans, FixedClock(at(2026, 10, 26, 12)))
    saturday = result.days[1]
    assert saturday.day == date(2026, 10, 24)
    assert round(saturday.slips[0].used_seconds) == 3600
    assert round(saturday.slips[0].over_seconds) == 1800

    curfew = Rule(kind="curfew", curfew_start=time(1, 0), curfew_end=time(5, 0))
    night = fast(date(2026, 10, 23), date(2026, 10, 26), [curfew])
    whole_night = [span("youtube", at(2026, 10, 25, 0, 0), 7 * 60)]  # 00:00 CEST to 06:00 CET
    result = judge(night, whole_night, FixedClock(at(2026, 10, 26, 12)))
    # 01:00 CEST to the 04:00 CET day start is 4 real hours; 04:00-05:00 CET is 1.
    assert round(result.days[1].slips[0].used_seconds) == 4 * 3600
    assert round(result.days[2].slips[0].used_seconds) == 3600


def test_an_early_end_stops_judging_and_a_planned_fast_waits() -> None:
    month = fast(
        date(2026, 11, 1),
        date(2026, 11, 30),
        [NO_FACEBOOK],
        ended_at=at(2026, 11, 4, 15),
        end_reason="travel",
    )
    spans = [span("facebook", at(2026, 11, 4, 18), 60), span("facebook", at(2026, 11, 2, 9), 5)]
    result = judge(month, spans, FixedClock(at(2026, 11, 10, 12)))
    # Use after the end (18:00 on the 4th) is not a slip; the end day is marked ended.
    assert statuses(result)[:5] == ["kept", "slipped", "kept", "ended", "ended"]
    assert result.state == "ended" and result.day_number is None
    assert result.last_day == date(2026, 11, 4)

    planned = fast(date(2026, 12, 1), date(2026, 12, 7), [NO_FACEBOOK])
    waiting = judge(planned, [], FixedClock(at(2026, 11, 10, 12)))
    assert waiting.state == "planned" and set(statuses(waiting)) == {"pending"}
    assert (waiting.current_streak, waiting.longest_streak) == (0, 0)


def test_a_finished_fast_keeps_its_streak() -> None:
    week = fast(date(2026, 11, 2), date(2026, 11, 8), [NO_FACEBOOK])
    result = judge(week, [], FixedClock(at(2026, 11, 20, 12)))
    assert result.state == "finished" and result.count("kept") == 7
    assert (result.current_streak, result.longest_streak) == (7, 7)


def test_days_before_a_rule_change_keep_their_old_rules() -> None:
    # Until 5 Nov the fast forbade Instagram; from then on it forbids Facebook only.
    old = RuleEra(until=date(2026, 11, 5), rules=[Rule(kind="abstain", apps=["instagram"])])
    changed = fast(date(2026, 11, 2), date(2026, 11, 8), [NO_FACEBOOK], history=[old])
    spans = [
        span("instagram", at(2026, 11, 3, 12), 10),  # a slip under the old rule
        span("facebook", at(2026, 11, 4, 12), 10),  # allowed under the old rule
        span("instagram", at(2026, 11, 6, 12), 10),  # allowed under the new rule
    ]
    result = judge(changed, spans, FixedClock(at(2026, 11, 7, 12)))
    assert statuses(result) == ["kept", "slipped", "kept", "kept", "kept", "pending", "pending"]


def test_a_fast_started_during_its_first_day_counts_only_what_came_after() -> None:
    # Started at 01:08 on Friday 4 December: still detox-day Thursday 3 December, so day 1 is the
    # rest of it (until 04:00). Thursday's noon use came before the fast and never counts.
    started = at(2026, 12, 4, 1, 8)
    limit = Rule(kind="limit", apps=["facebook"], limit_seconds=600)
    curfew = Rule(kind="curfew", apps=["youtube"], curfew_start=time(23, 0), curfew_end=time(7, 0))
    week = fast(date(2026, 12, 3), date(2026, 12, 9), [limit, curfew], starts_at=started)
    spans = [
        span("facebook", at(2026, 12, 3, 12), 30),  # before the fast: ignored
        span("youtube", at(2026, 12, 3, 23, 30), 60),  # in the curfew, but before the fast
        span("facebook", at(2026, 12, 4, 1, 6), 5),  # straddles the start: 3 of 5 minutes count
    ]
    result = judge(week, spans, FixedClock(at(2026, 12, 4, 2)))
    first = result.days[0]
    assert first.status == "pending"
    assert [round(check.used_seconds) for check in first.checks] == [180, 0]
    # The same use after the start does slip the day.
    later = [*spans, span("youtube", at(2026, 12, 4, 1, 30), 5)]
    slipped = judge(week, later, FixedClock(at(2026, 12, 4, 2))).days[0]
    assert slipped.status == "slipped"
    assert [check.rule.kind for check in slipped.slips] == ["curfew"]
    # Without a start moment (a fast planned for that day) the whole day counts, as before.
    planned = fast(date(2026, 12, 3), date(2026, 12, 9), [limit, curfew])
    assert judge(planned, spans, FixedClock(at(2026, 12, 4, 2))).days[0].status == "slipped"
