"""A cheap fingerprint of the data folder, so the UI notices writes by other processes.

Its cost does not grow with history. Usage lives in a file per day, so a few years of use are
thousands of files, and the app used to stat every one of them every 2 s. Every writer of these
folders replaces files whole: detox writes a temp file and renames it over the old one, and sync
tools (Syncthing, Nextcloud, Dropbox) put what they fetched in place the same way. Adding,
renaming or removing a name changes the folder's own mtime, so the stamp is the stat of the
devices folder and of each device's folder, plus the files most likely to change or to be
rewritten in place by some other tool: each device's journal and device file and the usage files
of the days around now (by UTC, as they are named). That is a fixed handful of stat calls per
device, whatever the history.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from detox.store.layout import usage_file_name

Stamp = tuple[tuple[str, int, int, int], ...]

_DAY = timedelta(days=1)


def folder_stamp(root: Path, now: datetime) -> Stamp:
    """(name, inode, mtime, size) of the devices folder, each device folder and the files each
    device is likely to write next; () while there is no devices folder."""
    try:
        with os.scandir(root) as entries:
            folders = sorted(e.name for e in entries if e.is_dir(follow_symlinks=False))
    except (FileNotFoundError, NotADirectoryError):
        return ()
    day = now.astimezone(UTC)
    names = (
        "journal.json",
        "device.json",
        *(usage_file_name((day + offset * _DAY).date().isoformat()) for offset in (-1, 0, 1)),
        f"usage-{day:%Y-%m}.json",  # the month file an older detox on another device writes
    )
    stamp = [_stat(root, "")]
    for folder in folders:
        stamp.append(_stat(root, folder))
        stamp.extend(_stat(root, f"{folder}/{name}") for name in names)
    return tuple(stamp)


def _stat(root: Path, name: str) -> tuple[str, int, int, int]:
    try:
        info = os.stat(root / name if name else root)
    except (FileNotFoundError, NotADirectoryError):
        return (name, 0, 0, -1)
    return (name, info.st_ino, info.st_mtime_ns, info.st_size)
