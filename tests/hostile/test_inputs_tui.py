"""The terminal app given hostile values: a huge budget or a zoned time in onboarding, `²` or
5,000 digits as idle seconds, a day start with a zone in Settings, and another device's poison
records. Each is explained on screen and nothing is saved; the app never crashes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from detox.config import load_settings
from detox.models import Budget, Fast, MoodEntry
from detox.store import Device, Store
from detox.tui.app import DetoxApp, create_app
from detox.tui.modals.onboarding import OnboardingModal
from tests.tui.conftest import NOW, fixed_context, seed_history
from tests.tui.helpers import settle


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., DetoxApp]:
    def build(seed: bool = True, onboarded: bool = True) -> DetoxApp:
        # Onboarding is offered only to someone who has set nothing up: no config.toml either.
        context = fixed_context(tmp_path / "home", config=onboarded)
        if seed:
            seed_history(context)
        if onboarded:
            context.paths.state_dir.mkdir(parents=True, exist_ok=True)
            (context.paths.state_dir / "onboarded").write_text("yes\n", encoding="utf-8")
        return create_app(context, track=False, live=False)

    return build


@pytest.mark.parametrize(
    ("field", "value"),
    [("#budget", "9" * 400), ("#budget", "99999h"), ("#reminder", "21:00+05:00")],
)
async def test_onboarding_explains_a_hostile_value_and_stores_nothing(
    make_app: Callable[..., DetoxApp], field: str, value: str
) -> None:
    app = make_app(seed=False, onboarded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one(field, Input).value = value
        await pilot.click("#done")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingModal)
        assert str(app.screen.query_one("#onboarding-error").render()).strip()
    assert app.return_code in (None, 0)
    assert app.context.store.records(Budget) == []
    assert not (app.context.paths.state_dir / "onboarded").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("#idle", "²"),
        ("#idle", "٣٠٠"),
        ("#idle", "9" * 5000),
        ("#day-start", "04:00+05:00"),
        ("#day-start", "04:00Z"),
        ("#budget-total", "9" * 400),
    ],
)
async def test_settings_refuse_a_hostile_value_and_keep_the_file(
    make_app: Callable[..., DetoxApp], field: str, value: str
) -> None:
    app = make_app()
    config = app.context.paths.config_file
    before = config.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one(field, Input).value = value
        await pilot.click("#save")
        await settle(pilot)
        assert "Not saved" in str(app.screen.query_one("#settings-message").render())
    assert app.return_code in (None, 0)
    assert config.read_bytes() == before
    assert load_settings(config).day_start.hour == 4


async def test_the_app_opens_every_screen_over_another_devices_poison_records(
    make_app: Callable[..., DetoxApp],
) -> None:
    app = make_app()
    other = Device("laptop-0002", "Laptop")
    store = Store(app.context.paths, other, app.context.clock)
    store.put_many(
        [
            Fast(
                device=other.id,
                updated_at=NOW,
                name="x",
                start=date(2026, 11, 1),
                end=date(2026, 11, 30),
            ),
            MoodEntry(device=other.id, updated_at=NOW, at=NOW, score=5),
        ]
    )
    path = app.context.paths.device_dir(other.id) / "journal.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data["journal"].values():
        if doc.get("kind") == "fast":
            doc["start"], doc["end"] = "0001-01-01", "9999-12-31"
        elif doc.get("kind") == "mood":
            doc["at"] = "0001-01-01T00:00:00Z"
    path.write_text(json.dumps(data), encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("t", "w", "f", "m", "r", "s", "t"):
            await pilot.press(key)
            await settle(pilot)
    assert app.return_code in (None, 0)
