"""The first command a user runs writes config.toml with every setting commented (README,
"Settings"), so `detox doctor` never points at a file that does not exist."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from detox.config import Settings

DETOX = Path(sys.executable).parent / "detox"


def detox(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DETOX), *args],
        env={**os.environ, "DETOX_HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "args", [("status",), ("mood", "7"), ("doctor", "--json"), ("apps", "list"), ()]
)
def test_any_first_command_writes_the_commented_config(tmp_path: Path, args: tuple[str]) -> None:
    home = tmp_path / "home"
    assert detox(home, *args).returncode == 0
    config = home / "config.toml"
    text = config.read_text(encoding="utf-8")
    for name in Settings.model_fields:
        if name not in ("budgets", "apps"):
            assert f"# {name} = " in text, name
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


def test_doctor_points_at_the_file_it_just_wrote(tmp_path: Path) -> None:
    home = tmp_path / "home"
    report = json.loads(detox(home, "doctor", "--json").stdout)
    assert Path(report["config"]["file"]).is_file()


def test_the_users_config_is_never_rewritten(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('day_start = "05:00"  # mine\n', encoding="utf-8")
    assert detox(home, "status").returncode == 0
    assert (home / "config.toml").read_text(encoding="utf-8") == 'day_start = "05:00"  # mine\n'


def test_purge_on_a_fresh_machine_leaves_no_config_behind(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = subprocess.run(
        [str(DETOX), "purge"],
        env={**os.environ, "DETOX_HOME": str(home)},
        input="n\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert not (home / "config.toml").exists(), result.stdout


def test_doctor_without_a_display_names_each_kind_of_probe_once(tmp_path: Path) -> None:
    # With no graphical session no focus or idle probe works: the lines read "[FAIL] focus:
    # ...", not "[FAIL] focus focus: ..." as if the name of a probe had been left out.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    shown = subprocess.run(
        [str(DETOX), "--lang", "pl", "doctor"],
        env={**env, "DETOX_HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "  [BŁĄD] fokus: tryb tylko procesów" in shown, shown
    assert "  [BŁĄD] bezczynność: czas bezczynności nieznany" in shown, shown
