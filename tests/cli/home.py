"""A detox home for import tests: run `detox ...` in-process against it with a fixed clock."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from click.testing import CliRunner, Result

from detox.cli import cli
from detox.clock import FixedClock
from detox.context import Context
from detox.paths import Paths

WARSAW = ZoneInfo("Europe/Warsaw")
# Tuesday 10 November 2026, noon in Warsaw; the sample ActivityWatch data is from the day before.
NOW = datetime(2026, 11, 10, 12, 0, tzinfo=WARSAW)


class Home:
    def __init__(self, root: Path, clock: FixedClock | None = None) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.paths = Paths(config_dir=root, data_dir=root / "data", state_dir=root / "state")
        self.paths.config_file.write_text('timezone = "Europe/Warsaw"\n', encoding="utf-8")
        self.clock = clock or FixedClock(NOW)

    def context(self) -> Context:
        return Context(paths=self.paths, clock_override=self.clock)

    def __call__(self, *args: str) -> Result:
        return CliRunner().invoke(cli, list(args), obj=self.context())

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json").stdout)

    def seconds(self, day: str) -> dict[str, int]:
        return {a["app"]: a["seconds"] for a in self.json("status", "--date", day)["apps"]}

    def export(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.ok("export", "--format", "json").stdout)
        return document

    def data_files(self) -> dict[str, bytes]:
        """Every data file's bytes, to show that something wrote nothing."""
        devices = self.paths.devices_dir
        if not devices.exists():
            return {}
        return {
            str(p.relative_to(devices)): p.read_bytes()
            for p in sorted(devices.rglob("*"))
            if p.is_file() and p.name != "device.json"
        }


def user_error(result: Result) -> str:
    """The message of a user error: exit code 2, never a traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.output
    return result.stderr
