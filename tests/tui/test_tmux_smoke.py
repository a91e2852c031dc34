"""The installed `detox` command in a real terminal (tmux): it starts on Today, takes a mood
entry by keys, and quits cleanly."""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import need_program

DETOX = Path(sys.executable).parent / "detox"


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def tmux_session(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    need_program("tmux")
    home = tmp_path / "home"
    (home / "state").mkdir(parents=True)
    (home / "state" / "onboarded").write_text("yes\n")
    exit_file = tmp_path / "exit-code"
    socket = f"detox-test-{tmp_path.name}"
    command = (
        "env -u DISPLAY -u WAYLAND_DISPLAY TERM=xterm-256color "
        f"DETOX_HOME={shlex.quote(str(home))} {shlex.quote(str(DETOX))}; "
        f"echo $? > {shlex.quote(str(exit_file))}"
    )
    subprocess.run(
        ["tmux", "-L", socket, "new-session", "-d", "-x", "80", "-y", "24", command], check=True
    )
    try:
        yield socket, home, exit_file
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def screen(socket: str) -> str:
    result = subprocess.run(
        ["tmux", "-L", socket, "capture-pane", "-p"], capture_output=True, text=True
    )
    return result.stdout


def keys(socket: str, *names: str) -> None:
    subprocess.run(["tmux", "-L", socket, "send-keys", *names], check=True)


def test_detox_starts_takes_a_mood_and_quits(tmux_session: tuple[str, Path, Path]) -> None:
    socket, home, exit_file = tmux_session
    wait_for(
        lambda: "Today" in screen(socket) and "Social media today" in screen(socket),
        "the Today screen",
    )
    keys(socket, "m")
    wait_for(lambda: "How do you feel" in screen(socket), "the mood dialog")
    keys(socket, "7")
    wait_for(lambda: "Score: 7/10" in screen(socket), "the score")
    keys(socket, "Enter")
    wait_for(lambda: "Mood today: 7.0/10" in screen(socket), "the saved mood on Today")
    keys(socket, "q")
    wait_for(exit_file.exists, "detox to exit")
    assert exit_file.read_text().strip() == "0"
    status = subprocess.run(
        [str(DETOX), "status", "--json"],
        capture_output=True,
        text=True,
        env={"DETOX_HOME": str(home), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert '"score": 7' in status.stdout
