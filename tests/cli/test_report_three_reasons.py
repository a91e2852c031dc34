"""The report's "three reasons" section, worked out by hand, in every format (Warsaw).

Week 2026-W45, Mon 2 to Sun 8 November; "now" is Tue 10 November, noon. A fast runs from Thu 5.
- Baseline: Reddit 60 min a day from 8 October to 4 November (the 28 days before the fast),
  so 3600 s a day; Mon 2 to Wed 4 as well; fast days Thu 5 to Sun 8: 15 min (900 s) a day.
  Reclaimed: 4 x (3600 - 900) = 10800 s = 3h.
- Offline: reading 45m Tue 3, walk 1h Thu 5, walk 1h Sat 7, family 1h 30m Sun 8: 4h 15m.
- Blood pressure: Tue 3 07:00 130/85 and 07:03 126/81 (one session, 128/83); Fri 6 07:10
  120/79 (a session of one); Fri 6 21:00 135/88 (evening). Mornings (128 + 120) / 2 = 124,
  (83 + 79) / 2 = 81 over 2 days; evenings 135/88 over 1 day.
- Self-esteem 4 on Mon 2 and 6 on Fri 6: 5.0 over 2 days.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from detox.clock import local_datetime
from detox.models import Fast, HealthReading, MoodEntry, OfflineEntry, UsageSpan
from tests.cli.home import WARSAW, Home

WEEK = ("--week", "2026-W45")
SENTENCES = [
    "Self-esteem averaged 5.0 (1-10) over 2 days with a score.",
    "Blood pressure averaged mornings 124/81 mmHg (2 days), evenings 135/88 mmHg (1 day).",
    "Week of 2026-11-02: 3h 00m less social media than your baseline; you logged 4h 15m "
    "offline: walk 2h 00m, family 1h 30m, reading 45m.",
]


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return local_datetime(date(2026, month, day), time(hour, minute), WARSAW)


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return three_reasons_home(tmp_path / "home")


def three_reasons_home(root: Path) -> Home:
    """The history in this module's docstring, written into a real store."""
    home = Home(root)
    store = home.context().store
    device, now = store.device.id, home.clock.now()
    spans = []
    day = date(2026, 10, 8)
    while day <= date(2026, 11, 8):
        start = local_datetime(day, time(14, 0), WARSAW)
        minutes = 15 if day >= date(2026, 11, 5) else 60
        spans.append(
            UsageSpan(
                id=UsageSpan.stable_id(device, "reddit", start, "tracker"),
                app="reddit",
                device=device,
                source="tracker",
                start=start,
                duration=minutes * 60,
            )
        )
        day += timedelta(days=1)
    store.add_spans(spans)
    common: dict[str, Any] = {"device": device, "updated_at": now}
    records: list[object] = [
        Fast(**common, name="Detox", start=date(2026, 11, 5), end=date(2026, 11, 20)),
        OfflineEntry(**common, at=at(3, 18), activity="reading", duration=45 * 60),
        OfflineEntry(**common, at=at(5, 17), activity="walk", duration=3600),
        OfflineEntry(**common, at=at(7, 10), activity="walk", duration=3600, company=["friends"]),
        OfflineEntry(**common, at=at(8, 15), activity="family", duration=5400),
        HealthReading(**common, measure="bp", at=at(3, 7), systolic=130, diastolic=85),
        HealthReading(**common, measure="bp", at=at(3, 7, 3), systolic=126, diastolic=81),
        HealthReading(**common, measure="bp", at=at(6, 7, 10), systolic=120, diastolic=79),
        HealthReading(**common, measure="bp", at=at(6, 21), systolic=135, diastolic=88),
        MoodEntry(**common, at=at(2, 20), score=5, dimensions={"self_esteem": 4}),
        MoodEntry(**common, at=at(6, 20), score=7, dimensions={"self_esteem": 6}),
    ]
    store.put_many(records)  # type: ignore[arg-type]
    return home


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_json_figures(home: Home) -> None:
    section = json.loads(home.ok("report", *WEEK, "--format", "json").stdout)["three_reasons"]
    assert section["self_esteem"] == 5.0
    assert section["blood_pressure"] == {
        "morning_systolic": 124.0,
        "morning_diastolic": 81.0,
        "morning_days": 2,
        "evening_systolic": 135.0,
        "evening_diastolic": 88.0,
        "evening_days": 1,
    }
    assert section["offline_seconds"] == 15300
    assert section["offline_by_activity"] == {"walk": 7200, "family": 5400, "reading": 2700}
    assert section["weeks"] == [
        {
            "start": "2026-11-02",
            "end": "2026-11-08",
            "fast_days": 4,
            "baseline_seconds": 3600,
            "reclaimed_seconds": 10800,
            "offline_seconds": 15300,
            "offline_by_activity": {"walk": 7200, "family": 5400, "reading": 2700},
        }
    ]
    assert [d["in_fast"] for d in section["days"]] == [False] * 3 + [True] * 4
    assert section["sentences"] == SENTENCES
    assert "140/90" in section["caveat"]


def test_every_format_says_the_same(home: Home) -> None:
    text = _flat(home.ok("report", *WEEK).stdout)
    markdown = _flat(home.ok("report", *WEEK, "--format", "md").stdout)
    page = home.ok("report", *WEEK, "--format", "html").stdout
    for sentence in SENTENCES:
        assert sentence in text
        assert f"- {sentence}" in markdown
        assert f"<li>{html.escape(sentence)}</li>" in page
    for output in (text, markdown, html.unescape(page)):
        assert output.count("above 140/90") == 1
    # The chart: two morning points per line, each labelled with its value.
    chart = page[page.index('<svg class="chart bp"') :]
    chart = chart[: chart.index("</svg>")]
    assert (
        chart.count('<circle class="dot-sys"') == 2 and chart.count('<circle class="dot-dia"') == 2
    )
    assert ">2026-11-03: 128 mmHg<" in chart and ">2026-11-06: 79 mmHg<" in chart
    assert chart.count('class="fast"') == 4
    assert "http" not in chart


def test_the_csv_table_sums_to_the_same_figures(home: Home) -> None:
    out = home.ok("report", *WEEK, "--format", "csv", "--table", "three_reasons").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["date"] for r in rows] == [f"2026-11-0{d}" for d in range(2, 9)]
    assert sum(int(r["offline_seconds"]) for r in rows) == 15300
    mornings = [float(r["morning_systolic"]) for r in rows if r["morning_systolic"]]
    assert mornings == [128.0, 120.0] and sum(mornings) / 2 == 124
    fast = [r for r in rows if r["in_fast"] == "1"]
    # Reclaimed, from the table: 4 fast days x (3600 baseline - their own social seconds).
    assert sum(3600 - int(r["social_seconds"]) for r in fast) == 10800
    assert [r["self_esteem"] for r in rows if r["self_esteem"]] == ["4.0", "6.0"]
    assert rows[4]["evening_systolic"] == "135.0" and rows[4]["evening_sessions"] == "1"


def test_an_empty_history_invites_rather_than_alarms(tmp_path: Path) -> None:
    home = Home(tmp_path / "empty")
    text = _flat(home.ok("report").stdout)
    assert "No blood-pressure readings yet: `detox health bp 128/82` logs one." in text
    assert "This week: no fast days; no offline time logged." in text
    assert "140/90" not in text


def test_an_ended_fast_outside_the_week_changes_nothing_and_is_not_read(home: Home) -> None:
    before = json.loads(home.ok("report", *WEEK, "--format", "json").stdout)["three_reasons"]
    store = home.context().store
    device, now = store.device.id, home.clock.now()
    store.add_spans(
        UsageSpan(
            id=UsageSpan.stable_id(device, "reddit", at(day, 14, month=month), "tracker"),
            app="reddit",
            device=device,
            source="tracker",
            start=at(day, 14, month=month),
            duration=1800,
        )
        for month, day in [(6, 20), (7, 15), (8, 10)]
    )
    summer = Fast(
        device=device,
        updated_at=now,
        name="Summer",
        start=date(2026, 8, 1),
        end=date(2026, 8, 31),
        ended_at=at(20, 9, month=8),
    )
    store.put(summer)
    rollups = home.context().paths.state_dir / "rollups"
    for month in rollups.glob("*/*.json"):
        month.unlink()
    after = json.loads(home.ok("report", *WEEK, "--format", "json").stdout)["three_reasons"]
    assert after == before
    # The summer fast's days and its baseline (July) are months no figure of the week needs.
    built = sorted(path.name for path in rollups.glob("*/[0-9]*.json"))
    assert built == ["2026-10.json", "2026-11.json"]
