"""A cheap fingerprint of the data folder, so the UI notices writes by other processes."""

from __future__ import annotations

from pathlib import Path

Stamp = tuple[tuple[str, int, int], ...]


def folder_stamp(root: Path) -> Stamp:
    """Name, mtime and size of every data file under `root` (a few dozen stat calls)."""
    if not root.exists():
        return ()
    entries: list[tuple[str, int, int]] = []
    for path in sorted(root.glob("*/*.json")):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        entries.append((str(path.relative_to(root)), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)
