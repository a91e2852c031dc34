"""`detox remind ...` as a user types it, in-process against a temp home with a fixed clock."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from detox.clock import FixedClock
from detox.models import Event, Reminder
from detox.notify import Notifier, NotifierChain
from detox.notify.terminal import TerminalBackend
from detox.reminders.hook import ReminderHook
from tests.cli.home import Home
from tests.clock_fixtures import NOW, WARSAW


class Detox(Home):
    def listing(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.out("remind", "list", "--json"))
        return data

    def reminder(self, name: str) -> dict[str, Any]:
        rows: list[dict[str, Any]] = [
            r for r in self.listing()["reminders"] if name in (r["name"], r["text"])
        ]
        assert len(rows) == 1, rows
        return rows[0]


@pytest.fixture
def detox(tmp_path: Path) -> Detox:
    return Detox(tmp_path / "home", FixedClock(NOW, zone=WARSAW))


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(WARSAW)


def test_the_built_in_reminders_are_listed_with_their_next_time(detox: Detox) -> None:
    text = detox.out("remind")
    assert text.splitlines()[0].startswith("Reminders (quiet hours 22:00-08:00")
    data = detox.listing()
    assert [r["name"] for r in data["reminders"]] == [
        "mood", "report", "fast", "budget", "nudge", "health",
    ]  # fmt: skip
    assert local(detox.reminder("mood")["next"]) == datetime(2026, 11, 10, 21, 0, tzinfo=WARSAW)
    assert local(detox.reminder("report")["next"]) == datetime(2026, 11, 15, 18, 0, tzinfo=WARSAW)
    assert data["quiet_hours"] == "22:00-08:00" and data["enabled"] is True


def test_the_weekly_report_comes_at_the_end_of_the_locales_week(
    detox: Detox, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")  # a Korean week runs Sunday to Saturday
    report = detox.reminder("report")
    assert report["days"] == ["sat"]
    assert local(report["next"]) == datetime(2026, 11, 14, 18, 0, tzinfo=WARSAW)
    detox.ok("config", "set", "week_start", "monday")  # a day set in config.toml wins
    assert detox.reminder("report")["days"] == ["sun"]


def test_add_a_reminder_for_weekdays_and_remove_it(detox: Detox) -> None:
    out = detox.out("remind", "add", "Phone in the drawer", "--at", "21:30", "--days", "mon-fri")
    assert out.startswith("Added reminder ") and "at 21:30 Mon-Fri" in out
    row = detox.reminder("Phone in the drawer")
    assert row["kind"] == "custom" and row["at"] == "21:30"
    assert row["days"] == ["mon", "tue", "wed", "thu", "fri"]
    assert local(row["next"]) == datetime(2026, 11, 10, 21, 30, tzinfo=WARSAW)  # in quiet hours
    assert "Phone in the drawer; next Tue 10 Nov 21:30" in detox.out("remind", "list")
    removed = detox.out("remind", "remove", row["id"][:6])
    assert removed.startswith("Removed reminder") and "Phone in the drawer" in removed
    assert [r for r in detox.listing()["reminders"] if r["custom"]] == []


def test_friday_only_reminder_next_falls_on_friday(detox: Detox) -> None:
    detox.out("remind", "add", "Weekly review", "--at", "9:00", "--days", "fri")
    assert local(detox.reminder("Weekly review")["next"]) == datetime(
        2026, 11, 13, 9, 0, tzinfo=WARSAW
    )


def test_bad_input_is_one_line_and_nothing_is_stored(detox: Detox) -> None:
    assert "cannot read day" in detox.error("remind", "add", "x", "--at", "10:00", "--days", "fu")
    assert "cannot read time" in detox.error("remind", "add", "x", "--at", "25:00")
    assert "needs some text" in detox.error("remind", "add", "  ", "--at", "10:00")
    assert "no reminder 'abc'" in detox.error("remind", "remove", "abc")
    assert "built in" in detox.error("remind", "remove", "mood")
    assert "drop --at" in detox.error("remind", "enable", "nudge", "--at", "10:00")
    assert detox.context().store.records(Reminder) == []


def test_disable_and_enable_kinds_and_retime_them(detox: Detox) -> None:
    assert detox.out("remind", "disable", "nudge") == "The nudge reminder is off.\n"
    assert detox.reminder("nudge")["enabled"] is False
    out = detox.out("remind", "enable", "mood", "--at", "20:30", "--days", "mon-fri")
    assert out == "The mood reminder at 20:30 on Mon-Fri is on.\n"
    mood = detox.reminder("mood")
    assert mood["at"] == "20:30" and mood["days"] == ["mon", "tue", "wed", "thu", "fri"]
    detox.out("remind", "disable", "mood")
    detox.out("remind", "enable", "mood")
    assert detox.reminder("mood")["at"] == "20:30"  # turning it back on keeps the new time
    # One record per kind, revised: the settings of a kind do not pile up.
    assert (
        len([r for r in detox.context().store.records(Reminder) if r.reminder_kind == "mood"]) == 1
    )


def test_disable_all_silences_everything_until_enabled(detox: Detox) -> None:
    detox.out("remind", "disable", "all")
    assert detox.listing()["enabled"] is False
    assert "All reminders are off" in detox.out("remind", "list")
    assert detox.reminder("mood")["next"] is None
    detox.out("remind", "enable", "all")
    assert detox.listing()["enabled"] is True


def test_pause_until_a_day_and_resume(detox: Detox) -> None:
    assert detox.out("remind", "pause", "--until", "friday") == (
        "Reminders paused until Fri 13 Nov 04:00.\n"
    )
    data = detox.listing()
    assert local(data["paused_until"]) == datetime(2026, 11, 13, 4, 0, tzinfo=WARSAW)
    assert local(detox.reminder("mood")["next"]) == datetime(2026, 11, 13, 21, 0, tzinfo=WARSAW)
    assert "Paused until Fri 13 Nov 04:00" in detox.out("remind")
    detox.out("remind", "resume")
    assert detox.listing()["paused_until"] is None


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("2026-11-20", datetime(2026, 11, 20, 4, 0, tzinfo=WARSAW)),
        ("tomorrow", datetime(2026, 11, 11, 4, 0, tzinfo=WARSAW)),
        ("18:30", datetime(2026, 11, 10, 18, 30, tzinfo=WARSAW)),
        ("11:00", datetime(2026, 11, 11, 11, 0, tzinfo=WARSAW)),
        ("2h", datetime(2026, 11, 10, 14, 0, tzinfo=WARSAW)),
    ],
)
def test_pause_understands_dates_times_and_durations(
    detox: Detox, until: str, expected: datetime
) -> None:
    detox.out("remind", "pause", "--until", until)
    assert local(detox.listing()["paused_until"]) == expected


def test_a_pause_must_end_in_the_future(detox: Detox) -> None:
    assert "future" in detox.error("remind", "pause", "--until", "yesterday")
    assert "cannot read" in detox.error("remind", "pause", "--until", "someday")


def test_snooze_the_reminder_shown_last(detox: Detox) -> None:
    assert "no reminder has been shown yet" in detox.error("remind", "snooze")
    context = detox.context()
    hook = ReminderHook(context, Notifier(NotifierChain([], last_resort=TerminalBackend())))
    hook.check()  # the tracker starts at noon
    detox.clock.advance(9 * 3600 + 30)  # 21:00:30: the mood check-in shows
    assert [d.kind for d in hook.check()] == ["mood"]
    assert detox.out("remind", "snooze") == "Snoozed mood until Tue 10 Nov 21:10.\n"
    mood = detox.reminder("mood")
    assert local(mood["snoozed_until"]) == datetime(2026, 11, 10, 21, 10, 30, tzinfo=WARSAW)
    assert mood["last_shown"]["title"] == "Mood check-in"
    hook.reload()
    detox.clock.advance(10 * 60)
    (again,) = hook.check()
    assert again.snoozed and again.title == "Mood check-in"


def test_snooze_a_kind_or_a_reminder_for_a_while(detox: Detox) -> None:
    detox.out("remind", "add", "Stretch", "--at", "15:00")
    row = detox.reminder("Stretch")
    out = detox.out("remind", "snooze", row["id"][:8], "--for", "1h30m")
    assert out == "Snoozed 'Stretch' until Tue 10 Nov 13:30.\n"
    assert detox.out("remind", "snooze", "nudge", "--until", "17:00").endswith("17:00.\n")
    assert "pause" in detox.error("remind", "snooze", "all")


def test_remind_test_without_a_desktop_says_so_and_fails(
    detox: Detox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(detox.paths.state_dir / "no-runtime"))
    result = detox("remind", "test")
    assert result.exit_code == 1
    assert "dbus: did not work: no D-Bus session bus" in result.stdout
    assert "No desktop notification could be shown" in result.stdout
    assert "detox: detox test: Notifications work" in result.stderr  # the bell and log line
    (event,) = detox.context().store.records(Event)
    assert event.type == "notification" and event.data["backend"] == "terminal"
    assert event.data["ok"] is False


def test_doctor_reports_the_notification_backend(
    detox: Detox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(detox.paths.state_dir / "no-runtime"))
    report = json.loads(detox.out("doctor", "--json"))
    notes = report["notifications"]
    assert notes["backend"] == "terminal" and notes["ok"] is False
    assert "no D-Bus session bus" in notes["reason"]
    assert any("detox remind test" in line for line in report["advice"])


def test_a_week_offline_brings_one_late_report_and_no_pile_of_check_ins(detox: Detox) -> None:
    context = detox.context()
    hook = ReminderHook(context, Notifier(NotifierChain([], last_resort=TerminalBackend())))
    hook.check()
    detox.clock.advance(timedelta(days=7).total_seconds())  # back on Tuesday noon, a week later
    (report,) = hook.check()  # Sunday's report is still news; seven evening check-ins are not
    assert report.kind == "report" and report.late
    assert hook.check() == []


def test_bare_remind_json_is_the_list(detox: Detox) -> None:
    """README: every reading command has --json; `detox remind` lists, so `--json` lists too."""
    assert json.loads(detox.out("remind", "--json")) == detox.listing()
    assert "goes after the subcommand" in detox.error("remind", "--json", "pause")


def test_the_health_reminder_is_off_until_turned_on_and_quiet_once_measured(
    detox: Detox,
) -> None:
    health = detox.reminder("health")
    assert (health["enabled"], health["at"]) == (False, "08:00")
    context = detox.context()
    hook = ReminderHook(context, Notifier(NotifierChain([], last_resort=TerminalBackend())))
    detox.clock.advance(timedelta(hours=20, minutes=1).total_seconds())  # Wed 08:01
    assert [n.kind for n in hook.check() if n.kind == "health"] == []
    assert detox.out("remind", "enable", "health") == ("The health reminder at 08:00 is on.\n")
    detox.clock.advance(timedelta(days=1).total_seconds())  # Thu 08:01
    [shown] = [n for n in hook.check() if n.kind == "health"]
    assert shown.title == "Morning blood pressure" and "detox health bp" in shown.message
    # Friday: measured at 07:40 before the reminder's time, so it has nothing to ask.
    detox.clock.advance(timedelta(days=1, minutes=-21).total_seconds())  # Fri 07:40
    detox.out("health", "bp", "126/80")
    detox.clock.advance(timedelta(minutes=21).total_seconds())
    assert [n.kind for n in hook.check() if n.kind == "health"] == []


@pytest.mark.parametrize("language", ["en", "pl", "ko", "es", "zh_Hant"])
def test_the_reminder_list_lines_up_in_each_language(detox: Detox, language: str) -> None:
    # Polish "wył." (off) is wider than "wł." (on): the schedules used to shift by one cell.
    from detox.localized import cells

    rows = detox.out("--lang", language, "remind", "list").splitlines()[1:]
    assert len(rows) == 6
    # "  mood      wł.   21:00 codziennie  ...": the cell where the text after the on/off word
    # starts is the same on every line.
    after_state = {cells(re.match(r"  \S+ +\S+ +", row).group()) for row in rows}  # type: ignore[union-attr]
    assert len(after_state) == 1, rows
