"""Strict mode: a tracker hook that closes blocked desktop apps during a strict fast.

While an abstain rule (or a curfew's window) of a strict fast is in force, a blocked desktop app
that is focused or running gets a warning through the notifier; if it is still there after the
grace period (60 s by default) it is closed: terminate, wait, then kill. Only processes whose name
the catalog maps to a blocked app are ever touched, and the name is read again right before the
signal so a recycled pid is left alone. Browsers are never closed: a blocked site in a tab gets a
warning only. `detox fast override` pauses all of it for a while. Every warning and every close is
written to the integrity log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from detox.balance.compliance import curfew_windows
from detox.balance.event_text import event_text
from detox.balance.fasts import (
    STRICT_GRACE_SECONDS,
    active_overrides,
    fasts_in_force,
)
from detox.balance.integrity import log_event
from detox.balance.rules import covered_apps, rules_on
from detox.clock import detox_day
from detox.ground import Ground
from detox.i18n import _
from detox.logs import log
from detox.models import Event, Fast
from detox.tracker.observation import Observation, RunningApps

if TYPE_CHECKING:
    from detox.catalog import Catalog
    from detox.config import Settings
    from detox.tracker.closing import Closed

Notify = Callable[[str, str], object]

# Fasts and overrides are re-read from the store this often, not on every tick.
DEFAULT_REFRESH_SECONDS = 15.0
BROWSER_REMINDER_SECONDS = 300.0


def notify_to_stderr(title: str, message: str) -> None:
    """The notifier until a desktop one is wired in: the `detox` logger (stderr in the CLI)."""
    log.warning("%s: %s", title, message)


def blocked_apps(fast: Fast, now: datetime, settings: Settings, catalog: Catalog) -> frozenset[str]:
    """Catalog apps a strict fast forbids right now (abstain rules, curfews in their window)."""
    today = detox_day(now, settings)
    if not fast.strict or fast.ended_at is not None or not fast.start <= today <= fast.end:
        return frozenset()
    rules, days_off = rules_on(fast, today)
    if today.weekday() in days_off:
        return frozenset()
    blocked: set[str] = set()
    for rule in rules:
        in_window = rule.kind == "abstain" or (
            rule.kind == "curfew"
            and bool(curfew_windows(rule, now, now + timedelta(seconds=1), settings.zone))
        )
        if in_window:
            blocked |= covered_apps(rule, catalog)
    return frozenset(blocked)


class Processes(Protocol):
    """What strict mode may do to processes (`detox.tracker.closing.ProcessCloser`)."""

    def alive(self, pids: Iterable[int]) -> frozenset[int]: ...

    def close(self, app: str, pids: Iterable[int]) -> Closed | None: ...


@dataclass
class _Warned:
    since: float  # monotonic seconds when the warning went out
    fast: Fast


@dataclass
class StrictHook:
    """Runs after every tracker sample; see the module docstring."""

    context: Ground
    processes: Processes
    notify: Notify = notify_to_stderr
    grace_seconds: float = STRICT_GRACE_SECONDS
    refresh_seconds: float = DEFAULT_REFRESH_SECONDS
    _fasts: list[Fast] = field(default_factory=list)
    _events: list[Event] = field(default_factory=list)
    _loaded_at: float | None = None
    _warned: dict[str, _Warned] = field(default_factory=dict)
    _browser_warned: dict[str, float] = field(default_factory=dict)

    def on_tick(self, observation: Observation, running_apps: RunningApps) -> None:
        mono = self.context.clock.monotonic()
        now = self.context.clock.now()
        blocked = self._blocked_now(now, mono)
        if not blocked:
            self._warned.clear()
            return
        sample = observation.sample
        if sample.app in blocked and sample.source == "browser":
            self._warn_browser(sample.app, blocked[sample.app], mono)
        running: dict[str, frozenset[int]] = {}
        for app, pids in running_apps().items():
            # The process list is refreshed every few ticks: drop pids that have gone since.
            alive = self.processes.alive(pids) if app in blocked else frozenset()
            if alive:
                running[app] = alive
        present = set(running)
        if sample.app in blocked and sample.source == "window":
            present.add(sample.app)  # focused before the next process refresh lists it
        for app in list(self._warned):
            if app not in present:
                del self._warned[app]  # closed by the user in time
        for app in sorted(present):
            warned = self._warned.get(app)
            if warned is None:
                self._warn(app, blocked[app], mono)
            elif (
                mono - warned.since >= self.grace_seconds
                and running.get(app)
                and self._close(app, running[app], warned.fast)
            ):
                del self._warned[app]  # if it comes back, it is warned about afresh

    # -- what is blocked --------------------------------------------------------------------

    def _blocked_now(self, now: datetime, mono: float) -> dict[str, Fast]:
        if self._loaded_at is None or mono - self._loaded_at >= self.refresh_seconds:
            self._fasts = [fast for fast in fasts_in_force(self.context, now) if fast.strict]
            self._events = [
                event for event in self.context.store.records(Event) if event.type == "override"
            ]
            self._loaded_at = mono
        overrides = active_overrides(self._events, now)
        paused = {fast_id for override in overrides for fast_id in override.fast_ids}
        blocked: dict[str, Fast] = {}
        for fast in self._fasts:
            if fast.id in paused:
                continue
            for app in blocked_apps(fast, now, self.context.settings, self.context.catalog):
                blocked.setdefault(app, fast)
        return blocked

    # -- acting -----------------------------------------------------------------------------

    def _name(self, app: str) -> str:
        return self.context.catalog.name_of(app)

    @staticmethod
    def _facts(fast: Fast, app: str, action: str) -> dict[str, object]:
        # The code and facts the log line is worded from when shown (detox.balance.event_text).
        return {"say": "strict", "name": fast.name, "fast": fast.id, "app": app, "action": action}

    def _log(self, message: str, data: dict[str, object]) -> None:
        """Log the action (the English message as stored) and tell the person, in their
        language, what the log line says."""
        event = log_event(self.context.store, self.context.clock.now(), "strict", message, data)
        self.notify(_("Strict mode"), event_text(event, self._name))

    def _warn(self, app: str, fast: Fast, mono: float) -> None:
        self._warned[app] = _Warned(mono, fast)
        seconds = round(self.grace_seconds)
        message = (
            f"{self._name(app)} is blocked by your fast '{fast.name}'. "
            f"It will be closed in {seconds} s (pause: detox fast override)."
        )
        self._log(message, {**self._facts(fast, app, "warned"), "seconds": seconds})

    def _warn_browser(self, app: str, fast: Fast, mono: float) -> None:
        last = self._browser_warned.get(app)
        if last is not None and mono - last < BROWSER_REMINDER_SECONDS:
            return
        self._browser_warned[app] = mono
        message = (
            f"{self._name(app)} in your browser is blocked by your fast '{fast.name}'. "
            "Tabs are not closed for you."
        )
        self._log(message, self._facts(fast, app, "warned_browser"))

    def _close(self, app: str, pids: frozenset[int], fast: Fast) -> bool:
        """Close the app's processes; False when none of them could be confirmed as the app."""
        closed = self.processes.close(app, pids)
        if closed is None:
            return False
        name = self._name(app)
        if closed.still:
            message = f"Could not close {name} ({closed.still} process(es) still running)."
        else:
            how = "killed after it ignored the request to quit" if closed.killed else "closed"
            message = f"{name} was {how}: blocked by your fast '{fast.name}'."
        self._log(
            message,
            {
                **self._facts(
                    fast,
                    app,
                    "close_failed" if closed.still else ("killed" if closed.killed else "closed"),
                ),
                "still": closed.still,
                "processes": closed.processes,
                "killed": closed.killed,
                "denied": closed.denied,
            },
        )
        return True
