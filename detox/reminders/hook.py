"""The tracker hook that shows reminders: scheduling on every sample, the store read every ~30 s.

Scheduling is a pure function that costs microseconds, so it runs on every tick (nudges need
the newest sample, wall-clock reminders fire within one tick of their time); what it reads from
the store (reminders, fasts, budgets, mood entries) is refreshed every `refresh_seconds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from detox.clock import to_local
from detox.ground import Ground
from detox.i18n import clauses
from detox.logs import log
from detox.reminders import messages
from detox.reminders.facts import ReminderInputs, gather
from detox.reminders.kinds import ReminderSpec
from detox.reminders.nudge import advance_run
from detox.reminders.schedule import Due, SchedulerState, UseRun, asleep_until, plan_reminders
from detox.reminders.state import load_state, save_state, state_path
from detox.tracker.observation import Observation, RunningApps

if TYPE_CHECKING:  # the composition passes the notifier in: its backends load only there
    from detox.notify import Notifier

REFRESH_SECONDS = 30.0


@dataclass
class ReminderHook:
    context: Ground
    notifier: Notifier
    interval: float = 2.0  # the tracker's sampling interval
    idle_threshold: float = 180.0
    refresh_seconds: float = REFRESH_SECONDS
    _inputs: ReminderInputs | None = field(default=None, init=False)
    _loaded_at: float | None = field(default=None, init=False)
    _run: UseRun | None = field(default=None, init=False)
    _state: SchedulerState | None = field(default=None, init=False)
    _sleeping: dict[str, tuple[ReminderSpec, datetime | None]] = field(
        default_factory=dict, init=False
    )

    def on_tick(self, observation: Observation, running_apps: RunningApps) -> None:
        self._run = advance_run(
            self._run,
            observation.sample,
            self.context.catalog.name_of,
            idle_threshold=self.idle_threshold,
            max_step=max(3 * self.interval, 10.0),
        )
        self.check()

    def check(self) -> list[Due]:
        """Show whatever is due now; returns it (for tests and the `--verbose` log)."""
        clock = self.context.clock
        now, mono = clock.now(), clock.monotonic()
        state = self._current_state(now)
        if (
            self._inputs is None
            or self._loaded_at is None
            or mono - self._loaded_at >= self.refresh_seconds
        ):
            self._inputs = gather(self.context, now)
            self._loaded_at = mono
        inputs = self._inputs
        facts = replace(inputs.facts, run=self._run)
        awake = [spec for spec in inputs.specs if not self._asleep(spec, now)]
        plan = plan_reminders(now, awake, inputs.master, state, facts, inputs.config)
        master = inputs.master
        paused = master.paused_until is not None and now < master.paused_until
        for spec in awake if master.enabled and not paused else ():
            if not spec.enabled:
                self._sleeping[spec.id] = (spec, None)  # until it is changed
                continue
            wake = asleep_until(spec, now, plan.state, inputs.config)
            if wake is not None:
                self._sleeping[spec.id] = (spec, wake)
        if plan.due:
            self._show(plan.due)
        if plan.state != state:
            self._save(plan.state)
        return list(plan.due)

    def _asleep(self, spec: ReminderSpec, now: datetime) -> bool:
        """A reminder with nothing to show before its next time is not planned until then; a
        change to it (a new spec after a refresh) wakes it at once."""
        sleeping = self._sleeping.get(spec.id)
        if sleeping is None:
            return False
        known, wake = sleeping
        if known != spec or (wake is not None and now >= wake):
            del self._sleeping[spec.id]
            return False
        return True

    def reload(self) -> None:
        """Read the store again on the next tick (after a change made in this process)."""
        self._loaded_at = None
        self._sleeping.clear()

    def _current_state(self, now: datetime) -> SchedulerState:
        if self._state is None:
            path = state_path(self.context.paths)
            self._state, fresh = load_state(path, now)
            if fresh:  # the start of reminders must survive a restart, or downtime is forgotten
                self._save(self._state)
        return self._state

    def _save(self, state: SchedulerState) -> None:
        self._state = state
        try:
            save_state(state_path(self.context.paths), state)
        except OSError as error:
            log.warning("could not save the reminder state: %s", error)

    def _show(self, due: tuple[Due, ...]) -> None:
        zone = self.context.settings.zone
        late = sorted(
            (item for item in due if item.late), key=lambda item: item.scheduled_at or item.due_at
        )
        on_time = [item for item in due if not item.late]
        if len(late) > 1:  # after downtime: one notification for everything missed, not a burst
            lines = clauses(
                f"{item.message if item.kind == 'custom' else item.title} "
                f"({to_local(item.scheduled_at or item.due_at, zone):%H:%M})"
                for item in late
            )
            keys = [key for item in late for key in (item.key, *item.covers)]
            self.notifier.send(
                "Missed while detox was not running",
                lines,
                kind="missed",
                keys=keys,
                data={"reminders": [item.reminder_id for item in late]},
            )
        else:
            on_time.extend(late)
        for item in on_time:
            message = item.message
            if item.late:
                scheduled = item.scheduled_at or item.due_at
                message = messages.late(message, f"{to_local(scheduled, zone):%H:%M}")
            self.notifier.send(
                item.title,
                message,
                kind=item.kind,
                keys=[item.key, *item.covers],
                data={
                    "reminder": item.reminder_id,
                    "due_at": item.due_at.isoformat(),
                    "late": item.late,
                    "snoozed": item.snoozed,
                },
            )
