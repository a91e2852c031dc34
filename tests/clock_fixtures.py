"""The zone and the moment most tests are set in (a test with a reason for another day keeps
its own NOW, but takes the zone from here)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

WARSAW = ZoneInfo("Europe/Warsaw")
# Tuesday 10 November 2026, noon in Warsaw (11:00 UTC); the detox day began at 04:00.
NOW = datetime(2026, 11, 10, 12, 0, tzinfo=WARSAW)
# The same calendar noon in UTC, for tests of storage where the zone does not matter.
NOW_UTC = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
