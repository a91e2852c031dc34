"""Notifications that really arrive: a private D-Bus session bus with dunst (under Xvfb) as the
notification server, and what dunst received read back with `dunstctl history`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from detox.cli import cli
from detox.clock import FixedClock
from detox.context import Context
from detox.models import Event
from detox.notify import Notifier, default_chain, describe_backend
from detox.notify.dbus import DBusBackend
from detox.notify.notify_send import NotifySendBackend
from detox.paths import Paths
from detox.reminders.hook import ReminderHook
from tests.clock_fixtures import WARSAW
from tests.notification_session import NotificationSession, notification_session

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="D-Bus desktops"),
    pytest.mark.x11,
]


@pytest.fixture(scope="module")
def desktop() -> Iterator[NotificationSession]:
    with notification_session() as session:
        yield session


def summaries(session: NotificationSession) -> list[str]:
    return [item.summary for item in session.shown()]


def test_the_dbus_backend_shows_a_notification(desktop: NotificationSession) -> None:
    delivery = DBusBackend(env=desktop.env).send("Mood check-in", "How are you & <why>?")
    assert delivery.ok, delivery
    shown = [item for item in desktop.shown() if item.summary == "Mood check-in"]
    assert len(shown) == 1
    assert shown[0].app_name == "detox"
    # dunst understands markup, so the text is escaped and shows as typed.
    assert shown[0].body == "How are you &amp; &lt;why&gt;?"


def test_notify_send_shows_one_too(desktop: NotificationSession) -> None:
    delivery = NotifySendBackend(env=desktop.env).send("Break time", "20 minutes of TikTok")
    assert delivery.ok, delivery
    assert "Break time" in summaries(desktop)


def test_doctor_names_the_server_it_found(desktop: NotificationSession) -> None:
    report = describe_backend(default_chain("linux", env=desktop.env))
    assert report["backend"] == "dbus" and report["ok"] is True
    assert "dunst" in str(report["reason"])


def test_remind_test_says_which_backend_delivered(
    desktop: NotificationSession, detox_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.address)
    context = Context(paths=Paths.from_env())
    result = CliRunner().invoke(cli, ["remind", "test", "--json"], obj=context)
    assert result.exit_code == 0, (result.output, result.exception)
    report = json.loads(result.stdout)
    assert report["delivered"] is True and report["backend"] == "dbus"
    assert "detox test" in summaries(desktop)
    (event,) = context.store.records(Event)
    assert event.type == "notification" and event.data["backend"] == "dbus"


def test_the_tracker_hook_puts_the_evening_check_in_on_the_desktop(
    desktop: NotificationSession, tmp_path: Path
) -> None:
    paths = Paths(config_dir=tmp_path, data_dir=tmp_path / "data", state_dir=tmp_path / "state")
    paths.config_file.write_text('timezone = "Europe/Warsaw"\n', encoding="utf-8")
    clock = FixedClock(datetime(2026, 11, 9, 20, 59, 50, tzinfo=WARSAW), zone=WARSAW)
    context = Context(paths=paths, clock_override=clock)
    hook = ReminderHook(context, Notifier(default_chain("linux", env=desktop.env), context.store))
    assert hook.check() == []
    clock.advance(15)
    (due,) = hook.check()
    assert due.title == "Mood check-in"
    arrived = [item for item in desktop.shown() if item.summary == "Mood check-in"]
    assert arrived and arrived[-1].body.startswith("How are you today?")


def test_a_bus_without_a_notification_server_falls_through_and_reports(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with notification_session(server=False) as bare:
        delivery = default_chain("linux", env=bare.env).send("Anyone?", "Hello")
    assert delivery.backend == "terminal" and not delivery.ok
    reasons = {attempt.backend: attempt.detail for attempt in delivery.tried}
    assert reasons["dbus"].startswith("no notification server runs on the session bus")
    assert reasons["notify-send"].startswith("exit code 1:")
    assert "ServiceUnknown" in reasons["notify-send"]
    assert "detox: Anyone?: Hello" in capsys.readouterr().err
