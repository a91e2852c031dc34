"""Each screen, drawn at 80x24 on fixed data and a fixed clock, compared with its snapshot.

Update after an intended change with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from detox.tui.app import DetoxApp

SnapCompare = Callable[..., bool]


def settled(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        # A table sizes its columns on the refresh after its rows arrive: let that happen, or a
        # loaded machine catches it half drawn.
        await pilot.pause(0.2)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("today", ()),
        ("mood", ("o",)),
        ("week", ("w",)),
        ("reminders", ("r",)),
        ("fasts", ("f",)),
        ("new-fast", ("f", "n")),
        ("onboarding", ()),
        ("settings", ("s",)),
        ("mood-modal", ("m", "7")),
        ("keys-panel", ("question_mark",)),
    ],
)
def test_screen_snapshot(
    snap_compare: SnapCompare, make_app: Callable[..., DetoxApp], name: str, keys: tuple[str, ...]
) -> None:
    app = make_app(onboarded=name != "onboarding")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled(*keys))
