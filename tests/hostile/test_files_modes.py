"""Every folder detox creates is 0700 and every file 0600, whichever command comes first, under
the common umask 022 that would otherwise leave them readable by everyone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from detox.context import Context
from detox.paths import Paths
from detox.tui.first_run import mark_onboarded

FIRST_COMMANDS = [
    ("apps", "add", "forum-x", "--name", "Forum X", "--category", "forum"),
    ("mood", "7"),
    ("status",),
    ("log", "reddit", "10m"),
    ("report", "--format", "json"),
    ("budget", "set", "reddit", "30m"),
]


def _modes(home: Path) -> dict[str, str]:
    """Each path under home (and home itself) whose mode is not private."""
    wrong: dict[str, str] = {}
    for path in [home, *home.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if mode != wanted:
            wrong[str(path.relative_to(home.parent))] = oct(mode)
    return wrong


@pytest.mark.parametrize("command", FIRST_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_the_first_command_creates_private_folders_and_files(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    home = tmp_path / "fresh" / "home"  # neither exists yet
    env = {k: v for k, v in os.environ.items() if k != "DETOX_DEBUG"} | {"DETOX_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "detox", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        umask=0o022,
    )
    assert result.returncode == 0, result.stderr
    assert _modes(home) == {}
    assert stat.S_IMODE((tmp_path / "fresh").stat().st_mode) == 0o700


def test_the_apps_onboarded_mark_is_private(tmp_path: Path) -> None:
    root = tmp_path / "home"
    paths = Paths(config_dir=root, data_dir=root / "data", state_dir=root / "state")
    previous = os.umask(0o022)
    try:
        mark_onboarded(Context(paths=paths))
    finally:
        os.umask(previous)
    assert paths.onboarded_file.read_text(encoding="utf-8") == "yes\n"
    assert _modes(root) == {}
