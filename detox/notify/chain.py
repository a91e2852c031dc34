"""The notifier chain: try each backend in turn, keep what every attempt came to, never raise.

Linux & BSD  D-Bus (checked) -> notify-send (checked) -> plyer -> terminal
macOS        osascript (checked) -> plyer -> terminal
Windows      plyer (title 63, message 255 characters) -> terminal
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from detox.i18n import _
from detox.notify.dbus import DBusBackend
from detox.notify.delivery import Backend, Delivery
from detox.notify.macos import OsascriptBackend
from detox.notify.notify_send import NotifySendBackend
from detox.notify.plyer_backend import PlyerBackend
from detox.notify.terminal import TerminalBackend


@dataclass
class NotifierChain:
    backends: Sequence[Backend]
    last_resort: Backend = field(default_factory=TerminalBackend)

    def send(self, title: str, message: str) -> Delivery:
        """The delivery that worked, or the last resort's; failed attempts are in `tried`."""
        tried: list[Delivery] = []
        for backend in self.backends:
            attempt = _attempt(backend, title, message)
            if attempt.ok:
                return _with_tried(attempt, tried)
            tried.append(attempt)
        return _with_tried(_attempt(self.last_resort, title, message), tried)

    def check(self) -> list[Delivery]:
        """Each backend's readiness, found out without showing anything."""
        results: list[Delivery] = []
        for backend in self.backends:
            try:
                results.append(backend.check())
            except Exception as error:
                results.append(Delivery(_name(backend), False, f"{type(error).__name__}: {error}"))
        return results

    def detect(self) -> Delivery:
        """The backend a notification would go to now; the failed checks before it in `tried`."""
        checks = self.check()
        for index, result in enumerate(checks):
            if result.ok:
                return _with_tried(result, checks[:index])
        return _with_tried(self.last_resort.check(), checks)


def _attempt(backend: Backend, title: str, message: str) -> Delivery:
    try:
        reason = backend.unavailable()
        if reason is not None:
            return Delivery(_name(backend), False, reason)
        return backend.send(title, message)
    except Exception as error:  # a broken backend is one failed attempt, never the caller's crash
        return Delivery(_name(backend), False, f"{type(error).__name__}: {error}")


def _name(backend: Backend) -> str:
    try:
        return str(backend.name)
    except Exception:
        return type(backend).__name__


def _with_tried(result: Delivery, tried: Sequence[Delivery]) -> Delivery:
    flat = tuple(Delivery(d.backend, d.ok, d.detail) for d in tried)
    return Delivery(result.backend, result.ok, result.detail, flat)


def default_chain(
    platform: str = sys.platform, env: Mapping[str, str] | None = None
) -> NotifierChain:
    """The chain for this operating system."""
    environment = dict(os.environ) if env is None else dict(env)
    backends: list[Backend]
    if platform == "win32":
        backends = [PlyerBackend.for_windows()]
    elif platform == "darwin":
        backends = [OsascriptBackend(env=environment), PlyerBackend(platform=platform)]
    else:
        backends = [
            DBusBackend(env=environment),
            NotifySendBackend(env=environment),
            PlyerBackend(platform=platform),
        ]
    return NotifierChain(backends)


def describe_backend(chain: NotifierChain | None = None) -> dict[str, object]:
    """For `detox doctor`: which backend a notification would use, and advice when none works."""
    found = (chain or default_chain()).detect()
    report: dict[str, object] = {
        "backend": found.backend,
        "ok": found.ok,
        "reason": found.detail,
        "checked": [attempt.as_dict() for attempt in found.attempts],
    }
    if found.backend == TerminalBackend().name:
        by_reason: dict[str, list[str]] = {}
        for attempt in found.tried:
            by_reason.setdefault(attempt.detail, []).append(attempt.backend)
        failures = "; ".join(f"{', '.join(names)}: {why}" for why, names in by_reason.items())
        report["ok"] = False
        report["reason"] = _("no desktop notifications ({failures})").format(failures=failures)
        report["advice"] = _(
            "reminders can only ring the terminal bell: run detox in a desktop session with a "
            "notification server (your desktop's, or dunst), then try `detox remind test`"
        )
    return report
