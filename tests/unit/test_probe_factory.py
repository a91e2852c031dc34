"""Which probes the factory picks for a session, and what it tells `detox doctor` when none fit."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from detox.tracker.probes.factory import ProbeReport, detect_display_server, make_probes

SAMPLES = Path(__file__).parent / "probe_samples"


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, "linux", "x11"),
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", "wayland"),
        # An X client under XWayland sees both sockets; the session is still Wayland.
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", "wayland"),
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "linux", "wayland"),
        # startx from a text console leaves XDG_SESSION_TYPE=tty: the socket decides.
        ({"XDG_SESSION_TYPE": "tty", "DISPLAY": ":0"}, "linux", "x11"),
        ({"DISPLAY": ":1"}, "freebsd14", "x11"),
        ({"XDG_SESSION_TYPE": "tty"}, "linux", "none"),
        ({}, "linux", "none"),
        ({"DISPLAY": ":0"}, "win32", "windows"),
        ({}, "darwin", "macos"),
    ],
)
def test_detect_display_server(env: dict[str, str], platform: str, expected: str) -> None:
    assert detect_display_server(env, platform) == expected


def fake_program(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def focus_conclusion(reports: list[ProbeReport]) -> ProbeReport:
    [conclusion] = [r for r in reports if r.kind == "focus" and r.name is None]
    return conclusion


def test_sway_session_uses_swaymsg(tmp_path: Path) -> None:
    fake_program(tmp_path, "swaymsg", f'exec cat "{SAMPLES / "sway_tree_floating_nested.json"}"\n')
    env = {
        "PATH": f"{tmp_path}:/usr/bin:/bin",
        "XDG_SESSION_TYPE": "wayland",
        "WAYLAND_DISPLAY": "wayland-1",
        "XDG_CURRENT_DESKTOP": "sway",
        "SWAYSOCK": "/run/user/1000/sway-ipc.1000.1234.sock",
    }
    probes = make_probes(env, "linux")
    assert probes.display_server == "wayland"
    assert probes.focus is not None and probes.focus.name == "sway"
    window = probes.focus.focused()
    assert window is not None and window.app_name == "discord"
    assert probes.idle is None  # sway offers no idle query: unknown, and said so
    assert any(r.kind == "idle" and not r.ok and "unknown" in r.reason for r in probes.reports)


def test_hyprland_is_tried_after_a_failing_sway(tmp_path: Path) -> None:
    fake_program(tmp_path, "swaymsg", 'echo "Unable to connect to sway" >&2; exit 1\n')
    fake_program(tmp_path, "hyprctl", f'exec cat "{SAMPLES / "hyprctl_activewindow.json"}"\n')
    env = {
        "PATH": f"{tmp_path}:/usr/bin:/bin",
        "WAYLAND_DISPLAY": "wayland-1",
        "SWAYSOCK": "/tmp/stale.sock",
        "HYPRLAND_INSTANCE_SIGNATURE": "v0.41_1718000000_1234",
    }
    probes = make_probes(env, "linux")
    assert probes.focus is not None and probes.focus.name == "hyprland"
    [sway] = [r for r in probes.reports if r.name == "sway"]
    assert not sway.ok and "Unable to connect to sway" in sway.reason


def test_gnome_wayland_without_the_extension_is_process_only_and_says_what_to_install(
    tmp_path: Path,
) -> None:
    fake_program(
        tmp_path,
        "gdbus",
        'echo "Error: GDBus.Error:org.freedesktop.DBus.Error.UnknownMethod: No such interface '
        "'org.gnome.shell.extensions.FocusedWindow' on object at path "
        '/org/gnome/shell/extensions/FocusedWindow" >&2; exit 1\n',
    )
    env = {
        "PATH": f"{tmp_path}:/usr/bin:/bin",
        "XDG_SESSION_TYPE": "wayland",
        "WAYLAND_DISPLAY": "wayland-0",
        "XDG_CURRENT_DESKTOP": "ubuntu:GNOME",
    }
    probes = make_probes(env, "linux")
    assert probes.focus is None
    conclusion = focus_conclusion(probes.reports)
    assert "process-only" in conclusion.reason
    assert "Focused Window D-Bus" in conclusion.advice
    assert "Xorg" in conclusion.advice
    [tried] = [r for r in probes.reports if r.name == "gnome-focused-window-dbus"]
    assert "No such interface" in tried.reason


def test_gnome_wayland_with_the_extension_reads_focus_and_idle(tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    window_json = json.dumps({"title": "Telegram", "wm_class": "TelegramDesktop", "pid": 77})
    reply.write_text(f"('{window_json}',)\n", encoding="utf-8")
    fake_program(
        tmp_path,
        "gdbus",
        'case "$*" in\n'
        '  *GetIdletime*) echo "(uint64 1500,)" ;;\n'
        f'  *FocusedWindow.Get*) cat "{reply}" ;;\n'
        "esac\n",
    )
    env = {
        "PATH": f"{tmp_path}:/usr/bin:/bin",
        "WAYLAND_DISPLAY": "wayland-0",
        "XDG_CURRENT_DESKTOP": "GNOME",
    }
    probes = make_probes(env, "linux")
    assert probes.focus is not None and probes.idle is not None
    assert probes.idle.idle_seconds() == 1.5
    window = probes.focus.focused()
    assert window is not None and (window.app_name, window.pid) == ("TelegramDesktop", 77)


def test_other_wayland_compositor_is_process_only_with_advice() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "KDE", "PATH": "/usr/bin:/bin"}
    probes = make_probes(env, "linux")
    assert (probes.focus, probes.idle) == (None, None)
    assert "X11 session" in focus_conclusion(probes.reports).advice


def test_no_graphical_session() -> None:
    probes = make_probes({"PATH": "/usr/bin:/bin"}, "linux")
    assert probes.display_server == "none"
    assert probes.focus is None
    assert "DISPLAY" in focus_conclusion(probes.reports).advice


def test_x11_display_pointing_nowhere_says_why() -> None:
    display = ":917"
    assert not Path("/tmp/.X11-unix/X917").exists()
    probes = make_probes({"DISPLAY": display, "PATH": "/usr/bin:/bin"}, "linux")
    assert probes.display_server == "x11"
    assert probes.focus is None and probes.idle is None
    [tried] = [r for r in probes.reports if r.kind == "focus" and r.name == "x11"]
    assert not tried.ok and display in tried.reason
    assert "DISPLAY" in focus_conclusion(probes.reports).advice


def test_windows_and_macos_probes_are_chosen_by_platform() -> None:
    windows = make_probes({}, "win32")
    mac = make_probes({"PATH": "/usr/bin:/bin"}, "darwin")
    assert (windows.display_server, mac.display_server) == ("windows", "macos")
    if sys.platform not in ("win32", "darwin"):
        assert windows.focus is None and "only on Windows" in windows.reports[0].reason
        assert mac.focus is None and "only on macOS" in mac.reports[0].reason


def test_a_wayland_session_never_imports_xlib() -> None:
    code = (
        "import sys\n"
        "from detox.tracker.probes.factory import make_probes\n"
        "env = {'WAYLAND_DISPLAY': 'wayland-0', 'DISPLAY': ':0', 'PATH': '/nowhere'}\n"
        "make_probes(env, 'linux')\n"
        "assert 'Xlib' not in sys.modules, 'Xlib was imported'\n"
        "assert 'detox.tracker.probes.x11' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        check=False,
    )
    assert result.returncode == 0, result.stderr
