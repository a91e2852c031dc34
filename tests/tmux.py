"""A command in a real terminal (a private tmux server): read the screen, send keys, get the exit
code once it ends.

with TmuxRun([str(detox)], {"DETOX_HOME": str(home)}, tmp_path) as run:
    run.wait_for_text("Social media today")
    run.keys("q")
    assert run.exit_code() == 0
"""

from __future__ import annotations

import shlex
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from tests.conftest import need_program

WAIT_SECONDS = 30.0


def wait_for(condition: Callable[[], bool], what: str, timeout: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class TmuxRun:
    """`command` in an 80x24 (or `size`) tmux pane with `env` added to a clean environment.

    The pane has no DISPLAY or WAYLAND_DISPLAY, so an app started there tracks nothing of the
    developer's desktop. After the command ends the pane stays open, so the last words it printed
    can still be read.
    """

    def __init__(
        self,
        command: Sequence[str],
        env: Mapping[str, str],
        scratch: Path,
        size: tuple[int, int] = (80, 24),
    ) -> None:
        need_program("tmux")
        scratch.mkdir(parents=True, exist_ok=True)
        self.exit_file = scratch / "exit-code"
        self.socket = f"detox-test-{scratch.name}-{id(self)}"
        assignments = " ".join(f"{name}={shlex.quote(value)}" for name, value in env.items())
        quoted = " ".join(shlex.quote(word) for word in command)
        self._shell = (
            f"env -u DISPLAY -u WAYLAND_DISPLAY TERM=xterm-256color {assignments} {quoted}; "
            f"echo $? > {shlex.quote(str(self.exit_file))}; sleep 600"
        )
        self._size = size

    def __enter__(self) -> Self:
        columns, rows = self._size
        subprocess.run(
            [
                *("tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d"),
                *("-x", str(columns), "-y", str(rows), self._shell),
            ],
            check=True,
        )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)

    def screen(self) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "capture-pane", "-p"], capture_output=True, text=True
        )
        return result.stdout

    def keys(self, *names: str) -> None:
        subprocess.run(["tmux", "-L", self.socket, "send-keys", *names], check=True)

    def wait_for_text(self, *texts: str, timeout: float = WAIT_SECONDS) -> str:
        """Until every one of `texts` is on screen at once; returns that screen."""
        seen = ""

        def shown() -> bool:
            nonlocal seen
            seen = self.screen()
            return all(text in seen for text in texts)

        try:
            wait_for(shown, " and ".join(repr(text) for text in texts), timeout)
        except AssertionError as error:
            raise AssertionError(f"{error}; the screen shows:\n{seen}") from None
        return seen

    def exit_code(self, timeout: float = WAIT_SECONDS) -> int:
        """The command's exit status, once it has ended."""

        def ended() -> bool:
            return self.exit_file.exists() and self.exit_file.read_text().strip() != ""

        try:
            wait_for(ended, "the command to end", timeout)
        except AssertionError as error:
            raise AssertionError(f"{error}; the screen shows:\n{self.screen()}") from None
        return int(self.exit_file.read_text())
