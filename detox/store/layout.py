"""Where spans live in a device folder: one usage file per UTC day a span starts on.

Earlier versions wrote one file per month (`usage-YYYY-MM.json`); those are still read, before
the day files of their month, so a day file (always the newer copy of a span) wins.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

MONTH_FILE = re.compile(r"usage-(\d{4}-\d{2})\.json")
MONTH_FILE_GLOB = "usage-[0-9][0-9][0-9][0-9]-[0-9][0-9].json"


def usage_file_name(day: str) -> str:
    """The file of spans starting on `day` (YYYY-MM-DD, UTC)."""
    return f"usage-{day}.json"


def usage_files(
    folder: Path,
    month: str,
    first_day: str = "0000",
    last_day: str = "9999",
    names: Iterable[str] | None = None,
) -> list[Path]:
    """The usage files of `month` (YYYY-MM) in a device folder: the old month file and the
    copies a sync tool left beside it first, then the day files (and their copies) of days in
    [first_day, last_day]. `names` is the folder's listing when the caller already has it: a
    reader asking for many months lists each folder once (a glob per month and folder was a
    tenth of a report with a running fast)."""
    listing = folder_names(folder) if names is None else names
    return [folder / name for name in usage_file_names(listing, month, first_day, last_day)]


def usage_file_names(names: Iterable[str], month: str, first_day: str, last_day: str) -> list[str]:
    """Of a folder's names, those `usage_files` gives, in its order."""
    prefix = f"usage-{month}"
    found = [
        name
        for name in names
        if name.startswith(prefix)
        and name.endswith(".json")
        and (not _DAY.match(name) or first_day <= name[6:16] <= last_day)
    ]
    found.sort(key=lambda name: (_DAY.match(name) is not None, name))
    return found


def is_day_file(name: str) -> bool:
    """A file of one UTC day's spans (or a sync tool's copy of one), not an old month file."""
    return _DAY.match(name) is not None


def names_by_month(folder: str) -> dict[str, list[str]]:
    """A folder's names by their first 13 characters, "usage-YYYY-MM" for usage files: the
    names `usage_file_names` sifts for a month, without sifting the whole folder for each."""
    grouped: dict[str, list[str]] = {}
    for name in folder_names(Path(folder)):
        grouped.setdefault(name[: len("usage-YYYY-MM")], []).append(name)
    return grouped


def folder_names(folder: Path) -> list[str]:
    """The names in a folder; none when it is gone (a device folder purged meanwhile)."""
    try:
        return os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []


_DAY = re.compile(r"usage-\d{4}-\d{2}-\d{2}")
