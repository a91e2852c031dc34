"""What the tracker hands to the work that rides on its loop: one observation per tick, and a
way to ask which catalog apps are running. Hooks (strict mode, slips, reminders) import this
module, never the sampler or the probes, so the tracker and the services stay one-way."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from detox.tracker.heartbeat import Sample
from detox.tracker.probes.base import DisplayChange

# Catalog app id -> pids of its processes, as of the latest process refresh.
RunningApps = Callable[[], Mapping[str, frozenset[int]]]


@dataclass(frozen=True)
class Observation:
    """One tick, with what was seen; the title lives only as long as this object."""

    sample: Sample
    process: str | None
    title: str | None
    change: DisplayChange | None = None  # the display event this sample was taken for
    delay: float = 0.0  # seconds from that change to reading the window: the precision


class TickHook(Protocol):
    """Work that rides on the tracker's loop (strict mode, reminders): called after each sample.

    A hook must be quick and must not raise; if it does, the tracker logs it and carries on.
    """

    def on_tick(self, observation: Observation, running_apps: RunningApps) -> None: ...
