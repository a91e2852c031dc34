"""What a person sees: the text of the screen as drawn, for asserting typed values show."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input


def screen_text(app: App[Any]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def type_into(pilot: Pilot[Any], input_id: str, text: str) -> None:
    """Focus an input, clear it and type `text` key by key, as a person would."""
    widget = pilot.app.screen.query_one(input_id, Input)
    widget.focus()
    widget.value = ""
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the screen in front shows its newest data. A key that opens a screen can
    return before the screen is mounted (on a loaded machine), so waiting for the workers
    alone may wait for none, and a value set next would be overwritten by the late load."""
    from detox.tui.screens.base import DataScreen

    # A click's Button.Pressed, and the worker its handler starts, can still be queued.
    await pilot.pause()
    for _ in range(2000):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if not isinstance(screen, DataScreen) or screen.is_current:
            return
        await pilot.pause(0.01)
    raise AssertionError(f"{pilot.app.screen!r} never showed its data")


async def until_shown(pilot: Pilot[Any], selector: str, text: str) -> None:
    """Wait until the widget `selector` shows `text`, as a person waits for a confirmation: a
    save runs in a worker that a loaded machine may start late, after the test looked."""
    for _ in range(2000):
        await settle(pilot)
        if text in str(pilot.app.screen.query_one(selector).render()):
            return
        await pilot.pause(0.01)
    raise AssertionError(f"{selector} never showed {text!r}")
