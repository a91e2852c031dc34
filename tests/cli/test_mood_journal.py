"""The mood journal, the weekly check-in and `detox insights` as a user runs them."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from detox.clock import FixedClock
from detox.models import CheckIn, MoodEntry
from tests.cli.home import Home
from tests.clock_fixtures import WARSAW
from tests.insights_history import fast_history

# Tuesday 10 March 2026, noon in Warsaw; the synthetic histories run 5 January to 5 March.
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=WARSAW)


class Detox(Home):
    def moods(self) -> list[MoodEntry]:
        return sorted(self.store().records(MoodEntry), key=lambda entry: entry.at)


@pytest.fixture
def detox(detox_home: Path) -> Detox:
    return Detox(detox_home, FixedClock(NOW))


def _refused(result: Result) -> str:
    """A user error: exit code 2, no traceback; returns stderr."""
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.output
    return result.stderr


def _raw_journal(detox: Detox) -> list[dict[str, Any]]:
    """Every revision ever written, straight from this device's journal file."""
    store = detox.store()
    path = store.own_dir / "journal.json"
    if not path.exists():
        return []
    return list(json.loads(path.read_text(encoding="utf-8"))["journal"].values())


# -- mood entries ---------------------------------------------------------------------------


def test_mood_with_every_dimension(detox: Detox) -> None:
    detox.ok(
        "mood", "7", "--anxiety", "4", "--loneliness", "3", "--self-esteem", "6",
        "--sleep", "7", "--focus", "5", "--tag", "walk,friends", "--note", "good day",
    )  # fmt: skip
    [entry] = detox.moods()
    assert entry.dimensions == {
        "anxiety": 4,
        "loneliness": 3,
        "self_esteem": 6,
        "sleep_quality": 7,
        "focus": 5,
    }
    assert (entry.score, entry.tags, entry.note) == (7, ["friends", "walk"], "good day")


def test_dimensions_by_name(detox: Detox) -> None:
    detox.ok("mood", "6", "--dim", "sleep-quality=8", "--dim", "Self-Esteem=4", "--focus", "2")
    [entry] = detox.moods()
    assert entry.dimensions == {"self_esteem": 4, "sleep_quality": 8, "focus": 2}


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("0",), "1<=x<=10"),
        (("11",), "1<=x<=10"),
        (("7", "--anxiety", "0"), "1<=x<=10"),
        (("7", "--focus", "11"), "1<=x<=10"),
        (("7", "--dim", "happiness=4"), "unknown dimension 'happiness'"),
        (("7", "--dim", "anxeity=4"), "did you mean anxiety?"),
        (("7", "--dim", "sleep=11"), "sleep quality must be from 1 to 10, not 11"),
        (("7", "--dim", "sleep"), "write a dimension and a score"),
        (("7", "--anxiety", "4", "--dim", "anxiety=5"), "anxiety given twice"),
        (("7", "--tag", ""), "a tag cannot be empty"),
        (("7", "--tag", "walk,,friends"), "a tag cannot be empty"),
        (("7", "--tag", "   "), "a tag cannot be empty"),
        (("7", "--tag", "long walk"), "'long-walk'"),
        (("7", "--anxeity", "4"), "No such option '--anxeity'. (Did you mean one of: '--anxiety',"),
    ],
)
def test_bad_mood_input_is_refused_and_nothing_is_stored(
    detox: Detox, args: tuple[str, ...], problem: str
) -> None:
    assert problem in _refused(detox("mood", *args))
    assert _raw_journal(detox) == []


def test_list_shows_entries_with_ids_oldest_first(detox: Detox) -> None:
    detox.ok("mood", "6", "--date", "yesterday", "--anxiety", "5", "--tag", "work")
    detox.ok("mood", "8", "--note", "sunny walk", "--tag", "walk")
    detox.ok("mood", "3", "--date", "2026-01-02")  # older than the default 30 days
    lines = detox.ok("mood", "list").stdout.splitlines()
    _, first, second = detox.moods()
    assert lines == [
        f"{first.id[:8]}  Mon 2026-03-09 20:00  6/10, anxiety 5, #work",
        f"{second.id[:8]}  Tue 2026-03-10 12:00  8/10, #walk  “sunny walk”",
    ]
    listed = detox.json("mood", "list", "--from", "2026-01-01", "--to", "2026-03-09")
    assert [(e["day"], e["score"]) for e in listed] == [("2026-01-02", 3), ("2026-03-09", 6)]
    assert listed[1] == {
        "id": first.id,
        "at": "2026-03-09T19:00:00+00:00",
        "local_time": "2026-03-09T20:00:00+01:00",
        "day": "2026-03-09",
        "score": 6,
        "dimensions": {"anxiety": 5},
        "tags": ["work"],
        "note": None,
        "rev": 1,
    }


def test_list_of_an_empty_period_and_a_reversed_one(detox: Detox) -> None:
    assert detox.ok("mood", "list").stdout == "No mood entries from 2026-02-09 to 2026-03-10.\n"
    assert detox.json("mood", "list") == []
    assert "--from 2026-03-10 is after --to 2026-03-01" in _refused(
        detox("mood", "list", "--from", "today", "--to", "2026-03-01")
    )


def test_edit_stores_a_new_revision_and_keeps_the_old(detox: Detox) -> None:
    detox.ok("mood", "5", "--anxiety", "7", "--focus", "4", "--tag", "work", "--note", "meh")
    [entry] = detox.moods()
    detox.clock.advance(60)
    result = detox.ok(
        "mood", "edit", entry.id[:6], "--score", "6", "--drop", "focus", "--sleep", "8",
        "--add-tag", "walk", "--remove-tag", "work", "--note", "",
    )  # fmt: skip
    assert (
        result.stdout
        == f"Mood entry {entry.id[:8]} updated: 6/10, anxiety 7, sleep quality 8, #walk, "
        "Tue 10 Mar at 12:00.\n"
    )
    [edited] = detox.moods()
    assert (edited.id, edited.rev, edited.score, edited.note) == (entry.id, 2, 6, None)
    assert edited.dimensions == {"anxiety": 7, "sleep_quality": 8}
    assert edited.tags == ["walk"]
    assert edited.at == entry.at
    assert [doc["rev"] for doc in _raw_journal(detox)] == [1, 2]


def test_edit_can_move_an_entry_and_replace_its_tags(detox: Detox) -> None:
    detox.ok("mood", "5", "--tag", "work", "--tag", "gym")
    [entry] = detox.moods()
    detox.ok("mood", "edit", entry.id, "--date", "yesterday", "--at", "22:30", "--tag", "friends")
    [moved] = detox.moods()
    assert moved.at == datetime(2026, 3, 9, 22, 30, tzinfo=WARSAW)
    assert moved.tags == ["friends"]
    detox.ok("mood", "edit", entry.id, "--no-tags")
    assert detox.moods()[0].tags == []


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ((), "nothing to change"),
        (("--score", "5"), "nothing to change"),
        (("--score", "11"), "1<=x<=10"),
        (("--dim", "mood=3"), "unknown dimension"),
        (("--add-tag", ""), "a tag cannot be empty"),
        (("--drop", "anxiety", "--anxiety", "3"), "anxiety is both set and dropped"),
        (("--at", "23:00"), "cannot be in the future"),
    ],
)
def test_bad_edits_change_nothing(detox: Detox, args: tuple[str, ...], problem: str) -> None:
    detox.ok("mood", "5", "--anxiety", "4")
    [entry] = detox.moods()
    assert problem in _refused(detox("mood", "edit", entry.id, *args))
    assert detox.moods() == [entry]
    assert len(_raw_journal(detox)) == 1


def test_unknown_and_ambiguous_ids_are_explained(detox: Detox) -> None:
    assert "no mood entry with id 'zzzz'" in _refused(detox("mood", "edit", "zzzz", "--score", "4"))
    for score in range(1, 40):  # enough entries that two share a first hex digit
        detox.clock.advance(1)
        detox.ok("mood", str(score % 10 + 1))
    ids = [entry.id for entry in detox.moods()]
    shared = next(i[0] for i in ids if sum(j.startswith(i[0]) for j in ids) > 1)
    assert "type more of it" in _refused(detox("mood", "delete", shared))
    assert len(detox.moods()) == 39


def test_delete_leaves_a_tombstone(detox: Detox) -> None:
    detox.ok("mood", "4", "--tag", "work", "--date", "yesterday")
    detox.ok("mood", "8")
    doomed = detox.moods()[0]
    result = detox.ok("mood", "delete", doomed.id[:8])
    assert result.stdout.startswith(f"Deleted mood entry {doomed.id[:8]} (4/10, #work, ")
    assert [e.score for e in detox.moods()] == [8]
    assert [doc["deleted"] for doc in _raw_journal(detox)] == [False, False, True]
    assert "no mood entry" in _refused(detox("mood", "delete", doomed.id))
    assert [e["score"] for e in detox.json("mood", "list")] == [8]


# -- check-ins ------------------------------------------------------------------------------

ANSWERS = ("--life-satisfaction", "7", "--lack-companionship", "2", "--left-out", "1")


def test_check_in_with_flags(detox: Detox) -> None:
    result = detox.ok("checkin", *ANSWERS, "--isolated", "3", "--note", "busy week")
    [checkin] = detox.store().records(CheckIn)
    assert (checkin.life_satisfaction, checkin.loneliness, checkin.note) == (7, 6, "busy week")
    assert result.stdout == (
        f"Check-in saved for Tue 10 Mar at 12:00 ({checkin.id[:8]}): life satisfaction 7/10, "
        "loneliness 6 (3-9, lower is less lonely).\n"
    )
    detox.clock.advance(7 * 86400)
    later = detox.ok("checkin", "new", "--life-satisfaction", "8", "--lack-companionship", "1",
                     "--left-out", "1", "--isolated", "1").stdout  # fmt: skip
    assert "Previous check-in (2026-03-10): life satisfaction 7/10, loneliness 6" in later
    assert "Once a week" not in later
    detox.clock.advance(86400)
    assert "Once a week is enough" in detox.ok("checkin", *ANSWERS, "--isolated", "1").stdout


def test_check_in_without_a_terminal_names_the_missing_answers(detox: Detox) -> None:
    problem = _refused(detox("checkin", "--life-satisfaction", "7", input=""))
    assert problem == (
        "detox: the check-in asks its questions on a terminal; without one, answer with "
        "--lack-companionship N, --left-out N, --isolated N\n"
    )
    assert "--life-satisfaction N" in _refused(detox("checkin", input="7\n2\n1\n1\n"))
    assert _raw_journal(detox) == []


@pytest.mark.parametrize(
    ("life", "companionship", "isolated"), [("0", "1", "1"), ("5", "4", "1"), ("5", "1", "0")]
)
def test_check_in_answers_out_of_range_are_refused(
    detox: Detox, life: str, companionship: str, isolated: str
) -> None:
    answers = ("--life-satisfaction", life, "--lack-companionship", companionship)
    result = detox("checkin", *answers, "--left-out", "1", "--isolated", isolated)
    assert "Invalid value" in _refused(result)
    assert _raw_journal(detox) == []


def test_check_in_list_and_delete(detox: Detox) -> None:
    assert "No check-ins yet" in detox.ok("checkin", "list").stdout
    detox.ok("checkin", *ANSWERS, "--isolated", "2", "--date", "2026-03-01")
    [checkin] = detox.store().records(CheckIn)
    listed = detox.json("checkin", "list")
    assert listed == [
        {
            "id": checkin.id,
            "at": "2026-03-01T19:00:00+00:00",
            "day": "2026-03-01",
            "life_satisfaction": 7,
            "lack_companionship": 2,
            "left_out": 1,
            "isolated": 2,
            "loneliness": 5,
            "note": None,
        }
    ]
    assert detox.ok("checkin", "list").stdout.startswith(f"{checkin.id[:8]}  Sun 2026-03-01 20:00")
    detox.ok("checkin", "delete", checkin.id[:5])
    assert detox.json("checkin", "list") == []


def _read_until(fd: int, seen: bytearray, marker: bytes, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while marker not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {marker!r}; got {bytes(seen)!r}")
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                raise AssertionError(f"never saw {marker!r}; got {bytes(seen)!r}") from None


def test_check_in_asks_on_a_real_terminal(detox_home: Path) -> None:
    """A real `python -m detox checkin` on a pseudo-terminal: questions, a re-asked bad answer."""
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "DETOX_DEBUG"}
    process = subprocess.Popen(
        [sys.executable, "-m", "detox", "checkin", "--note", "fine"],
        stdin=child, stdout=child, stderr=child, env=env | {"DETOX_HOME": str(detox_home)},
    )  # fmt: skip
    os.close(child)
    seen = bytearray()
    try:
        for marker, answer in [
            (b"10 = completely satisfied): ", b"12\n"),
            (b"not in the range 1<=x<=10", b"6\n"),
            (b"you lack companionship?: ", b"2\n"),
            (b"left out?: ", b"3\n"),
            (b"isolated from others?: ", b"1\n"),
        ]:
            _read_until(main, seen, marker)
            os.write(main, answer)
        _read_until(main, seen, b"lower is less lonely")
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    assert (
        b"Three questions on loneliness (1 = hardly ever, 2 = some of the time, 3 = often)" in seen
    )
    listed = subprocess.run(
        [sys.executable, "-m", "detox", "checkin", "list", "--json"],
        env=env | {"DETOX_HOME": str(detox_home)}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    [checkin] = json.loads(listed.stdout)
    assert (checkin["life_satisfaction"], checkin["loneliness"], checkin["note"]) == (6, 6, "fine")


# -- insights -------------------------------------------------------------------------------

FINDING_KEYS = {"estimate", "ci_low", "ci_high", "enough_data", "sentence"}


def test_insights_json_keys_and_findings(detox: Detox) -> None:
    fast_history(detox.store(), effect=1.5, seed=1)
    detox.ok("mood", "7", "--date", "2026-01-06", "--tag", "walk")  # a second entry that day
    data = detox.json("insights")
    assert {"days", "baseline_vs_fast", "use_vs_mood", "tags"} <= set(data)
    assert data["from"] == "2026-01-05" and data["to"] == "2026-03-10"
    assert len(data["days"]) == 65
    assert data["days"][1]["entries"] == 2 and data["days"][1]["tags"] == ["walk"]
    assert data["caveat"].startswith("Correlation is not causation")
    assert "about 0.1 standard deviations" in data["caveat"]

    mood = data["baseline_vs_fast"]["mood"]
    assert FINDING_KEYS | {"n_a", "n_b"} <= set(mood)
    assert (mood["enough_data"], mood["n_a"], mood["n_b"]) == (True, 30, 30)
    assert mood["ci_low"] < 1.5 < mood["ci_high"] and mood["ci_low"] > 0
    assert mood["sentence"].startswith("On fast days your mood averaged ")
    # Logged dimensions, and always the three reasons people give for a break (issue 20).
    assert set(data["baseline_vs_fast"]) == {
        "mood", "anxiety", "self_esteem", "systolic", "diastolic", "offline_minutes",
    }  # fmt: skip
    for finding in data["use_vs_mood"].values():
        assert FINDING_KEYS | {"n"} <= set(finding)
    [walk] = data["tags"]
    assert FINDING_KEYS | {"n_a", "n_b", "tag"} <= set(walk)
    assert (walk["tag"], walk["enough_data"], walk["n_a"]) == ("walk", False, 1)


def test_insights_text_is_sentences_and_the_caveat(detox: Detox) -> None:
    fast_history(detox.store(), effect=1.5, seed=1)
    text = detox.ok("insights", "--from", "2026-01-05", "--to", "2026-03-05").stdout
    lines = text.splitlines()
    assert lines[0] == "Insights 2026-01-05 to 2026-03-05 (60 days: 60 with mood, 30 in a fast)"
    assert "Fast days and other days" in lines
    assert any(line.startswith("  On fast days your mood averaged ") for line in lines)
    assert any(line.startswith("  On days with more social media your mood was ") for line in lines)
    assert lines[-1].startswith("Correlation is not causation")


def test_insights_repeat_with_the_seed(detox: Detox) -> None:
    fast_history(detox.store(), effect=0.5, seed=9)
    first = detox.ok("insights", "--json").stdout
    assert detox.ok("insights", "--json").stdout == first
    assert detox.ok("insights", "--json", "--seed", "3").stdout != first


def test_insights_see_entries_logged_and_deleted_through_the_cli(detox: Detox) -> None:
    for day in range(1, 10):
        detox.ok("mood", str(day), "--date", f"2026-03-0{day}")
    data = detox.json("insights")
    assert data["from"] == "2026-03-01"
    assert [d["mood"] for d in data["days"][:3]] == [1, 2, 3]
    detox.ok("mood", "delete", detox.moods()[0].id)
    assert detox.json("insights")["from"] == "2026-03-02"


def test_insights_with_nothing_logged_say_how_to_start(detox: Detox) -> None:
    text = detox.ok("insights").stdout
    assert text.startswith("Insights 2026-02-09 to 2026-03-10 (30 days: 0 with mood, 0 in a fast)")
    assert "7 more fast days and 7 more other days needed" in text


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("--from", "2026-03-05", "--to", "2026-03-01"), "--from 2026-03-05 is after --to"),
        (("--from", "March"), "cannot read date 'March'"),
        (("--seed", "x"), "not a valid integer"),
    ],
)
def test_insights_bad_input(detox: Detox, args: tuple[str, ...], problem: str) -> None:
    assert problem in _refused(detox("insights", *args))


def test_a_mood_for_today_before_the_evening_is_saved_for_now(detox: Detox) -> None:
    # Only a date means 20:00 of that day; for today before 20:00 (here noon) that was refused
    # as "in the future"; it is now about the moment it is typed.
    detox.ok("mood", "6", "--date", "today")
    detox.ok("health", "bp", "128/82", "--date", "today")
    (entry,) = detox.json("mood", "list")
    assert datetime.fromisoformat(entry["at"]) == NOW
    tomorrow = (NOW + timedelta(days=1)).date().isoformat()
    assert detox("mood", "6", "--date", tomorrow).exit_code == 2
