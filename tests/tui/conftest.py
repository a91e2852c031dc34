"""A detox app on fixed data and a fixed clock, for Pilot and snapshot tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from detox.clock import FixedClock
from detox.context import Context
from detox.models import ManualUsage, MoodEntry, Reminder
from detox.paths import Paths
from detox.tui.app import DetoxApp, create_app
from tests.clock_fixtures import WARSAW

NOW = datetime(2026, 11, 25, 19, 30, tzinfo=WARSAW)


def fixed_context(home: Path, now: datetime = NOW, config: bool = True) -> Context:
    """`config=False`: no config.toml, as for someone who has set nothing up."""
    home.mkdir(parents=True, exist_ok=True)
    if config:
        (home / "config.toml").write_text(
            'timezone = "Europe/Warsaw"\ndevice_name = "test-laptop"\n\n[budgets]\n'
            'facebook = "30m"\ntotal = "1h30m"\n',
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
    def build(
        seed: bool = True, onboarded: bool = True, config: bool = True, long: bool = False
    ) -> DetoxApp:
        context = fixed_context(tmp_path / "home", config=config)
        if seed:
            seed_history(context)
        if long:
            seed_long_texts(context)
        if onboarded:
            context.paths.state_dir.mkdir(parents=True, exist_ok=True)
            (context.paths.state_dir / "onboarded").write_text("yes\n", encoding="utf-8")
        return create_app(context, track=False, live=False)

    return build


LONG_NOTE = (
    "Slept badly after scrolling until two, then a long walk by the river with Marta helped "
    "more than I expected; 今天心情好多了"
)


def seed_long_texts(context: Context) -> None:
    """Data that has to be cut somewhere: long names and notes, CJK, Cyrillic, Hangul."""
    from datetime import time

    from detox.balance.fasts import end_fast, start_fast
    from detox.balance.presets import Period
    from detox.balance.rules import build_rules
    from detox.clock import current_day

    now = context.clock.now()
    today = current_day(context.clock, context.settings)
    device = context.device.id
    records: list[ManualUsage | MoodEntry] = []
    for days_ago, (app, minutes) in enumerate(
        [("weibo", 35), ("vk", 20), ("kakaotalk", 15), ("weibo", 25), ("vk", 40)]
    ):
        records.append(
            ManualUsage(
                device=device,
                updated_at=now,
                app=app,
                start=now - timedelta(days=days_ago, hours=4),
                duration=minutes * 60,
            )
        )
    records.append(
        MoodEntry(
            device=device,
            updated_at=now,
            at=now - timedelta(minutes=30),
            score=8,
            tags=["walk", "friends", "river", "sleep"],
            note=LONG_NOTE,
        )
    )
    records.append(
        MoodEntry(
            device=device,
            updated_at=now,
            at=now - timedelta(days=1, minutes=10),
            score=3,
            note="微博上看了太久，头疼，晚上早点睡",
        )
    )
    context.store.put_many(records)
    early = start_fast(
        context,
        preset="custom",
        period=Period(today - timedelta(days=24), today + timedelta(days=5)),
        name="A quiet November",
        rules=build_rules(context.catalog),
        days_off=[],
        strict=False,
    )
    end_fast(context, early, "a family trip with the whole group chat on WhatsApp and 카카오톡")
    start_fast(
        context,
        preset="week",
        period=Period(today, today + timedelta(days=6)),
        name=f"Week off {today.isoformat()}",
        rules=build_rules(context.catalog, limits=["15m"]),
        days_off=[],
        strict=False,
    )
    start_fast(
        context,
        preset="custom",
        period=Period(today + timedelta(days=110), today + timedelta(days=156)),
        name="Spring without short videos and endless feeds",
        rules=build_rules(context.catalog, apps=["tiktok", "youtube", "instagram"]),
        days_off=[6],
        strict=False,
    )
    # Built here rather than by add_custom so its id, shown in the list, is the same every run.
    context.store.put(
        Reminder(
            id="c0ffee00c0ffee00",
            device=device,
            updated_at=now,
            reminder_kind="custom",
            text="Put the phone in the other room and read a chapter of the book on the nightstand",
            at=time(21, 30),
            days=list(range(7)),
        )
    )
