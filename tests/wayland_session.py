"""A real, private Wayland session for tests: sway on its headless backend, foot windows.

    with sway_session() as session:                 # session.env: WAYLAND_DISPLAY, SWAYSOCK, ...
        with foot_window(session, "(3) Facebook - Chromium", named="chromium") as window:
            window.focus()                           # swaymsg [pid=N] focus, then waits for it

sway refuses to start as root (it checks that it cannot regain root after dropping it), so under
root, as in containers, it runs as nobody through setpriv; the runtime folder is then nobody's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from tests.conftest import need_program

STARTUP_TIMEOUT = 15.0
WAIT_TIMEOUT = 5.0
NOBODY = 65534
SWAY_CONFIG = """\
xwayland disable
default_border none
"""


@dataclass(frozen=True)
class SwaySession:
    env: dict[str, str]  # what a client of this session needs: the runtime folder and sockets
    scratch: Path

    def swaymsg(self, *args: str) -> Any:
        result = subprocess.run(
            ["swaymsg", "--raw", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=WAIT_TIMEOUT,
            check=True,
        )
        return json.loads(result.stdout) if result.stdout.strip() else None

    def windows(self) -> list[Mapping[str, Any]]:
        """Every window in sway's tree."""
        found: list[Mapping[str, Any]] = []

        def walk(node: Mapping[str, Any]) -> None:
            if node.get("type") in ("con", "floating_con") and not node.get("nodes"):
                found.append(node)
            for key in ("nodes", "floating_nodes"):
                for child in node.get(key) or ():
                    walk(child)

        walk(self.swaymsg("-t", "get_tree"))
        return found


@contextmanager
def sway_session() -> Iterator[SwaySession]:
    need_program("sway", "swaymsg", "foot")
    with tempfile.TemporaryDirectory(prefix="detox-sway-") as scratch_name:
        scratch = Path(scratch_name)
        runtime = scratch / "run"
        runtime.mkdir(mode=0o700)
        config = scratch / "config"
        config.write_text(SWAY_CONFIG, encoding="utf-8")
        command = ["sway", "-c", str(config)]
        if os.geteuid() == 0:
            scratch.chmod(0o711)  # nobody must reach its runtime folder inside
            os.chown(runtime, NOBODY, NOBODY)
            command = [
                "setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command
            ]  # fmt: skip
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(scratch),
            "XDG_RUNTIME_DIR": str(runtime),
            "WLR_BACKENDS": "headless",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",  # no GPU in CI
            "LANG": "C.UTF-8",
        }
        log = (scratch / "sway.log").open("wb")
        process = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        log.close()
        try:
            _wait_for(
                lambda: (
                    process.poll() is None
                    and any(runtime.glob("sway-ipc.*.sock"))
                    and (runtime / "wayland-1").exists()
                ),
                "sway to start",
                STARTUP_TIMEOUT,
                failed=lambda: process.poll() is not None,
                log=scratch / "sway.log",
            )
            socket = next(runtime.glob("sway-ipc.*.sock"))
            client_env = {
                **env,
                "WAYLAND_DISPLAY": "wayland-1",
                "SWAYSOCK": str(socket),
                "XDG_SESSION_TYPE": "wayland",
            }
            yield SwaySession(client_env, scratch)
        finally:
            _stop(process)


class FootWindow:
    """A foot terminal window, its process renamed by running a copy of the binary."""

    def __init__(self, session: SwaySession, process: subprocess.Popen[bytes]) -> None:
        self.session = session
        self.process = process

    @property
    def pid(self) -> int:
        return self.process.pid

    def focus(self) -> None:
        """Give this window the focus and wait until sway's tree says it has it."""
        self.session.swaymsg(f"[pid={self.pid}] focus")

        def focused() -> bool:
            windows = self.session.windows()
            return any(w.get("pid") == self.pid and w.get("focused") for w in windows)

        _wait_for(focused, f"sway to focus pid {self.pid}")

    def close(self) -> None:
        _stop(self.process)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def foot_window(session: SwaySession, title: str, *, named: str | None = None) -> FootWindow:
    program = "foot"
    if named is not None:
        program = str(session.scratch / named)
        if not Path(program).exists():
            shutil.copy(shutil.which("foot") or "foot", program)
    process = subprocess.Popen(
        [program, "--title", title, "sh", "-c", "exec sleep 3600"],
        env=session.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(
            lambda: any(w.get("pid") == process.pid for w in session.windows()),
            f"foot window {title!r}",
            STARTUP_TIMEOUT,
            failed=lambda: process.poll() is not None,
        )
    except BaseException:
        _stop(process)
        raise
    return FootWindow(session, process)


def _wait_for(
    condition: Callable[[], bool],
    what: str,
    timeout: float = WAIT_TIMEOUT,
    *,
    failed: Callable[[], bool] = lambda: False,
    log: Path | None = None,
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if failed() or time.monotonic() > deadline:
            detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise TimeoutError(f"timed out waiting for {what}\n{detail}".rstrip())
        time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
