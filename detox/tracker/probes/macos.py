"""macOS probes through the system's own tools, so no PyObjC is needed.

- focus: `osascript` asks System Events for the frontmost application process (name, pid) and,
  when the Accessibility permission allows, the title of its front window;
- idle: `ioreg -c IOHIDSystem` reports HIDIdleTime, nanoseconds since the last input.

Two permissions matter. Automation ("allow … to control System Events") is needed for anything;
without it the probe is unavailable. Accessibility is needed only for window titles; without it
the probe still names the app, titles are "" and `limitation` says why (for `detox doctor`).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from detox.i18n import N_, _
from detox.programs import CommandFailed, run, run_ok
from detox.tracker.probes.base import FocusedWindow, ProbeUnavailable

QUERY_TIMEOUT_S = 3.0
# The first call may wait on a permission prompt; give it longer before calling the probe broken.
FIRST_QUERY_TIMEOUT_S = 10.0

# English, marked for the catalogs; the probe factory's reports carry them translated.
ACCESSIBILITY_ADVICE = N_(
    "To include window titles (needed to tell which website a browser shows), allow your "
    "terminal or Python under System Settings → Privacy & Security → Accessibility."
)
AUTOMATION_ADVICE = N_(
    "Allow your terminal or Python to control System Events under System Settings → "
    "Privacy & Security → Automation, then restart the tracker."
)

# One line per -e argument. The title comes last so that a tab or newline inside it survives.
FRONTMOST_SCRIPT = (
    'tell application "System Events"',
    "set frontProc to first application process whose frontmost is true",
    "set header to (name of frontProc) & tab & (unix id of frontProc) & tab",
    "try",
    "set winTitle to name of front window of frontProc",
    'if winTitle is missing value then set winTitle to ""',
    'return header & "ok" & tab & winTitle',
    "on error errMsg number errNum",
    'return header & "error" & tab & errNum & " " & errMsg',
    "end try",
    "end tell",
)

_PERMISSION_CODES = {"-25211", "-1743"}
_PERMISSION_WORDS = ("assistive access", "not authorized", "not allowed")
_HID_IDLE = re.compile(r'"HIDIdleTime"\s*=\s*(\d+)')


@dataclass(frozen=True)
class Frontmost:
    """What the osascript query told: the app always, the title only if macOS allowed it."""

    app_name: str
    pid: int | None
    title: str
    title_error: str = ""  # why the title is missing, when that is a permission problem


def is_permission_error(message: str) -> bool:
    lowered = message.lower()
    return any(code in message for code in _PERMISSION_CODES) or any(
        word in lowered for word in _PERMISSION_WORDS
    )


def parse_frontmost_output(text: str) -> Frontmost:
    """Parse FRONTMOST_SCRIPT's answer: `app<TAB>pid<TAB>ok<TAB>title` or `…<TAB>error<TAB>why`."""
    if text.endswith("\n"):  # osascript adds one newline; anything else belongs to the title
        text = text[:-1]
    parts = text.split("\t", 3)
    if len(parts) < 3:
        raise ValueError("unexpected osascript output")
    app_name, pid_text, status = parts[0], parts[1].strip(), parts[2]
    detail = parts[3] if len(parts) == 4 else ""
    pid = int(pid_text) if pid_text.isdigit() and int(pid_text) > 0 else None
    if status == "ok":
        return Frontmost(app_name=app_name, pid=pid, title=detail)
    if status != "error":
        raise ValueError("unexpected osascript status")
    # An app with no window (Finder on an empty desktop) is a plain "Invalid index": no title,
    # nothing to fix. Only a refused permission is worth reporting.
    title_error = detail.strip() if is_permission_error(detail) else ""
    return Frontmost(app_name=app_name, pid=pid, title="", title_error=title_error)


def parse_hid_idle_seconds(ioreg_output: str) -> float | None:
    """Seconds since the last input from `ioreg -c IOHIDSystem`; None when the key is absent."""
    match = _HID_IDLE.search(ioreg_output)
    if match is None:
        return None
    return int(match.group(1)) / 1_000_000_000


def _require_macos(what: str) -> None:
    if sys.platform != "darwin":
        raise ProbeUnavailable(f"the {what} probe works only on macOS (this is {sys.platform})")


class MacFocusProbe:
    name = "macos-osascript"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        _require_macos("macOS focus")
        self._env = dict(os.environ if env is None else env)
        self.limitation = ""
        try:
            self._query(FIRST_QUERY_TIMEOUT_S)
        except CommandFailed as exc:
            message = str(exc)
            if is_permission_error(message):
                raise ProbeUnavailable(f"{message}. {_(AUTOMATION_ADVICE)}") from exc
            raise ProbeUnavailable(message) from exc
        except ValueError as exc:
            raise ProbeUnavailable(f"osascript answered in an unexpected way: {exc}") from exc

    def focused(self) -> FocusedWindow | None:
        try:
            front = self._query(QUERY_TIMEOUT_S)
        except (CommandFailed, ValueError):
            return None
        return FocusedWindow(title=front.title, pid=front.pid, app_name=front.app_name)

    def _query(self, timeout: float) -> Frontmost:
        argv = ["osascript"]
        for line in FRONTMOST_SCRIPT:
            argv += ["-e", line]
        front = parse_frontmost_output(run_ok(argv, self._env, timeout))
        # Kept up to date: the user may grant (or revoke) Accessibility while we run.
        if front.title_error:
            self.limitation = f"window titles unavailable: {front.title_error}"
        elif front.title:
            self.limitation = ""
        return front

    def close(self) -> None:
        pass


class MacIdleProbe:
    name = "macos-ioreg"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        _require_macos("macOS idle")
        self._env = dict(os.environ if env is None else env)
        try:
            seconds = self._query()
        except CommandFailed as exc:
            raise ProbeUnavailable(str(exc)) from exc
        if seconds is None:
            raise ProbeUnavailable("ioreg reported no HIDIdleTime for IOHIDSystem")

    def idle_seconds(self) -> float | None:
        try:
            return self._query()
        except CommandFailed:
            return None

    def _query(self) -> float | None:
        result = run(["ioreg", "-c", "IOHIDSystem"], self._env, QUERY_TIMEOUT_S)
        if result.returncode != 0:
            raise CommandFailed(f"ioreg failed: {result.first_error_line}")
        return parse_hid_idle_seconds(result.stdout)

    def close(self) -> None:
        pass
