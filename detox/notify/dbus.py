"""Notifications over D-Bus (org.freedesktop.Notifications), the way every Linux desktop shows them.

Talks to the session bus directly through jeepney (pure Python), so delivery is checked: the
notification server answers with an id, or with an error that names what is wrong.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from detox.i18n import _
from detox.notify.delivery import Delivery

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"
URGENCY_NORMAL = 1


def session_bus_address(env: Mapping[str, str]) -> str | None:
    """The session bus: $DBUS_SESSION_BUS_ADDRESS, else the systemd user bus socket, else None."""
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime:
        socket_path = os.path.join(runtime, "bus")
        try:
            if stat.S_ISSOCK(os.stat(socket_path).st_mode):
                return f"unix:path={socket_path}"
        except OSError:
            pass
    return None


def _jeepney_missing() -> str | None:
    try:
        import jeepney  # noqa: F401
    except ImportError:
        return _("the jeepney package is not installed")
    return None


@dataclass
class DBusBackend:
    """Calls Notify on the session bus; an error reply or a timeout is a failed attempt."""

    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    app_name: str = "detox"
    timeout: float = 3.0
    expire_ms: int = -1  # the server's default

    @property
    def name(self) -> str:
        return "dbus"

    def unavailable(self) -> str | None:
        if session_bus_address(self.env) is None:
            return _("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        return _jeepney_missing()

    def check(self) -> Delivery:
        reason = self.unavailable()
        if reason is not None:
            return Delivery(self.name, False, reason)
        try:
            info = self._call("GetServerInformation", None, ())
        except Exception as error:
            return Delivery(self.name, False, _describe(error))
        server, vendor, version = (str(part) for part in info[:3])
        return Delivery(
            self.name,
            True,
            _("{server} {version} ({vendor}) answers on the bus").format(
                server=server, version=version, vendor=vendor
            ),
        )

    def send(self, title: str, message: str) -> Delivery:
        reason = self.unavailable()
        if reason is not None:
            return Delivery(self.name, False, reason)
        try:
            capabilities = self._call("GetCapabilities", None, ())
            body = message
            if "body-markup" in capabilities[0]:
                body = _escape_markup(message)
            hints = {"urgency": ("y", URGENCY_NORMAL)}
            arguments: tuple[Any, ...] = (
                self.app_name,
                0,
                "",
                title,
                body,
                [],
                hints,
                self.expire_ms,
            )
            reply = self._call("Notify", NOTIFY_SIGNATURE, arguments)
        except Exception as error:  # any failure is a result, never an exception for the caller
            return Delivery(self.name, False, _describe(error))
        return Delivery(
            self.name, True, _("shown by the notification server (id {id})").format(id=reply[0])
        )

    def _call(self, method: str, signature: str | None, body: tuple[Any, ...]) -> tuple[Any, ...]:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import unwrap_msg

        address = session_bus_address(self.env)
        assert address is not None
        target = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        with open_dbus_connection(address, auth_timeout=self.timeout) as connection:
            call = new_method_call(target, method, signature, body)
            reply = connection.send_and_get_reply(call, timeout=self.timeout)
        result: tuple[Any, ...] = unwrap_msg(reply)
        return result


def _describe(error: Exception) -> str:
    from jeepney.wrappers import DBusErrorResponse

    if isinstance(error, DBusErrorResponse):
        name = str(error.name or "")
        if name.endswith(("ServiceUnknown", "NameHasNoOwner")):
            return _("no notification server runs on the session bus (e.g. dunst, your desktop's)")
        detail = error.data[0] if error.data else ""
        return f"{name.rsplit('.', 1)[-1]}: {detail}".rstrip(": ")
    if isinstance(error, TimeoutError):
        return _("the session bus or the notification server did not answer in time")
    if isinstance(error, (FileNotFoundError, ConnectionRefusedError)):
        return _("cannot connect to the session bus (its socket is gone)")
    return f"{type(error).__name__}: {error}"


def _escape_markup(text: str) -> str:
    """'<' and '&' must not become markup: html.escape(text, quote=False), without importing
    the html package, whose table of 2,000 entities was half a megabyte of the tracker."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
