"""What every probe promises. Probes return facts; the sampler turns them into samples."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class ProbeUnavailable(Exception):
    """This probe cannot work here; the message says why (shown by `detox doctor`)."""


@dataclass(frozen=True)
class FocusedWindow:
    """The window in front of the user, as the display server describes it.

    The title stays in memory: the sampler matches it and forgets it unless the user opted in.
    """

    title: str
    pid: int | None = None
    app_name: str | None = None  # WM_CLASS class, app bundle name, Wayland app_id: a hint only


class FocusProbe(Protocol):
    name: str

    def focused(self) -> FocusedWindow | None:
        """The focused window, or None when nothing is focused or it vanished mid-query."""
        ...

    def close(self) -> None: ...


class IdleProbe(Protocol):
    name: str

    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard or mouse input; None when it cannot be told."""
        ...

    def close(self) -> None: ...
