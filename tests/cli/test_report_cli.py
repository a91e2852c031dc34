"""`detox report` as a user runs it: choosing the period, the format and the output file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from detox.cli import cli
from detox.clock import FixedClock
from detox.paths import Paths
from tests import report_data as data
from tests.cli.home import Home
from tests.clock_fixtures import WARSAW


class Detox(Home):
    """A home filled by tests.report_data; `report` runs `detox report --format json ...`."""

    def __init__(self, paths: Paths, now: datetime = data.NOW) -> None:
        super().__init__(paths.config_dir, FixedClock(now, zone=WARSAW), config=None)
        self.now = now

    def report(self, *args: str) -> Any:
        return json.loads(self.ok("report", "--format", "json", *args).stdout)


@pytest.fixture
def detox(tmp_path: Path) -> Detox:
    paths = data.make_paths(tmp_path / "home")
    data.fill(data.context(paths))
    return Detox(paths)


def _user_error(result: Result) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    return line


def test_the_default_is_the_current_week(detox: Detox) -> None:
    found = detox.report()
    # Wednesday 25 November: the week of Monday 23 November, compared with Mon-Wed before it.
    assert found["period"] == {"start": "2026-11-23", "end": "2026-11-29"}
    assert found["previous_period"] == {"start": "2026-11-16", "end": "2026-11-18"}
    assert found["previous_total_seconds"] == 5040 + 3600 + 1800


def test_week_start_comes_from_the_settings(tmp_path: Path) -> None:
    paths = data.make_paths(tmp_path / "home", 'week_start = "sunday"\n' + data.CONFIG)
    data.fill(data.context(paths))
    detox = Detox(paths)
    assert detox.report()["period"] == {"start": "2026-11-22", "end": "2026-11-28"}
    # ISO week 47 begins on Monday 16 November; a Sunday-first week 47 begins the day before.
    found = detox.report("--week", data.WEEK)
    assert found["period"] == {"start": "2026-11-15", "end": "2026-11-21"}
    assert found["total_seconds"] == data.TOTAL - 300  # Sunday 22 out, Sunday 15 (empty) in


def _locale(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", value)


@pytest.mark.parametrize(
    ("locale", "first"),
    [
        ("ko_KR.UTF-8", "2026-11-22"),  # Sunday
        ("zh_TW.UTF-8", "2026-11-22"),
        ("zh_SG.UTF-8", "2026-11-22"),
        ("es_MX.UTF-8", "2026-11-22"),
        ("zh_CN.UTF-8", "2026-11-23"),  # Monday
        ("pl_PL.UTF-8", "2026-11-23"),
        ("es_ES.UTF-8", "2026-11-23"),
        ("en_US.UTF-8", "2026-11-23"),  # detox's English keeps Monday
    ],
)
def test_the_week_starts_on_the_locales_first_day(
    detox: Detox, monkeypatch: pytest.MonkeyPatch, locale: str, first: str
) -> None:
    _locale(monkeypatch, locale)
    assert detox.report()["period"]["start"] == first


def test_a_korean_users_weeks_start_on_sunday(
    detox: Detox, monkeypatch: pytest.MonkeyPatch
) -> None:
    _locale(monkeypatch, "ko_KR.UTF-8")
    assert detox.report("--week", "last")["period"] == {"start": "2026-11-15", "end": "2026-11-21"}
    assert detox.report("--week", data.WEEK)["period"]["start"] == "2026-11-15"
    title, dates = detox.ok("report").stdout.splitlines()[:2]
    assert (title, dates) == ("소셜 미디어 리포트: 2026년 11월 넷째 주", "2026년 11월 22일~28일")


@pytest.mark.parametrize(
    ("language", "week", "title", "dates"),
    [
        ("ko", "2026-W49", "2026년 12월 첫째 주", "2026년 11월 29일~12월 5일"),
        ("ko", "2026-W01", "2025년 12월 다섯째 주", "2025년 12월 28일~2026년 1월 3일"),
        ("zh_Hans", "2026-W49", "2026年第49周", "2026年11月30日\u2009–\u200912月6日"),
        ("zh_Hant", "2026-W49", "2026年第49週", "2026年11月29日至12月5日"),
        ("pl", "2026-W01", "1. tydzień 2026", "29 gru 2025–4 sty 2026"),
        ("es", "2026-W49", "semana 49 de 2026", "30 nov\u2009–\u20096 dic 2026"),
        ("en", "2026-W49", "week 2026-W49", "Mon 30 Nov 2026 to Sun 6 Dec 2026"),
    ],
)
def test_a_weeks_title_reads_as_the_language_names_weeks(
    detox: Detox, language: str, week: str, title: str, dates: str
) -> None:
    lines = detox.ok("--lang", language, "report", "--week", week).stdout.splitlines()
    assert lines[0].endswith(title) and lines[1] == dates


def test_a_week_start_set_in_config_wins_over_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = data.make_paths(tmp_path / "home", 'week_start = "monday"\n' + data.CONFIG)
    data.fill(data.context(paths))
    _locale(monkeypatch, "ko_KR.UTF-8")
    assert Detox(paths).report()["period"] == {"start": "2026-11-23", "end": "2026-11-29"}


def test_week_month_and_range(detox: Detox) -> None:
    assert detox.report("--week", data.WEEK)["total_seconds"] == data.TOTAL
    assert detox.report("--week", "last")["period"]["start"] == "2026-11-16"
    month = detox.report("--month", "2026-11")
    assert month["period"] == {"start": "2026-11-01", "end": "2026-11-30"}
    assert month["previous_period"] == {"start": "2026-10-01", "end": "2026-10-25"}
    assert month["total_seconds"] == data.TOTAL + data.PREVIOUS_TOTAL
    days = detox.report("--from", "2026-11-16", "--to", "2026-11-18")
    assert [day["seconds"] for day in days["days"]] == data.PER_DAY[:3]
    assert days["previous_period"] == {"start": "2026-11-13", "end": "2026-11-15"}
    assert detox.report("--from", "2026-11-20")["period"] == {
        "start": "2026-11-20",
        "end": "2026-11-25",
    }


def test_output_file_takes_its_format_from_the_name(detox: Detox, tmp_path: Path) -> None:
    target = tmp_path / "week.html"
    result = detox.ok("report", "--week", data.WEEK, "-o", str(target))
    assert result.stdout == ""
    assert f"written to {target} (html)" in result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert (target.stat().st_mode & 0o777) == 0o600  # a report is private
    csv_file = tmp_path / "week.txt"
    detox.ok("report", "--week", data.WEEK, "--format", "csv", "-o", str(csv_file))
    assert csv_file.read_text(encoding="utf-8").startswith("date,app,device,seconds,sessions\n")


def test_text_is_the_default_on_screen(detox: Detox) -> None:
    out = detox.ok("report", "--week", data.WEEK).stdout
    assert out.startswith("Social media report: week 2026-W47\n")
    assert "4h 04m of social media this week" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-47"], "cannot read week '2026-47': write e.g. 2026-W47"),
        (["--week", "2026-W54"], "2026 has no week 54"),
        (["--month", "2026-13"], "the month must be 01 to 12"),
        (["--week", data.WEEK, "--month", "2026-11"], "choose one of --week and --month"),
        (["--month", "2026-11", "--from", "2026-11-01"], "choose one of --month and --from/--to"),
        (["--from", "2026-11-20", "--to", "2026-11-10"], "--from 2026-11-20 is after"),
        (["--from", "20/11/2026"], "cannot read date '20/11/2026'"),
    ],
)
def test_mistakes_get_one_clear_line(detox: Detox, args: list[str], message: str) -> None:
    line = _user_error(detox("report", *args))
    assert line.startswith("detox: ")
    assert message in line


def test_an_unwritable_output_is_a_user_error(detox: Detox, tmp_path: Path) -> None:
    line = _user_error(detox("report", "-o", str(tmp_path / "missing" / "r.md")))
    assert "cannot write" in line


def test_empty_and_future_periods_are_not_errors(tmp_path: Path) -> None:
    detox = Detox(data.make_paths(tmp_path / "empty", 'timezone = "Europe/Warsaw"\n'))
    out = detox.ok("report").stdout
    assert "No social media time recorded this week so far (3 of 7 days)." in out
    assert "`detox track` records this computer" in out
    future = detox.ok("report", "--month", "2027-03", "--format", "md").stdout
    assert "This month has not begun yet: it starts on Mon 1 Mar 2027." in future


def test_json_report_does_not_load_rich_or_the_ui(tmp_path: Path) -> None:
    paths = data.make_paths(tmp_path / "home")
    env = {k: v for k, v in os.environ.items() if k != "DETOX_DEBUG"}
    env["DETOX_HOME"] = str(tmp_path / "home")
    script = (
        "import sys\n"
        "from detox.cli import cli\n"
        "try:\n"
        "    cli.main(['report', '--format', 'json'], prog_name='detox')\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'textual', 'Xlib'})\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"total_seconds": 0' in done.stdout
    assert "HEAVY []" in done.stdout
    assert paths.config_file.exists()


def test_json_flag_is_the_json_format(detox: Detox) -> None:
    """README promises --json on every reading command; for report it is --format json."""
    flag = json.loads(detox.ok("report", "--week", data.WEEK, "--json").stdout)
    assert flag == detox.report("--week", data.WEEK)
    assert "disagree" in _user_error(detox("report", "--json", "--format", "md"))


@pytest.mark.parametrize("name", ["week.pdf", "week", "week.docx"])
def test_an_output_suffix_that_names_no_format_is_refused(
    detox: Detox, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    line = _user_error(detox("report", "--week", data.WEEK, "-o", str(target)))
    assert f"cannot tell the format from '{name}'" in line and "--format" in line
    assert not target.exists()
    # With --format the name is the user's choice.
    detox.ok("report", "--week", data.WEEK, "--format", "md", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("# Social media report")


def test_csv_tables_from_the_command_line(detox: Detox, tmp_path: Path) -> None:
    days = detox.ok("report", "--week", data.WEEK, "--format", "csv", "--table", "days").stdout
    assert days.splitlines()[0] == "date,seconds,minutes,mood,mood_entries"
    assert "2026-11-16,5040,84,7.00,2" in days.splitlines()
    target = tmp_path / "apps.csv"
    detox.ok("report", "--week", data.WEEK, "--table", "apps", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("app,name,category,seconds,minutes")
    assert "CSV table" in _user_error(detox("report", "--table", "days", "--format", "md"))
    wrong = detox("report", "--table", "weeks")
    assert wrong.exit_code == 2 and "--table" in wrong.stderr


@pytest.mark.parametrize("columns", [80, 130])
def test_text_takes_the_terminal_width(detox: Detox, columns: int) -> None:
    result = CliRunner().invoke(
        cli,
        ["report", "--week", data.WEEK],
        obj=data.context(detox.paths, detox.now),
        env={"COLUMNS": str(columns)},
    )
    assert result.exit_code == 0, result.output
    widest = max(len(line) for line in result.stdout.splitlines())
    assert widest <= columns
    assert widest > 80 if columns > 80 else widest >= 70
