"""`notify-send` (libnotify), with a timeout and its exit code checked."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field

from detox.notify.dbus import session_bus_address
from detox.notify.delivery import Delivery, ready


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
            return "notify-send is not installed (package libnotify-bin or libnotify)"
        if session_bus_address(self.env) is None:
            return "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
        return None

    def check(self) -> Delivery:
        return ready(self)

    def send(self, title: str, message: str) -> Delivery:
        reason = self.unavailable()
        program = self._program()
        if reason is not None or program is None:
            return Delivery(self.name, False, reason or "notify-send is not installed")
        command = [program, f"--app-name={self.app_name}", "--", title, message]
        try:
            done = subprocess.run(
                command,
                env=dict(self.env),
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            return Delivery(self.name, False, f"no answer within {self.timeout:g} s")
        except OSError as error:
            return Delivery(self.name, False, f"cannot run notify-send: {error}")
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            why = said[-1] if said else "no message"
            return Delivery(self.name, False, f"exit code {done.returncode}: {why}")
        return Delivery(self.name, True, "notify-send exited 0")
