"""Autostart files for each OS, written into a temporary home, and the Linux install round trip."""

from __future__ import annotations

import plistlib
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from detox.exitcodes import ExitCode
from detox.tracker.service import (
    LAUNCHD_LABEL,
    UNIT_NAME,
    launchctl_pid,
    service_backend,
    systemd_quote,
    windowless_python,
)


def fake_program(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def empty_bin(tmp_path: Path) -> Path:
    """A PATH with no service manager on it."""
    folder = tmp_path / "empty-bin"
    folder.mkdir()
    return folder


# --- systemd ------------------------------------------------------------------------------------


def test_systemd_unit_runs_this_python_in_the_users_config(tmp_path: Path) -> None:
    config = tmp_path / "xdg-config"
    backend = service_backend("linux", tmp_path / "home", {"XDG_CONFIG_HOME": str(config)})
    assert backend.path == config / "systemd" / "user" / UNIT_NAME
    text = backend.unit_text()
    assert f"ExecStart={sys.executable} -m detox track\n" in text
    assert "Restart=on-failure\n" in text
    assert "WantedBy=graphical-session.target" in text
    assert "DETOX_HOME" not in text


def test_systemd_unit_defaults_to_dot_config_and_passes_detox_home(tmp_path: Path) -> None:
    backend = service_backend("linux", tmp_path, {"DETOX_HOME": "/data/my detox"})
    assert backend.path == tmp_path / ".config" / "systemd" / "user" / UNIT_NAME
    assert 'Environment="DETOX_HOME=/data/my detox"\n' in backend.unit_text()


def test_systemd_quoting_keeps_specifiers_and_spaces_literal() -> None:
    assert systemd_quote("/usr/bin/python3") == "/usr/bin/python3"
    assert systemd_quote("/opt/My Apps/python") == '"/opt/My Apps/python"'
    assert systemd_quote("/home/a%b/$HOME") == "/home/a%%b/$$HOME"
    assert systemd_quote('C:\\odd"name') == '"C:\\\\odd\\"name"'


def test_linux_round_trip_without_systemctl(tmp_path: Path, empty_bin: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": str(empty_bin)}
    backend = service_backend("linux", tmp_path / "home", env)

    message = backend.install().message
    assert backend.path.read_text(encoding="utf-8") == backend.unit_text()
    assert "systemctl is not installed" in message
    assert f"systemctl --user enable --now {UNIT_NAME}" in message
    assert f"{sys.executable} -m detox track" in message

    status = backend.status()
    assert (status.installed, status.running, status.path) == (True, None, backend.path)
    assert "systemctl" in status.detail

    assert "Removed" in backend.uninstall()
    assert not backend.path.exists()
    assert backend.status().installed is False


def test_uninstall_when_not_installed_says_so(tmp_path: Path, empty_bin: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": str(empty_bin)}
    message = service_backend("linux", tmp_path, env).uninstall()
    assert message.startswith("The tracker service is not installed")
    assert str(tmp_path / "config") in message


def test_linux_round_trip_drives_systemctl(tmp_path: Path) -> None:
    """A stand-in systemctl (a real program on PATH) records what the backend asks of it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls.log"
    state = tmp_path / "enabled"
    fake_program(
        bin_dir,
        "systemctl",
        f'echo "$*" >> "{calls}"\n'
        'case "$*" in\n'
        f'  *"enable --now"*) touch "{state}" ;;\n'
        f'  *"disable --now"*) rm -f "{state}" ;;\n'
        f'  *"is-active {UNIT_NAME}"*) [ -e "{state}" ] && echo active || echo inactive ;;\n'
        '  *"is-active graphical-session.target"*) echo active ;;\n'
        "esac\n",
    )
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "DISPLAY": ":0",
    }
    backend = service_backend("linux", tmp_path / "home", env)

    message = backend.install().message
    assert "running" in message and "graphical-session.target" not in message
    assert backend.status().running is True
    log = calls.read_text(encoding="utf-8").splitlines()
    assert "--user daemon-reload" in log
    assert "--user import-environment DISPLAY" in log
    assert f"--user enable --now {UNIT_NAME}" in log

    assert "Stopped" in backend.uninstall()
    assert not backend.path.exists()
    assert f"--user disable --now {UNIT_NAME}" in calls.read_text(encoding="utf-8")
    assert backend.status().running is False


def test_linux_install_warns_when_the_desktop_never_starts_the_session_target(
    tmp_path: Path,
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_program(bin_dir, "systemctl", 'case "$*" in *is-active*) echo inactive ;; esac\n')
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": f"{bin_dir}:/usr/bin:/bin"}
    message = service_backend("linux", tmp_path, env).install().message
    assert f"systemctl --user start {UNIT_NAME}" in message


def test_linux_install_explains_an_unreachable_user_manager(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_program(
        bin_dir, "systemctl", 'echo "Failed to connect to bus: No medium found" >&2\nexit 1\n'
    )
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": f"{bin_dir}:/usr/bin:/bin"}
    backend = service_backend("linux", tmp_path, env)
    message = backend.install().message
    assert backend.path.exists()
    assert "Failed to connect to bus" in message
    assert "enable --now" in message


# --- launchd ------------------------------------------------------------------------------------


def test_launchd_agent_is_a_valid_plist_in_the_users_library(tmp_path: Path) -> None:
    backend = service_backend("darwin", tmp_path, {"DETOX_HOME": "/Users/me/detox"})
    assert backend.path == tmp_path / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
    agent = plistlib.loads(backend.unit_text().encode("utf-8"))
    assert agent["Label"] == LAUNCHD_LABEL
    assert agent["ProgramArguments"] == [sys.executable, "-m", "detox", "track"]
    assert agent["RunAtLoad"] is True
    assert agent["KeepAlive"] == {"SuccessfulExit": False}
    assert agent["EnvironmentVariables"] == {"DETOX_HOME": "/Users/me/detox"}
    assert Path(agent["StandardErrorPath"]).is_relative_to(tmp_path)


def test_launchd_round_trip_without_launchctl(tmp_path: Path, empty_bin: Path) -> None:
    backend = service_backend("darwin", tmp_path, {"PATH": str(empty_bin)})
    message = backend.install().message
    assert "EnvironmentVariables" not in backend.path.read_text(encoding="utf-8")
    assert f"launchctl load -w {backend.path}" in message
    assert backend.status().installed is True
    assert "Removed" in backend.uninstall()
    assert "not installed" in backend.uninstall()


def test_launchctl_list_pid() -> None:
    running = (
        "{\n"
        '\t"LimitLoadToSessionType" = "Aqua";\n'
        '\t"Label" = "org.detox.tracker";\n'
        '\t"OnDemand" = false;\n'
        '\t"LastExitStatus" = 0;\n'
        '\t"PID" = 4242;\n'
        '\t"ProgramArguments" = (\n\t\t"/usr/local/bin/python3";\n\t\t"-m";\n\t);\n'
        "};\n"
    )
    assert launchctl_pid(running) == 4242
    assert launchctl_pid(running.replace('\t"PID" = 4242;\n', "")) is None


# --- Windows ------------------------------------------------------------------------------------


def test_windows_startup_entry(tmp_path: Path) -> None:
    appdata = tmp_path / "AppData" / "Roaming"
    backend = service_backend(
        "win32", tmp_path, {"APPDATA": str(appdata), "DETOX_HOME": "D:\\100%"}
    )
    startup = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
    assert backend.path == startup / "detox-tracker.cmd"
    text = backend.unit_text()
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert f'start "" "{sys.executable}" -m detox track\r\n' in text
    assert 'set "DETOX_HOME=D:\\100%%"\r\n' in text


def test_windows_round_trip(tmp_path: Path) -> None:
    backend = service_backend("win32", tmp_path, {})
    assert backend.path.is_relative_to(tmp_path / "AppData" / "Roaming")
    backend.install()
    assert backend.path.read_bytes() == backend.unit_text().encode("utf-8")
    assert backend.status().installed is True
    assert "Removed" in backend.uninstall()
    assert "not in the Startup folder" in backend.uninstall()


def test_windows_prefers_the_console_free_python(tmp_path: Path) -> None:
    python = tmp_path / "python.exe"
    python.touch()
    assert windowless_python(str(python)) == str(python)
    (tmp_path / "pythonw.exe").touch()
    assert windowless_python(str(python)) == str(tmp_path / "pythonw.exe")


# --- everywhere ---------------------------------------------------------------------------------


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_every_backend_writes_only_inside_the_home(tmp_path: Path, platform: str) -> None:
    home = tmp_path / "home"
    backend = service_backend(platform, home, {"PATH": str(tmp_path / "nothing")})
    backend.install()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(p.is_relative_to(home) for p in written)


# --- `detox service install` as a command: its exit status -----------------------------------


def run_service_install(tmp_path: Path, path: str) -> subprocess.CompletedProcess[str]:
    detox = Path(sys.executable).parent / "detox"
    env = {
        "DETOX_HOME": str(tmp_path / "detox-home"),
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PATH": path,
    }
    return subprocess.run(
        [str(detox), "service", "install"], env=env, capture_output=True, text=True, check=False
    )


def test_service_install_that_could_not_start_exits_4_saying_so(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_program(
        bin_dir, "systemctl", 'echo "Failed to connect to bus: No medium found" >&2\nexit 1\n'
    )
    result = run_service_install(tmp_path, f"{bin_dir}:/usr/bin:/bin")
    assert result.returncode == ExitCode.SERVICE_NOT_STARTED
    assert int(ExitCode.SERVICE_NOT_STARTED) == 4
    unit = tmp_path / "config" / "systemd" / "user" / UNIT_NAME
    assert result.stderr.startswith(f"Wrote {unit}, but did not start it")
    assert "Failed to connect to bus" in result.stderr
    assert result.stdout == ""


def test_service_install_that_started_exits_0(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_program(bin_dir, "systemctl", 'case "$*" in *is-active*) echo active ;; esac\n')
    result = run_service_install(tmp_path, f"{bin_dir}:/usr/bin:/bin")
    assert result.returncode == 0, result.stderr
    assert "the tracker is running" in result.stdout
