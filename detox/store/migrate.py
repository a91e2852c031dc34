"""Splitting this device's month files of spans into day files, once, on the first start.

Crash-safe by order: every day file is written (atomically) before the month file is removed, so
a crash leaves the month file in place and the next start finishes the job. A span already in a
day file is never overwritten by its copy from the month file: after the upgrade only day files
are written, so theirs is the newer one. Another device's month files are never touched (that
device splits its own; until then they are read as they are).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from tinydb import TinyDB

from detox.errors import CorruptFileError
from detox.store.layout import MONTH_FILE, MONTH_FILE_GLOB, usage_file_name
from detox.store.storage import AtomicJSONStorage

SPANS_TABLE = "spans"


class _Writer(Protocol):
    own_dir: Path

    def _lock(self, path: Path) -> AbstractContextManager[None]: ...

    def _write(self, path: Path, kind: str, change: Callable[[TinyDB], None]) -> None: ...

    def _quarantine(self, path: Path, reason: str) -> None: ...

    def _forget(self, path: Path) -> None: ...


def month_files(folder: Path, first: str, last: str) -> Iterator[Path]:
    """This folder's month files of months in [first, last] (others are never read: left be)."""
    for path in sorted(folder.glob(MONTH_FILE_GLOB)):
        found = MONTH_FILE.fullmatch(path.name)
        if found and first <= found.group(1) <= last and _is_regular(path):
            yield path


def _is_regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def split_month_files(store: _Writer, first: str, last: str) -> None:
    for path in month_files(store.own_dir, first, last):
        with store._lock(path):
            docs = _read(store, path)
            if docs is None:  # gone (another process split it) or moved aside as corrupt
                continue
            month = MONTH_FILE.fullmatch(path.name).group(1)  # type: ignore[union-attr]
            by_day: dict[str, list[dict[str, Any]]] = {}
            for doc in docs:
                by_day.setdefault(_day_of(doc, month), []).append(doc)
            for day, day_docs in sorted(by_day.items()):
                store._write(store.own_dir / usage_file_name(day), "usage", _adder(day_docs))
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            store._forget(path)


def _read(store: _Writer, path: Path) -> list[dict[str, Any]] | None:
    try:
        data = AtomicJSONStorage(path, read_only=True).read()
    except CorruptFileError as error:
        store._quarantine(path, str(error))
        return None
    if data is None:
        return None
    return list(data.get(SPANS_TABLE, {}).values())


def _adder(docs: list[dict[str, Any]]) -> Callable[[TinyDB], None]:
    def add(db: TinyDB) -> None:
        table = db.table(SPANS_TABLE)
        stored = list(table)
        ids = {doc.get("id") for doc in stored if isinstance(doc.get("id"), str)}
        # Docs are copied as they are: one that never validated is still skipped (and reported)
        # on read, as before, rather than lost here.
        table.insert_multiple(
            doc
            for doc in docs
            if (doc.get("id") not in ids if isinstance(doc.get("id"), str) else doc not in stored)
        )

    return add


def _day_of(doc: dict[str, Any], month: str) -> str:
    """The UTC day the stored start names, or the month's first day when it names none in the
    month (such a doc was read with this month before, and still is)."""
    start = doc.get("start")
    if isinstance(start, str):
        try:
            instant = datetime.fromisoformat(start)
            if instant.tzinfo is None:
                instant = instant.replace(tzinfo=UTC)
            day = instant.astimezone(UTC).strftime("%Y-%m-%d")
        except (ValueError, OverflowError):
            day = ""
        if day.startswith(f"{month}-"):
            return day
    return f"{month}-01"
