"""A real `detox track` process for tests, and `detox ...` commands against the same DETOX_HOME.

home = DetoxHome(tmp_path / "home", display)
home.write_config(flush_interval=2)
with home.tracker(idle_threshold=10) as tracker:
    tracker.wait_for_samples()              # started, probes chosen, first sample printed
    ...
    assert tracker.stop(signal.SIGTERM) == 0
home.seconds()                              # {"facebook": 12, ...} from `detox status --json`
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from detox.context import Context
from detox.models import UsageSpan
from detox.paths import Paths

STARTUP_TIMEOUT = 20.0
STOP_TIMEOUT = 15.0
# Session variables of the developer's desktop that would steer the tracker away from the test's
# X server (detect_display_server trusts XDG_SESSION_TYPE and WAYLAND_DISPLAY first).
_FOREIGN_SESSION = ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "XDG_CURRENT_DESKTOP", "SWAYSOCK")


def far_day_start() -> str:
    """A day start twelve hours from now, so no local day ends while a test runs."""
    return (datetime.now() + timedelta(hours=12)).strftime("%H:%M")


class DetoxHome:
    """One DETOX_HOME, used by tracker processes and `python -m detox` commands alike."""

    def __init__(self, root: Path, display: str | None) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.display = display

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _FOREIGN_SESSION}
        env.pop("DISPLAY", None)
        if self.display is not None:
            env["DISPLAY"] = self.display
        env.update(DETOX_HOME=str(self.root), PYTHONIOENCODING="utf-8", LANG="C.UTF-8")
        return env

    def write_config(self, **values: float | bool | str) -> None:
        """config.toml with these settings, and a day start far from now (see far_day_start)."""
        values.setdefault("day_start", far_day_start())
        lines = [f"{key} = {json.dumps(value)}" for key, value in values.items()]
        (self.root / "config.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "detox", *args],
            env=self.env(),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    def json(self, *args: str) -> Any:
        result = self.run(*args, "--json")
        assert result.returncode == 0, (result.stdout, result.stderr)
        return json.loads(result.stdout)

    def seconds(self) -> dict[str, int]:
        """Today's seconds per app, as `detox status --json` reports them (rounded)."""
        return {entry["app"]: entry["seconds"] for entry in self.json("status")["apps"]}

    def spans(self) -> list[UsageSpan]:
        """The stored spans of the last two days, read in this process."""
        context = Context(paths=Paths.from_env({"DETOX_HOME": str(self.root)}))
        now = datetime.now(UTC)
        return context.store.spans(now - timedelta(days=2), now + timedelta(days=1))

    def all_bytes(self) -> dict[Path, bytes]:
        """Every file under the home, to look for what must never be written."""
        return {path: path.read_bytes() for path in self.root.rglob("*") if path.is_file()}

    @contextmanager
    def tracker(
        self, *, interval: float = 0.5, idle_threshold: int | None = None
    ) -> Iterator[TrackerProcess]:
        args = ["track", "--interval", f"{interval:g}", "--verbose"]
        if idle_threshold is not None:
            args += ["--idle-threshold", str(idle_threshold)]
        process = TrackerProcess(args, self.env())
        try:
            yield process
        finally:
            process.kill()


class TrackerProcess:
    """`python -m detox track ...`, with its stdout lines collected as they come."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "detox", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._lines: list[str] = []
        self.first_sample_at: float | None = None  # monotonic time the first sample was printed
        self._stderr: list[str] = []
        self._changed = threading.Condition()
        assert self.popen.stdout is not None and self.popen.stderr is not None
        self._readers = [
            threading.Thread(target=self._collect, args=(self.popen.stdout, self._lines)),
            threading.Thread(target=self._collect, args=(self.popen.stderr, self._stderr)),
        ]
        for reader in self._readers:
            reader.daemon = True
            reader.start()

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def lines(self) -> list[str]:
        """The `--verbose` sample lines printed so far."""
        with self._changed:
            return [line.rstrip("\n") for line in self._lines]

    @property
    def stderr(self) -> str:
        with self._changed:
            return "".join(self._stderr)

    def wait_for_samples(self, count: int = 1, timeout: float = STARTUP_TIMEOUT) -> float:
        """Until `count` samples have been printed (the tracker is up and measuring).

        Returns the monotonic time the first one was printed: from then on time is counted.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self._lines) < count:
                remaining = deadline - time.monotonic()
                if self.popen.poll() is not None or remaining <= 0:
                    raise AssertionError(
                        f"the tracker printed {len(self._lines)} of {count} samples "
                        f"(exit {self.popen.poll()}); stderr: {''.join(self._stderr)}"
                    )
                self._changed.wait(min(remaining, 0.1))
            assert self.first_sample_at is not None
            return self.first_sample_at

    def stop(self, signum: int = signal.SIGTERM) -> int:
        """Send `signum` and wait for the exit; returns the exit code."""
        self.popen.send_signal(signum)
        return self.wait()

    def wait(self) -> int:
        code = self.popen.wait(STOP_TIMEOUT)
        for reader in self._readers:
            reader.join(STOP_TIMEOUT)
        return code

    def kill(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
        self.wait()

    def _collect(self, stream: Any, into: list[str]) -> None:
        for line in stream:
            with self._changed:
                if into is self._lines and self.first_sample_at is None:
                    self.first_sample_at = time.monotonic()
                into.append(line)
                self._changed.notify_all()
        stream.close()
