"""How the terminal app ends, seen from a shell: exit status and the last words on screen.

Textual alone prints a Rich traceback and lets the process exit 0; `detox` must exit non-zero
with one line saying what went wrong and where the full trace is, and an invalid config.toml must
end the app as it ends any command: one line, exit 2.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.tmux import TmuxRun

# Starts detox as the `detox` script does, with one screen replaced by a broken one.
BROKEN_SCREEN = """
import sys
from textual.screen import Screen
from detox.errors import ConfigError
from detox.tui.app import DetoxApp

PROBLEM = sys.argv.pop(1)

class Broken(Screen[None]):
    def on_mount(self) -> None:
        if PROBLEM == "bug":
            raise RuntimeError("the broken screen gave up")
        raise ConfigError("{home}/config.toml", "budgets.total", "changed under the app")

DetoxApp.MODES = {**DetoxApp.MODES, "today": Broken}
from detox.cli import main
main()
"""


def onboarded_home(root: Path) -> Path:
    (root / "state").mkdir(parents=True)
    (root / "state" / "onboarded").write_text("yes\n")
    return root


def run_broken(tmp_path: Path, problem: str) -> tuple[int, str, Path]:
    home = onboarded_home(tmp_path / "home")
    script = tmp_path / "broken.py"
    script.write_text(BROKEN_SCREEN.replace("{home}", str(home)), encoding="utf-8")
    with TmuxRun(
        [sys.executable, str(script), problem],
        {"DETOX_HOME": str(home)},
        tmp_path / "tmux",
        size=(300, 24),  # the one line, unwrapped
    ) as run:
        code = run.exit_code()
        return code, run.screen(), home


def test_a_crash_exits_1_with_one_line_naming_the_trace_file(tmp_path: Path) -> None:
    code, screen, home = run_broken(tmp_path, "bug")
    assert code == 1
    (trace,) = (home / "state" / "crashes").glob("app-*.txt")
    assert [line.rstrip() for line in screen.splitlines() if line.strip()] == [
        "detox: the terminal app stopped: RuntimeError: the broken screen gave up "
        f"(full trace in {trace})"
    ]
    assert "the broken screen gave up" in trace.read_text()
    assert trace.stat().st_mode & 0o777 == 0o600


def test_a_config_error_inside_the_app_exits_2_with_the_cli_line(tmp_path: Path) -> None:
    code, screen, home = run_broken(tmp_path, "config")
    assert code == 2
    assert [line.rstrip() for line in screen.splitlines() if line.strip()] == [
        f"detox: invalid config {home}/config.toml: budgets.total: changed under the app"
    ]
    assert not (home / "state" / "crashes").exists()


@pytest.mark.parametrize(
    "config",
    ['day_start = "25:99"\n', "timezone = [\n", "no_such_setting = 1\n"],
    ids=["bad value", "not TOML", "unknown key"],
)
def test_an_invalid_config_ends_the_app_as_it_ends_a_command(tmp_path: Path, config: str) -> None:
    home = onboarded_home(tmp_path / "home")
    (home / "config.toml").write_text(config, encoding="utf-8")
    detox = Path(sys.executable).parent / "detox"
    command = subprocess.run(
        [str(detox), "status"],
        env={"DETOX_HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert command.returncode == 2
    with TmuxRun([str(detox)], {"DETOX_HOME": str(home)}, tmp_path / "tmux", (200, 24)) as run:
        assert run.exit_code() == 2
        shown = [line.rstrip() for line in run.screen().splitlines() if line.strip()]
    assert shown == [command.stderr.strip()]
    assert (home / "config.toml").read_text(encoding="utf-8") == config  # never overwritten
