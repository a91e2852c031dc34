"""Fasts from start to finish as a person means them (issue 14, items 5-7): no silent duplicate,
cancel and delete, a break recorded afterwards, a baseline period for insights. Each test runs
on a clock before (01:00) and after (12:00) the 04:00 day start."""

from __future__ import annotations

import re
from datetime import timedelta

from detox.localized import cells
from detox.models import Event
from tests.cli.day_clock import home, today_of
from tests.cli.home import Home, user_error

__all__ = ["home"]  # the fixture


def events(home: Home, event_type: str) -> list[Event]:
    return [e for e in home.context().store.records(Event) if e.type == event_type]


# -- item 5: overlapping fasts with the same rules ------------------------------------------------


def test_the_same_preset_twice_is_refused_unless_allowed(home: Home) -> None:
    first = home.json("fast", "start", "lent", "--year", "2027")
    line = user_error(home("fast", "start", "lent", "--year", "2027"))
    assert f"'Lent 2027' (id {first['id'][:8]}" in line and "--allow-overlap" in line
    assert len(home.json("fast", "list")) == 1
    second = home.json("fast", "start", "lent", "--year", "2027", "--allow-overlap")
    assert second["name"] == "Lent 2027 (2)"
    third = home.json("fast", "start", "lent", "--year", "2027", "--allow-overlap")
    assert third["name"] == "Lent 2027 (3)"


def test_a_running_week_and_another_with_the_same_rules(home: Home) -> None:
    week = home.json("fast", "start", "week", "--apps", "instagram")
    assert "--allow-overlap" in user_error(home("fast", "start", "week", "--apps", "instagram"))
    # Other rules on the same days are another fast, not a duplicate; its name is still unique.
    other = home.json("fast", "start", "week", "--apps", "tiktok")
    assert other["name"] == f"{week['name']} (2)"
    # Once the first is ended, a new one with its rules is no overlap.
    home.ok("fast", "end", week["id"], "--reason", "restart")
    assert home.json("fast", "start", "week", "--apps", "instagram")["state"] == "active"


# -- item 6: cancel and delete --------------------------------------------------------------------


def test_a_planned_fast_can_be_cancelled_and_the_log_keeps_it(home: Home) -> None:
    planned = home.json("fast", "start", "week", "--start", "tomorrow")
    out = home.ok("fast", "cancel", planned["id"][:6], "--reason", "travelling").stdout
    tomorrow = today_of(home) + timedelta(days=1)
    assert out.startswith(f"Cancelled '{planned['name']}' (planned from {tomorrow:%a} ")
    assert home.json("fast", "list") == []
    [cancelled] = events(home, "cancel")
    assert cancelled.data["fast"] == planned["id"] and cancelled.data["reason"] == "travelling"
    assert "Cancelled" in cancelled.message and "travelling" in cancelled.message
    assert "no fast with id" in user_error(home("fast", "show", planned["id"]))


def test_a_running_fast_cannot_be_cancelled_but_can_be_deleted(home: Home) -> None:
    running = home.json("fast", "start", "week")
    assert "already begun" in user_error(home("fast", "cancel", running["id"]))
    assert "needs --yes" in user_error(home("fast", "delete", running["id"]))
    assert len(home.json("fast", "list")) == 1
    out = home.ok("fast", "delete", running["id"], "--yes").stdout
    assert out.startswith(f"Deleted '{running['name']}'")
    assert home.json("fast", "list") == []
    assert [e.data["fast"] for e in events(home, "delete")] == [running["id"]]
    # The name is free again.
    assert home.json("fast", "start", "week")["name"] == running["name"]


# -- item 7: a break recorded afterwards, and a baseline ------------------------------------------


def test_a_past_break_is_recorded_afterwards_and_judged(home: Home) -> None:
    today = today_of(home)
    first, last = today - timedelta(days=10), today - timedelta(days=4)
    home.ok("log", "instagram", "20m", "--date", (first + timedelta(days=2)).isoformat())
    added = home.json(
        "fast", "add", "--from", first.isoformat(), "--to", last.isoformat(), "--json"
    )
    assert (added["recorded"], added["state"], added["kept"], added["slipped"]) == (
        True,
        "finished",
        6,
        1,
    )
    [recorded] = events(home, "recorded")
    assert recorded.data["fast"] == added["id"] and "afterwards" in recorded.message
    assert "recorded afterwards" in home.ok("fast", "list").stdout
    shown = home.ok("fast", "show", added["id"]).stdout
    assert "Recorded afterwards" in shown
    # A break that is not over yet is a fast to start, not one to record.
    assert "fast start" in user_error(
        home("fast", "add", "--from", first.isoformat(), "--to", today.isoformat())
    )


def test_a_baseline_is_what_insights_compares_fasts_with(home: Home) -> None:
    today = today_of(home)
    baseline = (today - timedelta(days=30), today - timedelta(days=24))
    fast = (today - timedelta(days=20), today - timedelta(days=14))
    out = home.ok(
        "baseline", "--from", baseline[0].isoformat(), "--to", baseline[1].isoformat()
    ).stdout
    assert out.startswith(f"Baseline {baseline[0]:%a} {baseline[0].day} ")
    assert "7 days" in out
    home.ok("fast", "add", "--from", fast[0].isoformat(), "--to", fast[1].isoformat())
    day = baseline[0]
    while day < today:  # a mood entry every day: baseline days 4, fast days 8, others 6
        if baseline[0] <= day <= baseline[1]:
            score = "4"
        elif fast[0] <= day <= fast[1]:
            score = "8"
        else:
            score = "6"
        home.ok("mood", score, "--date", day.isoformat(), "--at", "20:00")
        day += timedelta(days=1)
    span = ["--from", baseline[0].isoformat(), "--to", (today - timedelta(days=1)).isoformat()]
    found = home.json("insights", *span)
    mood = found["baseline_vs_fast"]["mood"]
    assert (mood["n_a"], mood["n_b"]) == (7, 7)  # fast days vs baseline days only
    assert (mood["mean_a"], mood["mean_b"]) == (8, 4)
    assert "in your baseline" in mood["sentence"]
    assert sum(row["in_baseline"] for row in found["days"]) == 7
    [listed] = home.json("baseline", "list")
    assert (listed["start"], listed["end"], listed["days"]) == (
        baseline[0].isoformat(),
        baseline[1].isoformat(),
        7,
    )
    assert "overlaps the baseline" in user_error(
        home("baseline", "--from", baseline[1].isoformat(), "--to", today.isoformat())
    )
    assert "overlaps the fast" in user_error(
        home("baseline", "--from", fast[1].isoformat(), "--to", fast[1].isoformat())
    )
    home.ok("baseline", "delete", listed["id"][:6])
    assert home.json("baseline", "list") == []
    mood = home.json("insights", *span)["baseline_vs_fast"]["mood"]
    assert mood["n_b"] == len(range((today - baseline[0]).days)) - 7  # every other day again


def test_baseline_needs_a_period(home: Home) -> None:
    assert "--from D --to D" in user_error(home("baseline"))
    assert "before it starts" in user_error(
        home("baseline", "--from", "2026-11-10", "--to", "2026-11-01")
    )


def test_an_ended_fast_is_not_cancelled_but_can_be_deleted(home: Home) -> None:
    planned = home.json("fast", "start", "week", "--start", "tomorrow")
    home.ok("fast", "end", planned["id"], "--reason", "changed my mind")
    assert "already ended" in user_error(home("fast", "cancel", planned["id"]))
    home.ok("fast", "delete", planned["id"], "--yes")
    assert home.json("fast", "list") == []


def test_fast_list_shows_whole_names_in_one_column(home: Home) -> None:
    home.ok("--lang", "pl", "fast", "start", "great-lent", "--year", "2027")
    home.ok("fast", "start", "week", "--name", "斋戒周", "--apps", "tiktok")
    long = "A fast for the holidays, with no feeds at all, and no videos either"
    home.ok("fast", "start", "week", "--name", long, "--apps", "instagram")
    rows = home.ok("fast", "list").stdout.splitlines()
    # The Orthodox Lent's Polish name was cut at 24 characters ("Wielki Post (prawosławny").
    assert any("Wielki Post (prawosławny) 2027 " in row for row in rows)
    # A name too long for the column ends with "…" instead of running into the dates.
    assert any("A fast for the holidays, with no feeds…" in row for row in rows)
    # The dates line up under each other: Chinese characters take two cells each.
    starts = {cells(re.split(r"\d{4}-\d\d-\d\d", row)[0]) for row in rows}
    assert len(starts) == 1
