"""What the scheduler remembers between ticks and restarts: a small JSON file in the local state
folder (never synced; each device keeps its own), written atomically."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from detox.clock import as_utc
from detox.errors import CorruptFileError
from detox.fileio import atomic_write_bytes, read_regular_file
from detox.logs import log
from detox.paths import Paths, ensure_private_dir
from detox.reminders.schedule import Notice, SchedulerState

VERSION = 1


def state_path(paths: Paths) -> Path:
    return paths.state_dir / "reminders.json"


def load_state(
    path: Path, now: datetime, warn: Callable[[str], None] | None = None
) -> tuple[SchedulerState, bool]:
    """The stored state, or a fresh one starting now; the flag says whether it is fresh."""
    try:
        text = read_regular_file(path)  # a folder there failed, a FIFO hung, every remind command
        if text is not None:
            return _from_json(json.loads(text)), False
    except (
        CorruptFileError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        RecursionError,
    ) as error:
        (warn or log.warning)(f"{path} is unreadable ({error}); reminders start afresh from now")
    return SchedulerState(started=now), True


def save_state(path: Path, state: SchedulerState) -> None:
    ensure_private_dir(path.parent)
    data = json.dumps(_to_json(state), indent=1, ensure_ascii=False).encode("utf-8")
    atomic_write_bytes(path, data)


def _to_json(state: SchedulerState) -> dict[str, Any]:
    return {
        "version": VERSION,
        "started": state.started.isoformat(),
        "handled": {key: at.isoformat() for key, at in sorted(state.handled.items())},
        "snoozes_done": {rid: at.isoformat() for rid, at in sorted(state.snoozes_done.items())},
        "last": {
            rid: {
                "key": notice.key,
                "title": notice.title,
                "message": notice.message,
                "at": notice.at.isoformat(),
            }
            for rid, notice in sorted(state.last.items())
        },
        "last_reminder": state.last_reminder,
    }


def _from_json(raw: dict[str, Any]) -> SchedulerState:
    def instant(text: str) -> datetime:
        return as_utc(datetime.fromisoformat(text))

    last_reminder = raw.get("last_reminder")
    return SchedulerState(
        started=instant(raw["started"]),
        handled={str(key): instant(at) for key, at in raw.get("handled", {}).items()},
        snoozes_done={str(rid): instant(at) for rid, at in raw.get("snoozes_done", {}).items()},
        last={
            str(rid): Notice(
                str(item["key"]), str(item["title"]), str(item["message"]), instant(item["at"])
            )
            for rid, item in raw.get("last", {}).items()
        },
        last_reminder=str(last_reminder) if last_reminder else None,
    )
