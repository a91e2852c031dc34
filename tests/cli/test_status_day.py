"""`detox status` shows the detox day's budget use and the running fast's day and state, in text
and JSON (existing keys kept), on a clock before (01:00) and after (12:00) the 04:00 day start
(issue 14 item 16)."""

from __future__ import annotations

from detox.clock import day_label
from tests.cli.day_clock import home, today_of
from tests.cli.home import Home

__all__ = ["home"]  # the fixture


def test_status_shows_budgets_and_the_running_fast(home: Home) -> None:
    today = today_of(home)
    home.ok("budget", "set", "instagram", "30m")
    home.ok("budget", "set", "total", "2h")
    fast = home.json("fast", "start", "week", "--apps", "tiktok")
    home.clock.advance(3600)
    home.ok("log", "instagram", "45m")
    home.ok("log", "tiktok", "5m")
    lines = home.ok("status").stdout.splitlines()
    assert lines[0] == f"{today.isoformat()} ({day_label(today)}): 50m of social media"
    assert "Budgets:" in lines
    instagram = next(line for line in lines if "Instagram" in line and "used" in line)
    assert "45m used, 15m over" in instagram
    total = next(line for line in lines if "Total" in line and "used" in line)
    assert "50m used, 1h 10m left" in total
    fast_line = next(line for line in lines if line.startswith("Fast "))
    assert fast_line.startswith(f"Fast '{fast['name']}' (running): day 1 of 7, slipped: ")
    assert "'no TikTok': 5m used" in fast_line

    status = home.json("status")
    # The keys scripts already read are all still there, with the same meaning.
    assert status["date"] == today.isoformat() and status["total_seconds"] == 3000
    assert {a["app"]: a["seconds"] for a in status["apps"]} == {"instagram": 2700, "tiktok": 300}
    assert status["mood"] == []
    assert status["day_label"] == day_label(today)
    budgets = {b["target"]: b for b in status["budgets"]}
    assert (budgets["instagram"]["used_seconds"], budgets["instagram"]["left_seconds"]) == (
        2700,
        -900,
    )
    [running] = status["fasts"]
    assert (running["id"], running["state"], running["day"], running["day_count"]) == (
        fast["id"],
        "active",
        1,
        7,
    )
    assert running["day_status"] == "slipped"
    assert running["slips"] == ["'no TikTok': 5m used"]


def test_status_of_a_kept_day_and_a_planned_fast(home: Home) -> None:
    home.json("fast", "start", "week", "--start", "tomorrow")
    out = home.ok("status").stdout
    assert "Fast " not in out and "Budgets:" not in out  # neither exists today
    running = home.json("fast", "start", "week", "--apps", "instagram")
    [shown] = home.json("status")["fasts"]
    assert (shown["id"], shown["day_status"], shown["slips"]) == (running["id"], "pending", [])
    fast_line = next(line for line in home.ok("status").stdout.splitlines() if "Fast" in line)
    assert "day 1 of 7, on track so far" in fast_line
