"""Under load: thousands of fasts and reminders. Slips are recorded in one journal write per
batch, the tracker's fast watch works in small steps (so a signal is answered between them), and
reminders with nothing to show are not planned again until their next time. Figures for 10,000
of each: benchmarks/load_bench.py."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from detox.balance import slip_watch as watch
from detox.balance.fasts import record_new_slips
from detox.balance.slip_watch import SlipWatch
from detox.models import Event, Fast, Reminder, Rule, UsageSpan
from detox.reminders import hook as hook_module
from detox.store import Store
from tests.cli.home import NOW, Home
from tests.unit.test_reminder_hook import MONDAY_NOON, Machine

FASTS = 120


def with_fasts(home: Home, count: int) -> None:
    """`count` fasts of November, each broken every day by 10 minutes of Facebook."""
    store = home.context().store
    me = store.device.id
    store.put_many(
        Fast(
            device=me,
            updated_at=NOW,
            name=f"fast {n}",
            start=date(2026, 11, 1),
            end=date(2026, 11, 20),
            rules=[Rule(kind="abstain", apps=["facebook"])],
        )
        for n in range(count)
    )
    store.add_spans(
        UsageSpan(
            id=UsageSpan.stable_id(me, "facebook", NOW - timedelta(days=d, hours=1), "tracker"),
            app="facebook",
            device=me,
            source="tracker",
            start=NOW - timedelta(days=d, hours=1),
            duration=600,
        )
        for d in range(9)
    )


class JournalWrites:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = Store.put_many

        def counting(store: Store, records: Any) -> None:
            batch = list(records)
            if batch:
                self.count += 1
            real(store, batch)

        monkeypatch.setattr(Store, "put_many", counting)


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


def slips(home: Home) -> list[Event]:
    return [e for e in home.context().store.records(Event) if e.type == "slip"]


def test_new_slips_of_many_fasts_are_one_write_and_fast_list_writes_none(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_fasts(home, FASTS)
    writes = JournalWrites(monkeypatch)
    listing = home.json("fast", "list")
    assert len(listing) == FASTS
    assert writes.count == 0  # a read never writes
    record_new_slips(home.context())
    assert writes.count == 1  # was one journal rewrite per fast
    assert len(slips(home)) == FASTS * 9
    record_new_slips(home.context())
    assert writes.count == 1  # nothing new to record: nothing written


def test_the_trackers_fast_watch_works_in_steps_and_writes_once_a_pass(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_fasts(home, FASTS)
    writes = JournalWrites(monkeypatch)
    slip_watch = SlipWatch(home.context(), budget_seconds=1e-9)  # one step a tick
    slip_watch.on_tick(None, None)  # type: ignore[arg-type]
    steps, left = 1, len(slip_watch._queue)
    while left:
        left = slip_watch.work(1e-9)
        steps += 1
    expected_steps = -(-FASTS // watch.FASTS_PER_STEP)
    assert steps == expected_steps
    assert writes.count == 1
    assert len(slips(home)) == FASTS * 9


def test_a_stop_is_answered_before_every_fast_is_checked(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tracker answers a signal between ticks; the watch's work per tick is bounded, so a
    stop set during a tick ends the run before thousands of fasts are all checked."""
    from tests.integration.test_tracker_daemon import FACEBOOK_TITLE, Rig

    with_fasts(home, FASTS)
    stop = threading.Event()
    context = home.context()
    slip_watch = SlipWatch(context, budget_seconds=1e-9)

    class StopAfterFirstTick:
        def on_tick(self, observation: Any, sampler: Any) -> None:
            stop.set()

    monkeypatch.setenv("DETOX_HOME", str(home.paths.config_dir))  # the rig's store: this home
    rig = Rig(home.paths.config_dir, hooks=[slip_watch, StopAfterFirstTick()])
    assert rig.store.paths.data_dir == home.paths.data_dir
    rig.show(FACEBOOK_TITLE)
    rig.tracker.run(stop)
    # One step done, the rest left for later ticks; the pass's slips are written when it ends
    # (a stopped pass finds them again next time: a slip's id is fixed, so none is doubled).
    assert len(slip_watch._queue) == FASTS - watch.FASTS_PER_STEP
    assert len(slip_watch._found) == watch.FASTS_PER_STEP * 9
    assert slips(home) == []


def test_reminders_with_nothing_to_show_are_not_planned_again_until_their_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from detox.clock import FixedClock

    clock = FixedClock(MONDAY_NOON)
    machine = Machine(tmp_path / "m", clock)
    store = machine.context.store
    me = store.device.id
    count = 600
    store.put_many(
        Reminder(
            device=me,
            updated_at=clock.now() - timedelta(days=1),
            reminder_kind="custom",
            text=f"r{n}",
            at=time(11, n % 60) if n else time(12, 30),  # one still ahead today, at 12:30
        )
        for n in range(count)
    )
    machine.hook = machine.restart()
    planned: list[int] = []
    real = hook_module.plan_reminders  # type: ignore[attr-defined]

    def counting(now: datetime, reminders: Any, *args: Any) -> Any:
        planned.append(sum(1 for spec in reminders if spec.custom))
        return real(now, reminders, *args)

    monkeypatch.setattr(hook_module, "plan_reminders", counting)
    machine.hook.check()  # the first look plans them all
    assert planned[-1] == count
    for _ in range(5):  # later ticks plan none: nothing is due before 12:30 or tomorrow
        clock.advance(2.0)
        machine.hook.check()
        assert planned[-1] == 0
    clock.current = MONDAY_NOON.replace(minute=30).astimezone(clock.current.tzinfo)
    clock.advance(1.0)
    shown_before = len(machine.desktop.shown)
    machine.hook.check()
    assert planned[-1] == 1  # only the one whose time came
    assert len(machine.desktop.shown) == shown_before + 1
    assert machine.desktop.shown[-1][1].endswith("r0") or "r0" in machine.desktop.shown[-1][1]
