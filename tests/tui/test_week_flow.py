"""Moving between weeks and exporting the shown one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from detox.reports.build import build_report
from detox.tui.app import DetoxApp
from detox.tui.screens.week import ExportModal, WeekScreen
from detox.tui.widgets.toggles import MarkedRadioButton
from tests.tui.helpers import settle


async def test_arrows_move_between_weeks(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WeekScreen)
        assert screen.report is not None
        assert screen.report.period.label == "week 2026-W48"
        this_week = screen.report.total_seconds
        await pilot.press("left")
        await settle(pilot)
        assert screen.report.period.label == "week 2026-W47"
        # What the screen shows is what the store holds for that week.
        expected = build_report(app.context, screen.period()).total_seconds
        assert screen.report.total_seconds == expected > 0
        assert str(screen.query_one("#week-total").render()).startswith("Social media: ")
        await pilot.press("right", "right")
        await settle(pilot)
        assert screen.report.period.label == "week 2026-W49"
        assert "still to come" in str(screen.query_one("#week-total").render())
        assert this_week > 0


async def test_export_goes_to_the_chosen_folder_and_says_where(
    make_app: Callable[..., DetoxApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "user" / "Documents"
    documents.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    target = tmp_path / "reports"
    target.mkdir()
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("x")
        modal = app.screen
        assert isinstance(modal, ExportModal)
        folder = modal.query_one("#export-folder", Input)
        # The default is the user's documents folder, not where detox was started.
        assert folder.value == str(documents)
        json_button = next(b for b in modal.query(MarkedRadioButton) if b.name == "json")
        await pilot.click(json_button)
        await pilot.pause()
        assert modal.query_one("#export-name", Input).value == "detox-week-2026-W48.json"
        folder.value = ""
        folder.focus()
        await pilot.press(*str(target))
        await pilot.press("enter")
        await settle(pilot)
        shown = app.screen
        assert isinstance(shown, WeekScreen) and shown.report is not None
        expected_total = round(shown.report.total_seconds)
        toasts = [str(n.message) for n in app._notifications]
        written = target / "detox-week-2026-W48.json"
        assert any(str(written) in toast for toast in toasts), toasts
    exported = json.loads(written.read_text(encoding="utf-8"))
    assert exported["period"]["start"] == "2026-11-23"
    assert exported["total_seconds"] == expected_total


async def test_month_view_by_keys(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WeekScreen)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.report is not None
        assert screen.report.period.label == "November 2026"
        assert len(screen.report.days) == 30
        # The month shown is what the store holds for it.
        expected = build_report(app.context, screen.period()).total_seconds
        assert screen.report.total_seconds == expected > 0
        await pilot.press("left")
        await settle(pilot)
        assert screen.report.period.label == "October 2026"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.report.period.label == "week 2026-W48"
