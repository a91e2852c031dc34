"""The last resort: a terminal bell and a log line, so a reminder is never silently lost."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO

from detox.i18n import _
from detox.notify.delivery import Delivery


@dataclass
class TerminalBackend:
    stream: TextIO | None = None  # None: stderr at the time of sending (the tracker's log)

    @property
    def name(self) -> str:
        return "terminal"

    def unavailable(self) -> str | None:
        return None

    def check(self) -> Delivery:
        return Delivery(self.name, True, _("a bell and a line on stderr"))

    def send(self, title: str, message: str) -> Delivery:
        stream = self.stream if self.stream is not None else sys.stderr
        try:
            bell = "\a" if stream.isatty() else ""
            stream.write(f"{bell}detox: {title}: {message}\n")
            stream.flush()
        except (OSError, ValueError, AttributeError):  # closed or missing stderr (a service)
            return Delivery(self.name, False, _("not shown anywhere: no terminal and no log"))
        # Not ok: the user may well not be looking at that terminal or log.
        return Delivery(self.name, False, _("no desktop notification; wrote it to stderr"))
