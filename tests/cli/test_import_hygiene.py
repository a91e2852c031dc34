"""`detox mood 7` must start fast: the everyday commands never load the TUI or the X11 library,
nor the fast and budget services when there are no fasts or budgets."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

# Runs the commands in-process (as the console script would), then lists heavy modules loaded.
_SCRIPT = """
import json, sys
from detox.cli import cli

for args in (
    ["mood", "7", "--tag", "walk"],
    ["log", "instagram", "25m", "--date", "2025-01-15", "--at", "12:00"],
    ["status", "--json", "--date", "2025-01-15"],
    ["status"],
):
    try:
        cli.main(args, prog_name="detox")
    except SystemExit as done:
        if done.code not in (0, None):
            raise SystemExit(f"{args} exited with {done.code}")

heavy = sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("textual", "Xlib")
    # Fasts and budgets are judged only when there are some (this home has neither).
    or name.startswith("detox.balance")
)
print("MODULES " + json.dumps(heavy))
# pydantic's plugin search (the entry points of every installed package) is skipped: detox uses
# no pydantic plugin, and importing importlib.metadata for it was a tenth of a start.
print("METADATA", "importlib.metadata" in sys.modules)
"""


def _env(home: Path) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DETOX_DEBUG"} | {"DETOX_HOME": str(home)}


def _run_script(script: str, home: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_everyday_commands_do_not_import_ui_or_x11(detox_home: Path) -> None:
    done = _run_script(_SCRIPT, detox_home)
    [line] = [line for line in done.stdout.splitlines() if line.startswith("MODULES ")]
    loaded = json.loads(line.removeprefix("MODULES "))
    assert loaded == []
    assert "METADATA False" in done.stdout
    # The commands really ran: the status printed what was logged.
    assert '"total_seconds": 1500' in done.stdout


def test_python_m_detox_mood(detox_home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "detox", "mood", "7"],
        env=_env(detox_home),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Mood 7/10 saved for ")
    assert done.stderr == ""
    journals = list((detox_home / "data" / "devices").glob("*/journal.json"))
    assert len(journals) == 1
    assert '"score":7' in journals[0].read_text(encoding="utf-8")


def test_help_imports_no_command_module_nor_pydantic(detox_home: Path) -> None:
    # `detox --help` lists commands from detox.commands.registry; loading the twelve command
    # modules and their services (pydantic's models among them) was most of its start.
    script = (
        "import sys\nfrom detox.cli import main\nsys.argv = ['detox', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('MODULES', sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pydantic', 'filelock', 'tinydb') or m.startswith('detox.commands.') "
        "and m != 'detox.commands.registry'))"
    )
    done = _run_script(script, detox_home)
    assert "status    Social time, budgets" in done.stdout
    assert done.stdout.splitlines()[-1] == "MODULES []"


def test_the_today_screen_does_not_import_the_tracker(detox_home: Path) -> None:
    # The app asks whether a tracker runs (detox.tracker.presence); importing the tracker for
    # that brought psutil and its probes before the first paint of Today.
    script = (
        "import sys\nimport detox.tui.app, detox.tui.screens.today\n"
        "print('MODULES', sorted(m for m in sys.modules if m.split('.')[0] == 'psutil' "
        "or m.startswith('detox.tracker.') and m != 'detox.tracker.presence'))"
    )
    assert _run_script(script, detox_home).stdout.splitlines()[-1] == "MODULES []"


_TRACKER_SCRIPT = """
import sys
from datetime import UTC, datetime
import detox.commands.tracking
from detox.composition.tracking import build_tracker
from detox.models import UsageSpan

print("OPENSSL", sys.modules.get("_hashlib") is not None)
print("ID", UsageSpan.stable_id("laptop", "facebook", datetime(2026, 12, 4, tzinfo=UTC), "tracker"))
"""


def test_the_tracker_process_goes_without_openssl_hashes_and_keeps_its_ids() -> None:
    """`detox track` runs all day; OpenSSL's hash module (3.5 MB of libcrypto, loaded because
    pydantic imports `secrets`) is left out of its process, and a span's id is the same SHA-1."""
    done = subprocess.run(
        [sys.executable, "-c", _TRACKER_SCRIPT], capture_output=True, text=True, check=True
    )
    assert "OPENSSL False" in done.stdout
    key = "laptop|facebook|2026-12-04T00:00:00+00:00|tracker"
    assert f"ID {hashlib.sha1(key.encode()).hexdigest()[:20]}" in done.stdout
