"""`detox status`, the terminal app's figures and `detox report` round the same seconds to the
same minutes (they used to differ by one: 16h 53m in the report, 16h 52m in status and the app),
on a clock before the 04:00 day start and after it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from detox.cli import cli
from detox.durations import format_duration
from detox.tui.data import load_today
from tests import report_data as data
from tests.clock_fixtures import WARSAW


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (datetime(2026, 11, 25, 1, 0, tzinfo=WARSAW), "2026-11-24"),  # before the day start
        (datetime(2026, 11, 25, 12, 0, tzinfo=WARSAW), "2026-11-25"),
    ],
)
def test_status_and_report_show_the_same_minutes(tmp_path: Path, now: datetime, day: str) -> None:
    paths = data.make_paths(tmp_path / "home", 'timezone = "Europe/Warsaw"\n')
    ctx = data.context(paths, now)
    store = ctx.store
    # 52 min 30.4 s of Instagram and 59.6 s of YouTube, the last of it just before "now".
    start = now - timedelta(hours=2)
    store.add_spans(
        [
            data.span(store, "instagram", start, start + timedelta(minutes=52, seconds=30.4)),
            data.span(store, "youtube", now - timedelta(seconds=70), now - timedelta(seconds=10.4)),
        ]
    )

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, list(args), obj=data.context(paths, now))
        assert result.exit_code == 0, (result.output, result.exception)
        return result.stdout

    status = run("status")
    first_line = status.splitlines()[0]  # "2026-11-24 (Tue 24 Nov): 54m of social media"
    assert first_line.startswith(f"{day} (") and first_line.endswith("): 54m of social media")
    assert "Instagram                  53m" in status  # 52m 30.4 s
    assert "YouTube                     1m" in status  # 59.6 s is a whole minute
    report = json.loads(run("report", "--from", day, "--to", day, "--json"))
    assert report["days"][0]["seconds"] == 3210  # whole seconds: 53 min 30 s, so 54 min
    text = run("report", "--from", day, "--to", day)
    assert any(line.split()[-2:] == ["54m", "-"] for line in text.splitlines())
    # The terminal app's Today screen: its figures, through the one formatter.
    today = load_today(data.context(paths, now))
    assert format_duration(today.total_seconds) == "54m"
