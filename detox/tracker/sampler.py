"""Turns what the probes see into one sample: which social app is in front, and how idle.

Window titles are matched here, in memory, and dropped unless the user opted in to keep them.
"""

from __future__ import annotations

from dataclasses import dataclass

from detox.catalog import Catalog
from detox.clock import Clock
from detox.tracker.heartbeat import Sample
from detox.tracker.probes.base import FocusProbe, IdleProbe
from detox.tracker.probes.process import ProcessProbe

# Which apps are merely running matters only for strict mode and `detox doctor`, so the process
# list is refreshed every few ticks, not every tick; the focused pid is looked up on demand.
PROCESS_REFRESH_TICKS = 5


@dataclass(frozen=True)
class Observation:
    """One tick, with what was seen; the title lives only as long as this object."""

    sample: Sample
    process: str | None
    title: str | None


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

    def observe(self) -> Observation:
        if self._ticks % PROCESS_REFRESH_TICKS == 0:
            self.processes.refresh()
        self._ticks += 1
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
        sample = Sample(
            at=self.clock.now(),
            mono=self.clock.monotonic(),
            app=app,
            idle=idle if idle is not None else 0.0,
            source=source,
        )
        return Observation(sample=sample, process=process, title=title)

    def running_apps(self) -> dict[str, frozenset[int]]:
        return self.processes.running_apps()
