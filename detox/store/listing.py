"""What a folder holds, kept while the folder is unchanged.

A report or a year of insights asks which usage files hold each month, a month at a time, and
which device folders there are, dozens of times: each asking listed the folder again (a folder
holds a file per day) and sifted every name. A listing is kept with the folder's stamp (inode,
mtime, ctime) and reused while a fresh stat gives the same stamp. Adding, removing or renaming an
entry changes a folder's mtime and ctime; a sync tool may set the mtime back, but nothing sets
the ctime, which the kernel takes from its clock on every change. That clock ticks coarsely (a
few milliseconds), so a folder changed in the tick of its listing could keep its stamp; a listing
is kept only once its folder has been still for RACY_NS (as git treats an index entry written in
the second of its file's change).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

RACY_NS = 2_000_000_000
Stamp = tuple[int, int, int]


def folder_stamp(folder: str) -> Stamp | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_ctime_ns


class Listings(Generic[T]):
    """What `read(folder)` found, per folder, while the folder's stamp is unchanged."""

    def __init__(self, read: Callable[[str], T], now_ns: Callable[[], int] = time.time_ns) -> None:
        self._read = read
        self._now_ns = now_ns
        self._kept: dict[str, tuple[Stamp, T]] = {}

    def get(self, folder: str) -> T:
        stamp = folder_stamp(folder)  # before reading: a change while reading changes it
        kept = self._kept.get(folder)
        if kept is not None and stamp is not None and kept[0] == stamp:
            return kept[1]
        found = self._read(folder)
        if stamp is not None and self._now_ns() - stamp[2] > RACY_NS:
            self._kept[folder] = (stamp, found)
        else:
            self._kept.pop(folder, None)
        return found

    def forget(self) -> None:
        self._kept.clear()
