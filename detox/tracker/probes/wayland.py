"""Wayland probes. Wayland deliberately hides other clients' windows, so each compositor needs
its own door, and some have none:

- sway: `swaymsg -t get_tree` (JSON tree; the focused leaf has `focused: true`);
- Hyprland: `hyprctl activewindow -j`;
- GNOME: only through the "Focused Window D-Bus" Shell extension
  (https://extensions.gnome.org/extension/5592/focused-window-dbus/, uuid
  focused-window-dbus@flexagoon.com). Its interface, as published in its extension.js:
  object /org/gnome/shell/extensions/FocusedWindow, interface
  org.gnome.shell.extensions.FocusedWindow, method Get() -> s, a JSON object with title,
  wm_class, wm_class_instance, pid, … or "{}" when nothing has focus;
- idle: GNOME's Mutter IdleMonitor (GetIdletime -> t, milliseconds). Elsewhere idle is unknown.

Parsing lives in pure functions (tested with recorded output); the probe classes only run the
programs. A probe that cannot answer at construction raises ProbeUnavailable; later failures
(compositor restarting, a window closing mid-query) make a single query answer None.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from typing import Any

from detox.programs import CommandFailed, run_ok
from detox.tracker.probes.base import FocusedWindow, ProbeUnavailable

QUERY_TIMEOUT_S = 1.5

GNOME_EXTENSION_CALL = (
    "gdbus", "call", "--session",
    "--dest", "org.gnome.Shell",
    "--object-path", "/org/gnome/shell/extensions/FocusedWindow",
    "--method", "org.gnome.shell.extensions.FocusedWindow.Get",
)  # fmt: skip
MUTTER_IDLE_CALL = (
    "gdbus", "call", "--session",
    "--dest", "org.gnome.Mutter.IdleMonitor",
    "--object-path", "/org/gnome/Mutter/IdleMonitor/Core",
    "--method", "org.gnome.Mutter.IdleMonitor.GetIdletime",
)  # fmt: skip

_SWAY_WINDOW_TYPES = {"con", "floating_con"}
_GDBUS_UINT64 = re.compile(r"^\(uint64 (\d+),\)$")
_GVARIANT_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


# --- parsing (pure) -----------------------------------------------------------------------------


def _positive_pid(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _walk_sway(node: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield node
    for key in ("nodes", "floating_nodes"):
        for child in node.get(key) or ():
            if isinstance(child, Mapping):
                yield from _walk_sway(child)


def focused_window_from_sway_tree(tree: Mapping[str, Any]) -> FocusedWindow | None:
    """The focused window in a `swaymsg -t get_tree` tree, or None (empty workspace focused)."""
    for node in _walk_sway(tree):
        if node.get("focused") is not True:
            continue
        # A focused workspace or output means no window has focus; a focused split container
        # (after "focus parent") holds several windows: neither names one app.
        if node.get("type") not in _SWAY_WINDOW_TYPES or node.get("nodes"):
            return None
        properties = node.get("window_properties")
        x11_class = properties.get("class") if isinstance(properties, Mapping) else None
        name = node.get("name")
        return FocusedWindow(
            title=name if isinstance(name, str) else "",
            pid=_positive_pid(node.get("pid")),
            app_name=_text_or_none(node.get("app_id")) or _text_or_none(x11_class),
        )
    return None


def focused_window_from_hyprctl(text: str) -> FocusedWindow | None:
    """Parse `hyprctl activewindow -j`: "{}" (or "Invalid" on old releases) means no window."""
    stripped = text.strip()
    if stripped in ("", "Invalid"):
        return None
    data = json.loads(stripped)
    if not isinstance(data, Mapping):
        raise ValueError("hyprctl answered with something other than a JSON object")
    if not data or not data.get("address"):
        return None
    title = data.get("title")
    return FocusedWindow(
        title=title if isinstance(title, str) else "",
        pid=_positive_pid(data.get("pid")),
        app_name=_text_or_none(data.get("class")) or _text_or_none(data.get("initialClass")),
    )


def parse_gvariant_string_tuple(text: str) -> str:
    """The string inside gdbus's printed reply `('…',)`: GVariant text format, one `s` value.

    GLib quotes with ' unless the string contains one, then with "; it backslash-escapes the quote
    and backslash, and writes unprintable characters as \\n, \\t, \\uXXXX or \\UXXXXXXXX.
    """
    stripped = text.strip()
    if not (stripped.startswith("(") and stripped.endswith(",)")) or len(stripped) < 5:
        raise ValueError("not a one-string GVariant tuple")
    body = stripped[1:-2]
    quote = body[0]
    if quote not in "'\"" or body[-1] != quote:
        raise ValueError("not a one-string GVariant tuple")
    inner = body[1:-1]
    out: list[str] = []
    index = 0
    while index < len(inner):
        char = inner[index]
        if char == quote:
            raise ValueError("unescaped quote inside a GVariant string")
        if char != "\\":
            out.append(char)
            index += 1
            continue
        if index + 1 >= len(inner):
            raise ValueError("dangling backslash in a GVariant string")
        code = inner[index + 1]
        if code in "uU":
            width = 4 if code == "u" else 8
            digits = inner[index + 2 : index + 2 + width]
            if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise ValueError("bad unicode escape in a GVariant string")
            out.append(chr(int(digits, 16)))
            index += 2 + width
            continue
        out.append(_GVARIANT_ESCAPES.get(code, code))
        index += 2
    return "".join(out)


def focused_window_from_gnome_extension(reply: str) -> FocusedWindow | None:
    """Parse the extension's gdbus reply; its JSON is "{}" when no window has focus."""
    data = json.loads(parse_gvariant_string_tuple(reply))
    if not isinstance(data, Mapping):
        raise ValueError("the extension answered with something other than a JSON object")
    if not data:
        return None
    title = data.get("title")
    app_name = _text_or_none(data.get("wm_class")) or _text_or_none(data.get("wm_class_instance"))
    return FocusedWindow(
        title=title if isinstance(title, str) else "",
        pid=_positive_pid(data.get("pid")),
        app_name=app_name,
    )


def parse_gdbus_uint64(reply: str) -> int:
    """The number in gdbus's printed reply `(uint64 1234,)`."""
    match = _GDBUS_UINT64.match(reply.strip())
    if match is None:
        raise ValueError("not a one-uint64 GVariant tuple")
    return int(match.group(1))


# --- probes -------------------------------------------------------------------------------------


def _environment(env: Mapping[str, str] | None) -> dict[str, str]:
    return dict(os.environ if env is None else env)


class SwayFocusProbe:
    name = "sway"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = _environment(env)
        if not self._env.get("SWAYSOCK"):
            raise ProbeUnavailable("SWAYSOCK is not set: this is not a sway session")
        try:
            self._query()
        except CommandFailed as exc:
            raise ProbeUnavailable(str(exc)) from exc
        except ValueError as exc:
            raise ProbeUnavailable(f"swaymsg answered in an unexpected way: {exc}") from exc

    def focused(self) -> FocusedWindow | None:
        try:
            return self._query()
        except (CommandFailed, ValueError):
            return None

    def _query(self) -> FocusedWindow | None:
        tree = json.loads(run_ok(["swaymsg", "-t", "get_tree"], self._env, QUERY_TIMEOUT_S))
        if not isinstance(tree, Mapping):
            raise ValueError("the tree is not a JSON object")
        return focused_window_from_sway_tree(tree)

    def close(self) -> None:
        pass


class HyprlandFocusProbe:
    name = "hyprland"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = _environment(env)
        if not self._env.get("HYPRLAND_INSTANCE_SIGNATURE"):
            raise ProbeUnavailable(
                "HYPRLAND_INSTANCE_SIGNATURE is not set: this is not a Hyprland session"
            )
        try:
            self._query()
        except CommandFailed as exc:
            raise ProbeUnavailable(str(exc)) from exc
        except ValueError as exc:
            raise ProbeUnavailable(f"hyprctl answered in an unexpected way: {exc}") from exc

    def focused(self) -> FocusedWindow | None:
        try:
            return self._query()
        except (CommandFailed, ValueError):
            return None

    def _query(self) -> FocusedWindow | None:
        reply = run_ok(["hyprctl", "activewindow", "-j"], self._env, QUERY_TIMEOUT_S)
        return focused_window_from_hyprctl(reply)

    def close(self) -> None:
        pass


class GnomeExtensionFocusProbe:
    name = "gnome-focused-window-dbus"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = _environment(env)
        try:
            self._query()
        except CommandFailed as exc:
            raise ProbeUnavailable(
                f'the GNOME Shell extension "Focused Window D-Bus" did not answer ({exc})'
            ) from exc
        except ValueError as exc:
            raise ProbeUnavailable(
                f'the "Focused Window D-Bus" extension answered in an unexpected way: {exc}'
            ) from exc

    def focused(self) -> FocusedWindow | None:
        try:
            return self._query()
        except (CommandFailed, ValueError):
            return None

    def _query(self) -> FocusedWindow | None:
        reply = run_ok(GNOME_EXTENSION_CALL, self._env, QUERY_TIMEOUT_S)
        return focused_window_from_gnome_extension(reply)

    def close(self) -> None:
        pass


class MutterIdleProbe:
    name = "gnome-mutter-idlemonitor"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = _environment(env)
        try:
            self._query()
        except CommandFailed as exc:
            raise ProbeUnavailable(f"Mutter's IdleMonitor did not answer ({exc})") from exc
        except ValueError as exc:
            raise ProbeUnavailable(f"Mutter's IdleMonitor answered oddly: {exc}") from exc

    def idle_seconds(self) -> float | None:
        try:
            return self._query()
        except (CommandFailed, ValueError):
            return None

    def _query(self) -> float:
        return parse_gdbus_uint64(run_ok(MUTTER_IDLE_CALL, self._env, QUERY_TIMEOUT_S)) / 1000.0

    def close(self) -> None:
        pass
