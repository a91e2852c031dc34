"""Whether a tracker runs on this device, and what it last wrote about itself.

The terminal app asks on every Today refresh and `detox doctor` once: neither imports the
tracker itself (its probes bring psutil, a tenth of the app's first paint).
"""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path
from typing import Any

from detox.errors import CorruptFileError
from detox.fileio import read_regular_file
from detox.paths import Paths


def read_status(paths: Paths) -> dict[str, Any] | None:
    try:
        raw = read_regular_file(paths.tracker_status_file)  # a FIFO there hung `doctor`
        data = json.loads(raw) if raw is not None else None
    except (CorruptFileError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def tracker_is_running(paths: Paths) -> bool:
    """True while some process holds the tracker lock (the lock dies with its process)."""
    if not paths.tracker_lock_file.exists():
        return False
    if sys.platform != "win32":
        held = _flock_held(paths.tracker_lock_file)
        if held is not None:
            return held
    import filelock  # Windows, or a file system without flock (filelock's soft lock)

    probe = filelock.FileLock(paths.tracker_lock_file, timeout=0)
    try:
        probe.acquire()
    except filelock.Timeout:
        return True
    probe.release()
    return False


def _flock_held(lock_file: Path) -> bool | None:
    """Whether another open file holds the flock filelock takes on Unix; None when the file
    system has no flock. Asked directly, as the Today screen asks on every load: importing
    filelock for it was 38 M instructions of the 2,090 M to the first paint."""
    import fcntl

    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except FileNotFoundError:
        return False  # the tracker's lock is gone with it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK):
            return True
        if error.errno == errno.ENOSYS:
            return None
        raise
    else:
        return False  # won, and given back as the file closes
    finally:
        os.close(fd)
