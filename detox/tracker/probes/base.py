"""What every probe promises. Probes return facts; the sampler turns them into samples."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


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


@dataclass(frozen=True)
class DisplayChange:
    """The display server announced that the focus or the focused window's title changed."""

    happened: float  # time.monotonic() seconds at the change (from the server's timestamp)
    cause: str  # what announced it, for `detox doctor`: "x11 _NET_ACTIVE_WINDOW (server time)"


@runtime_checkable
class WatchingFocusProbe(FocusProbe, Protocol):
    """A focus probe that is also told of changes, so the tracker can sleep until one comes."""

    def fileno(self) -> int:
        """A descriptor that becomes readable when the display server has news."""
        ...

    def changes(self) -> DisplayChange | None:
        """The earliest focus or title change among the news received so far, without waiting.

        Raises ProbeUnavailable when the connection to the display server is gone.
        """
        ...


class IdleProbe(Protocol):
    name: str

    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard or mouse input; None when it cannot be told."""
        ...

    def close(self) -> None: ...
