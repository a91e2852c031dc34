"""The one harness for CLI tests: a detox home, and `detox ...` run in-process against it with
a fixed clock (click's CliRunner, as a user's shell would run it, minus the process)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from detox.cli import cli
from detox.clock import FixedClock
from detox.context import Context
from detox.models import Event
from detox.paths import Paths
from detox.store import Store
from tests.clock_fixtures import NOW, WARSAW

__all__ = ["NOW", "WARSAW", "Home", "user_error"]

WARSAW_CONFIG = 'timezone = "Europe/Warsaw"\n'


class Home:
    """`root` laid out as DETOX_HOME lays it out; `config=None` leaves config.toml alone."""

    def __init__(
        self, root: Path, clock: FixedClock | None = None, config: str | None = WARSAW_CONFIG
    ) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.paths = Paths.from_env({"DETOX_HOME": str(root)})
        if config is not None:
            self.paths.config_file.write_text(config, encoding="utf-8")
        self.clock = clock or FixedClock(NOW)

    def context(self) -> Context:
        return Context(paths=self.paths, clock_override=self.clock)

    def store(self) -> Store:
        return self.context().store

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), obj=self.context(), input=input)

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
        return result

    def out(self, *args: str) -> str:
        """The standard output of a command that must succeed."""
        return self.ok(*args).stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json").stdout)

    def error(self, *args: str) -> str:
        """The one line a user error prints (exit code 2, never a traceback)."""
        result = self(*args)
        assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
        assert "Traceback" not in result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        return lines[0]

    def events(self, event_type: str) -> list[Event]:
        return [e for e in self.store().records(Event) if e.type == event_type]

    def status(self, day: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = self.json("status", *(["--date", day] if day else []))
        return data

    def seconds(self, day: str | None = None) -> dict[str, int]:
        return {a["app"]: a["seconds"] for a in self.status(day)["apps"]}

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
