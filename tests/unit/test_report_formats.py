"""Every format says the same thing: the same totals, the documented JSON keys and CSV columns,
a terminal rendering that fits 80 columns, and a friendly word for empty and future periods."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len

from detox.balance.fasts import all_fasts, check_fast
from detox.context import Context
from detox.durations import format_duration
from detox.reports import wording as say
from detox.reports.build import build_report
from detox.reports.model import Report
from detox.reports.periods import month_period, parse_week
from detox.reports.render import FORMATS, render
from tests import report_data as data
from tests.clock_fixtures import WARSAW

JSON_KEYS = [
    "period",
    "previous_period",
    "total_seconds",
    "previous_total_seconds",
    "days",
    "apps",
    "categories",
    "devices",
    "heatmap",
    "budgets",
    "fasts",
    "mood",
    "insights",
    "three_reasons",
]
LONG_NAMES = (
    'timezone = "Europe/Warsaw"\n'
    "[apps.longforum]\n"
    'name = "The Extraordinarily Long-Winded Discussion Forum of Everything"\n'
    'category = "forum"\n'
    'domains = ["forum.example.org"]\n'
)


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    context = data.context(data.make_paths(tmp_path / "home"))
    data.fill(context)
    [fast] = all_fasts(context)
    check_fast(context, fast)
    return data.context(context.paths)


@pytest.fixture
def report(ctx: Context) -> Report:
    return build_report(ctx, parse_week(data.WEEK, "monday"))


def test_every_format_agrees_on_the_totals(report: Report) -> None:
    shown = "4h 04m"  # 14640 s
    parsed = json.loads(render(report, "json"))
    assert parsed["total_seconds"] == data.TOTAL
    assert sum(day["seconds"] for day in parsed["days"]) == data.TOTAL
    assert sum(app["seconds"] for app in parsed["apps"]) == data.TOTAL
    assert sum(sum(row) for row in parsed["heatmap"]) == data.TOTAL

    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert sum(int(row["seconds"]) for row in rows) == data.TOTAL
    per_app: dict[str, int] = {}
    for row in rows:
        per_app[row["app"]] = per_app.get(row["app"], 0) + int(row["seconds"])
    assert per_app == {app["app"]: app["seconds"] for app in parsed["apps"]}
    sessions = {app: sum(int(r["sessions"]) for r in rows if r["app"] == app) for app in per_app}
    assert sessions == {app["app"]: app["sessions"] for app in parsed["apps"]}

    text = render(report, "text")
    assert f"{shown} of social media this week" in text
    markdown = render(report, "md")
    assert f"{shown} of social media this week" in markdown
    html = render(report, "html")
    assert f'data-figure="total">{shown}<' in html
    for output in (text, markdown, html):
        assert "+94 min" in output and "+63%" in output
        for name, line in (("YouTube", "1h 45m"), ("Instagram", "29m")):
            assert name in output and line in output


def test_json_has_exactly_the_documented_keys(report: Report) -> None:
    parsed = json.loads(render(report, "json"))
    assert list(parsed) == JSON_KEYS
    assert parsed["period"] == {"start": "2026-11-16", "end": "2026-11-22"}
    assert parsed["previous_period"] == {"start": "2026-11-09", "end": "2026-11-15"}
    assert parsed["previous_total_seconds"] == data.PREVIOUS_TOTAL
    assert [set(day) for day in parsed["days"]] == [{"date", "seconds", "mood"}] * 7
    assert parsed["days"][0] == {"date": "2026-11-16", "seconds": 5040, "mood": 7.0}
    assert parsed["days"][1]["mood"] is None
    assert parsed["apps"][0] == {
        "app": "youtube",
        "name": "YouTube",
        "seconds": 6300,
        "sessions": 2,
        "longest_session_seconds": 3600,
    }
    assert len(parsed["heatmap"]) == 7 and {len(row) for row in parsed["heatmap"]} == {24}
    assert parsed["heatmap"][1][3] == 1800  # Tuesday, 03:00, before the day start
    assert parsed["mood"]["trend"] == -4.0 and parsed["mood"]["trend_word"] == "falling"
    assert parsed["budgets"]["days_within_all"] == 5
    [fast] = parsed["fasts"]
    assert (fast["days_kept"], fast["days_slipped"], fast["streak"]) == (4, 1, 3)
    assert fast["log"][0]["type"] == "slip"
    assert parsed["insights"]["sentences"]


def test_json_has_the_categories_and_devices_the_other_formats_show(
    report: Report, ctx: Context
) -> None:
    parsed = json.loads(render(report, "json"))
    categories = {line["category"]: line for line in parsed["categories"]}
    # YouTube is video; Reddit a forum; TikTok video; Instagram social (catalog categories).
    assert sum(line["seconds"] for line in parsed["categories"]) == data.TOTAL
    keys = {"category", "seconds", "previous_seconds"}
    assert all(set(line) == keys for line in categories.values())
    devices = {line["device"]: line for line in parsed["devices"]}
    assert devices["manual:phone"] == {
        "device": "manual:phone",
        "kind": "manual",
        "name": "phone",
        "seconds": 1200,
        "previous_seconds": 0,
    }
    assert devices[f"import:{data.IMPORTED_DEVICE}"]["seconds"] == 2700
    assert devices[f"tracker:{ctx.device.id}"]["seconds"] == data.TOTAL - 1200 - 2700
    text = render(report, "text")
    for line in parsed["categories"]:
        assert line["category"] in text


def _table(report: Report, table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render(report, "csv", table=table))))  # type: ignore[arg-type]


def test_csv_days_table_has_per_day_totals_with_mood(report: Report) -> None:
    days = _table(report, "days")
    assert [row["date"] for row in days] == [f"2026-11-{day}" for day in range(16, 23)]
    assert [int(row["seconds"]) for row in days] == data.PER_DAY
    assert days[0] == {
        "date": "2026-11-16",
        "seconds": "5040",
        "minutes": "84",
        "mood": "7.00",
        "mood_entries": "2",
    }
    assert days[1]["mood"] == "" and days[1]["mood_entries"] == "0"


def test_csv_apps_categories_devices_and_moods_tables(report: Report) -> None:
    apps = {row["app"]: row for row in _table(report, "apps")}
    for app, (seconds, sessions, longest) in data.APPS.items():
        assert (int(apps[app]["seconds"]), int(apps[app]["sessions"])) == (seconds, sessions)
        assert int(apps[app]["longest_session_seconds"]) == longest
    assert apps["whatsapp"]["seconds"] == "0" and apps["whatsapp"]["previous_seconds"] == "600"
    assert sum(int(row["seconds"]) for row in _table(report, "categories")) == data.TOTAL
    assert sum(int(row["seconds"]) for row in _table(report, "devices")) == data.TOTAL
    moods = _table(report, "moods")
    assert [(row["date"], row["score"]) for row in moods] == [
        ("2026-11-16", "6"),
        ("2026-11-16", "8"),
        ("2026-11-18", "5"),
        ("2026-11-20", "3"),
    ]
    assert list(moods[0])[:3] == ["date", "time", "score"] and list(moods[0])[-1] == "tags"


def test_csv_has_one_row_per_day_app_and_device(report: Report, ctx: Context) -> None:
    lines = render(report, "csv").splitlines()
    assert lines[0] == "date,app,device,seconds,sessions"
    host = ctx.device.name
    assert f"2026-11-16,instagram,{host} (tracked),1440,2" in lines
    assert "2026-11-19,tiktok,phone (entered),1200,1" in lines
    assert "2026-11-20,youtube,aw-desktop (imported),2700,1" in lines
    assert len(lines) == 1 + 8


def test_markdown_has_tables_for_days_apps_and_hours(report: Report) -> None:
    markdown = render(report, "md")
    assert markdown.startswith("# Social media report: week 2026-W47\n")
    assert "| Mon 16 Nov | 1h 24m | 7.0 |" in markdown
    assert "| YouTube | 1h 45m | -5 min (-5%) | 2 | 53m | 1h 00m |" in markdown
    assert "| Reddit | 1h 00m | new | 2 | 30m | 30m |" in markdown
    assert "Not used this time: WhatsApp (10m before)." in markdown
    heat = next(line for line in markdown.splitlines() if line.startswith("| Tue |"))
    cells = [cell.strip() for cell in heat.strip("|").split("|")]
    # Columns start at the 04:00 day start: 04, 05, ... 23, 00, 01, 02, 03.
    assert cells[1 + 19] == "10" and cells[1 + 20] == "20" and cells[1 + 23] == "30"


def test_text_shows_bars_heatmap_and_sections(report: Report) -> None:
    text = render(report, "text")
    for heading in ("Per day", "Apps", "Categories and devices", "When", "Budgets", "Fasts",
                    "Mood", "Insights"):  # fmt: skip
        assert f"\n{heading}" in text
    assert "█" in text
    assert "No TikTok (finished, Wed 18 Nov to Tue 24 Nov): 4 kept, 1 slipped" in text
    assert "Every budget held on 5 of 7 days" in text
    assert "\x1b[" not in text  # no colour codes unless asked for
    assert "\x1b[" in render(report, "text", color=True)


def _widths(text: str) -> list[int]:
    return [cell_len(line) for line in text.splitlines()]


def test_text_fits_80_columns(report: Report, tmp_path: Path) -> None:
    assert max(_widths(render(report, "text"))) <= 80
    # A month, a long app name, many apps: still 80 columns.
    paths = data.make_paths(tmp_path / "long", LONG_NAMES)
    ctx = data.context(paths)
    store = ctx.store
    apps = ["longforum", "instagram", "youtube", "reddit", "tiktok", "whatsapp", "x", "facebook"]
    store.add_spans(
        [
            data.span(store, app, data.at(day, 8 + index), data.at(day, 8 + index, 40))
            for day in range(1, 25)
            for index, app in enumerate(apps)
        ]
    )
    month = build_report(ctx, month_period(2026, 11))
    text = render(month, "text")
    assert "The Extraordinarily Lon…" in text  # a name may be cut; a figure never is
    assert max(_widths(text)) <= 80
    assert max(_widths(render(month, "text", width=60))) <= 60


def _busy_month(tmp_path: Path) -> Report:
    """A month of eight apps, long names and a previous month to compare with: the widest
    cells a report has ("+1234 min (+123%)", "126h 40m")."""
    ctx = data.context(data.make_paths(tmp_path / "busy", LONG_NAMES))
    store = ctx.store
    apps = ["longforum", "instagram", "youtube", "reddit", "tiktok", "whatsapp", "x", "facebook"]
    spans = []
    for month, minutes in ((10, 10), (11, 50)):
        for day in range(1, 29):
            for index, app in enumerate(apps):
                start = datetime(2026, month, day, 6 + 2 * index, 0, tzinfo=WARSAW)
                end = start + timedelta(minutes=minutes + index, seconds=day)
                spans.append(data.span(store, app, start, end))
    store.add_spans(spans)
    return build_report(ctx, month_period(2026, 11))


@pytest.mark.parametrize("width", [60, 80, 100, 130, 200])
def test_text_uses_the_width_and_never_cuts_a_figure(tmp_path: Path, width: int) -> None:
    month = _busy_month(tmp_path)
    text = render(month, "text", width=width)
    assert max(_widths(text)) <= width
    left_out = next((line for line in text.splitlines() if line.startswith("Left out")), "")
    for line in month.apps:
        row = next(row for row in text.splitlines() if row.startswith(line.name[:20]))
        cells = {
            "Time": format_duration(line.seconds),
            "Change": say.change_cell(line.change, line.previous_seconds),
            "Sessions": str(line.sessions),
            "Avg": format_duration(line.average_session),
            "Longest": format_duration(line.longest_session),
        }
        for header, cell in cells.items():
            assert cell in row or header in left_out, (width, header, cell, row)
    if width >= 100:
        assert not left_out  # room for every column: nothing is dropped
    if width == 80:
        # The least needed column goes first; what is left out is said.
        assert "Longest" in left_out and "Time" not in left_out
    bars = max(row.count("█") for row in text.splitlines())
    if width >= 130:
        assert bars > 30  # a wide terminal is used, not a fixed 80 columns


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_week_says_so_in_every_format(fmt: str, tmp_path: Path) -> None:
    ctx = data.context(data.make_paths(tmp_path / "home", 'timezone = "Europe/Warsaw"\n'))
    report = build_report(ctx, parse_week("2026-W40", "monday"))
    out = render(report, fmt)  # type: ignore[arg-type]
    if fmt == "json":
        parsed = json.loads(out)
        assert parsed["total_seconds"] == 0 and len(parsed["days"]) == 7
        assert parsed["apps"] == [] and parsed["fasts"] == []
    elif fmt == "csv":
        assert out == "date,app,device,seconds,sessions\n"
    else:
        assert "No social media time recorded this week." in out
        assert "Nothing was recorded in the previous week" in out
        assert "No mood logged in this period" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_future_week_is_a_friendly_report(fmt: str, ctx: Context) -> None:
    report = build_report(ctx, parse_week("2027-W02", "monday"))
    out = render(report, fmt)  # type: ignore[arg-type]
    if fmt == "json":
        assert json.loads(out)["total_seconds"] == 0
    elif fmt == "csv":
        assert out.count("\n") == 1
    else:
        assert "This week has not begun yet: it starts on Mon 11 Jan 2027." in out
    if fmt == "text":
        assert max(_widths(out)) <= 80


def test_html_is_one_file_that_names_no_address(report: Report) -> None:
    html = render(report, "html")
    assert html.startswith("<!doctype html>")
    assert html.count("<svg") == 4  # days, apps, hours, and mood beside use
    assert not re.search(r"https?:|//[a-z]|<script|<link|<img|@import|url\(", html, re.I)
    assert "<title>Social media report: week 2026-W47</title>" in html
    # Values are written on the bars and in the cells, not left to colour.
    assert ">1h 24m</text>" in html  # Monday's bar
    assert ">YouTube</text>" in html and ">1h 45m</text>" in html
    assert 'class="cellvalue' in html and ">30</text>" in html


def test_html_shows_commands_as_code_not_backticks(report: Report) -> None:
    html = render(report, "html")
    assert "<code>detox insights</code>" in html
    assert "`" not in html


def test_every_format_writes_days_the_same_way(report: Report) -> None:
    """ "Fri 4 Dec", never "Fri 04 Dec" beside it (the integrity log used %d)."""
    instant = datetime(2026, 12, 4, 9, 30, tzinfo=WARSAW)
    assert say.log_time(report, instant) == "Fri 4 Dec 09:30"
    for fmt in ("text", "md", "html"):
        assert not re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) 0\d\b(?!:)", render(report, fmt))


def test_mood_beside_use_chart_shares_one_axis_of_days(report: Report) -> None:
    html = render(report, "html")
    chart = html[html.index('<svg class="chart" id="chart-mood-use"') :]
    chart = chart[: chart.index("</svg>")]
    bars = {
        day: (float(x) + float(w) / 2, float(h), int(seconds))
        for x, w, h, day, seconds in re.findall(
            r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="([\d.]+)" '
            r'class="bar use" data-day="([\d-]+)" data-seconds="(\d+)"',
            chart,
        )
    }
    dots = {
        day: (float(x), float(y), float(mood))
        for x, y, day, mood in re.findall(
            r'<circle cx="([\d.]+)" cy="([\d.]+)" r="4.5" class="mooddot" '
            r'data-day="([\d-]+)" data-mood="([\d.]+)"',
            chart,
        )
    }
    assert [bars[f"2026-11-{day}"][2] for day in range(16, 23)] == data.PER_DAY
    assert set(dots) == {"2026-11-16", "2026-11-18", "2026-11-20"}  # the days with mood
    for day, (x, _, _) in dots.items():
        assert abs(x - bars[day][0]) < 0.2  # a day's dot stands over that day's bar
    # Heights follow minutes; dots follow mood (7, 5 and 3: evenly spaced, higher is better).
    heights = {day: height for day, (_, height, _) in bars.items()}
    assert heights["2026-11-16"] / heights["2026-11-17"] == pytest.approx(5040 / 3600, rel=0.01)
    ys = [dots[day][1] for day in ("2026-11-16", "2026-11-18", "2026-11-20")]
    assert ys[0] < ys[1] < ys[2] and ys[1] - ys[0] == pytest.approx(ys[2] - ys[1], abs=0.2)
    # Mon 16 and Wed 18 are not next to each other: no line joins them across Tuesday.
    assert 'class="moodline"' not in chart
    # The scores are written out, and the legend says which shape is which.
    assert ">7.0</text>" in chart and ">3.0</text>" in chart
    assert "bars: social media time" in chart and "dots: mean mood" in chart
