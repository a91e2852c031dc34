"""The reminder hook as the tracker drives it: real store files, a fixed clock, and a backend that
records what it was asked to show."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from detox.clock import FixedClock
from detox.context import Context
from detox.models import Event, ManualUsage
from detox.notify import Delivery, Notifier, NotifierChain
from detox.notify.delivery import ready
from detox.paths import Paths
from detox.reminders import manage
from detox.reminders.hook import ReminderHook
from detox.reminders.state import state_path
from detox.tracker.heartbeat import Sample
from detox.tracker.observation import Observation
from detox.tracker.probes.process import ProcessProbe
from detox.tracker.sampler import Sampler
from tests.clock_fixtures import WARSAW

MONDAY_NOON = datetime(2026, 11, 9, 12, 0, tzinfo=WARSAW)


class Recording:
    name = "desktop"

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def unavailable(self) -> str | None:
        return None

    def check(self) -> Delivery:
        return ready(self)

    def send(self, title: str, message: str) -> Delivery:
        self.shown.append((title, message))
        return Delivery(self.name, True, "shown")


class Machine:
    """One device: its folders, clock, tracker hook and what its desktop showed."""

    def __init__(self, root: Path, clock: FixedClock, data: Path | None = None) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.paths = Paths(
            config_dir=root, data_dir=data or root / "data", state_dir=root / "state"
        )
        self.paths.config_file.write_text(
            'timezone = "Europe/Warsaw"\n[budgets]\ninstagram = "30m"\n', encoding="utf-8"
        )
        self.clock = clock
        self.desktop = Recording()
        self.context = Context(paths=self.paths, clock_override=clock)
        self.hook = self.restart()

    def restart(self) -> ReminderHook:
        """A new tracker process: nothing kept in memory, only what is on disk."""
        self.context = Context(paths=self.paths, clock_override=self.clock)
        notifier = Notifier(NotifierChain([self.desktop]), self.context.store)
        self.hook = ReminderHook(self.context, notifier, interval=2.0)
        self.sampler = Sampler(
            self.context.catalog,
            self.clock,
            None,
            None,
            ProcessProbe(self.context.catalog.app_for_process),
        )
        return self.hook

    def use(self, app: str | None, seconds: float, step: float = 2.0) -> None:
        """Samples every `step` seconds with `app` in front, as the tracker takes them."""
        for _ in range(int(seconds / step)):
            self.clock.advance(step)
            sample = Sample(
                at=self.clock.now(), mono=self.clock.monotonic(), app=app, idle=0.0, source="window"
            )
            observation = Observation(sample, process=app, title=None)
            self.hook.on_tick(observation, self.sampler.running_apps)

    def titles(self) -> list[str]:
        return [title for title, _ in self.desktop.shown]


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    return Machine(tmp_path / "laptop", FixedClock(MONDAY_NOON, zone=WARSAW))


def test_ten_minutes_on_one_app_brings_a_nudge_and_a_log_entry(machine: Machine) -> None:
    machine.use("instagram", 9 * 60)
    assert machine.titles() == []
    machine.use("instagram", 90)
    assert machine.titles() == ["10 minutes of Instagram"]
    (event,) = [e for e in machine.context.store.records(Event) if e.type == "notification"]
    assert event.data["kind"] == "nudge" and event.data["backend"] == "desktop"


def test_a_break_resets_the_nudges(machine: Machine) -> None:
    machine.use("instagram", 8 * 60)
    machine.use(None, 5 * 60)
    machine.use("instagram", 8 * 60)
    assert machine.titles() == []


def test_after_a_restart_and_downtime_the_missed_check_in_comes_once_and_late(
    machine: Machine,
) -> None:
    machine.use(None, 10)  # the tracker ran at noon, and was then stopped
    assert state_path(machine.paths).exists()
    machine.clock.advance(timedelta(days=2, hours=9, minutes=30).total_seconds())  # Wed 21:30
    machine.restart()
    machine.use(None, 60)
    assert machine.desktop.shown == [
        (
            "Mood check-in",
            "How are you today? Log it with `detox mood 1-10`, or press m in detox. "
            "(was due at 21:00)",
        )
    ]
    machine.restart()
    machine.use(None, 60)
    assert len(machine.desktop.shown) == 1  # shown once, even across another restart


def test_several_missed_reminders_come_as_one_notification(machine: Machine) -> None:
    manage.add_custom(machine.context, "Water the plants", time(20, 0), range(7))
    machine.use(None, 10)
    machine.clock.advance(timedelta(hours=9, minutes=30).total_seconds())  # Monday 21:30
    machine.restart()
    machine.use(None, 10)
    assert machine.titles() == ["Missed while detox was not running"]
    assert machine.desktop.shown[0][1] == "Water the plants (20:00); Mood check-in (21:00)"
    machine.use(None, 120)
    assert len(machine.desktop.shown) == 1


def test_budget_use_from_the_store_brings_the_eighty_percent_alert(machine: Machine) -> None:
    machine.context.store.put(
        ManualUsage(
            device=machine.context.device.id,
            updated_at=machine.clock.now(),
            app="instagram",
            start=machine.clock.now() - timedelta(minutes=30),
            duration=25 * 60,
        )
    )
    machine.use(None, 4)
    assert machine.desktop.shown == [
        ("Instagram: 80 % of today's budget", "25m of 30m used, 5m left.")
    ]


def test_a_reminder_added_from_the_command_line_is_picked_up(machine: Machine) -> None:
    machine.use(None, 4)
    soon = (machine.clock.now() + timedelta(minutes=2)).astimezone(WARSAW).time()
    other_process = Context(paths=machine.paths, clock_override=machine.clock)
    manage.add_custom(other_process, "Stand up", soon, range(7))
    machine.use(None, 3 * 60)
    assert machine.desktop.shown == [("Reminder", "Stand up")]


def test_a_reminder_one_device_showed_is_not_shown_by_the_other(tmp_path: Path) -> None:
    clock = FixedClock(MONDAY_NOON, zone=WARSAW)
    shared = tmp_path / "synced"
    laptop = Machine(tmp_path / "laptop", clock, data=shared)
    desktop = Machine(tmp_path / "desktop", clock, data=shared)
    for _ in range(9 * 60 + 1):  # both run until 21:01, side by side
        laptop.use(None, 30, step=30)
        desktop.use(None, 30, step=30)
        if laptop.desktop.shown or desktop.desktop.shown:
            break
    laptop.use(None, 60, step=30)
    desktop.use(None, 60, step=30)
    shown = laptop.titles() + desktop.titles()
    assert shown == ["Mood check-in"]
