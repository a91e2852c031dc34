"""The HTML report's blood-pressure chart as headless Chromium builds it (issue 20)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.test_report_three_reasons import three_reasons_home
from tests.integration.test_report_html_browser import _Dom, dump_dom


def test_the_blood_pressure_chart_renders_with_its_values(tmp_path: Path) -> None:
    home = three_reasons_home(tmp_path / "home")
    page = tmp_path / "week.html"
    home.ok("report", "--week", "2026-W45", "-o", str(page))
    html = dump_dom(page, tmp_path)
    dom = _Dom()
    dom.feed(html)
    text = " ".join(" ".join(dom.text).split())
    assert "Three reasons: self-esteem, blood pressure, offline life" in text
    assert "3h 00m less social media than your baseline" in text
    dots = [s for s in dom.shapes if s.get("class", "").startswith("dot-")]
    systolic = sorted(float(s["cy"]) for s in dots if s["class"] == "dot-sys")
    diastolic = sorted(float(s["cy"]) for s in dots if s["class"] == "dot-dia")
    assert len(systolic) == 2 and len(diastolic) == 2
    assert max(systolic) < min(diastolic)  # systolic drawn above diastolic
    assert "128" in dom.svg_texts and "79" in dom.svg_texts
    assert dom.addresses == [] and not re.search(r"https?://", html)
