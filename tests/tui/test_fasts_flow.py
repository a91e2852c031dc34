"""Starting a Lent fast from the form, and ending a fast early, as a user would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, Select

from detox.models import Event, Fast
from detox.tui.app import DetoxApp
from detox.tui.modals.fasts import EndFastModal, NewFastModal
from tests.tui.helpers import settle


async def start_lent_2027(pilot: Pilot[None]) -> str:
    """Lent 2027 chosen in the fast form and started; the form's preview as it was shown."""
    await pilot.press("f")
    await settle(pilot)
    await pilot.press("n")
    modal = pilot.app.screen
    assert isinstance(modal, NewFastModal)
    modal.query_one("#preset", Select).value = "lent"
    modal.query_one("#year", Input).value = "2027"
    await pilot.pause()
    preview = str(modal.query_one("#fast-preview").render())
    await pilot.click("#start")
    await settle(pilot)
    return preview


async def test_start_lent_from_the_form(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await start_lent_2027(pilot)
        # The computed dates are shown before confirming: Easter 2027 is 28 March.
        assert "Wed 10 Feb 2027 to Sat 27 Mar 2027 (46 days)" in preview
        assert not isinstance(app.screen, NewFastModal)
    [fast] = app.context.store.records(Fast)
    assert (fast.preset, fast.start, fast.end, fast.name) == (
        "lent",
        date(2027, 2, 10),
        date(2027, 3, 27),
        "Lent 2027",
    )
    assert [rule.kind for rule in fast.rules] == ["abstain"]


async def test_bad_dates_disable_start(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "n")
        modal = app.screen
        modal.query_one("#preset", Select).value = "custom"
        modal.query_one("#from", Input).value = "2026-12-10"
        modal.query_one("#to", Input).value = "2026-12-01"
        await pilot.pause()
        assert modal.query_one("#start", Button).disabled
        assert "before it starts" in str(modal.query_one("#fast-preview").render())
    assert app.context.store.records(Fast) == []


async def test_end_early_asks_for_a_reason_and_logs_it(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "n")
        app.screen.query_one("#preset", Select).value = "week"
        await pilot.pause()
        await pilot.click("#start")
        await settle(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, EndFastModal)
        await pilot.press(*"family trip", "enter")
        await settle(pilot)
    [fast] = app.context.store.records(Fast)
    assert fast.ended_at is not None
    assert fast.end_reason == "family trip"
    assert any(e.type == "early_end" for e in app.context.store.records(Event))


async def test_an_overlapping_fast_is_refused_then_started_with_the_tick(
    make_app: Callable[..., DetoxApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # One key at a time, each awaited: on a loaded machine "n" could otherwise reach Today
        # before the Fasts screen was in front.
        await pilot.press("f")
        await settle(pilot)
        for attempt in ("first", "second"):
            await pilot.press("n")
            await settle(pilot)
            modal = app.screen
            assert isinstance(modal, NewFastModal), attempt
            modal.query_one("#preset", Select).value = "week"
            await pilot.pause()
            tick = modal.query_one("#allow-overlap", Checkbox)
            assert not tick.display, "the tick is offered only after a refusal"
            await pilot.click("#start")
            await settle(pilot)
        # The second week fast clashes with the first: the form stays, says why, and what to do
        # here (not a command-line flag).
        assert isinstance(app.screen, NewFastModal)
        said = str(modal.query_one("#fast-preview").render())
        assert "already has these rules on these days" in said
        assert "--allow-overlap" not in said
        assert tick.display
        assert len(app.context.store.records(Fast)) == 1
        tick.value = True
        # The preview is redrawn for the ticked form and the buttons may move: click once the
        # layout has settled, or the click can land where the button was.
        await settle(pilot)
        await pilot.click("#start")
        await settle(pilot)
        # The dialog closes when its worker's success reaches it, which on a loaded machine
        # can come a few pauses after the worker has finished.
        for _ in range(200):
            if not isinstance(app.screen, NewFastModal):
                break
            await pilot.pause(0.01)
        assert not isinstance(app.screen, NewFastModal)
    names = sorted(fast.name for fast in app.context.store.records(Fast))
    assert len(names) == 2 and names[1] == f"{names[0]} (2)"


async def test_today_names_a_fast_planned_weeks_ahead(make_app: Callable[..., DetoxApp]) -> None:
    # Lent 2027 planned in December: Today said "No fast running. Press f to start one".
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_lent_2027(pilot)
        await pilot.press("t")
        await settle(pilot)
        card = str(app.screen.query_one("#fast").render())
    assert card.startswith("No fast running. Next: Lent 2027: starts 2027-02-10 (in ")
    assert "Press f" not in card
