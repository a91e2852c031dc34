"""Reads never write: every screen of the app and every read command leave the files as they were.

The data folder holds a running fast whose slips are not recorded yet (painting Today, `fast
list` and `fast show` used to write them), a budget, a reminder, mood and a check-in. Every file
under the detox home (data, state and config) but the caches a read may fill is compared byte for
byte and by modification time before and after; a file that appears or goes counts too.

What this proves: these screens and commands, on this data, write nothing. It does not prove a
screen never writes under other data, or that an action key (a form, a toggle) writes nothing;
those are writes by design. The suite runs as root, so a read-only folder would not stop a write:
the comparison is what catches it.
"""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from detox.balance.integrity import events_for_fast
from detox.cli import cli
from detox.clock import current_day
from detox.context import Context
from detox.models import Budget, CheckIn, Fast, Reminder, Rule
from detox.tui.app import SCREENS, DetoxApp
from tests.tui.conftest import fixed_context, seed_history
from tests.tui.helpers import settle

Snapshot = dict[str, tuple[bytes, int]]


# Caches in the local state folder: a read may fill them (a month's rollup, a fast's judged
# days, a baseline's totals) as any read of that history would; they are never synced, hold
# nothing that is not in the data, and are rebuilt when deleted. Everything else must stay.
CACHES = ("state/rollups/", "state/fasts/judged.json", "state/reports/")


def snapshot(home: Path) -> Snapshot:
    return {
        name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(home.rglob("*"))
        if path.is_file() and not (name := str(path.relative_to(home))).startswith(CACHES)
    }


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def seed(context: Context) -> Fast:
    seed_history(context)
    now = context.clock.now()
    today = current_day(context.clock, context.settings)
    device = context.device.id
    fast = Fast(
        device=device,
        updated_at=now,
        name="No Facebook",
        preset="custom",
        start=today - timedelta(days=6),
        end=today + timedelta(days=7),
        rules=[Rule(kind="abstain", apps=["facebook"])],
    )
    context.store.put_many(
        [
            fast,
            Budget(device=device, updated_at=now, target="youtube", weekday_seconds=1800),
            Reminder(
                device=device, updated_at=now, reminder_kind="custom", text="Walk", at=time(18, 0)
            ),
            CheckIn(
                device=device,
                updated_at=now,
                at=now - timedelta(days=2),
                life_satisfaction=7,
                lack_companionship=1,
                left_out=2,
                isolated=1,
            ),
        ]
    )
    context.paths.state_dir.mkdir(parents=True, exist_ok=True)
    (context.paths.state_dir / "onboarded").write_text("yes\n", encoding="utf-8")
    return fast


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def seeded(home: Path) -> tuple[Context, Fast]:
    context = fixed_context(home)
    fast = seed(context)
    # The point of the fixture: slips wait to be recorded, so a read that records them shows.
    assert not [e for e in events_for_fast(context.store, fast.id) if e.type == "slip"]
    return context, fast


def read_commands(fast: Fast) -> list[list[str]]:
    commands = [
        ["status"],
        ["status", "--date", "yesterday"],
        ["mood", "list"],
        ["checkin", "list"],
        ["fast", "list"],
        ["fast", "show", fast.id[:8]],
        ["fast", "presets"],
        ["budget", "list"],
        ["baseline", "list"],
        ["health", "list"],
        ["offline", "list"],
        ["remind", "list"],
        ["apps", "list"],
        ["config", "list"],
        ["devices"],
        ["insights"],
        ["report"],
        ["report", "--month", "2026-11"],
        ["export", "--format", "json"],
        ["doctor"],
    ]
    with_json = [[*command, "--json"] for command in commands if command[0] not in ("export",)]
    return [
        *commands,
        *with_json,
        ["report", "--format", "md"],
        ["report", "--format", "csv"],
        ["report", "--format", "html"],
        ["config", "get", "day_start"],
    ]


def test_every_read_command_leaves_every_file_as_it_was(
    home: Path, seeded: tuple[Context, Fast]
) -> None:
    context, fast = seeded
    before = snapshot(home)
    for command in read_commands(fast):
        fresh = Context(paths=context.paths, clock_override=context.clock)
        result = CliRunner().invoke(cli, command, obj=fresh)
        assert result.exit_code == 0, (command, result.output, result.exception)
        assert changed(before, snapshot(home)) == [], command


async def test_every_screen_leaves_every_file_as_it_was(
    home: Path, seeded: tuple[Context, Fast]
) -> None:
    context, _ = seeded
    from detox.tui.app import create_app

    app: DetoxApp = create_app(context, track=False, live=False)
    before = snapshot(home)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        for key, _, _ in SCREENS.values():
            await pilot.press(key)
            await settle(pilot)
            assert changed(before, snapshot(home)) == [], key
        await pilot.press("w", "bracketright")  # the month view
        await settle(pilot)
        await pilot.press("question_mark")  # every key
        await pilot.pause()
    assert changed(before, snapshot(home)) == []


def test_the_tracker_records_the_slips_a_read_only_showed(seeded: tuple[Context, Fast]) -> None:
    from detox.balance.slip_watch import SlipWatch

    context, fast = seeded
    SlipWatch(context).on_tick(None, None)  # type: ignore[arg-type]
    assert [e for e in events_for_fast(context.store, fast.id) if e.type == "slip"]


def test_logging_use_on_a_fast_day_records_its_slip(seeded: tuple[Context, Fast]) -> None:
    context, fast = seeded
    result = CliRunner().invoke(cli, ["log", "facebook", "10m"], obj=context)
    assert result.exit_code == 0, result.output
    today = current_day(context.clock, context.settings).isoformat()
    slips = [e for e in events_for_fast(context.store, fast.id) if e.type == "slip"]
    assert today in {str(e.data["day"]) for e in slips}
