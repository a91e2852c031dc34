"""plyer: the Windows backend (title and message cut to what it accepts) and the last fallback.

plyer cannot report failure: on Windows the balloon runs on a thread of its own, on Linux it
runs notify-send without reading its exit code. So a plyer delivery says "handed over", and any
exception it raises becomes a failed attempt. Its warnings are silenced (they would land in the
user's terminal or the tracker's log on every notification).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import warnings
from dataclasses import dataclass

from detox.i18n import _
from detox.notify.delivery import Delivery, ready, shorten

# Windows' balloon refuses a title over 64 or a message over 256 characters (with the final NUL).
WINDOWS_TITLE_LIMIT = 63
WINDOWS_MESSAGE_LIMIT = 255


@dataclass
class PlyerBackend:
    title_limit: int | None = None
    message_limit: int | None = None
    platform: str = sys.platform
    app_name: str = "detox"
    timeout_seconds: int = 10

    @classmethod
    def for_windows(cls) -> PlyerBackend:
        return cls(WINDOWS_TITLE_LIMIT, WINDOWS_MESSAGE_LIMIT, platform="win32")

    @property
    def name(self) -> str:
        return "plyer"

    def unavailable(self) -> str | None:
        if importlib.util.find_spec("plyer") is None:
            return _("plyer is not installed")
        if self.platform.startswith("linux") and importlib.util.find_spec("dbus") is None:
            # Without dbus-python plyer would only run notify-send again, this time unchecked.
            if shutil.which("notify-send"):
                return _("on Linux plyer would only repeat notify-send, without checking it")
            return _("plyer needs dbus-python or notify-send on Linux")
        return None

    def check(self) -> Delivery:
        return ready(self)

    def send(self, title: str, message: str) -> Delivery:
        reason = self.unavailable()
        if reason is not None:
            return Delivery(self.name, False, reason)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from plyer import notification

                notification.notify(
                    title=shorten(title, self.title_limit),
                    message=shorten(message, self.message_limit),
                    app_name=self.app_name,
                    timeout=self.timeout_seconds,
                )
        except Exception as error:  # plyer raises whatever its platform code raises
            return Delivery(self.name, False, f"{type(error).__name__}: {error}".rstrip(": "))
        return Delivery(self.name, True, _("handed to plyer (it cannot confirm delivery)"))
