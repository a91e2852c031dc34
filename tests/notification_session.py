"""A private D-Bus session bus, optionally with a real notification server (dunst under Xvfb).

    with notification_session() as session:         # dunst owns org.freedesktop.Notifications
        DBusBackend(env=session.env).send("Hi", "there")
        assert session.shown()[0].summary == "Hi"

    with notification_session(server=False) as session:   # a bus where nobody shows anything

The bus has no service directories, so nothing on this machine is started on demand: what
answers is exactly what the test started.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import need_program
from tests.x11_session import x11_display

STARTUP_TIMEOUT = 10.0

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

# No icons, no sound, nothing read from the user's own configuration.
_DUNSTRC = """[global]
    monitor = 0
    follow = none
    timeout = 0
    icon_position = off
"""


@dataclass(frozen=True)
class Shown:
    app_name: str
    summary: str
    body: str


@dataclass
class NotificationSession:
    address: str
    env: dict[str, str]
    server: bool

    def shown(self) -> list[Shown]:
        """Every notification the server received, oldest first (closes the displayed ones)."""
        assert self.server, "this session has no notification server"
        self._dunstctl("close-all")
        raw = json.loads(self._dunstctl("history"))
        items = [
            Shown(
                app_name=entry["appname"]["data"],
                summary=entry["summary"]["data"],
                body=entry["body"]["data"],
            )
            for group in raw["data"]
            for entry in group
        ]
        return list(reversed(items))  # dunst lists the newest first

    def _dunstctl(self, *args: str) -> str:
        done = subprocess.run(
            ["dunstctl", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return done.stdout


@contextmanager
def notification_session(server: bool = True) -> Iterator[NotificationSession]:
    need_program("dbus-daemon", *(["Xvfb", "dunst", "dunstctl"] if server else []))
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="detox-dbus-")))
        config = folder / "bus.conf"
        config.write_text(_BUS_CONFIG.format(folder=folder), encoding="utf-8")
        bus = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        stack.callback(_stop, bus)
        address = _read_address(bus)
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY")
        }
        env.update(
            DBUS_SESSION_BUS_ADDRESS=address,
            XDG_CONFIG_HOME=str(folder / "config"),
            XDG_RUNTIME_DIR=str(folder),
        )
        if server:
            display = stack.enter_context(x11_display(window_manager=False))
            env["DISPLAY"] = display
            dunstrc = folder / "dunstrc"
            dunstrc.write_text(_DUNSTRC, encoding="utf-8")
            log = stack.enter_context((folder / "dunst.log").open("wb"))
            dunst = subprocess.Popen(
                ["dunst", "-config", str(dunstrc)], env=env, stdout=log, stderr=log
            )
            stack.callback(_stop, dunst)
            _wait_for_owner(address, "org.freedesktop.Notifications", dunst)
        yield NotificationSession(address, env, server)


def _read_address(bus: subprocess.Popen[bytes]) -> str:
    assert bus.stdout is not None
    ready, _, _ = select.select([bus.stdout], [], [], STARTUP_TIMEOUT)
    line = bus.stdout.readline().decode().strip() if ready else ""
    if not line:
        raise RuntimeError(f"dbus-daemon did not print its address (exit code {bus.poll()})")
    return line


def _wait_for_owner(address: str, name: str, process: subprocess.Popen[bytes]) -> None:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress("/org/freedesktop/DBus", "org.freedesktop.DBus", "org.freedesktop.DBus")
    deadline = time.monotonic() + STARTUP_TIMEOUT
    with open_dbus_connection(address) as connection:
        while True:
            reply = connection.send_and_get_reply(
                new_method_call(bus, "NameHasOwner", "s", (name,)), timeout=STARTUP_TIMEOUT
            )
            if reply.body[0]:
                return
            if process.poll() is not None:
                raise RuntimeError(f"the notification server exited (code {process.returncode})")
            if time.monotonic() > deadline:
                raise TimeoutError(f"nobody took {name} on the test bus in time")
            time.sleep(0.02)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()
