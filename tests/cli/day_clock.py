"""A home whose clock is placed before the 04:00 day start (01:00 on Friday 4 December 2026,
still detox-day Thursday) or after it (12:00, detox-day Friday): every test of the detox day runs
on both."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from detox.clock import FixedClock
from tests.cli.home import Home
from tests.clock_fixtures import WARSAW

FRIDAY = date(2026, 12, 4)
# hour on Friday 4 December -> the detox day it is (days start at 04:00)
CLOCKS = {1: date(2026, 12, 3), 12: date(2026, 12, 4)}


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WARSAW)


@pytest.fixture(params=sorted(CLOCKS), ids=lambda hour: f"{hour:02d}h00")
def home(request: pytest.FixtureRequest, tmp_path: Path) -> Home:
    return Home(tmp_path / "home", FixedClock(at(FRIDAY, request.param)))


def hour_of(home: Home) -> int:
    return home.clock.now().astimezone(WARSAW).hour


def today_of(home: Home) -> date:
    return CLOCKS[hour_of(home)]
