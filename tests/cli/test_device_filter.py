"""`--device` on status and report: one device's share."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from detox.cli import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
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
