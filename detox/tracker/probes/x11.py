"""X11 focus and idle probes, in process through python-xlib (a subprocess per tick costs 4x more).

The focused window comes from the window manager's _NET_ACTIVE_WINDOW; without a window manager
(or before it has activated anything) from the X input focus, walked up to its top-level window.

The focus probe also listens: PropertyNotify on the root window (_NET_ACTIVE_WINDOW) and on the
focused window (_NET_WM_NAME, WM_NAME, _NET_WM_PID), and FocusOut from the focused window, so the
tracker can sleep in select() on the X connection and learn the moment of every switch. Property
events carry the X server's millisecond clock, turned into our monotonic time by an offset that
only ever shrinks towards the true one (each event arrives no sooner than it happened).
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import psutil
from Xlib import X, Xatom
from Xlib import error as xerror
from Xlib import ext as xext
from Xlib.display import Display
from Xlib.ext import ge, xinput

from detox.tracker.probes import compound_text
from detox.tracker.probes.base import DisplayChange, FocusedWindow, ProbeUnavailable

# A window that closes between two requests is a normal miss, not a failure.
_VANISHED = (xerror.BadWindow, xerror.BadDrawable, xerror.BadMatch)
# Bytes fetched per property read; long enough for any title in a single round trip.
_PROPERTY_LONGS = 1024
# Windows nest a few levels deep at most (client inside WM frame); stop far above that.
_MAX_TREE_DEPTH = 32
# An event said to have happened longer ago than this before it arrived means the server's
# 32-bit millisecond clock wrapped (every 49.7 days) or the offset is stale: start it again.
_MAX_EVENT_DELAY = 5.0
# Subscribed on the focused window: its title and owner changing, and the focus leaving it.
_WINDOW_EVENTS = X.PropertyChangeMask | X.FocusChangeMask
# Any key, button or pointer motion of any device: how a user coming back shows.
_RAW_EVENTS = (xinput.RawKeyPress, xinput.RawButtonPress, xinput.RawMotion)
_RAW_INPUT = xinput.RawKeyPressMask | xinput.RawButtonPressMask | xinput.RawMotionMask


def connect(display: str | None = None) -> Display:
    """Open an X connection, or raise ProbeUnavailable saying why not."""
    name = display if display is not None else os.environ.get("DISPLAY")
    if not name:
        raise ProbeUnavailable("DISPLAY is not set: no X11 session to watch")
    try:
        return _display_with_used_extensions(name)
    except (xerror.DisplayError, xerror.ConnectionClosedError, OSError) as exc:
        raise ProbeUnavailable(f"cannot connect to X display {name}: {exc}") from exc


# The extensions the probes call. python-xlib otherwise imports and sets up every extension the
# server offers (RANDR, RECORD, XTEST, Composite...), some 0.7 MB of the tracker's memory.
_USED_EXTENSIONS = frozenset({"Generic Event Extension", "XInputExtension", "MIT-SCREEN-SAVER"})


def _display_with_used_extensions(name: str) -> Display:
    # Display() reads the module-level list of extensions it knows; it is narrowed for this
    # one call (the probes open their connections one after the other, in one thread).
    known = xext.__extensions__
    xext.__extensions__ = [(ext, module) for ext, module in known if ext in _USED_EXTENSIONS]
    try:
        return Display(name)
    finally:
        xext.__extensions__ = known


@dataclass(frozen=True)
class _Owner:
    window: int
    title: str
    pid: int
    app_name: str | None


class _Connection:
    """A Display either owned by the probe (closed with it) or lent to it by the caller."""

    def __init__(self, display: str | None, connection: Display | None) -> None:
        self.owned = connection is None
        self.display: Display = connect(display) if connection is None else connection

    def close(self) -> None:
        if not self.owned:
            return
        try:
            self.display.close()  # flushes first, which fails once the server has gone
        except (xerror.ConnectionClosedError, OSError) as exc:
            raise ProbeUnavailable(f"lost the X connection: {exc}") from exc


class X11FocusProbe:
    name = "x11"

    def __init__(self, display: str | None = None, *, connection: Display | None = None) -> None:
        self._conn = _Connection(display, connection)
        self._display = self._conn.display
        self._root = self._display.screen().root
        atom = self._display.intern_atom
        self._net_active_window = atom("_NET_ACTIVE_WINDOW")
        self._net_wm_name = atom("_NET_WM_NAME")
        self._net_wm_pid = atom("_NET_WM_PID")
        self._net_supporting_wm_check = atom("_NET_SUPPORTING_WM_CHECK")
        self._compound_text = atom("COMPOUND_TEXT")
        # Owner (pid, WM_CLASS) of the last focused window, keyed by its id and title: reading
        # them every tick doubles the round trips of a tick where focus stayed put. A window id
        # is reused once its client disconnects (a browser closed and restarted at once gets
        # the same id), so a new title, a _NET_WM_PID change or a dead pid reads them again.
        self._owner_cache: _Owner | None = None
        self._title_atoms = (self._net_wm_name, Xatom.WM_NAME, self._net_wm_pid)
        self._watched: int | None = None  # the window whose title changes we are told of
        self._server_offset: float | None = None  # time.monotonic() minus X server seconds
        self._ignore_errors = xerror.CatchError()  # requests on windows that may be gone
        self._root.change_attributes(event_mask=X.PropertyChangeMask)
        self._xinput = self._xinput_opcode()
        self._watching_input = False
        self._stamp_window = self._root.create_window(
            -1, -1, 1, 1, 0, 0, X.InputOnly, X.CopyFromParent, event_mask=X.PropertyChangeMask
        )
        self._calibrate()

    def _calibrate(self) -> None:
        """Learn the X server's clock at once: a zero-length append to a property of our own
        (hidden) window makes the server send a PropertyNotify stamped with its time (ICCCM)."""
        stamp = self._display.intern_atom("_DETOX_TIMESTAMP")
        self._stamp_window.change_property(stamp, Xatom.STRING, 8, b"", mode=X.PropModeAppend)
        self._display.sync()
        self.changes()

    def _xinput_opcode(self) -> int | None:
        """XInput 2's major opcode, when the server has it (needed to hear the user return)."""
        if not self._display.has_extension("XInputExtension"):
            return None
        try:
            version = self._display.xinput_query_version()
        except xerror.XError:
            return None
        if version.major_version < 2:
            return None
        return int(self._display.display.get_extension_major("XInputExtension"))

    def watch_input(self, on: bool) -> bool:
        """While the user is away, be told of their first input (an XInput 2 raw event), so the
        return is an event too. Returns whether this server can tell."""
        if self._xinput is None:
            return False
        if on != self._watching_input:
            mask = _RAW_INPUT if on else 0
            self._root.xinput_select_events([(xinput.AllMasterDevices, mask)])
            self._display.flush()
            self._watching_input = on
        return True

    def focused(self) -> FocusedWindow | None:
        try:
            window = self._active_window() or self._input_focus_window()
            found = None if window is None else self._describe(window)
            self._watch(window if found is not None else None)
        except _VANISHED:
            found = None
        except xerror.ConnectionClosedError as exc:
            raise ProbeUnavailable(f"lost the X connection: {exc}") from exc
        if found is None:
            self._owner_cache = None  # a later window may reuse the id
        return found

    def fileno(self) -> int:
        return int(self._display.fileno())

    def changes(self) -> DisplayChange | None:
        earliest: DisplayChange | None = None
        try:
            while self._display.pending_events():
                change = self._change_in(self._display.next_event())
                if change is not None and (earliest is None or change.happened < earliest.happened):
                    earliest = change
        except xerror.ConnectionClosedError as exc:
            raise ProbeUnavailable(f"lost the X connection: {exc}") from exc
        return earliest

    def _change_in(self, event: Any) -> DisplayChange | None:
        arrived = time.monotonic()
        if event.type == X.PropertyNotify:
            window = event.window.id
            if window == self._stamp_window.id:
                self._server_moment(event.time, arrived)
                return None
            if window == self._root.id and event.atom == self._net_active_window:
                what = "_NET_ACTIVE_WINDOW"
            elif window == self._watched and event.atom in self._title_atoms:
                what = self._display.get_atom_name(event.atom)
                if event.atom == self._net_wm_pid:
                    self.forget_owner()
            else:
                return None
            moment = self._server_moment(event.time, arrived)
            return DisplayChange(moment, f"x11 {what} event (X server time)")
        if event.type == ge.GenericEventCode and event.extension == self._xinput:
            if not self._watching_input:
                return None  # one already sent before the selection was lifted
            self.watch_input(False)  # the first input is the news; the rest would be a flood
            data = bytes(event.data)
            if event.evtype in _RAW_EVENTS and len(data) >= 6:
                server_ms = int.from_bytes(data[2:6], sys.byteorder)  # after the device id
                moment = self._server_moment(server_ms, arrived)
                return DisplayChange(moment, "x11 input after idle (XInput 2, X server time)")
            return DisplayChange(arrived, "x11 input after idle (XInput 2, arrival time)")
        if (
            event.type == X.FocusOut
            and event.window.id == self._watched
            and event.mode == X.NotifyNormal
            and event.detail not in (X.NotifyInferior, X.NotifyPointer)
        ):
            # Focus events carry no timestamp: the arrival is the best we know.
            return DisplayChange(arrived, "x11 FocusOut event (arrival time)")
        return None

    def _server_moment(self, server_ms: int, arrived: float) -> float:
        """Our monotonic time at an X server timestamp, never later than the arrival."""
        offset = arrived - server_ms / 1000.0
        if self._server_offset is None or offset < self._server_offset:
            self._server_offset = offset
        moment = server_ms / 1000.0 + self._server_offset
        if moment < arrived - _MAX_EVENT_DELAY:
            self._server_offset, moment = offset, arrived
        return moment

    def _watch(self, window: Any | None) -> None:
        """Be told of `window`'s title changes (and nothing more of the window before it)."""
        wanted = None if window is None else window.id
        if wanted == self._watched:
            return
        if self._watched is not None:
            old = self._display.create_resource_object("window", self._watched)
            old.change_attributes(event_mask=X.NoEventMask, onerror=self._ignore_errors)
        if window is not None:
            window.change_attributes(event_mask=_WINDOW_EVENTS, onerror=self._ignore_errors)
        self._watched = wanted
        self._display.flush()

    def close(self) -> None:
        if not self._conn.owned:  # a lent connection lives on: take back what we asked of it
            with suppress(xerror.ConnectionClosedError, OSError):
                self._watch(None)
                self._stamp_window.destroy(onerror=self._ignore_errors)
                self._root.change_attributes(event_mask=X.NoEventMask)
                self._display.flush()
        self._conn.close()

    def _active_window(self) -> Any | None:
        ids = self._property_values(self._root, self._net_active_window)
        if not ids or ids[0] == X.NONE:
            return None
        return self._display.create_resource_object("window", ids[0])

    def _input_focus_window(self) -> Any | None:
        focus = self._display.get_input_focus().focus
        if isinstance(focus, int):  # X.NONE or X.PointerRoot: no window holds the focus
            return None
        top = self._top_level(focus)
        if top is None or top.id == self._wm_check_window_id():
            return None  # a window manager parks the focus on its own hidden window
        return top

    def _top_level(self, window: Any) -> Any | None:
        """The client window around `window`: the first one with a name, or the child of root."""
        for _ in range(_MAX_TREE_DEPTH):
            if window.id == self._root.id:
                return None
            if self._has_name(window):
                return window
            parent = window.query_tree().parent
            if parent is None or isinstance(parent, int) or parent.id == self._root.id:
                return window
            window = parent
        return None

    def _wm_check_window_id(self) -> int | None:
        ids = self._property_values(self._root, self._net_supporting_wm_check)
        return int(ids[0]) if ids else None

    def _has_name(self, window: Any) -> bool:
        properties = window.list_properties()
        return self._net_wm_name in properties or Xatom.WM_NAME in properties

    def _describe(self, window: Any) -> FocusedWindow:
        title = self._title(window)  # first: it raises BadWindow if the window has gone
        pid, app_name = self._owner(window, title)
        return FocusedWindow(title=title, pid=pid, app_name=app_name)

    def forget_owner(self) -> None:
        """Read the focused window's pid and class afresh on the next query."""
        self._owner_cache = None

    def _owner(self, window: Any, title: str) -> tuple[int | None, str | None]:
        cached = self._owner_cache
        if (
            cached is not None
            and (cached.window, cached.title) == (window.id, title)
            and psutil.pid_exists(cached.pid)
        ):
            return cached.pid, cached.app_name
        pids = self._property_values(window, self._net_wm_pid)
        pid = int(pids[0]) if pids and pids[0] else None
        app_name = self._window_class(window)
        # Some clients set _NET_WM_PID late; only a known pid is worth remembering.
        self._owner_cache = None if pid is None else _Owner(window.id, title, pid, app_name)
        return pid, app_name

    def _title(self, window: Any) -> str:
        for atom in (self._net_wm_name, Xatom.WM_NAME):
            prop = window.get_full_property(atom, X.AnyPropertyType, _PROPERTY_LONGS)
            if prop is not None and prop.format == 8:
                return self._decode_text(prop.property_type, bytes(prop.value))
        return ""

    def _decode_text(self, property_type: int, data: bytes) -> str:
        data = data.split(b"\0", 1)[0]  # text properties may hold a NUL-separated list
        if property_type == self._compound_text:
            return compound_text.decode(data)
        if property_type == Xatom.STRING:
            return data.decode("latin-1")
        return data.decode("utf-8", errors="replace")  # UTF8_STRING and anything unexpected

    def _window_class(self, window: Any) -> str | None:
        prop = window.get_full_property(Xatom.WM_CLASS, X.AnyPropertyType, _PROPERTY_LONGS)
        if prop is None or prop.format != 8:
            return None
        parts = bytes(prop.value).split(b"\0")  # "instance\0Class\0"
        klass = parts[1] if len(parts) > 1 else b""
        return klass.decode("latin-1") or None

    def _property_values(self, window: Any, atom: int) -> list[int]:
        prop = window.get_full_property(atom, X.AnyPropertyType)
        if prop is None or prop.format != 32:
            return []
        return [int(value) for value in prop.value]


class X11IdleProbe:
    name = "x11-screensaver"

    def __init__(self, display: str | None = None, *, connection: Display | None = None) -> None:
        self._conn = _Connection(display, connection)
        if not self._conn.display.has_extension("MIT-SCREEN-SAVER"):
            self._conn.close()
            raise ProbeUnavailable("the X server lacks the MIT-SCREEN-SAVER extension")
        self._root = self._conn.display.screen().root

    def idle_seconds(self) -> float | None:
        try:
            return float(self._root.screensaver_query_info().idle) / 1000.0
        except xerror.ConnectionClosedError as exc:
            raise ProbeUnavailable(f"lost the X connection: {exc}") from exc

    def close(self) -> None:
        self._conn.close()
