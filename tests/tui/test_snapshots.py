"""Every screen and dialog, drawn at 80x24 and 160x45 on fixed data (long names and notes, CJK,
Cyrillic, Hangul) and a fixed clock, compared with its snapshot.

Update after an intended change with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from detox.tui.app import DetoxApp
from tests.tui.helpers import settle

SnapCompare = Callable[..., bool]


def settled(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        # Tables size themselves when the app is idle; on a busy machine that can come late.
        # Wait until two looks at every screen's widget sizes agree.
        before = None
        for _ in range(40):
            await pilot.pause(0.05)
            now = [
                (widget.region, widget.virtual_size)
                for screen in pilot.app.screen_stack
                for widget in screen.walk_children(Widget)
            ]
            if now == before:
                break
            before = now
        # A blinking cursor is drawn or not depending on the moment of the picture.
        for screen in pilot.app.screen_stack:
            for field in screen.query(Input):
                field.cursor_blink = False
        await pilot.pause()

    return run_before


SCREENS = [
    ("today", ()),
    ("mood", ("o",)),
    ("week", ("w",)),
    ("month", ("w", "right_square_bracket")),
    ("reminders", ("r",)),
    ("fasts", ("f",)),
    ("new-fast", ("f", "n")),
    ("edit-fast", ("f", "down", "c")),
    ("end-fast", ("f", "down", "e")),
    ("onboarding", ()),
    ("settings", ("s",)),
    ("budget", ("s", "b")),
    ("mood-modal", ("m", "7")),
    ("mood-edit", ("o", "e")),
    ("mood-delete", ("o", "d")),
    ("checkin", ("o", "c")),
    ("log-use", ("l",)),
    ("add-reminder", ("r", "a")),
    ("export", ("w", "x")),
    ("keys-panel", ("question_mark",)),
]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
@pytest.mark.parametrize(("name", "keys"), SCREENS, ids=[name for name, _ in SCREENS])
def test_screen_snapshot(
    snap_compare: SnapCompare,
    make_app: Callable[..., DetoxApp],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    keys: tuple[str, ...],
    size: tuple[int, int],
) -> None:
    # The export dialog shows the documents folder: the same one every run.
    monkeypatch.setattr(
        "detox.tui.screens.week.default_export_folder", lambda: Path("/home/someone/Documents")
    )
    new_user = name == "onboarding"
    app = make_app(
        seed=not new_user, onboarded=not new_user, config=not new_user, long=not new_user
    )
    assert snap_compare(app, terminal_size=size, run_before=settled(*keys))
