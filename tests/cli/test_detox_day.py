"""One notion of "detox day" (issue 14, items 1-3), tried on a clock placed before the 04:00 day
start (01:00 on Friday 4 December: still detox-day Thursday) and after it (12:00, Friday).

Real TinyDB files in a temp home, click's runner, a FixedClock in Warsaw time.
"""

from __future__ import annotations

from datetime import date, time

from detox.clock import current_day, day_label, detox_day, wall_label
from detox.config import Settings
from detox.models import ManualUsage
from tests.cli.day_clock import FRIDAY, at, home, hour_of, today_of
from tests.cli.home import Home, user_error

__all__ = ["home"]  # the fixture

# -- the one function ---------------------------------------------------------------------------


def test_current_day_is_the_detox_day_on_both_sides_of_the_day_start(home: Home) -> None:
    settings = Settings(timezone="Europe/Warsaw")
    assert current_day(home.clock, settings) == today_of(home)
    assert detox_day(at(FRIDAY, 3, 59), settings) == date(2026, 12, 3)
    assert detox_day(at(FRIDAY, 4, 0), settings) == FRIDAY
    assert day_label(date(2026, 12, 3)) == "Thu 3 Dec"
    assert wall_label(at(FRIDAY, 2, 0), settings) == "Thu 3 Dec at 02:00"
    later = Settings(timezone="Europe/Warsaw", day_start=time(6, 0))
    assert detox_day(at(FRIDAY, 5, 0), later) == date(2026, 12, 3)


# -- item 1: a fast created now starts now --------------------------------------------------------


def test_use_before_a_fast_is_created_never_counts_against_it(home: Home) -> None:
    today = today_of(home)
    # 30 minutes of Instagram earlier on the same detox day: Thursday noon for the 01:00 clock
    # (Friday 01:00 is still detox-day Thursday), Friday 09:00 for the 12:00 clock.
    earlier = "12:00" if hour_of(home) == 1 else "09:00"
    home.ok("log", "instagram", "30m", "--date", today.isoformat(), "--at", earlier)
    fast = home.json("fast", "start", "week")
    assert fast["start"] == today.isoformat() and fast["state"] == "active"
    assert fast["starts_at"] == home.clock.now().isoformat()
    assert fast["days"][0]["status"] == "pending"  # not slipped by use before it existed
    assert fast["slipped"] == 0
    shown = home.ok("fast", "show", fast["id"]).stdout
    assert "use before then does not count" in shown
    # Use after the start does count: day 1 is the rest of the current detox day.
    home.clock.advance(40 * 60)
    home.ok("log", "instagram", "10m")
    again = home.json("fast", "show", fast["id"])
    assert again["days"][0]["status"] == "slipped"
    assert again["days"][0]["slips"][0]["used_seconds"] == 600


def test_start_now_names_the_detox_day_and_the_moment(home: Home) -> None:
    out = home.ok("fast", "start", "week", "--start", "now").stdout
    label = day_label(today_of(home))
    assert f"day 1 is the rest of {label}" in out
    assert f"It began now, {label} at {hour_of(home):02d}:00" in out
    assert "7 days" in out


def test_start_tomorrow_plans_from_the_next_day_start(home: Home) -> None:
    fast = home.json("fast", "start", "week", "--start", "tomorrow")
    tomorrow = date.fromordinal(today_of(home).toordinal() + 1)
    assert (fast["start"], fast["state"], fast["starts_at"]) == (
        tomorrow.isoformat(),
        "planned",
        None,
    )
    out = home.ok("fast", "start", "week", "--start", "tomorrow", "--apps", "tiktok").stdout
    assert f"It begins on {day_label(tomorrow)} at 04:00." in out


def test_start_on_a_date_and_refusals(home: Home) -> None:
    fast = home.json("fast", "start", "custom", "--start", "2026-12-10", "--to", "2026-12-12")
    assert (fast["start"], fast["end"], fast["state"]) == ("2026-12-10", "2026-12-12", "planned")
    assert "fast add" in user_error(home("fast", "start", "week", "--start", "2026-11-01"))
    assert "fast add" in user_error(home("fast", "start", "week", "--from", "2026-11-01"))
    assert "now, tomorrow or a date" in user_error(home("fast", "start", "week", "--start", "soon"))
    assert "not both" in user_error(
        home("fast", "start", "week", "--start", "now", "--from", "2026-12-10")
    )


# -- item 2: no --date means today's detox day, and every confirmation names the day --------------


def test_log_without_date_is_log_with_date_today(home: Home) -> None:
    today = today_of(home)
    # 02:00 on today's detox day is Saturday 02:00 (12:00 clock) or Friday 02:00 (01:00 clock):
    # both later than now, so both spellings are refused alike and nothing is stored.
    implicit = user_error(home("log", "instagram", "10m", "--at", "02:00"))
    explicit = user_error(home("log", "instagram", "10m", "--date", "today", "--at", "02:00"))
    assert implicit == explicit and "would end in the future" in implicit
    assert f"{day_label(today)} at 02:00" in implicit
    assert home.context().store.journal() == []
    # A time that has passed on today's detox day is stored on it, and said so.
    when = "00:30" if hour_of(home) == 1 else "09:00"
    out = home.ok("log", "instagram", "10m", "--at", when).stdout
    label = day_label(today)
    assert out.startswith(f"Logged 10m of Instagram on {label} at {when} (phone, id ")
    [usage] = home.context().store.records(ManualUsage)
    assert detox_day(usage.start, Settings(timezone="Europe/Warsaw")) == today
    assert home.seconds(today.isoformat()) == {"instagram": 600}


def test_log_just_now_and_mood_confirmations_name_the_day(home: Home) -> None:
    label = day_label(today_of(home))
    assert f"of Instagram on {label} at " in home.ok("log", "instagram", "5m").stdout
    hour = f"{hour_of(home):02d}:00"
    assert home.ok("mood", "6").stdout.startswith(f"Mood 6/10 saved for {label} at {hour} (id ")


# -- item 3: mood list shows the detox day an entry counts for ------------------------------------


def test_mood_list_shows_the_detox_day_of_each_entry(home: Home) -> None:
    home.ok("mood", "6")  # now
    home.ok("mood", "4", "--date", "2026-12-02", "--at", "02:00")  # Thursday 02:00 -> Wed 2 Dec
    lines = home.ok("mood", "list").stdout.splitlines()
    assert "Wed 2026-12-02 02:00  4/10" in lines[0]
    assert f"{today_of(home):%a %Y-%m-%d} {hour_of(home):02d}:00  6/10" in lines[1]
    listed = home.json("mood", "list")
    assert [entry["day"] for entry in listed] == ["2026-12-02", today_of(home).isoformat()]
