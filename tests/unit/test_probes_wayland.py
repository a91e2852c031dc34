"""Wayland focus and idle: parsing recorded compositor output; the probes around real programs."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from detox.tracker.probes.base import FocusedWindow, ProbeUnavailable
from detox.tracker.probes.wayland import (
    GnomeExtensionFocusProbe,
    HyprlandFocusProbe,
    MutterIdleProbe,
    SwayFocusProbe,
    focused_window_from_gnome_extension,
    focused_window_from_hyprctl,
    focused_window_from_sway_tree,
    parse_gdbus_uint64,
    parse_gvariant_string_tuple,
)
from tests.conftest import need_program

SAMPLES = Path(__file__).parent / "probe_samples"

# Replies printed by GLib's own g_variant_print (generated with PyGObject), so the quoting
# is GLib's, not our guess at it.
GNOME_FIREFOX_REPLY = (
    '(\'{"title":"Inbox (3) - Gmail — Mozilla Firefox","wm_class":"firefox",'
    '"wm_class_instance":"Navigator","pid":3110,"id":2274918781,"width":1920,"height":1048,'
    '"x":0,"y":32,"focus":true,"in_current_workspace":true,"moveable":true,"resizeable":true,'
    '"canclose":true,"canmaximize":true,"maximized":3,"canminimize":true,"display":{},'
    '"frame_type":0,"window_type":0,"layer":2,"monitor":0,"role":"browser","area":{},'
    '"area_all":{},"area_cust":{}}\',)\n'
)
GNOME_TRICKY_TITLE_REPLY = (
    r'("{\"title\": \"Bob\'s chat — \\\"hi\\\"\\nline2\\ttab \\u0001\", '
    r"\"wm_class\": \"org.telegram.desktop\", \"wm_class_instance\": \"telegram-desktop\", "
    r'\"pid\": 4242, \"id\": 2274918779, \"focus\": true}",)'
    "\n"
)


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


# --- sway ---------------------------------------------------------------------------------------


def test_sway_finds_an_xwayland_window_inside_a_floating_split() -> None:
    tree = json.loads(sample("sway_tree_floating_nested.json"))
    assert focused_window_from_sway_tree(tree) == FocusedWindow(
        title="#general | Friends - Discord", pid=2777, app_name="discord"
    )


def test_sway_prefers_the_wayland_app_id() -> None:
    tree = json.loads(sample("sway_tree_floating_nested.json"))
    tree["nodes"][1]["nodes"][1]["floating_nodes"][0]["nodes"][0]["focused"] = False
    tree["nodes"][1]["nodes"][0]["nodes"][0]["nodes"][1]["focused"] = True
    assert focused_window_from_sway_tree(tree) == FocusedWindow(
        title="Inbox (3) - Gmail — Mozilla Firefox", pid=2455, app_name="firefox"
    )


def test_sway_empty_workspace_focused_means_no_window() -> None:
    tree = json.loads(sample("sway_tree_empty_workspace.json"))
    assert focused_window_from_sway_tree(tree) is None


def test_sway_focused_split_container_names_no_single_window() -> None:
    tree = json.loads(sample("sway_tree_floating_nested.json"))
    tree["nodes"][1]["nodes"][1]["floating_nodes"][0]["nodes"][0]["focused"] = False
    tree["nodes"][1]["nodes"][1]["floating_nodes"][0]["focused"] = True
    assert focused_window_from_sway_tree(tree) is None


def test_sway_window_without_title_still_counts() -> None:
    tree = {
        "type": "root",
        "nodes": [{"type": "con", "focused": True, "name": None, "app_id": "signal", "pid": 9}],
    }
    assert focused_window_from_sway_tree(tree) == FocusedWindow(title="", pid=9, app_name="signal")


# --- Hyprland -----------------------------------------------------------------------------------


def test_hyprland_active_window() -> None:
    assert focused_window_from_hyprctl(sample("hyprctl_activewindow.json")) == FocusedWindow(
        title="Telegram (3)", pid=23871, app_name="org.telegram.desktop"
    )


@pytest.mark.parametrize("reply", ["{}", "{}\n", "Invalid\n", ""])
def test_hyprland_no_active_window(reply: str) -> None:
    assert focused_window_from_hyprctl(reply) is None


def test_hyprland_garbage_is_an_error_not_a_window() -> None:
    with pytest.raises(ValueError):
        focused_window_from_hyprctl("hyprctl: could not connect to the socket")


# --- GNOME extension and Mutter -----------------------------------------------------------------


def test_gnome_extension_reply() -> None:
    assert focused_window_from_gnome_extension(GNOME_FIREFOX_REPLY) == FocusedWindow(
        title="Inbox (3) - Gmail — Mozilla Firefox", pid=3110, app_name="firefox"
    )


def test_gnome_extension_title_with_quotes_newline_and_control_characters() -> None:
    window = focused_window_from_gnome_extension(GNOME_TRICKY_TITLE_REPLY)
    assert window is not None
    assert window.title == 'Bob\'s chat — "hi"\nline2\ttab \u0001'
    assert (window.pid, window.app_name) == (4242, "org.telegram.desktop")


def test_gnome_extension_nothing_focused() -> None:
    assert focused_window_from_gnome_extension("('{}',)\n") is None


def test_gvariant_unicode_escapes() -> None:
    assert parse_gvariant_string_tuple("('😀 emoji \\u200b zw \\U0001f600',)") == (
        "😀 emoji \u200b zw \U0001f600"
    )


@pytest.mark.parametrize("reply", ["(uint64 5,)", "'x'", "('unterminated,)", "('a'b',)"])
def test_gvariant_rejects_what_is_not_one_string(reply: str) -> None:
    with pytest.raises(ValueError):
        parse_gvariant_string_tuple(reply)


def test_mutter_idle_reply() -> None:
    assert parse_gdbus_uint64("(uint64 4012,)\n") == 4012
    with pytest.raises(ValueError):
        parse_gdbus_uint64("('4012',)")


# --- the probes around real programs ------------------------------------------------------------


def fake_program(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    return folder


def path_with(folder: Path) -> str:
    return f"{folder}:/usr/bin:/bin"


def test_sway_probe_reads_the_tree_from_swaymsg(bin_dir: Path) -> None:
    fake_program(bin_dir, "swaymsg", f'exec cat "{SAMPLES / "sway_tree_floating_nested.json"}"\n')
    probe = SwayFocusProbe({"PATH": path_with(bin_dir), "SWAYSOCK": "/run/user/1000/sway.sock"})
    window = probe.focused()
    assert window is not None and window.app_name == "discord"


def test_sway_probe_unavailable_without_swaymsg(bin_dir: Path) -> None:
    with pytest.raises(ProbeUnavailable, match="swaymsg is not installed"):
        SwayFocusProbe({"PATH": str(bin_dir), "SWAYSOCK": "/run/user/1000/sway.sock"})


def test_sway_probe_answers_none_when_sway_goes_away_later(bin_dir: Path) -> None:
    flag = bin_dir / "sway-running"
    flag.touch()
    fake_program(
        bin_dir,
        "swaymsg",
        f'[ -e "{flag}" ] || {{ echo "Unable to connect to sway" >&2; exit 1; }}\n'
        f'exec cat "{SAMPLES / "sway_tree_floating_nested.json"}"\n',
    )
    probe = SwayFocusProbe({"PATH": path_with(bin_dir), "SWAYSOCK": "/run/user/1000/sway.sock"})
    flag.unlink()
    assert probe.focused() is None


def test_hyprland_probe_reports_a_failing_hyprctl(bin_dir: Path) -> None:
    fake_program(bin_dir, "hyprctl", 'echo "HYPRLAND_INSTANCE_SIGNATURE invalid" >&2; exit 1\n')
    env = {"PATH": path_with(bin_dir), "HYPRLAND_INSTANCE_SIGNATURE": "abc"}
    with pytest.raises(ProbeUnavailable, match="HYPRLAND_INSTANCE_SIGNATURE invalid"):
        HyprlandFocusProbe(env)


def test_hyprland_probe_needs_its_session() -> None:
    with pytest.raises(ProbeUnavailable, match="not a Hyprland session"):
        HyprlandFocusProbe({"PATH": "/usr/bin:/bin"})


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[str]:
    """A private, real D-Bus session bus with nothing on it (no GNOME Shell)."""
    need_program("dbus-daemon", "gdbus")
    config = tmp_path / "session.conf"
    config.write_text(
        "<!DOCTYPE busconfig PUBLIC '-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN'"
        " 'http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd'>\n"
        f"<busconfig><type>session</type><listen>unix:dir={tmp_path}</listen>"
        "<policy context='default'><allow send_destination='*' eavesdrop='true'/>"
        "<allow eavesdrop='true'/><allow own='*'/></policy></busconfig>\n",
        encoding="utf-8",
    )
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def test_gnome_probes_explain_a_bus_without_the_extension(session_bus: str) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DBUS_SESSION_BUS_ADDRESS": session_bus}
    with pytest.raises(ProbeUnavailable, match=r"Focused Window D-Bus.*org\.gnome\.Shell"):
        GnomeExtensionFocusProbe(env)
    with pytest.raises(ProbeUnavailable, match="IdleMonitor"):
        MutterIdleProbe(env)


def test_gnome_probes_read_gdbus_replies(bin_dir: Path) -> None:
    reply_file = bin_dir.parent / "reply.txt"
    reply_file.write_text(GNOME_FIREFOX_REPLY, encoding="utf-8")
    fake_program(
        bin_dir,
        "gdbus",
        'case "$*" in\n'
        '  *org.gnome.Mutter.IdleMonitor.GetIdletime*) echo "(uint64 65000,)" ;;\n'
        '  *org.gnome.shell.extensions.FocusedWindow.Get*) cat "' + str(reply_file) + '" ;;\n'
        '  *) echo "Error: unexpected call" >&2; exit 1 ;;\n'
        "esac\n",
    )
    env = {"PATH": path_with(bin_dir)}
    focus = GnomeExtensionFocusProbe(env)
    window = focus.focused()
    assert window is not None and window.app_name == "firefox"
    assert MutterIdleProbe(env).idle_seconds() == 65.0
