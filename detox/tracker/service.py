"""Start the tracker at login without root: a systemd user unit, a launchd agent, or a Windows
Startup-folder entry. Each backend writes one file in the user's home and drives the user-level
service manager when it is reachable; when it is not, the file is still written and the message
says how to start the tracker.

Every backend runs the Python that installed it (`sys.executable -m detox track`), so a virtualenv
or pipx install keeps working, and passes DETOX_HOME through when it is set.
"""

from __future__ import annotations

import os
import plistlib
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import psutil

from detox.i18n import N_, _
from detox.programs import CommandFailed, CommandResult, find_program, run

UNIT_NAME = "detox-tracker.service"
LAUNCHD_LABEL = "org.detox.tracker"
STARTUP_FILE_NAME = "detox-tracker.cmd"
TRACK_ARGS = ("-m", "detox", "track")
MANAGER_TIMEOUT_S = 15.0
# The display variables a desktop normally exports to the user manager; a bare window manager
# started with startx does not, and the tracker would then start blind to windows.
SESSION_VARIABLES = (
    "DISPLAY",
    "XAUTHORITY",
    "WAYLAND_DISPLAY",
    "XDG_SESSION_TYPE",
    "XDG_CURRENT_DESKTOP",
    "SWAYSOCK",
    "HYPRLAND_INSTANCE_SIGNATURE",
)
HEADER = "Written by `detox service install`; `detox service uninstall` removes it."


@dataclass(frozen=True)
class ServiceStatus:
    installed: bool
    running: bool | None  # None: this machine cannot tell (no reachable service manager)
    path: Path
    detail: str


@dataclass(frozen=True)
class Installed:
    """What `install` did: `started` is False when the file is written but nothing runs yet."""

    message: str
    started: bool


class ServiceBackend(Protocol):
    name: str
    path: Path

    def unit_text(self) -> str: ...

    def install(self) -> Installed: ...

    def uninstall(self) -> str: ...

    def status(self) -> ServiceStatus: ...


def service_backend(
    platform: str | None = None, home: Path | None = None, env: Mapping[str, str] | None = None
) -> ServiceBackend:
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    env = dict(os.environ if env is None else env)
    if platform.startswith(("win32", "cygwin", "msys")):
        return StartupFolderBackend(home, env)
    if platform == "darwin":
        return LaunchdBackend(home, env)
    return SystemdUserBackend(home, env)


def _write_atomically(path: Path, text: str, newline: str = "\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8", newline=newline) as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


# --- Linux: systemd user unit --------------------------------------------------------------------


def systemd_quote(word: str) -> str:
    """One word of a unit file line; specifiers (%) and variable references ($) stay literal."""
    escaped = word.replace("%", "%%").replace("$", "$$")
    if not any(char in escaped for char in " \t\"'\\;"):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'


class SystemdUserBackend:
    name = "systemd"

    def __init__(self, home: Path, env: Mapping[str, str]) -> None:
        self._env = dict(env)
        configured = env.get("XDG_CONFIG_HOME", "")
        # The XDG spec says to ignore a relative XDG_CONFIG_HOME.
        config = Path(configured) if os.path.isabs(configured) else home / ".config"
        self.path = config / "systemd" / "user" / UNIT_NAME

    def unit_text(self) -> str:
        command = " ".join(systemd_quote(word) for word in (sys.executable, *TRACK_ARGS))
        lines = [
            f"# {HEADER}",
            "[Unit]",
            "Description=detox: local-only social-media use tracker",
            # Part of the desktop session: started with it, stopped when it ends.
            "After=graphical-session.target",
            "PartOf=graphical-session.target",
            "",
            "[Service]",
            "Type=simple",
            f"ExecStart={command}",
            "Restart=on-failure",
            "RestartSec=30",
            # Exit code 2 means "cannot run here" (another tracker holds the lock, bad config):
            # restarting would only repeat it.
            "RestartPreventExitStatus=2",
        ]
        detox_home = self._env.get("DETOX_HOME")
        if detox_home:
            lines.append(f"Environment={systemd_quote('DETOX_HOME=' + detox_home)}")
        lines += ["", "[Install]", "WantedBy=graphical-session.target", ""]
        return "\n".join(lines)

    def install(self) -> Installed:
        _write_atomically(self.path, self.unit_text())
        unreachable = self._manager_unreachable()
        if unreachable:
            return Installed(
                _("Wrote {path}, but did not start it: {reason}.").format(
                    path=self.path, reason=unreachable
                )
                + "\n"
                + self._manual_start_hint(),
                started=False,
            )
        self._systemctl("daemon-reload")
        present = [name for name in SESSION_VARIABLES if self._env.get(name)]
        if present:
            self._systemctl("import-environment", *present)
        enabled = self._systemctl("enable", "--now", UNIT_NAME)
        if enabled.returncode != 0:
            return Installed(
                _(
                    "Wrote {path}, but `systemctl --user enable --now {unit}` failed: {reason}.\n"
                    "See `journalctl --user -u {unit}`."
                ).format(path=self.path, unit=UNIT_NAME, reason=enabled.first_error_line),
                started=False,
            )
        message = _(
            "Installed {path}; the tracker is running and starts with your desktop."
        ).format(path=self.path)
        session = self._systemctl("is-active", "graphical-session.target")
        if session.stdout.strip() != "active":
            message += "\n" + _(
                "Your desktop does not start graphical-session.target, so the tracker will not "
                "start by itself at the next login: add\n"
                "  systemctl --user start {unit}\n"
                "to your session's autostart (for example ~/.xprofile or your window manager's "
                "startup file)."
            ).format(unit=UNIT_NAME)
        return Installed(message, started=True)

    def uninstall(self) -> str:
        if not self.path.exists():
            return _("The tracker service is not installed ({path} does not exist).").format(
                path=self.path
            )
        unreachable = self._manager_unreachable()
        stopped = ""
        if not unreachable:
            disabled = self._systemctl("disable", "--now", UNIT_NAME)
            if disabled.returncode != 0:
                stopped = " " + _("(`systemctl --user disable --now` said: {reason})").format(
                    reason=disabled.first_error_line
                )
        self.path.unlink()
        if unreachable:
            return _(
                "Removed {path}. {reason}, so a tracker started by it, if any, was not stopped."
            ).format(path=self.path, reason=f"{unreachable[0].upper()}{unreachable[1:]}")
        self._systemctl("daemon-reload")
        return _("Stopped the tracker and removed {path}{stopped}.").format(
            path=self.path, stopped=stopped
        )

    def status(self) -> ServiceStatus:
        installed = self.path.exists()
        unreachable = self._manager_unreachable()
        if unreachable:
            return ServiceStatus(installed, None, self.path, unreachable)
        active = self._systemctl("is-active", UNIT_NAME).stdout.strip() or "unknown"
        return ServiceStatus(
            installed,
            active == "active",
            self.path,
            _("systemd says: {state}").format(state=active),
        )

    def _manager_unreachable(self) -> str:
        """Why `systemctl --user` cannot be used here, or "" when it can."""
        if find_program("systemctl", self._env) is None:
            return _("systemctl is not installed")
        try:
            probe = run(["systemctl", "--user", "show-environment"], self._env, MANAGER_TIMEOUT_S)
        except CommandFailed as exc:
            return str(exc)
        if probe.returncode != 0:
            return _("the systemd user manager is not reachable ({reason})").format(
                reason=probe.first_error_line
            )
        return ""

    def _systemctl(self, *args: str) -> CommandResult:
        try:
            result = run(["systemctl", "--user", *args], self._env, MANAGER_TIMEOUT_S)
        except CommandFailed as exc:
            return CommandResult(1, "", str(exc))
        return CommandResult(result.returncode, result.stdout, result.stderr)

    def _manual_start_hint(self) -> str:
        return _(
            "Once you are logged in to a systemd user session, run:\n"
            "  systemctl --user daemon-reload\n"
            "  systemctl --user enable --now {unit}\n"
            "Or start the tracker from your desktop's autostart with:\n"
            "  {command}"
        ).format(unit=UNIT_NAME, command=f"{sys.executable} {' '.join(TRACK_ARGS)}")


# --- macOS: launchd agent ------------------------------------------------------------------------


class LaunchdBackend:
    name = "launchd"

    def __init__(self, home: Path, env: Mapping[str, str]) -> None:
        self._env = dict(env)
        self.path = home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
        self._log = home / "Library" / "Logs" / "detox-tracker.log"

    def unit_text(self) -> str:
        agent: dict[str, object] = {
            "Label": LAUNCHD_LABEL,
            "ProgramArguments": [sys.executable, *TRACK_ARGS],
            "RunAtLoad": True,
            # Restart after a crash, but not after a clean exit (e.g. another tracker runs).
            "KeepAlive": {"SuccessfulExit": False},
            "ProcessType": "Background",
            # An exit 2 (another tracker runs, bad config) is not worth retrying often.
            "ThrottleInterval": 60,
            "StandardOutPath": str(self._log),
            "StandardErrorPath": str(self._log),
        }
        detox_home = self._env.get("DETOX_HOME")
        if detox_home:
            agent["EnvironmentVariables"] = {"DETOX_HOME": detox_home}
        return plistlib.dumps(agent, sort_keys=False).decode("utf-8")

    def install(self) -> Installed:
        _write_atomically(self.path, self.unit_text())
        self._log.parent.mkdir(parents=True, exist_ok=True)
        if find_program("launchctl", self._env) is None:
            return Installed(
                _(
                    "Wrote {path}, but launchctl is not available here; on the Mac run:\n"
                    "  launchctl load -w {path}"
                ).format(path=self.path),
                started=False,
            )
        self._launchctl("unload", str(self.path))  # reload a changed agent; fails harmlessly if new
        loaded = self._launchctl("load", "-w", str(self.path))
        if loaded.returncode != 0:
            return Installed(
                _("Wrote {path}, but `launchctl load` failed: {reason}.").format(
                    path=self.path, reason=loaded.first_error_line
                ),
                started=False,
            )
        return Installed(_(_RUNNING_AT_LOGIN).format(path=self.path), started=True)

    def uninstall(self) -> str:
        if not self.path.exists():
            return _("The tracker agent is not installed ({path} does not exist).").format(
                path=self.path
            )
        note = ""
        if find_program("launchctl", self._env) is None:
            note = " " + _("launchctl is not available here, so a running tracker was not stopped.")
        else:
            self._launchctl("unload", "-w", str(self.path))
        self.path.unlink()
        return _("Removed {path}.").format(path=self.path) + note

    def status(self) -> ServiceStatus:
        installed = self.path.exists()
        if find_program("launchctl", self._env) is None:
            return ServiceStatus(installed, None, self.path, _("launchctl is not available"))
        listed = self._launchctl("list", LAUNCHD_LABEL)
        if listed.returncode != 0:
            return ServiceStatus(installed, False, self.path, _("launchd has not loaded the agent"))
        pid = launchctl_pid(listed.stdout)
        detail = _("running as pid {pid}").format(pid=pid) if pid else _("loaded, not running")
        return ServiceStatus(installed, pid is not None, self.path, detail)

    def _launchctl(self, *args: str) -> CommandResult:
        try:
            result = run(["launchctl", *args], self._env, MANAGER_TIMEOUT_S)
        except CommandFailed as exc:
            return CommandResult(1, "", str(exc))
        return CommandResult(result.returncode, result.stdout, result.stderr)


def launchctl_pid(listing: str) -> int | None:
    """The pid in `launchctl list <label>` output (`"PID" = 123;`), None when not running."""
    for line in listing.splitlines():
        key, _equals, value = line.strip().partition("=")
        if key.strip() == '"PID"':
            digits = value.strip().rstrip(";").strip()
            return int(digits) if digits.isdigit() else None
    return None


# --- Windows: Startup folder ---------------------------------------------------------------------


def windowless_python(executable: str) -> str:
    """pythonw.exe beside python.exe when there is one, so no console window stays open."""
    path = Path(executable)
    if path.name.lower() == "python.exe":
        candidate = path.with_name("pythonw.exe")
        if candidate.exists():
            return str(candidate)
    return executable


class StartupFolderBackend:
    """A .cmd file in the Startup folder: Windows runs it at every login.

    A .cmd rather than a .vbs because Microsoft is retiring VBScript; the console it opens
    closes at once, since `start` returns without waiting for pythonw.
    """

    name = "startup-folder"

    def __init__(self, home: Path, env: Mapping[str, str]) -> None:
        self._env = dict(env)
        appdata = Path(env["APPDATA"]) if env.get("APPDATA") else home / "AppData" / "Roaming"
        startup = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
        self.path = startup / STARTUP_FILE_NAME

    def unit_text(self) -> str:
        python = windowless_python(sys.executable).replace("%", "%%")
        lines = ["@echo off", f"rem {HEADER}"]
        detox_home = self._env.get("DETOX_HOME")
        if detox_home:
            lines.append(f'set "DETOX_HOME={detox_home.replace("%", "%%")}"')
        lines.append(f'start "" "{python}" {" ".join(TRACK_ARGS)}')
        return "\r\n".join(lines) + "\r\n"

    def install(self) -> Installed:
        _write_atomically(self.path, self.unit_text(), newline="")
        if sys.platform == "win32":
            os.startfile(self.path)  # start now rather than at the next login
            return Installed(_(_RUNNING_AT_LOGIN).format(path=self.path), started=True)
        return Installed(
            _("Wrote {path}; Windows runs it at the next login.").format(path=self.path),
            started=False,
        )

    def uninstall(self) -> str:
        if not self.path.exists():
            return _("The tracker is not in the Startup folder ({path} does not exist).").format(
                path=self.path
            )
        self.path.unlink()
        return _(
            "Removed {path}. A tracker already running keeps running until you log out "
            "(or end pythonw.exe in Task Manager)."
        ).format(path=self.path)

    def status(self) -> ServiceStatus:
        installed = self.path.exists()
        running = _tracker_process_running()
        detail = _("a tracker process is running") if running else _("no tracker process found")
        return ServiceStatus(installed, running, self.path, detail)


_RUNNING_AT_LOGIN = N_("Installed {path}; the tracker is running and starts at every login.")


def _tracker_process_running() -> bool:
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info.get("cmdline") or []
        if tuple(cmdline[-len(TRACK_ARGS) :]) == TRACK_ARGS and process.pid != os.getpid():
            return True
    return False
