"""The notifier chain: every attempt reported, missing backends fall through, nothing raises.

Backends run for real where they can: stand-in `notify-send` and `osascript` programs (small
shell scripts on a private PATH) exit, fail and hang as the real ones do.
"""

from __future__ import annotations

import io
import shutil
import sys
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from detox.clock import FixedClock
from detox.context import Context
from detox.models import Event
from detox.notify import Delivery, Notifier, NotifierChain, default_chain, describe_backend
from detox.notify.dbus import DBusBackend
from detox.notify.delivery import ready, shorten
from detox.notify.macos import OsascriptBackend
from detox.notify.notify_send import NotifySendBackend
from detox.notify.plyer_backend import PlyerBackend
from detox.notify.terminal import TerminalBackend
from detox.paths import Paths

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="stand-in programs are sh scripts")


class Recording:
    """A backend that works and remembers what it showed."""

    name = "recording"

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def unavailable(self) -> str | None:
        return None

    def check(self) -> Delivery:
        return ready(self)

    def send(self, title: str, message: str) -> Delivery:
        self.shown.append((title, message))
        return Delivery(self.name, True, "shown")


class Exploding:
    name = "exploding"

    def unavailable(self) -> str | None:
        return None

    def check(self) -> Delivery:
        raise RuntimeError("check broke")

    def send(self, title: str, message: str) -> Delivery:
        raise OSError("the socket caught fire")


class Missing:
    name = "missing"

    def unavailable(self) -> str | None:
        return "not installed here"

    def check(self) -> Delivery:
        return ready(self)

    def send(self, title: str, message: str) -> Delivery:
        raise AssertionError("an unavailable backend must not be asked to send")


def program(folder: Path, name: str, script: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path


def test_the_first_backend_that_works_delivers_and_the_failures_are_kept() -> None:
    working = Recording()
    chain = NotifierChain([Missing(), Exploding(), working])
    delivery = chain.send("Mood check-in", "How are you?")
    assert (delivery.backend, delivery.ok) == ("recording", True)
    assert [(d.backend, d.ok, d.detail) for d in delivery.tried] == [
        ("missing", False, "not installed here"),
        ("exploding", False, "OSError: the socket caught fire"),
    ]
    assert working.shown == [("Mood check-in", "How are you?")]
    assert [d.backend for d in delivery.attempts] == ["missing", "exploding", "recording"]


def test_with_nothing_working_the_terminal_gets_a_line_and_nothing_raises() -> None:
    stream = io.StringIO()
    chain = NotifierChain([Missing(), Exploding()], last_resort=TerminalBackend(stream))
    delivery = chain.send("Break", "20 minutes of TikTok")
    assert (delivery.backend, delivery.ok) == ("terminal", False)
    assert len(delivery.tried) == 2
    assert stream.getvalue() == "detox: Break: 20 minutes of TikTok\n"  # no bell: not a tty


def test_a_closed_stderr_is_reported_not_raised() -> None:
    stream = io.StringIO()
    stream.close()
    delivery = NotifierChain([], last_resort=TerminalBackend(stream)).send("a", "b")
    assert not delivery.ok and "not shown anywhere" in delivery.detail


def test_the_linux_chain_without_a_session_bus_falls_through_to_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chain = default_chain("linux", env={"PATH": str(tmp_path)})  # no bus, no programs
    delivery = chain.send("Mood check-in", "How are you?")
    assert delivery.backend == "terminal" and not delivery.ok
    reasons = {d.backend: d.detail for d in delivery.tried}
    assert set(reasons) == {"dbus", "notify-send", "plyer"}
    assert "no D-Bus session bus" in reasons["dbus"]
    assert "not installed" in reasons["notify-send"]
    assert "detox: Mood check-in: How are you?" in capsys.readouterr().err


def test_an_unreachable_bus_is_a_failed_attempt(tmp_path: Path) -> None:
    env = {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'gone'}"}
    delivery = DBusBackend(env=env).send("t", "m")
    assert not delivery.ok and "cannot connect" in delivery.detail
    assert not DBusBackend(env=env).check().ok


def test_the_systemd_user_bus_is_found_without_the_variable(tmp_path: Path) -> None:
    import socket

    from detox.notify.dbus import session_bus_address

    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(str(tmp_path / "bus"))
        assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) == (
            f"unix:path={tmp_path / 'bus'}"
        )
    finally:
        listener.close()
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path / "nothing")}) is None


@posix_only
def test_notify_send_failing_is_reported_with_its_exit_code_and_words(tmp_path: Path) -> None:
    program(tmp_path, "notify-send", 'echo "GDBus.Error: no server here" >&2\nexit 3\n')
    env = {"PATH": str(tmp_path), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
    delivery = NotifySendBackend(env=env).send("t", "m")
    assert not delivery.ok
    assert delivery.detail == "exit code 3: GDBus.Error: no server here"


@posix_only
def test_notify_send_hanging_is_cut_off(tmp_path: Path) -> None:
    program(tmp_path, "notify-send", f"exec {shutil.which('sleep')} 30\n")
    env = {"PATH": str(tmp_path), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
    delivery = NotifySendBackend(env=env, timeout=0.3).send("t", "m")
    assert not delivery.ok and delivery.detail == "no answer within 0.3 s"


@posix_only
def test_notify_send_gets_the_texts_as_arguments(tmp_path: Path) -> None:
    seen = tmp_path / "seen"
    program(tmp_path, "notify-send", f'for a in "$@"; do echo "$a"; done > {seen}\n')
    env = {"PATH": str(tmp_path), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
    delivery = NotifySendBackend(env=env).send("-t 1", "it's <b>late</b>")
    assert delivery.ok
    assert seen.read_text().splitlines() == ["--app-name=detox", "--", "-t 1", "it's <b>late</b>"]


@posix_only
def test_osascript_gets_title_and_message_outside_the_script(tmp_path: Path) -> None:
    seen = tmp_path / "seen"
    program(tmp_path, "osascript", f'for a in "$@"; do echo "$a"; done > {seen}\n')
    delivery = OsascriptBackend(env={"PATH": str(tmp_path)}).send('Say "hi"', "end run")
    assert delivery.ok
    lines = seen.read_text().splitlines()
    assert lines[-2:] == ['Say "hi"', "end run"]
    assert "display notification (item 2 of argv) with title (item 1 of argv)" in lines
    failing = program(tmp_path, "osascript", 'echo "execution error" >&2\nexit 1\n')
    assert failing.exists()
    result = OsascriptBackend(env={"PATH": str(tmp_path)}).send("a", "b")
    assert not result.ok and result.detail == "exit code 1: execution error"


def test_windows_gets_texts_cut_to_what_the_balloon_accepts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from plyer import notification

    received: dict[str, Any] = {}

    def fake_notify(**kwargs: Any) -> None:
        warnings.warn("plyer chatter", UserWarning, stacklevel=1)
        received.update(kwargs)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # plyer loads its platform module (and warns) on access
        monkeypatch.setattr(notification, "notify", fake_notify)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        delivery = PlyerBackend.for_windows().send("T" * 100, "M" * 1000)
    assert delivery.ok and "cannot confirm" in delivery.detail
    assert len(received["title"]) == 63 and received["title"].endswith("…")
    assert len(received["message"]) == 255
    assert caught == []  # plyer's warnings do not reach the user


def test_plyer_raising_is_a_failed_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    from plyer import notification

    def broken(**kwargs: Any) -> None:
        raise NotImplementedError("no usable implementation")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        monkeypatch.setattr(notification, "notify", broken)
    delivery = PlyerBackend.for_windows().send("t", "m")
    assert not delivery.ok and delivery.detail == "NotImplementedError: no usable implementation"


def test_shorten_keeps_short_text() -> None:
    assert shorten("hello", 63) == "hello"
    assert shorten("hello world", 6) == "hello…"
    assert shorten("x" * 500, None) == "x" * 500


def test_every_notification_goes_to_the_event_log(detox_home: Path) -> None:
    context = Context(
        paths=Paths.from_env(), clock_override=FixedClock(datetime(2026, 11, 9, 21, tzinfo=UTC))
    )
    heard: list[tuple[str, str, str]] = []
    notifier = Notifier(
        NotifierChain([Missing(), Recording()]),
        context.store,
        [lambda t, m, d: heard.append((t, m, d.backend)), lambda t, m, d: 1 / 0],  # type: ignore[list-item]
    )
    delivery = notifier.send("Mood check-in", "How are you?", kind="mood", keys=["k1"])
    assert delivery.ok
    assert heard == [("Mood check-in", "How are you?", "recording")]  # a broken listener is skipped
    (event,) = context.store.records(Event)
    assert event.type == "notification"
    assert event.message == "Mood check-in: How are you?"
    assert event.data["backend"] == "recording" and event.data["ok"] is True
    assert event.data["kind"] == "mood" and event.data["keys"] == ["k1"]
    assert event.data["tried"] == [
        {"backend": "missing", "ok": False, "detail": "not installed here"}
    ]


def test_doctor_names_the_backend_or_says_what_to_do() -> None:
    working = describe_backend(NotifierChain([Missing(), Recording()]))
    assert working["backend"] == "recording" and working["ok"] is True
    assert "advice" not in working
    nothing = describe_backend(NotifierChain([Missing(), Exploding()]))
    assert nothing["backend"] == "terminal" and nothing["ok"] is False
    assert "missing: not installed here" in str(nothing["reason"])
    assert "exploding: RuntimeError: check broke" in str(nothing["reason"])
    assert "detox remind test" in str(nothing["advice"])
