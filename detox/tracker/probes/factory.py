"""Pick the focus and idle probes that work on this machine, and say why the others do not.

Probe modules are imported only when chosen: a Linux machine without X never imports Xlib, and
Windows never imports anything Wayland. When no focus probe works the tracker runs in
process-only mode (`focus=None`): it still sees which social apps run, not which one is in front;
the reports tell `detox doctor` what the user can do about it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from detox.i18n import N_, _
from detox.tracker.probes.base import FocusProbe, IdleProbe, ProbeUnavailable

FOCUS = "focus"
IDLE = "idle"

# Reasons and advice are English here, marked for the catalogs; reports carry them translated.
GNOME_EXTENSION_ADVICE = N_(
    'Install and enable the GNOME Shell extension "Focused Window D-Bus" '
    "(https://extensions.gnome.org/extension/5592/focused-window-dbus/), then log out and in; "
    'or choose "GNOME on Xorg" at the login screen.'
)
WAYLAND_OTHER_ADVICE = N_(
    "This Wayland compositor does not tell other programs which window is focused. detox can "
    "read it on sway, Hyprland and GNOME (with an extension); or log in to an X11 session."
)
IDLE_UNKNOWN = N_("idle time unknown: detox cannot tell when you step away")
_INSTALL_XLIB = N_("Install python-xlib (pip install python-xlib).")
PROCESS_ONLY = N_(
    "process-only mode: detox sees which social apps are running, not which one is in front, "
    "and cannot tell which website a browser shows"
)


@dataclass(frozen=True)
class ProbeReport:
    """One line of `detox doctor`: a probe tried (or a conclusion), whether it works, and why."""

    kind: str  # "focus" | "idle"
    name: str | None  # the probe's name; None for a conclusion about the kind as a whole
    ok: bool
    reason: str
    advice: str = ""


@dataclass
class Probes:
    focus: FocusProbe | None
    idle: IdleProbe | None
    reports: list[ProbeReport] = field(default_factory=list)
    display_server: str = "none"  # "x11" | "wayland" | "windows" | "macos" | "none"

    def close(self) -> None:
        """Close every probe; then raise the first ProbeUnavailable (the display went away)."""
        lost: ProbeUnavailable | None = None
        for probe in (self.focus, self.idle):
            if probe is not None:
                try:
                    probe.close()
                except ProbeUnavailable as error:
                    lost = lost or error
        if lost is not None:
            raise lost


def detect_display_server(env: Mapping[str, str], platform: str) -> str:
    """Which display server the tracker would talk to: x11, wayland, windows, macos or none.

    XDG_SESSION_TYPE is the login manager's word and wins when it says x11 or wayland. Otherwise
    (unset, or "tty" after startx) the sockets decide; with both set we are an X client of
    XWayland inside a Wayland session, where X11 sees only the X clients: that is Wayland.
    """
    if platform.startswith(("win32", "cygwin", "msys")):
        return "windows"
    if platform == "darwin":
        return "macos"
    session_type = env.get("XDG_SESSION_TYPE", "").strip().lower()
    if session_type in ("x11", "wayland"):
        return session_type
    if env.get("WAYLAND_DISPLAY"):
        return "wayland"
    if env.get("DISPLAY"):
        return "x11"
    return "none"


def make_probes(env: Mapping[str, str] | None = None, platform: str | None = None) -> Probes:
    env = dict(os.environ if env is None else env)
    platform = sys.platform if platform is None else platform
    server = detect_display_server(env, platform)
    builders = {
        "windows": _windows,
        "macos": _macos,
        "x11": _x11,
        "wayland": _wayland,
        "none": _no_display,
    }
    return builders[server](env)


# --- per display server --------------------------------------------------------------------------


class _Attempts:
    """Tries candidate probes in order, recording a report for each."""

    def __init__(self) -> None:
        self.reports: list[ProbeReport] = []

    def first_focus(
        self, candidates: list[tuple[str, Callable[[], FocusProbe]]]
    ) -> FocusProbe | None:
        for name, build in candidates:
            try:
                probe = build()
            except ProbeUnavailable as exc:
                self.reports.append(ProbeReport(FOCUS, name, False, str(exc)))
                continue
            self.reports.append(ProbeReport(FOCUS, probe.name, True, _focus_ok_reason(probe)))
            return probe
        return None

    def first_idle(self, candidates: list[tuple[str, Callable[[], IdleProbe]]]) -> IdleProbe | None:
        for name, build in candidates:
            try:
                probe = build()
            except ProbeUnavailable as exc:
                self.reports.append(ProbeReport(IDLE, name, False, str(exc)))
                continue
            self.reports.append(
                ProbeReport(IDLE, probe.name, True, _("reads the time since input"))
            )
            return probe
        return None

    def conclude_no_focus(self, advice: str) -> None:
        """`advice` is a message marked with N_, translated here."""
        self.reports.append(ProbeReport(FOCUS, None, False, _(PROCESS_ONLY), _(advice)))

    def conclude_no_idle(self, reason: str, advice: str) -> None:
        """`reason` and `advice` are messages marked with N_, translated here."""
        self.reports.append(ProbeReport(IDLE, None, False, _(reason), _(advice) if advice else ""))


def _focus_ok_reason(probe: FocusProbe) -> str:
    # The macOS probe names the app even when Accessibility is refused; it says so here.
    limitation = getattr(probe, "limitation", "")
    if limitation:
        return _("works, but {limitation}").format(limitation=limitation)
    return _("reads the focused window")


def _windows(env: Mapping[str, str]) -> Probes:
    from detox.tracker.probes.windows import WindowsFocusProbe, WindowsIdleProbe

    attempts = _Attempts()
    focus = attempts.first_focus([("windows", WindowsFocusProbe)])
    if focus is None:
        attempts.conclude_no_focus(N_("Run the tracker in your desktop session, not as a service."))
    idle = attempts.first_idle([("windows-lastinput", WindowsIdleProbe)])
    if idle is None:
        attempts.conclude_no_idle(IDLE_UNKNOWN, N_("Run the tracker in your desktop session."))
    return Probes(focus, idle, attempts.reports, "windows")


def _macos(env: Mapping[str, str]) -> Probes:
    from detox.tracker.probes.macos import (
        ACCESSIBILITY_ADVICE,
        AUTOMATION_ADVICE,
        MacFocusProbe,
        MacIdleProbe,
    )

    attempts = _Attempts()
    focus = attempts.first_focus([("macos-osascript", lambda: MacFocusProbe(env))])
    if focus is None:
        attempts.conclude_no_focus(AUTOMATION_ADVICE)
    elif getattr(focus, "limitation", ""):
        ok_report = attempts.reports.pop()
        attempts.reports.append(
            ProbeReport(FOCUS, ok_report.name, True, ok_report.reason, _(ACCESSIBILITY_ADVICE))
        )
    idle = attempts.first_idle([("macos-ioreg", lambda: MacIdleProbe(env))])
    if idle is None:
        attempts.conclude_no_idle(IDLE_UNKNOWN, N_("Check that /usr/sbin/ioreg exists."))
    return Probes(focus, idle, attempts.reports, "macos")


def _x11(env: Mapping[str, str]) -> Probes:
    display = env.get("DISPLAY") or None
    attempts = _Attempts()
    try:
        from detox.tracker.probes.x11 import X11FocusProbe, X11IdleProbe
    except ImportError as exc:
        reason = _("the X11 probe cannot be loaded ({error})").format(error=exc)
        attempts.reports.append(ProbeReport(FOCUS, "x11", False, reason))
        attempts.conclude_no_focus(_INSTALL_XLIB)
        attempts.conclude_no_idle(IDLE_UNKNOWN, _INSTALL_XLIB)
        return Probes(None, None, attempts.reports, "x11")

    # The X11 probe's own message names the display and what went wrong.
    focus = attempts.first_focus([("x11", lambda: X11FocusProbe(display))])
    if focus is None:
        attempts.conclude_no_focus(
            N_(
                "Run the tracker inside your X session (DISPLAY must name the running X server, "
                "and XAUTHORITY its cookie file)."
            )
        )
    idle = attempts.first_idle([("x11-screensaver", lambda: X11IdleProbe(display))])
    if idle is None:
        attempts.conclude_no_idle(
            IDLE_UNKNOWN,
            N_("The X server needs the MIT-SCREEN-SAVER extension (Xorg has it by default).")
            if focus is not None
            else N_("Fix the X connection (see the focus probe above)."),
        )
    return Probes(focus, idle, attempts.reports, "x11")


def _wayland(env: Mapping[str, str]) -> Probes:
    from detox.tracker.probes.wayland import (
        GnomeExtensionFocusProbe,
        HyprlandFocusProbe,
        MutterIdleProbe,
        SwayFocusProbe,
    )

    gnome = _is_gnome(env)
    candidates: list[tuple[str, Callable[[], FocusProbe]]] = []
    if env.get("SWAYSOCK"):
        candidates.append(("sway", lambda: SwayFocusProbe(env)))
    if env.get("HYPRLAND_INSTANCE_SIGNATURE"):
        candidates.append(("hyprland", lambda: HyprlandFocusProbe(env)))
    if gnome:
        candidates.append(("gnome-focused-window-dbus", lambda: GnomeExtensionFocusProbe(env)))

    attempts = _Attempts()
    focus = attempts.first_focus(candidates)
    if focus is None:
        attempts.conclude_no_focus(GNOME_EXTENSION_ADVICE if gnome else WAYLAND_OTHER_ADVICE)

    idle = None
    if gnome:
        idle = attempts.first_idle([("gnome-mutter-idlemonitor", lambda: MutterIdleProbe(env))])
    if idle is None:
        attempts.conclude_no_idle(
            N_(
                "idle time unknown: detox cannot tell when you step away (this compositor offers "
                "no idle query detox can use)"
            ),
            N_(
                "On Wayland detox reads idle time only from GNOME; an X11 session works everywhere."
            ),
        )
    return Probes(focus, idle, attempts.reports, "wayland")


def _no_display(env: Mapping[str, str]) -> Probes:
    attempts = _Attempts()
    attempts.conclude_no_focus(
        N_(
            "No graphical session was found (DISPLAY and WAYLAND_DISPLAY are unset). Start the "
            "tracker from inside your desktop session, or install it with `detox service install`."
        )
    )
    attempts.conclude_no_idle(
        N_("idle time unknown: detox cannot tell when you step away (no graphical session)"), ""
    )
    return Probes(None, None, attempts.reports, "none")


def _is_gnome(env: Mapping[str, str]) -> bool:
    # XDG_CURRENT_DESKTOP is a colon-separated list, e.g. "ubuntu:GNOME" or "GNOME-Classic:GNOME".
    desktops = env.get("XDG_CURRENT_DESKTOP", "").upper().split(":")
    return any(desktop.startswith("GNOME") for desktop in desktops)
