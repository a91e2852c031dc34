"""`notify-send` (libnotify), with a timeout and its exit code checked."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field

from detox.i18n import _
from detox.notify.dbus import session_bus_address
from detox.notify.delivery import Delivery, deliver_by_command, ready


@dataclass
class NotifySendBackend:
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    app_name: str = "detox"
    timeout: float = 3.0

    @property
    def name(self) -> str:
        return "notify-send"

    def _program(self) -> str | None:
        return shutil.which("notify-send", path=self.env.get("PATH"))

    def unavailable(self) -> str | None:
        if self._program() is None:
            return _("notify-send is not installed (package libnotify-bin or libnotify)")
        if session_bus_address(self.env) is None:
            return _("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        return None

    def check(self) -> Delivery:
        return ready(self)

    def send(self, title: str, message: str) -> Delivery:
        reason = self.unavailable()
        program = self._program()
        if reason is not None or program is None:
            return Delivery(self.name, False, reason or _("notify-send is not installed"))
        command = [program, f"--app-name={self.app_name}", "--", title, message]
        return deliver_by_command(self.name, command, self.env, self.timeout)
