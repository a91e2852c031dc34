"""`b` logs a blood-pressure reading from anywhere in the app; the Three reasons card on Today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult

from detox.context import Context
from detox.models import Fast, HealthReading, MoodEntry, OfflineEntry
from detox.tui.app import DetoxApp
from detox.tui.modals.reading import ReadingModal
from detox.tui.widgets.three_reasons import ThreeReasonsCard
from tests.tui.conftest import fixed_context
from tests.tui.helpers import settle

SnapCompare = Callable[..., bool]


async def test_b_logs_a_reading_with_its_pulse(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        assert isinstance(app.screen, ReadingModal)
        await pilot.press(*"128/82", "tab", *"71", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, ReadingModal)
        await settle(pilot)
        card = str(app.screen.query_one(ThreeReasonsCard).render())
        # 19:30 in Warsaw: an evening reading, shown as such until a morning one exists.
        assert "Blood pressure 128/82 (1 evening)" in card
    [reading] = app.context.store.records(HealthReading)
    assert (reading.measure, reading.systolic, reading.diastolic, reading.pulse) == (
        "bp", 128, 82, 71,
    )  # fmt: skip
    assert reading.at == app.context.clock.now()


async def test_a_reading_out_of_range_is_named_and_not_stored(
    make_app: Callable[..., DetoxApp],
) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", *"300/80", "enter")
        assert isinstance(app.screen, ReadingModal)
        error = str(app.screen.query_one("#reading-error").render())
        assert error == "Systolic pressure must be from 60 to 260, not 300"
        app.screen.query_one("#reading-bp").clear()  # type: ignore[attr-defined]
        await pilot.press(*"120/80", "tab", *"300", "enter")
        assert "Pulse must be from 25 to 220, not 300" in str(
            app.screen.query_one("#reading-error").render()
        )
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        assert not isinstance(app.screen, ReadingModal)
    assert app.context.store.records(HealthReading) == []


class CardApp(App[None]):
    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        yield ThreeReasonsCard()

    def on_mount(self) -> None:
        self.query_one(ThreeReasonsCard).reload(self.context)


def card_context(home: Path) -> Context:
    """Wednesday 25 November 2026, 19:30; a fast since Monday 16, a week of baseline before."""
    context = fixed_context(home)
    now = context.clock.now()
    common: dict[str, Any] = {"device": context.device.id, "updated_at": now}
    records: list[Any] = [
        Fast(**common, name="Detox", start=now.date() - timedelta(days=9), end=now.date()),
        MoodEntry(**common, at=now - timedelta(days=1), score=6, dimensions={"self_esteem": 6}),
        MoodEntry(**common, at=now - timedelta(hours=2), score=7, dimensions={"self_esteem": 7}),
        OfflineEntry(**common, at=now - timedelta(days=1), activity="walk", duration=3600),
        OfflineEntry(**common, at=now - timedelta(hours=4), activity="family", duration=2700),
    ]
    for days_ago, (systolic, diastolic) in enumerate([(124, 80), (126, 81), (129, 83)]):
        morning = now.replace(hour=7, minute=15) - timedelta(days=days_ago)
        records.append(
            HealthReading(
                **common, measure="bp", at=morning, systolic=systolic, diastolic=diastolic
            )
        )
    context.store.put_many(records)
    return context


def test_the_card_snapshot(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = CardApp(card_context(tmp_path / "home"))

    async def settled(pilot: Any) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(72, 6), run_before=settled)


async def test_the_card_text(tmp_path: Path) -> None:
    app = CardApp(card_context(tmp_path / "home"))
    async with app.run_test(size=(72, 6)) as pilot:
        await settle(pilot)
        text = str(app.query_one(ThreeReasonsCard).render())
    # Mon 23 to Wed 25: (129 + 126 + 124) / 3 = 126.3, (83 + 81 + 80) / 3 = 81.3.
    assert "Self-esteem 6.5/10 · Blood pressure 126/81 (3 mornings)" in text
    assert "Offline 1h 45m" in text


def test_the_card_says_what_a_fast_gave_back() -> None:
    from datetime import date

    from detox.reports.reasons_model import ReclaimedWeek, ThreeReasons
    from detox.tui.widgets.three_reasons import CardData, card_text

    week = ReclaimedWeek(
        first=date(2026, 11, 23),
        last=date(2026, 11, 29),
        fast_days=3,
        baseline_seconds=3600,
        reclaimed_seconds=8100,
        offline_seconds=0,
        offline_by_activity=(),
    )
    text = card_text(CardData(ThreeReasons((), (week,), (), "")))
    assert text.splitlines() == [
        "Three reasons, this week",
        "Self-esteem not scored · Blood pressure no reading yet: press b",
        "Offline none logged · 2h 15m less social media than baseline",
    ]
