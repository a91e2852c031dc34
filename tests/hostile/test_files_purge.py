"""`detox purge --yes` removes every byte of the user's data in the data, state and cache folders
(usage rollups, reminder state, the tracker's status, the onboarding mark), keeps the settings
unless `--config` is given, says what it removed, and never follows a link out of those folders."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from detox.models import UsageSpan
from detox.reminders.schedule import SchedulerState
from detox.reminders.state import save_state, state_path
from detox.tui.first_run import mark_onboarded
from tests.cli.home import NOW, Home
from tests.hostile.files import tree_digest, works


def _files(root: Path) -> list[str]:
    if not root.exists():
        return []
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() or p.is_symlink()
    )


@pytest.fixture
def home(tmp_path: Path) -> Home:
    """A home after a month of use: data, a rollup of a closed month, reminder and tracker state,
    the onboarding mark and something in the cache."""
    home = Home(tmp_path / "home")
    store = home.context().store
    me = store.device.id
    october = datetime(2026, 10, 14, 9, 0, tzinfo=UTC)
    store.add_spans(
        [
            UsageSpan(
                id=UsageSpan.stable_id(me, "reddit", october, "tracker"),
                app="reddit",
                device=me,
                source="tracker",
                start=october,
                duration=1800,
            )
        ]
    )
    home.ok("mood", "6")
    home.ok("log", "instagram", "15m")
    home.ok("report", "--month", "2026-10")  # a closed month: its figures go to the rollups
    save_state(state_path(home.paths), SchedulerState(started=NOW - timedelta(days=3)))
    home.paths.tracker_status_file.write_text(json.dumps({"app": "reddit"}), encoding="utf-8")
    mark_onboarded(home.context())
    return home


def _with_cache(home: Home) -> Path:
    cache = home.paths.config_dir / "cache"
    home.paths = dataclasses.replace(home.paths, cache_dir=cache)
    (cache / "thumbs").mkdir(parents=True)
    (cache / "thumbs" / "x.bin").write_bytes(b"cached")
    return cache


def test_purge_removes_every_byte_of_data_state_and_cache(home: Home) -> None:
    cache = _with_cache(home)
    state = home.paths.state_dir
    assert {"reminders.json", "tracker.json", "onboarded"} <= set(_files(state))
    assert any(name.startswith("rollups/") for name in _files(state))

    result = works(home("purge", "--yes"))

    assert _files(home.paths.data_dir) == []
    assert [name for name in _files(state) if not name.endswith(".lock")] == []
    assert _files(cache) == []
    assert _files(home.paths.config_dir / "cache") == []
    for word in ("rollups", "reminders.json", "tracker.json", "onboarded", str(cache)):
        assert word in result.stdout, result.stdout
    assert "Kept your settings" in result.stdout
    assert home.paths.config_file.exists() and home.paths.device_file.exists()
    assert home.json("status")["mood"] == []
    assert home.json("status")["apps"] == []


def test_purge_with_config_removes_the_settings_too(home: Home) -> None:
    result = works(home("purge", "--yes", "--config"))
    assert not home.paths.config_file.exists() and not home.paths.device_file.exists()
    assert "config.toml" in result.stdout and "Kept your settings" not in result.stdout
    assert _files(home.paths.data_dir) == []


def test_purge_never_follows_a_link_in_the_state_or_cache_folder(
    home: Home, tmp_path: Path
) -> None:
    cache = _with_cache(home)
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "precious.txt").write_text("keep me", encoding="utf-8")
    (outside / "reminders.json").write_text("{}", encoding="utf-8")
    (home.paths.state_dir / "rollups" / "linked").symlink_to(outside, target_is_directory=True)
    (home.paths.state_dir / "linked.json").symlink_to(outside / "reminders.json")
    (cache / "linked").symlink_to(outside, target_is_directory=True)
    before = tree_digest(outside)

    works(home("purge", "--yes"))

    assert tree_digest(outside) == before
    assert not (home.paths.state_dir / "linked.json").is_symlink()
    assert not (cache / "linked").is_symlink()
