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
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
