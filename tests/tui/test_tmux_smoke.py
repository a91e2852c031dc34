"""The installed `detox` command (the wheel in a fresh venv, not this editable tree) in a real
terminal (tmux): it starts on Today, takes a mood entry by keys, and quits cleanly."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.installed import Installed, clean_env
from tests.tmux import TmuxRun

pytestmark = pytest.mark.slow


def test_detox_starts_takes_a_mood_and_quits(installed_detox: Installed, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "state").mkdir(parents=True)
    (home / "state" / "onboarded").write_text("yes\n")
    detox = str(installed_detox.detox)
    with TmuxRun([detox], {"DETOX_HOME": str(home)}, tmp_path / "tmux") as run:
        run.wait_for_text("Today", "Social media today")
        run.keys("m")
        run.wait_for_text("How do you feel")
        run.keys("7")
        run.wait_for_text("Score: 7/10")
        run.keys("Enter")
        run.wait_for_text("Mood today: 7.0/10")
        run.keys("q")
        assert run.exit_code() == 0
    status = subprocess.run(
        [detox, "status", "--json"],
        capture_output=True,
        text=True,
        env=clean_env(DETOX_HOME=str(home)),
        cwd=tmp_path,
        check=True,
    )
    assert '"score": 7' in status.stdout
