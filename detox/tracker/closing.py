"""Closing an app's processes for strict mode: terminate, wait, then kill.

Only a process whose name (read again right before the signal, so a recycled pid is left
alone) still belongs to the app is touched, and never detox itself. Strict mode decides what is
blocked; this module is the only one that signals processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import psutil

from detox.tracker.probes.process import read_process_name

# The tracker's loop waits while a closed app exits; apps that ignore SIGTERM are killed after this.
DEFAULT_TERMINATE_WAIT_SECONDS = 3.0


@dataclass(frozen=True)
class Closed:
    """What closing an app came to."""

    processes: int  # confirmed as the app and asked to quit
    killed: int  # ignored the request and were killed
    still: int  # still running after all that
    denied: int  # signals the system refused


@dataclass
class ProcessCloser:
    """`owner(process name)` is the catalog app a process belongs to, None for browsers and
    everything else (a browser is never closed)."""

    owner: Callable[[str], str | None]
    terminate_wait_seconds: float = DEFAULT_TERMINATE_WAIT_SECONDS

    def alive(self, pids: Iterable[int]) -> frozenset[int]:
        """The pids that are still running (the process list is refreshed every few ticks)."""
        return frozenset(pid for pid in pids if _alive(pid))

    def close(self, app: str, pids: Iterable[int]) -> Closed | None:
        """Close the app's processes; None when none of them could be confirmed as the app."""
        targets = [process for pid in sorted(pids) if (process := self._verified(pid, app))]
        if not targets:
            return None
        denied = 0
        for process in targets:
            try:
                process.terminate()
            except psutil.NoSuchProcess:
                pass
            except psutil.AccessDenied:
                denied += 1
        _, alive = psutil.wait_procs(targets, timeout=self.terminate_wait_seconds)
        for process in alive:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass
            except psutil.AccessDenied:
                denied += 1
        still: list[psutil.Process] = []
        if alive:
            _, still = psutil.wait_procs(alive, timeout=self.terminate_wait_seconds)
        return Closed(len(targets), len(alive) - len(still), len(still), denied)

    def _verified(self, pid: int, app: str) -> psutil.Process | None:
        """The process, if it is still the blocked app and not detox itself."""
        if pid in (os.getpid(), os.getppid()):
            return None
        try:
            process = psutil.Process(pid)
            name = read_process_name(pid)
        except (psutil.Error, OSError):
            return None
        if self.owner(name) != app:
            return None
        return process


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
