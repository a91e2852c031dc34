"""`detox budget ...` and `detox fast ...` as a user runs them: click's runner, a real TinyDB store
in a temp DETOX_HOME, and a FixedClock that walks across midnight and the 04:00 day start."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from detox.balance.slip_watch import SlipWatch
from detox.clock import FixedClock
from detox.models import Budget, Fast
from tests.cli.home import Home
from tests.clock_fixtures import NOW, WARSAW


class Detox(Home):
    def at(self, hour: int, minute: int = 0, day: int = 10) -> None:
        self.clock.current = datetime(2026, 11, day, hour, minute, tzinfo=WARSAW).astimezone(
            ZoneInfo("UTC")
        )


@pytest.fixture
def detox(detox_home: Path) -> Detox:
    return Detox(detox_home, FixedClock(NOW))


def journal_file(detox: Detox) -> Path:
    return detox.context().store.own_dir / "journal.json"


# -- presets and starting ---------------------------------------------------------------------


def test_presets_json_lists_ids_names_and_local_dates(detox: Detox) -> None:
    presets = {p["id"]: p for p in detox.json("fast", "presets", "--year", "2027")}
    assert list(presets) == ["lent", "great-lent", "week", "month", "weekend", "custom"]
    assert (presets["lent"]["name"], presets["lent"]["start"], presets["lent"]["end"]) == (
        "Lent",
        "2027-02-10",
        "2027-03-27",
    )
    assert (presets["great-lent"]["start"], presets["great-lent"]["end"]) == (
        "2027-03-15",
        "2027-05-01",
    )
    assert (presets["week"]["start"], presets["week"]["end"]) == ("2026-11-10", "2026-11-16")
    assert (presets["custom"]["start"], presets["custom"]["end"]) == (None, None)


def test_start_a_planned_lent_and_see_it_in_the_list(detox: Detox) -> None:
    fast = detox.json("fast", "start", "lent", "--year", "2027", "--days-off", "sun")
    assert {"id", "name", "preset", "start", "end", "rules", "days"} <= fast.keys()
    assert (fast["name"], fast["preset"], fast["start"], fast["end"]) == (
        "Lent 2027",
        "lent",
        "2027-02-10",
        "2027-03-27",
    )
    assert fast["state"] == "planned" and fast["days_off"] == ["sun"]
    assert fast["rules"][0]["description"] == "no social media"
    assert len(fast["days"]) == 46 and fast["counted_days"] == 40
    assert fast["days"][4] == {"date": "2027-02-14", "status": "day_off", "slips": []}
    assert [f["id"] for f in detox.json("fast", "list")] == [fast["id"]]
    out = detox.ok("fast", "start", "great-lent", "--year", "2027", "--forty-days").stdout
    assert "Planned 'Great Lent 2027'" in out and "2027-03-15 to 2027-04-23, 40 days" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["custom", "--from", "2026-12-10", "--to", "2026-12-01"], "before it starts"),
        (["ramadan"], "unknown preset 'ramadan'"),
        (["week", "--limit", "instagram=15m", "--limit", "category:social=1h"], "rules overlap"),
        (["week", "--apps", "facebook", "--limit", "15m", "--limit", "facebook=5m"], "overlap"),
        (["lent", "--year", "2026"], "already be over"),
        (["week", "--apps", "myspace2"], "unknown app 'myspace2'"),
        (["week", "--days-off", "mon,tue,wed,thu,fri,sat,sun"], "every day would be a day off"),
        (["week", "--from", "12/01/2026"], "cannot read date"),
    ],
)
def test_bad_fast_input_is_one_clear_line_and_nothing_is_stored(
    detox: Detox, args: list[str], message: str
) -> None:
    assert message in detox.error("fast", "start", *args)
    assert detox.json("fast", "list") == []
    assert detox.context().store.records(Fast) == []


# -- compliance across midnight and the day start, and the integrity log ----------------------


def test_slips_across_midnight_count_to_the_evening_and_are_logged_once(detox: Detox) -> None:
    fast_id = detox.json("fast", "start", "week", "--apps", "facebook")["id"]
    detox.at(23, 50)
    detox.ok("log", "facebook", "10m", "--at", "23:30")
    detox.at(1, 30, day=11)  # after midnight, before the 04:00 day start: still Tuesday
    detox.ok("log", "facebook", "5m", "--at", "01:00")
    shown = detox.json("fast", "show", fast_id[:6])
    assert shown["day"] == 1
    tuesday = shown["days"][0]
    assert tuesday["status"] == "slipped"
    assert tuesday["slips"][0]["used_seconds"] == 15 * 60
    assert tuesday["slips"][0]["rule"] == "no Facebook"
    assert shown["days"][1]["status"] == "pending"

    # Recomputing (show, list, show again) never writes the slip twice.
    detox.json("fast", "list")
    before = journal_file(detox).read_bytes()
    detox.json("fast", "show", fast_id)
    assert journal_file(detox).read_bytes() == before
    (slip,) = detox.events("slip")
    assert slip.data["day"] == "2026-11-10" and slip.data["final"] is False

    detox.at(4, 0, day=11)  # Wednesday begins: Tuesday's figures are final
    shown = detox.json("fast", "show", fast_id)
    assert shown["day"] == 2 and shown["days"][0]["status"] == "slipped"
    assert journal_file(detox).read_bytes() == before  # a read shows it, the tracker records it
    (shown_slip,) = shown["events"]
    assert "(so far)" not in shown_slip["message"]
    SlipWatch(detox.context()).on_tick(None, None)  # type: ignore[arg-type]
    (slip,) = detox.events("slip")
    assert (slip.rev, slip.data["final"], slip.data["used_seconds"]) == (2, True, 900)
    before = journal_file(detox).read_bytes()
    detox.json("fast", "show", fast_id)
    assert journal_file(detox).read_bytes() == before
    assert [e["type"] for e in detox.json("fast", "show", fast_id)["events"]] == ["slip"]


def test_show_prints_a_calendar_streaks_and_the_log(detox: Detox) -> None:
    detox.clock.current = datetime(2026, 11, 2, 12, tzinfo=WARSAW).astimezone(ZoneInfo("UTC"))
    detox.ok("fast", "start", "week", "--name", "Quiet week", "--apps", "tiktok")
    detox.at(9, 0, day=4)
    detox.ok("log", "tiktok", "20m", "--at", "08:00")
    detox.at(12, 0, day=6)
    text = detox.ok("fast", "show", "quiet week").stdout
    assert "Quiet week: day 5 of 7" in text
    assert "Streak 1 day (longest 2); kept 3, slipped 1" in text
    assert "November 2026" in text
    assert "  2+   3+   4x   5+ > 6.   7.   8." in text
    assert "2026-11-04: slipped: 'no TikTok': 20m used" in text
    assert "slip" in text.split("Log:")[1]


def test_end_early_records_the_reason_and_cannot_be_repeated(detox: Detox) -> None:
    fast_id = detox.json("fast", "start", "month", "--category", "video")["id"]
    detox.at(9, 0, day=12)
    out = detox.ok("fast", "end", fast_id[:5], "--reason", "exam week, I need YouTube").stdout
    assert "Ended 'Month off 2026-11-10'" in out
    shown = detox.json("fast", "show", fast_id)
    assert shown["state"] == "ended" and shown["end_reason"] == "exam week, I need YouTube"
    assert [d["status"] for d in shown["days"][:4]] == ["kept", "kept", "ended", "ended"]
    (event,) = detox.events("early_end")
    assert "day 3 of 30: exam week, I need YouTube" in event.message
    assert event.data["reason"] == "exam week, I need YouTube"
    assert "already ended" in detox.error("fast", "end", fast_id)


def test_a_rule_change_is_logged_and_earlier_days_keep_their_rules(detox: Detox) -> None:
    fast_id = detox.json("fast", "start", "week", "--apps", "instagram")["id"]
    detox.at(18, 0)
    detox.ok("log", "instagram", "10m", "--at", "15:00")  # a slip on day 1, after the start
    detox.at(12, 0, day=11)
    detox.ok("fast", "edit", fast_id, "--apps", "instagram", "--limit", "30m", "--reason", "work")
    shown = detox.json("fast", "show", fast_id)
    assert shown["rules"][0]["description"] == "at most 30m a day of Instagram"
    assert shown["days"][0]["status"] == "slipped"  # still judged by "no Instagram"
    (change,) = detox.events("rule_change")
    assert change.data["reason"] == "work" and change.data["from_day"] == "2026-11-11"
    assert "'no Instagram' -> 'at most 30m a day of Instagram'" in change.message
    assert len(detox.events("slip")) == 1  # recorded before the rules changed
    assert "nothing to change" in detox.error("fast", "edit", fast_id)


def test_override_needs_a_strict_fast_and_is_logged(detox: Detox) -> None:
    assert "no strict fast" in detox.error("fast", "override", "--reason", "x")
    fast_id = detox.json("fast", "start", "week", "--apps", "discord", "--strict")["id"]
    assert "--reason" in detox("fast", "override").stderr
    assert "1 to 240 minutes" in detox.error("fast", "override", "--minutes", "0", "--reason", "x")
    out = detox.ok("fast", "override", "--minutes", "15", "--reason", "call with family").stdout
    assert "paused for 15 min (until 12:15)" in out
    (event,) = detox.events("override")
    assert event.data["fasts"] == [fast_id] and event.data["reason"] == "call with family"
    assert event.data["until"] == "2026-11-10T11:15:00+00:00"


def test_fast_ids_are_accepted_by_unique_prefix(detox: Detox) -> None:
    ids = [detox.json("fast", "start", "week", "--apps", app)["id"] for app in ("x", "reddit")]
    common = next(n for n in range(16) if ids[0][n] != ids[1][n])
    if common > 0:
        assert "fits 2 fasts" in detox.error("fast", "show", ids[0][:common])
    assert detox.json("fast", "show", ids[1][: common + 1])["id"] == ids[1]
    assert "no fast with id 'zzz'" in detox.error("fast", "show", "zzz")


# -- budgets ----------------------------------------------------------------------------------


def test_budgets_journal_overrides_config_and_weekend_values_apply(detox: Detox) -> None:
    detox.paths.config_file.write_text(
        'timezone = "Europe/Warsaw"\n[budgets]\nFacebook = "45m"\ntotal = "3h"\n',
        encoding="utf-8",
    )
    detox.ok("log", "facebook", "20m")
    listed = {b["target"]: b for b in detox.json("budget", "list")}
    assert listed["facebook"]["source"] == "config"
    assert (listed["facebook"]["allowed_seconds"], listed["facebook"]["used_seconds"]) == (
        2700,
        1200,
    )

    detox.ok("budget", "set", "facebook", "30m")
    detox.ok("budget", "set", "--category", "social", "1h", "--weekend", "2h")
    listed = {b["target"]: b for b in detox.json("budget", "list")}
    assert listed["facebook"]["source"] == "journal"
    assert listed["facebook"]["left_seconds"] == 600
    assert listed["category:social"]["used_seconds"] == 1200
    assert listed["total"]["allowed_seconds"] == 3 * 3600
    saturday = {b["target"]: b for b in detox.json("budget", "list", "--date", "2026-11-14")}
    assert saturday["category:social"]["allowed_seconds"] == 2 * 3600
    assert saturday["facebook"]["allowed_seconds"] == 1800

    detox.ok("budget", "set", "facebook", "25m")  # a new revision, not a second budget
    assert len(detox.context().store.records(Budget)) == 2
    out = detox.ok("budget", "clear", "facebook").stdout
    assert "Cleared the budget for Facebook" in out and "config.toml still sets" in out
    listed = {b["target"]: b for b in detox.json("budget", "list")}
    assert listed["facebook"]["source"] == "config"


def test_bad_budget_input(detox: Detox) -> None:
    assert "unknown app 'fakebook'" in detox.error("budget", "set", "fakebook", "30m")
    assert "cannot read duration" in detox.error("budget", "set", "facebook", "soon")
    assert "unknown category" in detox.error("budget", "set", "--category", "games", "1h")
    assert "write e.g." in detox.error("budget", "set", "30m")
    assert detox.json("budget", "list") == []
    assert "No budget set here" in detox.ok("budget", "clear", "total").stdout


def test_a_one_day_fast_reads_1_day_not_1_days(detox: Detox) -> None:
    """Counts read as English in `fast start` and `fast show` (they said "1 days")."""
    started = detox.ok("fast", "start", "custom", "--start", "tomorrow", "--to", "2026-11-11")
    assert ", 1 day." in started.stdout and "1 days" not in started.stdout
    [fast] = detox.json("fast", "list")
    shown = detox.ok("fast", "show", fast["id"]).stdout
    assert "1 day," in shown and "1 days" not in shown
