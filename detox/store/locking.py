"""The lock a store write holds on one file: an exclusive flock on a lock file beside the others.

On POSIX this is `fcntl.flock` on a descriptor of its own, which is what filelock does there too
(so an older detox writing at the same moment still waits its turn); importing filelock took a
fifteenth of every `detox mood` and `detox log`. Elsewhere filelock does the work. Locks on
different descriptors exclude each other even within one process, so the app's tracker thread and
its screens take turns as two processes would.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

POLL_SECONDS = 0.05


class LockTimeout(Exception):
    """Another holder kept the lock for the whole wait."""


@contextlib.contextmanager
def exclusive(path: Path, timeout: float, mode: int = 0o600) -> Iterator[None]:
    """Hold the lock on `path` (created with `mode` if missing) for the block; LockTimeout
    after `timeout` seconds of waiting."""
    try:
        import fcntl
    except ImportError:  # Windows
        with _filelock(path, timeout, mode):
            yield
        return
    # Never through a link: a lock file is ours, in our private state folder.
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), mode)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(str(path)) from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _filelock(path: Path, timeout: float, mode: int) -> Iterator[None]:
    import filelock

    try:
        lock = filelock.FileLock(path, timeout=timeout, mode=mode)
        lock.acquire()
    except filelock.Timeout:
        raise LockTimeout(str(path)) from None
    try:
        yield
    finally:
        lock.release()
