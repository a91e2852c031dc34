"""Moving between weeks and exporting the shown one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Select

from detox.reports.build import build_report
from detox.tui.app import DetoxApp
from detox.tui.screens.week import ExportModal, WeekScreen


async def test_arrows_move_between_weeks(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WeekScreen)
        assert screen.report is not None
        assert screen.report.period.label == "week 2026-W48"
        this_week = screen.report.total_seconds
        await pilot.press("left")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.report.period.label == "week 2026-W47"
        # What the screen shows is what the store holds for that week.
        expected = build_report(app.context, screen.period()).total_seconds
        assert screen.report.total_seconds == expected > 0
        assert str(screen.query_one("#week-total").render()).startswith("Social media: ")
        await pilot.press("right", "right")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.report.period.label == "week 2026-W49"
        assert "still to come" in str(screen.query_one("#week-total").render())
        assert this_week > 0


async def test_export_the_shown_week(make_app: Callable[..., DetoxApp], tmp_path: Path) -> None:
    app = make_app()
    target = tmp_path / "week.json"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.press("x")
        modal = app.screen
        assert isinstance(modal, ExportModal)
        modal.query_one("#export-format", Select).value = "json"
        await pilot.pause()
        modal.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export-go")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = app.screen
        assert isinstance(shown, WeekScreen) and shown.report is not None
        expected_total = round(shown.report.total_seconds)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported["period"]["start"] == "2026-11-23"
    assert exported["total_seconds"] == expected_total
