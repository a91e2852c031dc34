"""The HTML report in a real browser: Debian's chromium, headless, with every background service
off and a fresh profile, renders the file and hands back the DOM it built."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from detox.balance.fasts import all_fasts, check_fast
from detox.reports.build import build_report
from detox.reports.periods import parse_week
from detox.reports.render import render
from tests import report_data as data
from tests.conftest import need_program

BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-extensions",
    "--disable-default-apps",
)


class _Dom(HTMLParser):
    """The parts of the rendered DOM a reader relies on: text, table rows, svg, addresses."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.svgs = 0
        self.svg_texts: list[str] = []
        self.addresses: list[str] = []
        self.shapes: list[dict[str, str]] = []  # svg rect/circle/line attributes as built
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_svg_text = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("href", "src", "xlink:href", "action", "srcset"):
                self.addresses.append(value)
        if tag in ("rect", "circle", "line"):
            self.shapes.append({name: value or "" for name, value in attrs} | {"tag": tag})
        if tag == "style":
            self._in_style = True
        elif tag == "svg":
            self.svgs += 1
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "text":
            self._in_svg_text = True
            self.svg_texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "text":
            self._in_svg_text = False

    def handle_data(self, text: str) -> None:
        if self._in_style:
            return
        self.text.append(text)
        if self._cell is not None:
            self._cell.append(text)
        if self._in_svg_text:
            self.svg_texts[-1] += text


def _chromium() -> str:
    need_program("chromium")
    found = shutil.which("chromium")
    assert found is not None
    return found


def dump_dom(page: Path, folder: Path) -> str:
    """The document headless Chromium built from `page` (its own serialisation), with a fresh
    profile in `folder`."""
    done = subprocess.run(
        [_chromium(), *BROWSER_FLAGS, f"--user-data-dir={folder / 'profile'}", "--dump-dom",
         page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_html_report_renders_in_a_headless_browser(tmp_path: Path) -> None:
    ctx = data.context(data.make_paths(tmp_path / "home"))
    data.fill(ctx)
    [fast] = all_fasts(ctx)
    check_fast(ctx, fast)
    report = build_report(data.context(ctx.paths), parse_week(data.WEEK, "monday"))
    page = tmp_path / "week.html"
    page.write_text(render(report, "html"), encoding="utf-8")

    dom_text = dump_dom(page, tmp_path)
    # The browser's own serialisation (the file says "<!doctype html>"), so the page was parsed.
    assert dom_text.startswith("<!DOCTYPE html>"), dom_text[:200]
    dom = _Dom()
    dom.feed(dom_text)

    text = " ".join(" ".join(dom.text).split())
    assert "Social media report: week 2026-W47" in text
    assert "Total 4h 04m" in text
    assert "1h 34m more than the previous week (2h 30m): +94 min, +63%." in text
    # The apps table is the one with six columns (the budgets table names apps too).
    app_rows = {row[0]: row[1:] for row in dom.rows if len(row) == 6 and row[0] != "App"}
    assert app_rows["YouTube"] == ["1h 45m", "-5 min (-5%)", "2", "53m", "1h 00m"]
    assert app_rows["Instagram"] == ["29m", "-1 min (-3%)", "3", "10m", "19m"]
    assert set(app_rows) == set(data_app_names())
    assert ["Mon 16 Nov 2026", "1h 24m", "7.0"] in dom.rows
    # Four charts, each carrying its numbers as text rather than by colour alone.
    assert dom.svgs == 4
    assert "1h 24m" in dom.svg_texts and "YouTube" in dom.svg_texts
    assert "30" in dom.svg_texts  # the heatmap cell of Monday 21:00
    assert "Mon 16" in dom.svg_texts  # a day under its bar
    assert "No TikTok" in text and "slip" in text
    # Commands read as code, not as literal backticks; days as "Thu 19 Nov", never "Thu 09".
    assert "`" not in text and "detox insights" in text
    assert not re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) 0\d\b(?!:)", text)
    # Mood beside use: the browser built a dot over the bar of each day with mood.
    bars = {s["data-day"]: s for s in dom.shapes if s.get("class") == "bar use" and "data-day" in s}
    dots = {s["data-day"]: s for s in dom.shapes if s.get("class") == "mooddot" and "data-day" in s}
    assert len(bars) == 7 and set(dots) == {"2026-11-16", "2026-11-18", "2026-11-20"}
    for day, dot in dots.items():
        bar = bars[day]
        assert abs(float(dot["cx"]) - float(bar["x"]) - float(bar["width"]) / 2) < 0.2
    assert float(dots["2026-11-16"]["cy"]) < float(dots["2026-11-20"]["cy"])  # 7 above 3
    assert "7.0" in dom.svg_texts and "dots: mean mood, 0-10 (right scale)" in dom.svg_texts
    # Nothing to fetch: no address anywhere in what the browser built.
    assert dom.addresses == []
    assert not re.search(r"https?://", dom_text)


def data_app_names() -> list[str]:
    return ["YouTube", "Reddit", "TikTok", "Instagram"]


@pytest.mark.parametrize("week", ["2026-W40", "2027-W02"])
def test_empty_and_future_reports_render_too(tmp_path: Path, week: str) -> None:
    ctx = data.context(data.make_paths(tmp_path / "home", 'timezone = "Europe/Warsaw"\n'))
    page = tmp_path / "empty.html"
    page.write_text(render(build_report(ctx, parse_week(week, "monday")), "html"), "utf-8")
    html = dump_dom(page, tmp_path)
    dom = _Dom()
    dom.feed(html)
    text = " ".join(" ".join(dom.text).split())
    assert "No social media time recorded this week." in text or "has not begun yet" in text


def test_a_chinese_report_renders_in_chinese(tmp_path: Path) -> None:
    """The same week in Simplified Chinese: the document says its language, the headings and
    figures are Chinese, and the numbers are the English report's numbers."""
    from detox import i18n

    ctx = data.context(data.make_paths(tmp_path / "home"))
    data.fill(ctx)
    i18n.activate("zh_Hans")  # before the report is built: its sentences are made then
    report = build_report(data.context(ctx.paths), parse_week(data.WEEK, "monday"))
    page = tmp_path / "week.zh.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    html = dump_dom(page, tmp_path)
    assert re.search(r'<html lang="zh-Hans"', html), html[:200]
    dom = _Dom()
    dom.feed(html)
    text = " ".join(" ".join(dom.text).split())
    assert "社交媒体报告：2026年第47周" in text
    assert not re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", text), "an English phrase"
    assert "总计 4小时4分钟" in text  # 4h 04m in the English report
    assert "比上周（2小时30分钟）多 1小时34分钟：+94 分钟，+63%。" in text
    app_rows = {row[0]: row[1:] for row in dom.rows if len(row) == 6 and row[0] != "应用"}
    assert app_rows["YouTube"] == ["1小时45分钟", "-5 分钟 (-5%)", "2", "53分钟", "1小时"]
    for heading in ("每天", "应用", "类别与设备", "时段", "每日额度", "斋戒", "心情"):
        assert heading in text
    # Days under their bars as Chinese writes them; the English label's last four characters
    # were cut, which left "11月1" of "11月16日周一".
    assert "16日周一" in dom.svg_texts and "11月1" not in dom.svg_texts
