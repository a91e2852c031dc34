"""Bare `detox` in a terminal opens the app without importing click (detox.entry), and ends
exactly as the click group ends it: the same exit status and the same words on stderr for an
app that exits with a status, is interrupted, crashes, or meets an invalid config.toml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Starts detox as the installed script (detox.entry) or as before (detox.cli), with the app
# replaced by what the test needs; stdout is a terminal (a pty), as for a person typing `detox`.
_SCRIPT = """
import json, sys
import detox.tui.run

ENTRY, HOW, *ARGS = sys.argv[1:]

def app(context):
    from detox import i18n
    import gc
    print(json.dumps({
        "click": sorted(m for m in sys.modules if m.split(".")[0] == "click"),
        "collector": gc.isenabled(),
        "language": i18n.current(),
        "textual": "textual" in sys.modules,
    }), file=sys.stderr)
    if HOW == "status":
        return 3
    if HOW == "interrupt":
        raise KeyboardInterrupt
    if HOW == "bug":
        raise RuntimeError("the app gave up")
    if HOW == "denied":
        raise PermissionError(13, "Permission denied", "/nowhere")
    if HOW == "config":
        from detox.errors import ConfigError
        raise ConfigError("config.toml", "budgets.total", "changed under the app")
    return 0

detox.tui.run.run_app = app
sys.argv = ["detox", *ARGS]
if ENTRY == "entry":
    from detox.entry import main
else:
    from detox.cli import main
main()
"""


def _run(
    home: Path, entry: str, how: str, *args: str, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Exit status and stderr of one start with stdout on a pty."""
    leader, follower = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT, entry, how, *args],
            env={k: v for k, v in os.environ.items() if k != "DETOX_DEBUG"}
            | {"DETOX_HOME": str(home)}
            | (env or {}),
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    return done.returncode, done.stderr


def _seen(stderr: str) -> dict[str, object]:
    seen: dict[str, object] = json.loads(
        next(line for line in stderr.splitlines() if line.startswith("{"))
    )
    return seen


@pytest.mark.parametrize("args", [(), ("--lang", "pl"), ("--lang=pl",), ("--lang", "AUTO")])
def test_bare_detox_opens_the_app_without_click(detox_home: Path, args: tuple[str, ...]) -> None:
    code, stderr = _run(detox_home, "entry", "ok", *args)
    assert code == 0, stderr
    seen = _seen(stderr)
    assert seen["click"] == []
    assert seen["textual"] is True  # the app really was started
    assert seen["collector"] is False  # until the app has shown Today's data
    if "pl" in "".join(args):
        assert seen["language"] == "pl"
    assert (detox_home / "config.toml").exists()  # written on first use, as by any command


def test_the_language_of_config_toml_without_click(detox_home: Path) -> None:
    (detox_home / "config.toml").write_text('language = "es"\n', encoding="utf-8")
    code, stderr = _run(detox_home, "entry", "ok")
    assert code == 0, stderr
    assert _seen(stderr) == {"click": [], "collector": False, "language": "es", "textual": True}


@pytest.mark.parametrize("how", ["ok", "status", "interrupt", "bug", "denied", "config"])
def test_bare_detox_ends_as_the_click_group_ends_it(detox_home: Path, how: str) -> None:
    (detox_home / "config.toml").write_text('language = "pl"\n', encoding="utf-8")
    before = _run(detox_home, "cli", how)
    now = _run(detox_home, "entry", how)
    assert now[0] == before[0]
    assert now[1].splitlines()[1:] == before[1].splitlines()[1:]  # after the app's own line
    assert {"ok": 0, "status": 3, "interrupt": 1, "bug": 1, "denied": 2, "config": 2}[how] == now[0]


@pytest.mark.parametrize(
    "config",
    ['day_start = "25:99"\n', "timezone = [\n", "no_such_setting = 1\n"],
    ids=["bad value", "not TOML", "unknown key"],
)
def test_an_invalid_config_stops_bare_detox_with_exit_2(detox_home: Path, config: str) -> None:
    (detox_home / "config.toml").write_text(config, encoding="utf-8")
    before = _run(detox_home, "cli", "ok", "--lang", "pl")
    now = _run(detox_home, "entry", "ok", "--lang", "pl")
    assert now == before
    assert now[0] == 2
    assert now[1].startswith("detox: ") and len(now[1].splitlines()) == 1
    assert "{" not in now[1]  # the app never started
    assert (detox_home / "config.toml").read_text(encoding="utf-8") == config


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--lang", "xx"), {}),  # an unknown language: click's parser says so
        (("--version",), {}),
        (("--lang", "pl", "--help"), {}),
        ((), {"_DETOX_COMPLETE": "bash_source"}),  # shell completion
    ],
    ids=["unknown language", "version", "help", "completion"],
)
def test_anything_but_the_bare_command_goes_to_click(
    detox_home: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    assert _run(detox_home, "entry", "ok", *args, env=env) == _run(
        detox_home, "cli", "ok", *args, env=env
    )


def test_python_m_detox_without_a_terminal_prints_the_help(detox_home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "detox"],
        env={k: v for k, v in os.environ.items() if k != "DETOX_DEBUG"}
        | {"DETOX_HOME": str(detox_home)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: detox [OPTIONS] [COMMAND] [ARGS]...")
