"""A detox app on fixed data and a fixed clock, for Pilot and snapshot tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from detox.clock import FixedClock
from detox.context import Context
from detox.models import ManualUsage, MoodEntry
from detox.paths import Paths
from detox.tui.app import DetoxApp, create_app

WARSAW = ZoneInfo("Europe/Warsaw")
NOW = datetime(2026, 11, 25, 19, 30, tzinfo=WARSAW)


def fixed_context(home: Path, now: datetime = NOW) -> Context:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        'timezone = "Europe/Warsaw"\ndevice_name = "test-laptop"\n\n[budgets]\nfacebook = "30m"\n'
        'total = "1h30m"\n',
        encoding="utf-8",
    )
    paths = Paths.from_env({"DETOX_HOME": str(home)})
    return Context(paths=paths, clock_override=FixedClock(now, zone=WARSAW))


def seed_history(context: Context) -> None:
    """Two weeks of made-up use and mood, the same every run."""
    now = context.clock.now()
    device = context.device.id
    records: list[ManualUsage | MoodEntry] = []
    for days_ago in range(14):
        day = now - timedelta(days=days_ago)
        records.append(
            ManualUsage(
                device=device,
                updated_at=now,
                app="facebook",
                start=day - timedelta(hours=3),
                duration=600 + 120 * (days_ago % 5),
            )
        )
        records.append(
            ManualUsage(
                device=device,
                updated_at=now,
                app="youtube",
                start=day - timedelta(hours=2),
                duration=1200 + 300 * (days_ago % 3),
            )
        )
        if days_ago % 2 == 0:
            records.append(
                MoodEntry(
                    device=device,
                    updated_at=now,
                    at=day - timedelta(hours=1),
                    score=4 + days_ago % 5,
                    tags=["walk"] if days_ago % 4 == 0 else [],
                )
            )
    context.store.put_many(records)


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., DetoxApp]:
    def build(seed: bool = True, onboarded: bool = True) -> DetoxApp:
        context = fixed_context(tmp_path / "home")
        if seed:
            seed_history(context)
        if onboarded:
            context.paths.state_dir.mkdir(parents=True, exist_ok=True)
            (context.paths.state_dir / "onboarded").write_text("yes\n", encoding="utf-8")
        return create_app(context, track=False, live=False)

    return build
