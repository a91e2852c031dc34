"""`detox health` and `detox offline` as a user types them (Warsaw, Tuesday 10 November 2026)."""

from __future__ import annotations

from pathlib import Path

import pytest

from detox.models import HealthReading, OfflineEntry
from tests.cli.home import Home, user_error


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


def test_bp_reading_with_pulse_arm_and_time_lists_with_the_documented_keys(home: Home) -> None:
    out = home.ok("health", "bp", "128/82", "--pulse", "71", "--arm", "left", "--at", "07:30")
    assert "128/82 mmHg, pulse 71, left arm" in out.stdout
    home.ok("health", "pulse", "64", "--date", "yesterday", "--at", "07:00")
    home.ok("health", "sleep", "7h30m", "--at", "08:00")
    listed = home.json("health", "list")
    assert [set(item) for item in listed] == [
        {"id", "kind", "at", "day", "systolic", "diastolic", "pulse", "hours"}
    ] * 3
    pulse, bp, sleep = listed
    assert (pulse["kind"], pulse["pulse"], pulse["day"]) == ("pulse", 64, "2026-11-09")
    assert (bp["kind"], bp["systolic"], bp["diastolic"], bp["pulse"], bp["hours"]) == (
        "bp", 128, 82, 71, None,
    )  # fmt: skip
    assert bp["at"] == "2026-11-10T06:30:00+00:00"
    assert (sleep["kind"], sleep["hours"], sleep["systolic"]) == ("sleep", 7.5, None)
    arm = [r.arm for r in home.context().store.records(HealthReading) if r.measure == "bp"]
    assert arm == ["left"]


def test_a_session_shows_its_mean(home: Home) -> None:
    home.ok("health", "bp", "131/85", "--pulse", "72", "--at", "07:00")
    home.ok("health", "bp", "127/81", "--pulse", "70", "--at", "07:03")
    home.ok("health", "bp", "126/80", "--at", "07:05")
    out = home.ok("health", "list").stdout
    # (131 + 127 + 126) / 3 = 128, (85 + 81 + 80) / 3 = 82, pulse (72 + 70) / 2 = 71
    assert "morning session of 3: mean 128/82, pulse 71" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("bp", "59/40"), "systolic pressure must be from 60 to 260, not 59"),
        (("bp", "261/90"), "systolic pressure must be from 60 to 260, not 261"),
        (("bp", "120/29"), "diastolic pressure must be from 30 to 160, not 29"),
        (("bp", "200/161"), "diastolic pressure must be from 30 to 160, not 161"),
        (("bp", "80/80"), "systolic (80) must be higher than diastolic (80)"),
        (("bp", "82/128"), "write the larger number first"),
        (("bp", "128-82"), "cannot read blood pressure '128-82'"),
        (("bp", "128/82", "--pulse", "24"), "pulse must be from 25 to 220, not 24"),
        (("bp", "128/82", "--pulse", "221"), "pulse must be from 25 to 220, not 221"),
        (("pulse", "300"), "pulse must be from 25 to 220, not 300"),
        (("sleep", "25h"), "longer than a day"),
        (("sleep", "lots"), "cannot read duration 'lots'"),
        (("bp", "128/82", "--at", "13:00"), "a reading cannot be in the future"),
        (("bp", "128/82", "--date", "2026-13-01"), "cannot read date '2026-13-01'"),
    ],
)
def test_out_of_range_readings_are_refused_in_one_line(
    home: Home, args: tuple[str, ...], message: str
) -> None:
    error = user_error(home("health", *args))
    assert message in error
    assert error.count("\n") == 1
    assert home.data_files() == {}


def test_edit_and_delete_keep_history(home: Home) -> None:
    home.ok("health", "bp", "128/82", "--at", "07:00")
    [reading] = home.json("health", "list")
    out = home.ok("health", "edit", reading["id"][:6], "--bp", "126/80", "--pulse", "66")
    assert "126/80 mmHg, pulse 66" in out.stdout
    [edited] = home.json("health", "list")
    assert (edited["id"], edited["systolic"], edited["pulse"]) == (reading["id"], 126, 66)
    assert "must be higher" in user_error(home("health", "edit", reading["id"], "--bp", "70/80"))
    assert "not sleep" in user_error(home("health", "edit", reading["id"], "--hours", "7h"))
    assert "nothing to change" in user_error(home("health", "edit", reading["id"]))
    home.ok("health", "edit", reading["id"], "--date", "yesterday")
    assert home.json("health", "list")[0]["day"] == "2026-11-09"
    home.ok("health", "delete", reading["id"])
    assert home.json("health", "list") == []
    assert "no reading with id" in user_error(home("health", "delete", reading["id"]))
    raw = home.data_files()[f"{home.context().device.id}/journal.json"]
    assert raw.count(reading["id"].encode()) == 4  # logged, edited, moved, deleted


def test_list_filters_by_kind_and_period(home: Home) -> None:
    home.ok("health", "bp", "128/82", "--date", "2026-11-01", "--at", "07:00")
    home.ok("health", "pulse", "60", "--at", "07:00")
    assert [r["kind"] for r in home.json("health", "list", "--kind", "bp")] == ["bp"]
    assert home.json("health", "list", "--from", "2026-11-05") == [
        home.json("health", "list", "--kind", "pulse")[0]
    ]
    assert "is after" in user_error(
        home("health", "list", "--from", "2026-11-11", "--to", "2026-11-10")
    )


def test_offline_time_with_company_and_note(home: Home) -> None:
    out = home.ok("offline", "walk", "1h", "--with", "friends", "--note", "by the river")
    assert "walk 1h" in out.stdout and "with friends" in out.stdout
    home.ok("offline", "Family", "1h30m", "--date", "yesterday", "--at", "18:00")
    listed = home.json("offline", "list")
    assert [(e["activity"], e["seconds"], e["with"], e["day"]) for e in listed] == [
        ("family", 5400, [], "2026-11-09"),
        ("walk", 3600, ["friends"], "2026-11-10"),
    ]
    # Logged without a time, the walk just ended: it began an hour before now (12:00 Warsaw).
    assert listed[1]["at"] == "2026-11-10T10:00:00+00:00"
    assert listed[1]["note"] == "by the river"
    text = home.ok("offline", "list").stdout
    assert "Total 2h 30m: family 1h 30m, walk 1h" in text


def test_offline_edit_delete_and_errors(home: Home) -> None:
    home.ok("offline", "reading", "45m")
    [entry] = home.json("offline", "list")
    home.ok("offline", "edit", entry["id"], "--activity", "books", "--with", "kids,partner")
    [edited] = home.json("offline", "list")
    assert (edited["activity"], edited["with"], edited["seconds"]) == (
        "books", ["kids", "partner"], 2700,
    )  # fmt: skip
    home.ok("offline", "edit", entry["id"], "--alone", "--duration", "1h")
    assert home.json("offline", "list")[0]["with"] == []
    assert "nothing to change" in user_error(home("offline", "edit", entry["id"], "--alone"))
    home.ok("offline", "delete", entry["id"][:5])
    assert home.json("offline", "list") == []
    before = home.data_files()
    for args, message in [
        (("walk", "0m"), "must be more than zero"),
        (("walk", "25h"), "longer than a day"),
        (("long walk", "1h"), "an activity is one word"),
        (("walk", "1h", "--with", ""), "--with needs a word"),
        (("walk", "1h", "--at", "23:00"), "cannot be in the future"),
    ]:
        assert message in user_error(home("offline", *args))
    assert home.data_files() == before
    assert not home.context().store.records(OfflineEntry)
