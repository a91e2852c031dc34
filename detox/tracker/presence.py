"""Whether a tracker runs on this device, and what it last wrote about itself.

The terminal app asks on every Today refresh and `detox doctor` once: neither imports the
tracker itself (its probes bring psutil, a tenth of the app's first paint).
"""

from __future__ import annotations

import json
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
    import filelock  # only once a tracker has run here

    probe = filelock.FileLock(paths.tracker_lock_file, timeout=0)
    try:
        probe.acquire()
    except filelock.Timeout:
        return True
    probe.release()
    return False
