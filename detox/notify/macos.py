"""macOS: `osascript` shows a notification; its exit code says whether it could."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field

from detox.notify.delivery import Delivery, deliver_by_command, ready

# Title and message travel as arguments, never inside the script text, so quotes in a reminder
# cannot change what AppleScript runs.
_SCRIPT = (
    "on run argv",
    "display notification (item 2 of argv) with title (item 1 of argv)",
    "end run",
)


@dataclass
class OsascriptBackend:
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    timeout: float = 5.0

    @property
    def name(self) -> str:
        return "osascript"

    def _program(self) -> str | None:
        return shutil.which("osascript", path=self.env.get("PATH"))

    def unavailable(self) -> str | None:
        return None if self._program() else "osascript is not on PATH"

    def check(self) -> Delivery:
        return ready(self)

    def send(self, title: str, message: str) -> Delivery:
        program = self._program()
        if program is None:
            return Delivery(self.name, False, "osascript is not on PATH")
        command = [program, *(arg for line in _SCRIPT for arg in ("-e", line)), title, message]
        return deliver_by_command(self.name, command, self.env, self.timeout)
