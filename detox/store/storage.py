"""A TinyDB storage that never leaves a half-written file.

TinyDB's JSONStorage rewrites the file in place, so a crash mid-write corrupts it. This one writes a
temp file beside it, fsyncs, and renames it over the original (see detox.fileio).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from detox.errors import CorruptFileError
from detox.fileio import atomic_write_bytes


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            raise CorruptFileError(f"{self.path} is empty")
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CorruptFileError(f"{self.path} does not parse: {error}") from None
        if not isinstance(data, dict) or not all(_is_table(v) for v in data.values()):
            raise CorruptFileError(f"{self.path} is not a TinyDB document store")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} is opened read-only")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        atomic_write_bytes(self.path, text.encode("utf-8"))

    def close(self) -> None:
        pass


def _is_table(table: object) -> bool:
    # TinyDB turns every key into an int and treats every value as a dict; anything else would
    # crash a later write (or every read) instead of being moved aside once.
    return isinstance(table, dict) and all(
        key.isdigit() and isinstance(doc, dict) for key, doc in table.items()
    )
