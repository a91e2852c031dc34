"""Where spans live in a device folder: one usage file per UTC day a span starts on.

Earlier versions wrote one file per month (`usage-YYYY-MM.json`); those are still read, before
the day files of their month, so a day file (always the newer copy of a span) wins.
"""

from __future__ import annotations

import re
from pathlib import Path

MONTH_FILE = re.compile(r"usage-(\d{4}-\d{2})\.json")
MONTH_FILE_GLOB = "usage-[0-9][0-9][0-9][0-9]-[0-9][0-9].json"


def usage_file_name(day: str) -> str:
    """The file of spans starting on `day` (YYYY-MM-DD, UTC)."""
    return f"usage-{day}.json"


def usage_files(
    folder: Path, month: str, first_day: str = "0000", last_day: str = "9999"
) -> list[Path]:
    """The usage files of `month` (YYYY-MM) in a device folder: the old month file and the
    copies a sync tool left beside it first, then the day files (and their copies) of days in
    [first_day, last_day]."""
    found = [
        path
        for path in folder.glob(f"usage-{month}*.json")
        if not _DAY.match(path.name) or first_day <= path.name[6:16] <= last_day
    ]
    return sorted(found, key=lambda path: (_DAY.match(path.name) is not None, path.name))


_DAY = re.compile(r"usage-\d{4}-\d{2}-\d{2}")
