"""The open app follows the data folder: what another device's tracker wrote, synced in by a
sync tool, shows without a key pressed."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from detox.clock import FixedClock
from detox.models import UsageSpan
from detox.store import Store
from detox.store.device import Device
from detox.tui import app as app_module
from detox.tui.app import create_app
from tests.tui.conftest import NOW, fixed_context, seed_history
from tests.tui.helpers import screen_text

PHONE = Device(id="phone-0002", name="phone")


def _today_line(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if "Social media today" in line)


def _synced_span(tmp_path: Path, devices_dir: Path, minutes: int) -> None:
    """The phone's tracker writes in its own home; a sync tool brings its day file over under a
    temporary name and renames it into place, as Syncthing does."""
    phone = Store(fixed_context(tmp_path / "phone").paths, PHONE, FixedClock(NOW.astimezone(UTC)))
    start = NOW - timedelta(hours=1)
    phone.add_spans(
        [
            UsageSpan(
                id=UsageSpan.stable_id(PHONE.id, "tiktok", start, "tracker"),
                app="tiktok",
                device=PHONE.id,
                source="tracker",
                start=start,
                duration=minutes * 60,
            )
        ]
    )
    [day_file] = phone.own_dir.glob("usage-*.json")
    target = devices_dir / PHONE.id
    target.mkdir(exist_ok=True)
    temporary = target / f".syncthing.{day_file.name}.tmp"
    temporary.write_bytes(day_file.read_bytes())
    os.replace(temporary, target / day_file.name)


async def _today_when(pilot: Pilot[Any], changed: Callable[[str], bool]) -> str:
    """The Today line once `changed` holds for it (or as it is after 20 s). Not settle(): the
    watch is a worker that never completes."""
    line = ""
    for _ in range(200):
        await pilot.pause(0.1)
        text = screen_text(pilot.app)
        if "Social media today" in text:
            line = _today_line(text)
            if changed(line):
                break
    return line


async def test_another_devices_synced_use_shows_on_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WATCH_SECONDS", 0.2)
    monkeypatch.setattr(app_module, "BACKGROUND_DELAY_SECONDS", 0.1)
    context = fixed_context(tmp_path / "home")
    seed_history(context)
    context.paths.state_dir.mkdir(parents=True, exist_ok=True)
    (context.paths.state_dir / "onboarded").write_text("yes\n", encoding="utf-8")
    app = create_app(context, track=False, live=True)
    async with app.run_test(size=(80, 24)) as pilot:
        before = await _today_when(pilot, lambda line: "0s" not in line)
        _synced_span(tmp_path, context.paths.devices_dir, minutes=40)
        first = await _today_when(pilot, lambda line: line != before)
        assert first != before
        # The same day file again, grown: a rewrite of a file the app has read already.
        _synced_span(tmp_path, context.paths.devices_dir, minutes=55)
        second = await _today_when(pilot, lambda line: line != first)
        assert second != first
