"""The `detox` command as a user runs it: through click's runner with a fixed clock, and a few
real `python -m detox` processes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import Result

from detox.clock import FixedClock
from detox.models import ManualUsage, MoodEntry, UsageSpan
from detox.paths import Paths
from tests.cli.home import Home
from tests.clock_fixtures import NOW, WARSAW


@pytest.fixture
def paths(detox_home: Path) -> Paths:
    paths = Paths.from_env()
    paths.config_file.write_text('timezone = "Europe/Warsaw"\n', encoding="utf-8")
    return paths


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


Detox = Home


@pytest.fixture
def detox(detox_home: Path, clock: FixedClock) -> Detox:
    return Detox(detox_home, clock)


def _user_error(result: Result) -> str:
    """The one line a user error prints; exit code 2 and never a traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# -- log ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "seconds", "shown"),
    [
        ("25m", 1500, "25m"),
        ("1h30m", 5400, "1h 30m"),
        ("90s", 90, "2m"),
        ("1:15", 4500, "1h 15m"),
        ("1:15:30", 4530, "1h 16m"),
        ("45", 2700, "45m"),
        ("1h 5m", 3900, "1h 05m"),
    ],
)
def test_log_counts_each_duration_form(
    detox: Detox, duration: str, seconds: int, shown: str
) -> None:
    result = detox.ok("log", "instagram", duration)
    # No --date and no --at: it just ended, on today's detox day (Tue 10 Nov, noon in Warsaw).
    assert result.stdout.startswith(f"Logged {shown} of Instagram on Tue 10 Nov at 1")
    assert "(phone, id " in result.stdout
    assert detox.seconds() == {"instagram": seconds}


def test_log_just_now_ends_now(detox: Detox, clock: FixedClock) -> None:
    detox.ok("log", "tiktok", "25m", "--device", "tablet")
    [usage] = detox.context().store.records(ManualUsage)
    assert usage.start == clock.now() - timedelta(minutes=25)
    assert usage.device_label == "tablet"


def test_log_accepts_aliases_and_any_case(detox: Detox) -> None:
    detox.ok("log", "Instagram", "10m")
    detox.ok("log", "facebook messenger", "5m")
    assert detox.seconds() == {"instagram": 600, "messenger": 300}


def test_log_on_an_earlier_date(detox: Detox) -> None:
    detox.ok("log", "reddit", "20m", "--date", "yesterday")
    detox.ok("log", "reddit", "10m", "--date", "2026-11-01", "--at", "21:30")
    assert detox.seconds() == {}
    assert detox.seconds("2026-11-09") == {"reddit": 1200}
    assert detox.seconds("2026-11-01") == {"reddit": 600}
    starts = sorted(u.start for u in detox.context().store.records(ManualUsage))
    assert starts == [
        datetime(2026, 11, 1, 20, 30, tzinfo=UTC),
        datetime(2026, 11, 9, 11, 0, tzinfo=UTC),
    ]


def test_log_before_day_start_counts_to_that_day(detox: Detox) -> None:
    # 01:30 in the night after the 9th: the calendar says the 10th, the user's day is the 9th.
    detox.ok("log", "youtube", "30m", "--date", "2026-11-09", "--at", "01:30")
    [usage] = detox.context().store.records(ManualUsage)
    assert usage.start == datetime(2026, 11, 10, 1, 30, tzinfo=WARSAW)
    assert detox.seconds("2026-11-09") == {"youtube": 1800}
    assert detox.seconds("2026-11-10") == {}


def test_use_crossing_the_day_start_is_split_between_days(detox: Detox) -> None:
    detox.ok("log", "youtube", "1h", "--date", "2026-11-08", "--at", "03:30")
    # And a tracked span from 03:00 to 05:00 on the morning of the 10th.
    context = detox.context()
    start = datetime(2026, 11, 10, 3, 0, tzinfo=WARSAW)
    context.store.add_spans(
        [
            UsageSpan(
                id=UsageSpan.stable_id(context.device.id, "reddit", start, "tracker"),
                app="reddit",
                device=context.device.id,
                source="tracker",
                start=start,
                duration=7200,
            )
        ]
    )
    assert detox.seconds("2026-11-08") == {"youtube": 1800}
    assert detox.seconds("2026-11-09") == {"youtube": 1800, "reddit": 3600}
    assert detox.seconds("2026-11-10") == {"reddit": 3600}


@pytest.mark.parametrize(
    "args",
    [
        ("--date", "today", "--at", "13:00"),
        ("--at", "11:55"),  # starts before now (12:00) but would end at 12:05
        ("--date", "2026-11-11"),
    ],
)
def test_log_refuses_future_use(detox: Detox, args: tuple[str, ...]) -> None:
    line = _user_error(detox("log", "instagram", "10m", *args))
    assert line.startswith("detox: that use (")
    assert line.endswith("10m) would end in the future; check --date and --at")
    assert detox.context().store.journal() == []


def test_log_at_a_later_hour_without_date_means_today_as_date_today_does(detox: Detox) -> None:
    # Leaving out --date means --date today: "--at 23:10" at noon is later today, so refused
    # the same way; last night is --date yesterday, and the confirmation names the day used.
    assert _user_error(detox("log", "instagram", "10m", "--at", "23:10")) == _user_error(
        detox("log", "instagram", "10m", "--date", "today", "--at", "23:10")
    )
    out = detox.ok("log", "instagram", "10m", "--date", "yesterday", "--at", "23:10").stdout
    assert out.startswith("Logged 10m of Instagram on Mon 9 Nov at 23:10 (phone, id ")
    assert detox.seconds("2026-11-09") == {"instagram": 600}
    assert detox.seconds("2026-11-10") == {}


def test_unknown_app_suggests_close_names(detox: Detox) -> None:
    line = _user_error(detox("log", "instagrm", "25m"))
    assert "unknown app 'instagrm'" in line
    assert "instagram" in line
    assert detox.context().store.journal() == []


def test_unknown_app_without_close_names_points_to_the_list(detox: Detox) -> None:
    line = _user_error(detox("log", "zzqqxxv", "25m"))
    assert "detox apps list" in line


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("instagram", "abc"), "cannot read duration"),
        (("instagram", "0"), "more than zero"),
        (("instagram", "25h"), "longer than a day"),
        (("instagram", "25m", "--date", "10/11/2026"), "cannot read date"),
        (("instagram", "25m", "--at", "noonish"), "cannot read time"),
    ],
)
def test_log_bad_input_is_one_clear_line(detox: Detox, args: tuple[str, ...], problem: str) -> None:
    assert problem in _user_error(detox("log", *args))


# -- mood -----------------------------------------------------------------------------------


def test_mood_with_tags_and_note(detox: Detox, clock: FixedClock) -> None:
    result = detox.ok(
        "mood", "7", "--tag", "Walk", "--tag", "friends", "--tag", "walk", "--note", "slept well"
    )
    assert result.stdout.startswith("Mood 7/10 saved for Tue 10 Nov at 12:00 (id ")
    [entry] = detox.context().store.records(MoodEntry)
    assert (entry.score, entry.tags, entry.note, entry.at) == (
        7,
        ["friends", "walk"],
        "slept well",
        clock.now(),
    )
    assert detox.status()["mood"] == [{"score": 7, "at": "2026-11-10T11:00:00+00:00"}]


@pytest.mark.parametrize("score", ["1", "10"])
def test_mood_range_ends_are_accepted(detox: Detox, score: str) -> None:
    detox.ok("mood", score)
    assert [m["score"] for m in detox.status()["mood"]] == [int(score)]


@pytest.mark.parametrize("score", ["0", "11", "seven"])
def test_mood_out_of_range_is_refused(detox: Detox, score: str) -> None:
    result = detox("mood", score)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "1<=x<=10" in result.stderr or "not a valid integer" in result.stderr
    assert detox.context().store.journal() == []


def test_mood_log_subcommand_and_earlier_time(detox: Detox) -> None:
    detox.ok("mood", "log", "4", "--date", "yesterday", "--at", "22:15")
    detox.ok("mood", "6", "--date", "yesterday")  # evening of that day by default
    moods = detox.status("yesterday")["mood"]
    assert moods == [
        {"score": 6, "at": "2026-11-09T19:00:00+00:00"},
        {"score": 4, "at": "2026-11-09T21:15:00+00:00"},
    ]
    assert detox.status()["mood"] == []


def test_mood_in_the_future_is_refused(detox: Detox) -> None:
    assert "future" in _user_error(detox("mood", "5", "--at", "20:00"))


# -- status ---------------------------------------------------------------------------------


def test_status_json_shape(detox: Detox) -> None:
    empty = detox.status()
    assert empty == {
        "date": "2026-11-10",
        "total_seconds": 0,
        "apps": [],
        "mood": [],
        "day_label": "Tue 10 Nov",
        "budgets": [],
        "fasts": [],
    }

    detox.ok("log", "instagram", "25m")
    detox.ok("log", "reddit", "1h")
    detox.ok("log", "instagram", "5m")
    detox.ok("mood", "6")
    status = detox.status()
    assert set(status) == {"date", "total_seconds", "apps", "mood", "day_label", "budgets", "fasts"}
    assert status["date"] == "2026-11-10"
    assert status["total_seconds"] == 5400
    assert status["apps"] == [
        {"app": "reddit", "name": "Reddit", "seconds": 3600},
        {"app": "instagram", "name": "Instagram", "seconds": 1800},
    ]
    assert status["mood"] == [{"score": 6, "at": "2026-11-10T11:00:00+00:00"}]


def test_status_text(detox: Detox) -> None:
    assert "Mood: not logged yet" in detox.ok("status").stdout
    detox.ok("log", "instagram", "1h5m")
    detox.ok("mood", "8")
    lines = detox.ok("status").stdout.splitlines()
    assert lines[0] == "2026-11-10 (Tue 10 Nov): 1h 05m of social media"
    assert lines[1].split() == ["Instagram", "1h", "05m"]
    assert lines[2] == "Mood: 8"


def test_status_after_midnight_is_still_the_same_day(detox: Detox, clock: FixedClock) -> None:
    detox.ok("log", "instagram", "25m")
    clock.advance(15 * 3600 + 59 * 60)  # 03:59 on the 11th
    assert detox.status()["date"] == "2026-11-10"
    assert detox.status()["total_seconds"] == 1500
    clock.advance(60)  # 04:00
    assert detox.status()["date"] == "2026-11-11"
    assert detox.status()["total_seconds"] == 0


# -- export and purge -----------------------------------------------------------------------


def _some_data(detox: Detox) -> None:
    detox.ok("log", "instagram", "25m")
    detox.ok("mood", "7", "--note", "fine")
    context = detox.context()
    start = NOW - timedelta(hours=2)
    context.store.add_spans(
        [
            UsageSpan(
                id=UsageSpan.stable_id(context.device.id, "reddit", start, "tracker"),
                app="reddit",
                device=context.device.id,
                source="tracker",
                start=start,
                duration=600,
            )
        ]
    )


def test_export_json_to_stdout(detox: Detox) -> None:
    _some_data(detox)
    document = json.loads(detox.ok("export", "--format", "json").stdout)
    assert set(document) == {"schema_version", "exported_at", "devices", "spans", "journal"}
    assert document["exported_at"] == "2026-11-10T11:00:00+00:00"
    assert [(s["app"], s["duration"]) for s in document["spans"]] == [("reddit", 600.0)]
    assert sorted(r["kind"] for r in document["journal"]) == ["mood", "usage"]
    assert [d["id"] for d in document["devices"]] == [detox.context().device.id]


def test_export_to_a_private_file(detox: Detox, tmp_path: Path) -> None:
    _some_data(detox)
    target = tmp_path / "export.json"
    result = detox.ok("export", "-o", str(target))
    assert result.stdout == ""
    assert str(target) in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(detox.ok("export").stdout)


def test_purge_without_yes_refuses_when_not_interactive(detox: Detox) -> None:
    _some_data(detox)
    result = detox("purge")
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert detox.status()["total_seconds"] == 2100


def test_purge_with_yes_deletes_everything_but_settings(detox: Detox, paths: Paths) -> None:
    _some_data(detox)
    result = detox.ok("purge", "--yes")
    assert result.stdout.startswith("Deleted ")
    assert {k: v for k, v in detox.status().items() if k in ("total_seconds", "apps", "mood")} == {
        "total_seconds": 0,
        "apps": [],
        "mood": [],
    }
    assert json.loads(detox.ok("export").stdout)["journal"] == []
    assert paths.config_file.read_text(encoding="utf-8") == 'timezone = "Europe/Warsaw"\n'


# -- apps -----------------------------------------------------------------------------------


def test_apps_list_json(detox: Detox) -> None:
    apps = json.loads(detox.ok("apps", "list", "--json").stdout)
    by_id = {app["id"]: app for app in apps}
    assert {"instagram", "reddit", "tiktok", "youtube"} <= set(by_id)
    assert set(by_id["instagram"]) == {"id", "name", "category", "processes", "domains"}
    assert by_id["instagram"]["name"] == "Instagram"
    assert "instagram.com" in by_id["instagram"]["domains"]
    videos = json.loads(detox.ok("apps", "list", "--category", "video", "--json").stdout)
    assert videos and all(app["category"] == "video" for app in videos)
    assert "youtube" in {app["id"] for app in videos}


def test_apps_add_then_log_it(detox: Detox, paths: Paths) -> None:
    assert "unknown app" in _user_error(detox("log", "mastodon-x", "10m"))
    result = detox.ok(
        "apps",
        "add",
        "mastodon-x",
        "--name",
        "Mastodon X",
        "--category",
        "social",
        "--domain",
        "Example.Social",
        "--process",
        "MastodonX",
    )
    assert result.stdout.startswith("Added mastodon-x")
    detox.ok("log", "mastodon-x", "10m")
    assert detox.status()["apps"] == [{"app": "mastodon-x", "name": "Mastodon X", "seconds": 600}]
    listed = {a["id"]: a for a in json.loads(detox.ok("apps", "list", "--json").stdout)}
    assert listed["mastodon-x"]["domains"] == ["example.social"]
    # The user's own setting is still there.
    assert 'timezone = "Europe/Warsaw"' in paths.config_file.read_text(encoding="utf-8")


def test_apps_add_new_app_needs_name_and_category(detox: Detox) -> None:
    assert "--name and --category" in _user_error(detox("apps", "add", "mastodon-x"))
    assert "app id" in _user_error(
        detox("apps", "add", "Bad Id!", "--name", "x", "--category", "social")
    )


# -- errors and help ------------------------------------------------------------------------


def test_invalid_config_is_one_line_naming_file_and_key(detox: Detox, paths: Paths) -> None:
    paths.config_file.write_text("idle_threshold = 5\n", encoding="utf-8")
    line = _user_error(detox("status"))
    assert str(paths.config_file) in line
    assert "idle_threshold" in line
    assert "must be at least 10" in line


def test_bare_detox_prints_help(detox: Detox) -> None:
    result = detox.ok()
    assert result.stdout.startswith("Usage: ")
    for command in ("log", "mood", "status", "export", "purge", "apps"):
        assert f"  {command} " in result.stdout


def test_version(detox: Detox) -> None:
    assert detox.ok("--version").stdout.startswith("detox, version ")


# -- real processes -------------------------------------------------------------------------


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DETOX_DEBUG"} | {"DETOX_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "detox", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_real_process_log_status_export(detox_home: Path) -> None:
    # A fixed past date keeps the result independent of when the test runs.
    logged = _run(detox_home, "log", "instagram", "25m", "--date", "2025-01-15", "--at", "12:00")
    assert logged.returncode == 0, logged.stderr
    assert logged.stdout.startswith("Logged 25m of Instagram")
    assert _run(detox_home, "mood", "6", "--date", "2025-01-15").returncode == 0
    status = _run(detox_home, "status", "--json", "--date", "2025-01-15")
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert data["total_seconds"] == 1500
    assert data["apps"] == [{"app": "instagram", "name": "Instagram", "seconds": 1500}]
    assert [m["score"] for m in data["mood"]] == [6]
    exported = detox_home / "out.json"
    assert _run(detox_home, "export", "-o", str(exported)).returncode == 0
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600


def test_real_process_user_errors(detox_home: Path) -> None:
    unknown = _run(detox_home, "log", "instagrm", "25m")
    assert unknown.returncode == 2
    assert unknown.stderr.count("\n") == 1 and "instagram" in unknown.stderr

    purge = _run(detox_home, "purge")  # stdin is not a terminal here
    assert purge.returncode == 2 and "--yes" in purge.stderr

    (detox_home / "config.toml").write_text('[budgets]\nfacebook = "3x"\n', encoding="utf-8")
    broken = _run(detox_home, "status")
    assert broken.returncode == 2
    assert "Traceback" not in broken.stderr + broken.stdout
    assert str(detox_home / "config.toml") in broken.stderr
    assert "budgets.facebook" in broken.stderr


def test_real_process_bare_detox_prints_help(detox_home: Path) -> None:
    bare = _run(detox_home)
    assert bare.returncode == 0
    assert bare.stdout.startswith("Usage: ")
