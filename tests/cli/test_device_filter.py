"""`--device` on status and report: one device's share."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from detox.cli import cli
from detox.clock import FixedClock
from detox.context import Context
from detox.paths import Paths

# Noon, far from the 04:00 day start: on the real clock "log 20m" just after 04:00 would put
# part of the use on the day before, and the totals would depend on when the suite runs.
NOON = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


def run(*args: str) -> tuple[int, str]:
    context = Context(paths=Paths.from_env(), clock_override=FixedClock(NOON))
    result = CliRunner().invoke(cli, list(args), obj=context)
    return result.exit_code, result.output


def test_status_for_one_device(detox_home: Path) -> None:
    assert run("log", "instagram", "20m")[0] == 0
    assert run("log", "instagram", "10m", "--device", "tablet")[0] == 0
    code, out = run("status", "--device", "tablet", "--json")
    assert code == 0
    assert json.loads(out)["total_seconds"] == 600
    code, out = run("status", "--json")
    assert json.loads(out)["total_seconds"] == 1800


def test_unknown_device_is_one_line_and_exit_2(detox_home: Path) -> None:
    run("log", "instagram", "20m")
    code, out = run("status", "--device", "fridge")
    assert code == 2
    [line] = out.strip().splitlines()
    assert line.startswith("detox: no device 'fridge'; known devices: phone")


def test_report_for_one_device(detox_home: Path) -> None:
    run("log", "instagram", "20m", "--date", "yesterday")
    run("log", "youtube", "10m", "--date", "yesterday", "--device", "tablet")
    code, out = run(
        "report", "--from", "yesterday", "--to", "today", "--format", "json", "--device", "tablet"
    )
    assert code == 0
    report = json.loads(out)
    assert report["total_seconds"] == 600
    assert [app["app"] for app in report["apps"]] == ["youtube"]
    code, out = run("report", "--from", "yesterday", "--to", "today", "--format", "json")
    assert json.loads(out)["total_seconds"] == 1800
