"""The scheduler as a pure function: fixed instants in, due notifications out.

Most tests walk a simulated clock minute by minute and collect what fired, as the tracker would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from detox.models import Reminder
from detox.reminders.kinds import MasterSwitch, ReminderSpec, kind_record_id, reminder_specs
from detox.reminders.schedule import (
    BudgetFact,
    Due,
    Facts,
    FastFact,
    ScheduleConfig,
    SchedulerState,
    UseRun,
    plan_reminders,
)
from tests.clock_fixtures import WARSAW

NEW_YORK = ZoneInfo("America/New_York")
QUIET = (time(22, 0), time(8, 0))
CONFIG = ScheduleConfig(zone=WARSAW, quiet=QUIET)
NO_QUIET = replace(CONFIG, quiet=None)
# Monday 9 November 2026, Warsaw.
MONDAY = date(2026, 11, 9)


def at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = WARSAW) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def builtin(**kinds: dict[str, object]) -> list[ReminderSpec]:
    """The built-in reminders with some kinds changed (e.g. mood={"at": time(22, 30)})."""
    specs, _ = reminder_specs([])
    return [replace(spec, **kinds.get(spec.kind, {})) for spec in specs]  # type: ignore[arg-type]


def custom(text: str, at_time: time, days: Sequence[int] = range(7)) -> ReminderSpec:
    record = Reminder(
        device="d",
        updated_at=datetime(2026, 1, 1, tzinfo=UTC),
        reminder_kind="custom",
        text=text,
        at=at_time,
        days=list(days),
    )
    specs, _ = reminder_specs([record])
    return specs[-1]


def only(specs: list[ReminderSpec], *kinds: str) -> list[ReminderSpec]:
    return [spec for spec in specs if spec.kind in kinds]


class Simulation:
    """A tracker that runs the scheduler every `step` while it is up, keeping the state."""

    def __init__(
        self,
        specs: list[ReminderSpec],
        start: datetime,
        config: ScheduleConfig = CONFIG,
        facts: Facts | None = None,
        master: MasterSwitch | None = None,
    ) -> None:
        self.specs = specs
        self.config = config
        self.facts = facts or Facts()
        self.master = master or MasterSwitch()
        self.state = SchedulerState(started=start.astimezone(UTC))
        self.now = start.astimezone(UTC)
        self.fired: list[Due] = []

    def run_until(self, end: datetime, step: timedelta = timedelta(minutes=1)) -> list[Due]:
        """Tick until `end`; what fired on the way."""
        fired: list[Due] = []
        while self.now <= end:
            fired.extend(self.tick())
            self.now += step
        return fired

    def tick(self) -> list[Due]:
        plan = plan_reminders(
            self.now, self.specs, self.master, self.state, self.facts, self.config
        )
        self.state = plan.state
        self.fired.extend(plan.due)
        return list(plan.due)

    def down_until(self, when: datetime) -> None:
        """The machine is off (or the tracker stopped) until `when`."""
        self.now = when.astimezone(UTC)


def local(due: Due, zone: ZoneInfo = WARSAW) -> datetime:
    return due.due_at.astimezone(zone)


# -- wall-clock reminders across days and weekdays ------------------------------------------------


def test_the_mood_check_in_fires_at_nine_every_evening_once() -> None:
    sim = Simulation(only(builtin(), "mood"), at(MONDAY, 12))
    fired = sim.run_until(at(MONDAY + timedelta(days=2), 23, 59))
    assert [local(d) for d in fired] == [
        at(MONDAY, 21),
        at(MONDAY + timedelta(days=1), 21),
        at(MONDAY + timedelta(days=2), 21),
    ]
    assert all(d.title == "Mood check-in" and not d.late for d in fired)


def test_a_weekday_reminder_skips_the_weekend() -> None:
    stretch = custom("Stretch", time(7, 30), days=range(5))
    sim = Simulation([stretch], at(MONDAY, 0), config=NO_QUIET)
    fired = sim.run_until(at(MONDAY + timedelta(days=7), 23))
    assert [local(d).date().weekday() for d in fired] == [0, 1, 2, 3, 4, 0]
    assert all(local(d).time() == time(7, 30) and d.message == "Stretch" for d in fired)


def test_the_weekly_report_comes_on_sunday_evening_only() -> None:
    sim = Simulation(only(builtin(), "report"), at(MONDAY, 0))
    fired = sim.run_until(at(MONDAY + timedelta(days=13), 23))
    assert [local(d) for d in fired] == [at(date(2026, 11, 15), 18), at(date(2026, 11, 22), 18)]


def test_the_report_follows_the_week_start() -> None:
    specs, _ = reminder_specs([], week_start="sunday")
    report = only(specs, "report")[0]
    assert report.days == frozenset({5})  # weeks from Sunday end on Saturday


# -- quiet hours ---------------------------------------------------------------------------------


def test_quiet_hours_hold_a_reminder_until_the_morning() -> None:
    late_mood = builtin(mood={"at": time(22, 30)})
    sim = Simulation(only(late_mood, "mood"), at(MONDAY, 12))
    fired = sim.run_until(at(MONDAY + timedelta(days=1), 12))
    assert len(fired) == 1
    assert local(fired[0]) == at(MONDAY + timedelta(days=1), 8)  # held, then shown once
    assert fired[0].scheduled_at == at(MONDAY, 22, 30) and not fired[0].late


def test_a_held_reminder_shown_late_names_its_own_time() -> None:
    late_mood = builtin(mood={"at": time(22, 30)})
    sim = Simulation(only(late_mood, "mood"), at(MONDAY, 12))
    sim.run_until(at(MONDAY, 22))
    sim.down_until(at(MONDAY + timedelta(days=1), 9))  # asleep through the end of quiet hours
    (fired,) = sim.run_until(at(MONDAY + timedelta(days=1), 10))
    assert fired.late and fired.scheduled_at == at(MONDAY, 22, 30)


def test_custom_reminders_show_inside_quiet_hours() -> None:
    pills = custom("Take the pills", time(23, 0))
    sim = Simulation([pills], at(MONDAY, 12))
    fired = sim.run_until(at(MONDAY, 23, 30))
    assert [local(d) for d in fired] == [at(MONDAY, 23)]


def test_no_quiet_hours_means_nothing_is_held() -> None:
    late_mood = builtin(mood={"at": time(22, 30)})
    sim = Simulation(only(late_mood, "mood"), at(MONDAY, 12), config=NO_QUIET)
    fired = sim.run_until(at(MONDAY, 23))
    assert [local(d) for d in fired] == [at(MONDAY, 22, 30)]


def test_quiet_hours_that_do_not_cross_midnight() -> None:
    lunch = replace(CONFIG, quiet=(time(12, 0), time(14, 0)))
    mood = builtin(mood={"at": time(13, 0)})
    sim = Simulation(only(mood, "mood"), at(MONDAY, 9), config=lunch)
    fired = sim.run_until(at(MONDAY, 20))
    assert [local(d) for d in fired] == [at(MONDAY, 14)]


def test_nudges_wait_out_quiet_hours() -> None:
    run = UseRun("instagram", "Instagram", at(MONDAY, 22, 40), at(MONDAY, 23, 0), 20 * 60)
    sim = Simulation(only(builtin(), "nudge"), at(MONDAY, 22, 50), facts=Facts(run=run))
    assert sim.run_until(at(MONDAY, 23, 10)) == []


# -- DST -----------------------------------------------------------------------------------------


def test_nine_pm_stays_nine_pm_across_the_spring_change_in_warsaw() -> None:
    saturday = date(2026, 3, 28)  # clocks go forward in the night to Sunday 29 March
    sim = Simulation(only(builtin(), "mood"), at(saturday, 12))
    fired = sim.run_until(at(saturday + timedelta(days=1), 23))
    assert [local(d).time() for d in fired] == [time(21, 0), time(21, 0)]
    utc_hours = [d.due_at.astimezone(UTC).hour for d in fired]
    assert utc_hours == [20, 19]  # CET, then CEST


def test_a_time_the_spring_change_skips_fires_once_an_hour_later() -> None:
    sunday = date(2026, 3, 29)
    night = custom("Night owl", time(2, 30))
    sim = Simulation([night], at(sunday, 0), config=NO_QUIET)
    fired = sim.run_until(at(sunday, 6))
    assert [local(d) for d in fired] == [datetime(2026, 3, 29, 3, 30, tzinfo=WARSAW)]


def test_a_time_the_autumn_change_repeats_fires_once() -> None:
    sunday = date(2026, 10, 25)  # 02:00-03:00 happens twice
    night = custom("Night owl", time(2, 30))
    sim = Simulation([night], at(sunday, 0), config=NO_QUIET)
    fired = sim.run_until(at(sunday, 6))
    assert len(fired) == 1
    assert local(fired[0]).time() == time(2, 30)


def test_new_york_mornings_across_the_november_change() -> None:
    friday = date(2026, 10, 30)  # US clocks go back on Sunday 1 November
    walk = custom("Morning walk", time(7, 0))
    config = ScheduleConfig(zone=NEW_YORK, quiet=QUIET)
    sim = Simulation([walk], at(friday, 0, zone=NEW_YORK), config=config)
    fired = sim.run_until(at(friday + timedelta(days=3), 12, zone=NEW_YORK))
    assert [local(d, NEW_YORK).time() for d in fired] == [time(7, 0)] * 4
    assert [d.due_at.astimezone(UTC).hour for d in fired] == [11, 11, 12, 12]


# -- downtime ------------------------------------------------------------------------------------


def test_after_days_of_downtime_a_reminder_fires_once_late_not_as_a_burst() -> None:
    sim = Simulation(only(builtin(), "mood"), at(MONDAY, 12), config=NO_QUIET)
    sim.run_until(at(MONDAY, 20))
    sim.down_until(at(MONDAY + timedelta(days=2), 22, 30))  # missed Monday, Tuesday, Wednesday
    fired = sim.run_until(at(MONDAY + timedelta(days=2), 23, 30))
    assert len(fired) == 1
    assert fired[0].late and local(fired[0]) == at(MONDAY + timedelta(days=2), 21)


def test_a_reminder_missed_long_ago_is_dropped() -> None:
    sim = Simulation(only(builtin(), "mood"), at(MONDAY, 12), config=NO_QUIET)
    sim.down_until(at(MONDAY + timedelta(days=1), 7))  # Monday 21:00 is ten hours gone
    assert sim.run_until(at(MONDAY + timedelta(days=1), 20, 59)) == []
    assert [local(d) for d in sim.run_until(at(MONDAY + timedelta(days=1), 21))] == [
        at(MONDAY + timedelta(days=1), 21)
    ]


def test_the_weekly_report_is_still_worth_showing_on_monday_morning() -> None:
    sunday = date(2026, 11, 15)
    sim = Simulation(only(builtin(), "report"), at(sunday, 10))
    sim.run_until(at(sunday, 17))
    sim.down_until(at(sunday + timedelta(days=1), 9))
    fired = sim.run_until(at(sunday + timedelta(days=1), 10))
    assert len(fired) == 1 and fired[0].late


def test_a_new_install_does_not_fire_the_evening_it_missed() -> None:
    sim = Simulation(only(builtin(), "mood"), at(MONDAY, 21, 30), config=NO_QUIET)
    assert sim.run_until(at(MONDAY, 23)) == []


def test_a_reminder_added_after_its_time_starts_tomorrow() -> None:
    added = custom("Stretch", time(9, 0))
    added = replace(added, since=at(MONDAY, 10).astimezone(UTC))
    sim = Simulation([added], at(MONDAY - timedelta(days=3), 12), config=NO_QUIET)
    sim.now = at(MONDAY, 10).astimezone(UTC)
    fired = sim.run_until(at(MONDAY + timedelta(days=1), 10))
    assert [local(d) for d in fired] == [at(MONDAY + timedelta(days=1), 9)]


# -- snooze, pause, switches ---------------------------------------------------------------------


def test_a_snoozed_reminder_comes_back_once() -> None:
    sim = Simulation(only(builtin(), "mood"), at(MONDAY, 12))
    first = sim.run_until(at(MONDAY, 21, 1))
    assert len(first) == 1
    snoozed = replace(
        sim.specs[0],
        snoozed_until=at(MONDAY, 21, 15).astimezone(UTC),
        since=at(MONDAY, 21, 1).astimezone(UTC),
    )
    sim.specs = [snoozed]
    again = sim.run_until(at(MONDAY, 21, 50))
    assert len(again) == 1
    assert again[0].snoozed and again[0].title == first[0].title
    assert local(again[0]) == at(MONDAY, 21, 15)


def test_a_snooze_holds_the_next_occurrence_until_it_ends() -> None:
    mood = only(builtin(), "mood")[0]
    held = replace(mood, snoozed_until=at(MONDAY, 21, 40).astimezone(UTC))
    sim = Simulation([held], at(MONDAY, 20))
    fired = sim.run_until(at(MONDAY, 21, 59))
    assert [local(d) for d in fired] == [at(MONDAY, 21, 40)]


def test_a_pause_skips_everything_inside_it() -> None:
    until = at(MONDAY + timedelta(days=2), 4).astimezone(UTC)  # Wednesday's day start
    sim = Simulation(
        only(builtin(), "mood"), at(MONDAY, 12), master=MasterSwitch(paused_until=until)
    )
    fired = sim.run_until(at(MONDAY + timedelta(days=2), 22))
    assert [local(d) for d in fired] == [at(MONDAY + timedelta(days=2), 21)]


def test_switched_off_reminders_stay_silent() -> None:
    off = builtin(mood={"enabled": False})
    assert Simulation(only(off, "mood"), at(MONDAY, 12)).run_until(at(MONDAY, 23)) == []
    everything_off = MasterSwitch(enabled=False)
    sim = Simulation([custom("x", time(13, 0))], at(MONDAY, 12), master=everything_off)
    assert sim.run_until(at(MONDAY, 23)) == []


def test_no_mood_reminder_when_the_mood_is_logged_already() -> None:
    facts = Facts(mood_days=frozenset({MONDAY}))
    sim = Simulation(only(builtin(), "mood"), at(MONDAY, 12), facts=facts)
    fired = sim.run_until(at(MONDAY + timedelta(days=1), 22))
    assert [local(d) for d in fired] == [at(MONDAY + timedelta(days=1), 21)]


def test_what_another_device_showed_is_not_shown_again() -> None:
    mood_id = kind_record_id("mood")
    key = f"{mood_id}@{at(MONDAY, 21).astimezone(UTC):%Y-%m-%dT%H:%MZ}"
    facts = Facts(handled_elsewhere=frozenset({key}))
    sim = Simulation(only(builtin(), "mood"), at(MONDAY, 12), facts=facts)
    assert sim.run_until(at(MONDAY, 23)) == []


# -- budgets, nudges, fasts ----------------------------------------------------------------------


def budget_facts(used_minutes: float, day: date = MONDAY) -> Facts:
    return Facts(
        budget_day=day, budgets=(BudgetFact("instagram", "Instagram", 1800, used_minutes * 60),)
    )


def test_budget_alerts_at_eighty_and_a_hundred_percent() -> None:
    sim = Simulation(only(builtin(), "budget"), at(MONDAY, 10))
    for used in (20, 23, 24, 25, 29, 30, 35):
        sim.facts = budget_facts(used)
        sim.tick()
        sim.now += timedelta(minutes=1)
    assert [d.title for d in sim.fired] == [
        "Instagram: 80 % of today's budget",
        "Instagram: today's budget is used up",
    ]
    assert sim.fired[0].message == "24m of 30m used, 6m left."


def test_crossing_both_budget_thresholds_at_once_shows_only_the_second() -> None:
    sim = Simulation(only(builtin(), "budget"), at(MONDAY, 10), facts=budget_facts(40))
    fired = sim.run_until(at(MONDAY, 10, 30))
    assert [d.title for d in fired] == ["Instagram: today's budget is used up"]


def test_budget_alerts_start_afresh_the_next_day() -> None:
    sim = Simulation(only(builtin(), "budget"), at(MONDAY, 10), facts=budget_facts(40))
    sim.run_until(at(MONDAY, 11))
    tuesday = MONDAY + timedelta(days=1)
    sim.facts = budget_facts(40, tuesday)
    sim.down_until(at(tuesday, 10))
    assert len(sim.run_until(at(tuesday, 11))) == 1


def test_budget_figures_of_another_day_are_ignored() -> None:
    sim = Simulation(only(builtin(), "budget"), at(MONDAY, 10), facts=budget_facts(40))
    sim.down_until(at(MONDAY + timedelta(days=1), 10))
    assert sim.run_until(at(MONDAY + timedelta(days=1), 11)) == []


def use_run(minutes: float, started: datetime | None = None) -> UseRun:
    start = (started or at(MONDAY, 15)).astimezone(UTC)
    return UseRun("tiktok", "TikTok", start, start + timedelta(minutes=minutes), minutes * 60)


def test_nudges_after_ten_twenty_and_thirty_minutes() -> None:
    sim = Simulation(only(builtin(), "nudge"), at(MONDAY, 15))
    for minute in range(0, 45):
        sim.facts = Facts(run=use_run(minute))
        sim.tick()
        sim.now += timedelta(minutes=1)
    assert [d.title for d in sim.fired] == [
        "10 minutes of TikTok",
        "20 minutes of TikTok",
        "30 minutes of TikTok",
    ]


def test_a_new_run_nudges_afresh_and_a_long_one_only_once() -> None:
    sim = Simulation(only(builtin(), "nudge"), at(MONDAY, 15))
    sim.facts = Facts(run=use_run(31))  # seen first when already long: one nudge, not three
    assert [d.title for d in sim.tick()] == ["30 minutes of TikTok"]
    assert sim.tick() == []
    sim.facts = Facts(run=use_run(12, started=at(MONDAY, 17)))
    assert [d.title for d in sim.tick()] == ["10 minutes of TikTok"]


def test_nudge_minutes_come_from_the_settings() -> None:
    config = replace(CONFIG, nudge_minutes=(5,))
    sim = Simulation(only(builtin(), "nudge"), at(MONDAY, 15), config=config)
    sim.facts = Facts(run=use_run(6))
    assert [d.title for d in sim.tick()] == ["5 minutes of TikTok"]


def test_fast_reminders_the_eve_each_morning_and_the_last_day() -> None:
    fast = FastFact("f1", "Advent", date(2026, 11, 11), date(2026, 11, 13))
    sim = Simulation(only(builtin(), "fast"), at(MONDAY, 12), facts=Facts(fasts=(fast,)))
    fired = sim.run_until(at(MONDAY + timedelta(days=6), 12))
    assert [(local(d).date().day, d.title) for d in fired] == [
        (10, "Advent starts tomorrow"),
        (11, "Advent: day 1 of 3"),
        (12, "Advent: day 2 of 3"),
        (13, "Advent: last day"),
    ]
    assert all(local(d).time() == time(9, 0) for d in fired)
