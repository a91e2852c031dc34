"""Turns what the probes see into one sample: which social app is in front, and how idle.

Window titles are matched here, in memory, and dropped unless the user opted in to keep them.
"""

from __future__ import annotations

import select
import time
from datetime import datetime, timedelta

from detox.catalog import Catalog
from detox.clock import Clock
from detox.tracker.heartbeat import Sample
from detox.tracker.observation import Observation
from detox.tracker.probes.base import DisplayChange, FocusProbe, IdleProbe, WatchingFocusProbe
from detox.tracker.probes.process import ProcessProbe

# Which apps are merely running matters only for strict mode and `detox doctor`, so the process
# list is refreshed every few ticks, not every tick; the focused pid is looked up on demand.
PROCESS_REFRESH_TICKS = 5


class Sampler:
    def __init__(
        self,
        catalog: Catalog,
        clock: Clock,
        focus: FocusProbe | None,
        idle: IdleProbe | None,
        processes: ProcessProbe,
    ) -> None:
        self.catalog = catalog
        self.clock = clock
        self.focus = focus
        self.idle = idle
        self.processes = processes
        self._ticks = 0
        self._last: tuple[datetime, float] | None = None  # (at, mono) of the latest sample

    @property
    def watching(self) -> WatchingFocusProbe | None:
        """The focus probe, when it also announces changes (X11): the tracker then sleeps on it."""
        return self.focus if isinstance(self.focus, WatchingFocusProbe) else None

    def watch_input(self, on: bool) -> None:
        """While the user is away, ask the probe to announce their return (X11 can)."""
        watcher = getattr(self.watching, "watch_input", None)
        if watcher is not None:
            watcher(on)

    def pending_change(self) -> DisplayChange | None:
        """A change the display server announced and nobody has sampled yet; never waits."""
        watching = self.watching
        return watching.changes() if watching is not None else None

    def wait_for_change(self, timeout: float, wake: int | None = None) -> DisplayChange | None:
        """Sleep until the display server announces a change, `wake` becomes readable, or
        `timeout` seconds pass. Only for a watching probe (see `watching`)."""
        watching = self.watching
        assert watching is not None, "wait_for_change needs a probe that announces changes"
        change = watching.changes()  # news read along with an earlier reply
        if change is not None:
            return change
        descriptors = [watching.fileno(), *([wake] if wake is not None else [])]
        ready, _, _ = select.select(descriptors, [], [], max(0.0, timeout))
        return watching.changes() if watching.fileno() in ready else None

    def observe(self, change: DisplayChange | None = None) -> Observation:
        """One sample of now; for a `change`, stamped with the moment the change happened."""
        if change is None:
            if self._ticks % PROCESS_REFRESH_TICKS == 0:
                self.processes.refresh()
            self._ticks += 1
        delay = 0.0 if change is None else max(0.0, time.monotonic() - change.happened)
        idle = self.idle.idle_seconds() if self.idle is not None else None
        window = self.focus.focused() if self.focus is not None else None
        app: str | None = None
        source = "none"
        process: str | None = None
        title: str | None = None
        if window is not None:
            title = window.title
            if window.pid is not None:
                process = self.processes.name_of(window.pid)
            if process is None and window.app_name:
                # No readable owner (another user's process, or no _NET_WM_PID): the window
                # class is the next best name for a desktop app.
                process = window.app_name.lower()
            app = self.catalog.match(process, title)
            if app is not None:
                source = "browser" if process and self.catalog.is_browser(process) else "window"
        now, mono = self.clock.now(), self.clock.monotonic()
        at = now - timedelta(seconds=delay)
        if self._last is not None:
            # A change read after a later sample is placed no earlier than that sample: the
            # merge takes a step back in time for a clock jump.
            at, mono = max(at, self._last[0]), max(mono - delay, self._last[1])
        else:
            mono -= delay
        self._last = (at, mono)
        if idle is not None:
            # as it was at the change, as far as can be told
            idle = max(0.0, idle - (now - at).total_seconds())
        sample = Sample(
            at=at,
            mono=mono,
            app=app,
            idle=idle if idle is not None else 0.0,
            source=source,
            switch=change is not None,
        )
        return Observation(sample=sample, process=process, title=title, change=change, delay=delay)

    def running_apps(self) -> dict[str, frozenset[int]]:
        return self.processes.running_apps()
