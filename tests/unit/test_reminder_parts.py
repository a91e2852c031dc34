"""The pieces around the scheduler: days, quiet hours, continuous-use runs, the state file."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from detox.config import Settings
from detox.errors import InputError
from detox.models import Reminder
from detox.reminders.days import format_days, parse_days
from detox.reminders.kinds import kind_record_id, reminder_specs
from detox.reminders.nudge import advance_run
from detox.reminders.schedule import Notice, SchedulerState, UseRun
from detox.reminders.state import load_state, save_state
from detox.tracker.heartbeat import Sample

T0 = datetime(2026, 11, 9, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("sat,sun", {5, 6}),
        ("Fri-Mon", {4, 5, 6, 0}),
        ("weekdays", {0, 1, 2, 3, 4}),
        ("daily", set(range(7))),
        ("tuesdays thursdays", {1, 3}),
        ("mon, wed-thu", {0, 2, 3}),
    ],
)
def test_days_as_people_type_them(text: str, days: set[int]) -> None:
    assert parse_days(text) == frozenset(days)


@pytest.mark.parametrize("text", ["", "funday", "t", "mon-", ","])
def test_days_that_cannot_be_read_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_days(text)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (range(7), "daily"),
        (range(5), "Mon-Fri"),
        ({5, 6}, "Sat, Sun"),
        ({4, 5, 6, 0}, "Fri-Mon"),
        ({0, 2, 4}, "Mon, Wed, Fri"),
        ({6}, "Sun"),
    ],
)
def test_days_are_shown_short(days: set[int], text: str) -> None:
    assert format_days(days) == text


def test_quiet_hours_setting() -> None:
    assert Settings().quiet_window == (time(22, 0), time(8, 0))
    assert Settings(quiet_hours="23:30 - 6:45").quiet_hours == "23:30-06:45"
    assert Settings(quiet_hours="").quiet_window is None
    assert Settings(quiet_hours="off").quiet_window is None
    for bad in ("22:00", "late-early", "08:00-08:00"):
        with pytest.raises(ValueError):
            Settings(quiet_hours=bad)


def test_nudge_minutes_setting_is_sorted_and_bounded() -> None:
    assert Settings(nudge_minutes=[30, 10, 10]).nudge_minutes == [10, 30]
    with pytest.raises(ValueError):
        Settings(nudge_minutes=[0])


# -- continuous use --------------------------------------------------------------------------------


def sample(seconds: float, app: str | None = "instagram", idle: float = 0.0) -> Sample:
    return Sample(at=T0 + timedelta(seconds=seconds), mono=seconds, app=app, idle=idle)


def feed(samples: list[Sample]) -> UseRun | None:
    run: UseRun | None = None
    for item in samples:
        run = advance_run(run, item, lambda app: app.title(), idle_threshold=180, max_step=10)
    return run


def test_a_run_counts_the_seconds_samples_saw() -> None:
    run = feed([sample(s) for s in range(0, 602, 2)])
    assert run is not None and run.app == "instagram" and run.name == "Instagram"
    assert run.seconds == pytest.approx(600)


def test_a_glance_elsewhere_pauses_the_count_but_keeps_the_run() -> None:
    samples = [sample(s) for s in range(0, 300, 2)]
    samples += [sample(s, app=None) for s in range(300, 330, 2)]
    samples += [sample(s) for s in range(330, 400, 2)]
    run = feed(samples)
    assert run is not None and run.started == T0
    assert run.seconds == pytest.approx(298 + 68)


def test_a_longer_break_or_another_app_starts_a_new_run() -> None:
    after_break = feed(
        [sample(s) for s in range(0, 300, 2)]
        + [sample(s, app=None) for s in range(300, 400, 2)]
        + [sample(400)]
    )
    assert after_break is not None and after_break.seconds == 0
    switched = feed([sample(s) for s in range(0, 300, 2)] + [sample(300, app="tiktok")])
    assert switched is not None and switched.app == "tiktok" and switched.seconds == 0


def test_idle_time_is_not_use_and_a_long_idle_ends_the_run() -> None:
    run = feed(
        [sample(s) for s in range(0, 100, 2)] + [sample(s, idle=200) for s in range(100, 200, 2)]
    )
    assert run is None


def test_time_no_sample_saw_is_not_counted() -> None:
    run = feed([sample(0), sample(2), sample(40), sample(42)])  # a 38 s hole (a stall, a glance)
    assert run is not None and run.seconds == pytest.approx(4)


# -- state file ------------------------------------------------------------------------------------


def test_the_state_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state" / "reminders.json"
    state = SchedulerState(
        started=T0,
        handled={"mood@x": T0 + timedelta(hours=7)},
        snoozes_done={"r1": T0 + timedelta(hours=8)},
        last={"r1": Notice("mood@x", "Mood check-in", "How are you?", T0 + timedelta(hours=7))},
        last_reminder="r1",
    )
    save_state(path, state)
    loaded, fresh = load_state(path, T0 + timedelta(days=1))
    assert (loaded, fresh) == (state, False)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_missing_or_broken_state_file_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "reminders.json"
    state, fresh = load_state(path, T0)
    assert fresh and state.started == T0 and not state.handled
    path.write_text("{not json", encoding="utf-8")
    warnings: list[str] = []
    state, fresh = load_state(path, T0, warn=warnings.append)
    assert fresh and state.started == T0
    assert warnings and "reminders start afresh" in warnings[0]


# -- kinds ---------------------------------------------------------------------------------------


def test_built_in_kinds_work_without_records_and_records_change_them() -> None:
    specs, master = reminder_specs([])
    assert [s.kind for s in specs] == ["mood", "report", "fast", "budget", "nudge", "health"]
    # Every kind is on from the start except the morning blood-pressure prompt (issue 20).
    assert [s.kind for s in specs if not s.enabled] == ["health"]
    assert master.enabled and master.paused_until is None
    changed = Reminder(
        id=kind_record_id("mood"),
        device="d",
        updated_at=T0,
        reminder_kind="mood",
        at=time(20, 15),
        enabled=False,
    )
    pause = Reminder(
        id=kind_record_id("all"),
        device="d",
        updated_at=T0,
        reminder_kind="all",
        snoozed_until=T0 + timedelta(days=3),
    )
    specs, master = reminder_specs([changed, pause])
    mood = specs[0]
    assert (mood.at, mood.enabled, mood.since) == (time(20, 15), False, T0)
    assert master.paused_until == T0 + timedelta(days=3)
    assert kind_record_id("mood") == kind_record_id("mood") != kind_record_id("report")
