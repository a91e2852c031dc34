"""Which catalog apps are running, from process names, cheaply enough to ask every tick.

Listing pids is cheap; reading a name is a file read per process. So names are read only for pids
not seen before and kept in a pid -> (name, app) cache; pids that vanish are evicted.

Command lines are never read: they can hold URLs, file paths and tokens. psutil's
``Process.name()`` does read them on POSIX when the kernel's name is 15 characters or longer (it
"repairs" the truncated name from ``cmdline[0]``), so on Linux the name comes from
``/proc/PID/stat`` directly and a cut name is repaired from the executable's file name instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import psutil

# The kernel keeps TASK_COMM_LEN - 1 = 15 characters of a process name.
_LINUX_NAME_LIMIT = 15


def read_process_name(pid: int) -> str:
    """The process's name without reading its command line.

    Raises psutil.NoSuchProcess, psutil.ZombieProcess or psutil.AccessDenied.
    """
    if sys.platform.startswith("linux"):
        return _linux_name(pid)
    process = psutil.Process(pid)
    if sys.platform == "win32":
        return process.name()  # on Windows psutil takes the image name; no command line involved
    # macOS and the BSDs: psutil's public name() falls back to the command line for long names,
    # the platform layer underneath does not. Without that layer, seeing nothing beats peeking.
    platform_layer = getattr(process, "_proc", None)
    if platform_layer is None or not hasattr(platform_layer, "name"):
        raise psutil.AccessDenied(pid, msg="no way to read the name without the command line")
    return str(platform_layer.name())


def _linux_name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat_file:
            stat = stat_file.read()
    except (FileNotFoundError, ProcessLookupError):
        raise psutil.NoSuchProcess(pid) from None
    except PermissionError:
        raise psutil.AccessDenied(pid) from None
    # "PID (NAME) STATE ...": the name may itself hold spaces and parentheses, so cut at the
    # first "(" and the last ")".
    opening, closing = stat.find(b"("), stat.rfind(b")")
    if opening < 0 or closing < opening:
        raise psutil.NoSuchProcess(pid)  # an empty read: the process went away mid-read
    name = os.fsdecode(stat[opening + 1 : closing])
    if stat[closing + 2 : closing + 3] == b"Z":
        # A zombie has exited and only waits to be reaped; it is not a running app.
        raise psutil.ZombieProcess(pid, name)
    if len(name) >= _LINUX_NAME_LIMIT:
        name = _repair_from_executable(pid, name)
    return name


def _repair_from_executable(pid: int, cut_name: str) -> str:
    """The executable's file name when it starts with the cut name (telegram-deskto -> ...-desktop).

    A script run by an interpreter has the interpreter as its executable: the prefix test fails
    and the cut name stays, which the catalog must then match by prefix.
    """
    try:
        target = os.readlink(f"/proc/{pid}/exe")
    except OSError:  # another user's process, a kernel thread, or already gone
        return cut_name
    file_name = os.path.basename(target.removesuffix(" (deleted)"))  # replaced during an upgrade
    return file_name if file_name.startswith(cut_name) else cut_name


# Anything a lookup may raise for a process that is gone, dying or not ours: all normal.
_UNREADABLE = (psutil.Error, OSError)


class ProcessProbe:
    """Process names and the catalog apps among them, refreshed once per tick."""

    name = "psutil"

    def __init__(
        self,
        classify: Callable[[str], str | None],
        lookup: Callable[[int], str] = read_process_name,
        list_pids: Callable[[], list[int]] = psutil.pids,
    ) -> None:
        """``classify`` maps a process name to a catalog app id (None: not a social app)."""
        self._classify = classify
        self._lookup = lookup
        self._list_pids = list_pids
        self._known: dict[int, tuple[str | None, str | None]] = {}
        # Pids first seen on the latest refresh: they get a second look on the next one, because
        # a pid caught between fork() and exec() still carries its parent's name.
        self._unsettled: set[int] = set()

    def refresh(self) -> None:
        current = set(self._list_pids())
        for gone in self._known.keys() - current:
            del self._known[gone]
        second_look = self._unsettled & current
        new = current - self._known.keys()
        for pid in second_look | new:
            self._known[pid] = self._identify(pid)
        self._unsettled = new

    def name_of(self, pid: int) -> str | None:
        """The process's name, or None when it is gone or cannot be read."""
        if pid not in self._known:
            self._known[pid] = self._identify(pid)
            self._unsettled.add(pid)
        return self._known[pid][0]

    def running_apps(self) -> dict[str, frozenset[int]]:
        """Catalog app id -> pids of its processes, as of the latest refresh."""
        apps: dict[str, set[int]] = {}
        for pid, (_, app) in self._known.items():
            if app is not None:
                apps.setdefault(app, set()).add(pid)
        return {app: frozenset(pids) for app, pids in apps.items()}

    def _identify(self, pid: int) -> tuple[str | None, str | None]:
        try:
            name = self._lookup(pid)
        except _UNREADABLE:
            # Cached as unknown so an unreadable pid is not retried every tick; a vanished one is
            # evicted on the next refresh anyway.
            return (None, None)
        return (name, self._classify(name))
