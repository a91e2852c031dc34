"""A TinyDB storage that never leaves a half-written file.

TinyDB's JSONStorage rewrites the file in place, so a crash mid-write corrupts it. This one writes a
temp file beside it, fsyncs, and renames it over the original (see detox.fileio).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from detox.errors import CorruptFileError
from detox.fileio import atomic_write_bytes, read_regular_file
from detox.i18n import _
from detox.paths import ensure_private_dir

# A key TinyDB turns back into the same int it wrote: ASCII digits, no leading zero, short enough
# for int() (Unicode digits such as "²" pass str.isdigit() but int() refuses them).
_CANONICAL_KEY = re.compile(r"0|[1-9][0-9]{0,39}")


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only

    def read(self) -> dict[str, dict[str, Any]] | None:
        raw = read_regular_file(self.path)
        if raw is None:
            return None
        if not raw.strip():
            raise CorruptFileError(_("{path} is empty").format(path=self.path))
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as error:  # JSONDecodeError, 4,300+ digit ints
            raise CorruptFileError(
                _("{path} does not parse: {error}").format(path=self.path, error=error)
            ) from None
        except RecursionError:
            raise CorruptFileError(
                _("{path} does not parse: nested too deep").format(path=self.path)
            ) from None
        if not isinstance(data, dict) or not all(_is_table(v) for v in data.values()):
            raise CorruptFileError(
                _("{path} is not a TinyDB document store").format(path=self.path)
            )
        return {name: _canonical_keys(table) for name, table in data.items()}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} is opened read-only")
        ensure_private_dir(self.path.parent)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        atomic_write_bytes(self.path, text.encode("utf-8"))

    def close(self) -> None:
        pass


def _is_table(table: object) -> bool:
    # TinyDB treats every value as a dict; anything else would crash a later write (or every
    # read) instead of being moved aside once.
    return isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())


def _canonical_keys(table: dict[str, Any]) -> dict[str, Any]:
    """The table with every key one TinyDB can write back unchanged.

    TinyDB keys documents by int(key): "1" and "01" became one document on the next write (an
    entry lost) and "²" failed every write. Records are found by their `id` field, never by their
    key, so an odd key just gets the next free number.
    """
    if all(_CANONICAL_KEY.fullmatch(key) for key in table):
        return table  # "1" and "01" cannot both be canonical, so these keys are distinct ints
    kept = {key: doc for key, doc in table.items() if _CANONICAL_KEY.fullmatch(key)}
    next_id = max((int(key) for key in kept), default=0) + 1
    for key, doc in table.items():
        if key not in kept:
            kept[str(next_id)] = doc
            next_id += 1
    return kept
