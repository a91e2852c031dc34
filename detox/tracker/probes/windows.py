"""Windows probes through ctypes: the foreground window and the time since the last input.

The module imports anywhere (the factory and the tests import it on Linux); only the probes'
constructors reach for user32/kernel32, and they refuse politely elsewhere.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from detox.tracker.probes.base import FocusedWindow, ProbeUnavailable

TICK_MODULUS = 2**32  # GetTickCount and LASTINPUTINFO.dwTime are 32-bit: they wrap after ~49.7 days


def idle_ms_from_ticks(now_ticks: int, last_input_ticks: int) -> int:
    """Milliseconds between the last input and now, both read from the wrapping 32-bit tick count.

    Subtracting modulo 2**32 stays right across the wrap. A difference in the upper half of the
    range means the last input is *after* our "now" (input arrived between the two calls, or the
    counters disagree): that is no idle time at all, not 49 days of it.
    """
    difference = (now_ticks - last_input_ticks) % TICK_MODULUS
    if difference >= TICK_MODULUS // 2:
        return 0
    return difference


class _LastInputInfo(ctypes.Structure):
    _fields_ = [("cbSize", ctypes.c_uint32), ("dwTime", ctypes.c_uint32)]


def _require_windows(what: str) -> None:
    if sys.platform != "win32":
        raise ProbeUnavailable(f"the {what} probe works only on Windows (this is {sys.platform})")


class WindowsFocusProbe:
    name = "windows"

    def __init__(self) -> None:
        _require_windows("Windows focus")
        self._user32: Any = _load_user32()

    def focused(self) -> FocusedWindow | None:
        from ctypes import wintypes

        hwnd = self._user32.GetForegroundWindow()
        if not hwnd:  # the desktop, a lock screen, or focus changing hands
            return None
        length = int(self._user32.GetWindowTextLengthW(hwnd))
        buffer = ctypes.create_unicode_buffer(length + 1)
        self._user32.GetWindowTextW(hwnd, buffer, length + 1)
        pid = wintypes.DWORD(0)
        self._user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
        return FocusedWindow(title=buffer.value, pid=int(pid.value) or None)

    def close(self) -> None:
        pass


class WindowsIdleProbe:
    name = "windows-lastinput"

    def __init__(self) -> None:
        _require_windows("Windows idle")
        self._user32: Any = _load_user32()
        self._kernel32: Any = _load_kernel32()

    def idle_seconds(self) -> float | None:
        info = _LastInputInfo()
        info.cbSize = ctypes.sizeof(_LastInputInfo)
        # Read the last input before "now" so that, barring a wrap, now >= last input.
        if not self._user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        now = int(self._kernel32.GetTickCount())
        return idle_ms_from_ticks(now, int(info.dwTime)) / 1000.0

    def close(self) -> None:
        pass


def _load_user32() -> Any:
    from ctypes import wintypes

    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    user32.GetForegroundWindow.argtypes = []
    user32.GetForegroundWindow.restype = wintypes.HWND
    user32.GetWindowTextLengthW.argtypes = [wintypes.HWND]
    user32.GetWindowTextLengthW.restype = ctypes.c_int
    user32.GetWindowTextW.argtypes = [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]
    user32.GetWindowTextW.restype = ctypes.c_int
    user32.GetWindowThreadProcessId.argtypes = [wintypes.HWND, ctypes.POINTER(wintypes.DWORD)]
    user32.GetWindowThreadProcessId.restype = wintypes.DWORD
    user32.GetLastInputInfo.argtypes = [ctypes.POINTER(_LastInputInfo)]
    user32.GetLastInputInfo.restype = wintypes.BOOL
    return user32


def _load_kernel32() -> Any:
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32.GetTickCount.argtypes = []
    kernel32.GetTickCount.restype = ctypes.c_uint32
    return kernel32
