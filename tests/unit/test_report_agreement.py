"""Every report format shows the same minutes per day and per app, for any use at all.

Random spans (fractional seconds, many crossing the 04:00 day start or the week's edges) go into
a real store; the text, Markdown, CSV, JSON and HTML reports are read back the way a person or a
spreadsheet reads them, and each must give the minutes worked out here independently: the exact
seconds of each detox day and app, summed, then rounded once, half up.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections import defaultdict
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from detox.durations import whole_minutes
from detox.reports import wording as say
from detox.reports.build import build_report
from detox.reports.model import Report
from detox.reports.periods import parse_week
from detox.reports.render import render
from tests import report_data as data
from tests.clock_fixtures import WARSAW

APPS = {"instagram": "Instagram", "youtube": "YouTube", "tiktok": "TikTok", "reddit": "Reddit"}
FIRST_DAY = date(2026, 11, 16)  # week 2026-W47, Monday; "now" is the Wednesday after it
DAYS = [FIRST_DAY + timedelta(days=offset) for offset in range(7)]
DAY_START_HOUR = 4


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, DAY_START_HOUR, tzinfo=WARSAW)


def expected(spans: list[tuple[str, datetime, float]]) -> tuple[dict[date, int], dict[str, int]]:
    """Minutes per detox day and per app, from the spans alone (no detox code but the rounding)."""
    per_day: dict[date, float] = defaultdict(float)
    per_app: dict[str, float] = defaultdict(float)
    for app, start, seconds in spans:
        end = start + timedelta(seconds=seconds)
        for day in DAYS:
            lo, hi = max(start, _day_start(day)), min(end, _day_start(day + timedelta(days=1)))
            if hi > lo:
                part = (hi - lo).total_seconds()
                per_day[day] += part
                per_app[app] += part
    days = {day: whole_minutes(per_day[day]) for day in DAYS}
    apps = {app: whole_minutes(seconds) for app, seconds in per_app.items() if seconds > 0}
    return days, apps


def minutes_shown(text: str) -> int:
    """What a reader takes from "1h 05m", "12m" or "45s": minutes, as detox rounds them."""
    text = text.strip()
    seconds = re.fullmatch(r"(\d+)s", text)
    if seconds:
        return whole_minutes(int(seconds.group(1)))
    found = re.fullmatch(r"(?:(\d+)h )?(\d+)m", text)
    assert found, f"not a duration: {text!r}"
    return int(found.group(1) or 0) * 60 + int(found.group(2))


DURATION = r"\d+h \d{2}m|\d+m(?![a-z])|\d+s(?![a-z])"
LABELS = {say.short_day(day): day for day in DAYS}
LONG_LABELS = {say.long_day(day): day for day in DAYS}
NAMES = {name: app for app, name in APPS.items()}


def from_json(report: Report) -> tuple[dict[date, int], dict[str, int]]:
    parsed = json.loads(render(report, "json"))
    days = {date.fromisoformat(d["date"]): whole_minutes(d["seconds"]) for d in parsed["days"]}
    apps = {a["app"]: whole_minutes(a["seconds"]) for a in parsed["apps"]}
    return days, apps


def from_csv(report: Report) -> tuple[dict[date, int], dict[str, int]]:
    def table(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(render(report, "csv", table=name))))  # type: ignore[arg-type]

    days = {date.fromisoformat(row["date"]): int(row["minutes"]) for row in table("days")}
    for row in table("days"):  # the whole seconds beside them give the same minutes
        assert whole_minutes(int(row["seconds"])) == int(row["minutes"])
    # An app listed for last week's sake has no session this week; one used for 1 ms this week
    # has one, though its whole seconds are 0.
    apps = {row["app"]: int(row["minutes"]) for row in table("apps") if row["sessions"] != "0"}
    return days, apps


def _section(text: str, start: str, end: tuple[str, ...]) -> list[str]:
    lines = text.splitlines()
    first = lines.index(start)
    last = next(i for i in range(first + 1, len(lines)) if lines[i].startswith(end))
    return lines[first + 1 : last]


def from_text(report: Report) -> tuple[dict[date, int], dict[str, int]]:
    text = render(report, "text", width=100)
    days: dict[date, int] = {}
    for line in _section(text, "Per day", ("Apps",)):
        label = next((label for label in LABELS if line.startswith(label + " ")), None)
        if label is not None:
            days[LABELS[label]] = minutes_shown(re.findall(DURATION, line)[-1])
    apps: dict[str, int] = {}
    for line in _section(text, "Apps", ("Categories and devices", "When")):
        name = next((name for name in NAMES if line.startswith(name + " ")), None)
        if name is not None:
            apps[NAMES[name]] = minutes_shown(re.findall(DURATION, line)[0])
    return days, apps


def from_markdown(report: Report) -> tuple[dict[date, int], dict[str, int]]:
    days: dict[date, int] = {}
    apps: dict[str, int] = {}
    for line in render(report, "md").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 3 and cells[0] in LABELS:
            days[LABELS[cells[0]]] = minutes_shown(cells[1])
        elif len(cells) == 6 and cells[0] in NAMES:
            apps[NAMES[cells[0]]] = minutes_shown(cells[1])
    return days, apps


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, text: str) -> None:
        if self._cell is not None:
            self._cell.append(text)


def from_html(report: Report) -> tuple[dict[date, int], dict[str, int]]:
    parser = _Rows()
    parser.feed(render(report, "html"))
    days = {
        LONG_LABELS[row[0]]: minutes_shown(row[1])
        for row in parser.rows
        if len(row) == 3 and row[0] in LONG_LABELS
    }
    apps = {
        NAMES[row[0]]: minutes_shown(row[1])
        for row in parser.rows
        if len(row) == 6 and row[0] in NAMES
    }
    return days, apps


READERS = {
    "json": from_json,
    "csv": from_csv,
    "text": from_text,
    "md": from_markdown,
    "html": from_html,
}

# A span either starts near a day start (04:00 +- 2 hours: the hours where a day is easy to get
# wrong) or anywhere in a day; lengths run from a second to four hours, in milliseconds.
# Lengths near the half minute are drawn often, since that is where rounding goes wrong.
span_plan = st.tuples(
    st.sampled_from(sorted(APPS)),
    st.integers(-1, 7),  # the day, from the Sunday before the week to the Monday after it
    st.one_of(st.integers(-120 * 60_000, 120 * 60_000), st.integers(0, 24 * 3_600_000)),
    st.one_of(
        st.integers(1_000, 4 * 3_600_000),
        # Lengths at a half minute (k min 29.5 s to 30.5 s): where rounding twice, or to even,
        # would show a minute more or less in one format than in another.
        st.builds(lambda k, ms: k * 60_000 + ms, st.integers(0, 240), st.integers(29_500, 30_499)),
    ),
)


def _place(plans: list[tuple[str, int, int, int]]) -> list[tuple[str, datetime, float]]:
    """Spans in time order, each moved after the one before (a device uses one app at a time)."""
    spans: list[tuple[str, datetime, float]] = []
    free = _day_start(FIRST_DAY - timedelta(days=2))
    wanted = sorted(
        (_day_start(FIRST_DAY + timedelta(days=day)) + timedelta(milliseconds=offset), app, length)
        for app, day, offset, length in plans
    )
    for start, app, length in wanted:
        start = max(start, free)
        spans.append((app, start, length / 1000))
        free = start + timedelta(milliseconds=length)
    return spans


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(plans=st.lists(span_plan, min_size=0, max_size=14))
# A 49 min 29.5 s span that starts 0.426 s after the hour: summed in floats it was a hair under
# the half second, and every format showed 49 min where the span's own length says 50.
@example(plans=[("instagram", 0, 0, 1_000), ("instagram", 2, 426, 2_969_500)])
def test_every_format_gives_the_same_minutes_per_day_and_app(
    plans: list[tuple[str, int, int, int]],
) -> None:
    spans = _place(plans)
    with tempfile.TemporaryDirectory() as folder:
        ctx = data.context(data.make_paths(Path(folder) / "home", 'timezone = "Europe/Warsaw"\n'))
        store = ctx.store
        store.add_spans(
            [
                data.span(store, app, start, start + timedelta(seconds=seconds))
                for app, start, seconds in spans
            ]
        )
        report = build_report(ctx, parse_week(data.WEEK, "monday"))
        days, apps = expected(spans)
        for fmt, read in READERS.items():
            shown_days, shown_apps = read(report)
            assert shown_days == days, fmt
            assert shown_apps == apps, fmt
