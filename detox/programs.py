"""Run a short-lived helper program (swaymsg, gdbus, osascript, systemctl, notify-send) and
never hang on it.

Probes, service backends and notification backends call these every few seconds or once per
install; a helper that hangs or is missing must turn into an explanation, not a stuck tracker.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Failure = Literal["missing", "timeout", "start", "exit"]


class CommandFailed(Exception):
    """The program is missing, timed out, or exited non-zero; the message says which, `kind`
    says it to code, and `cause` is the reason without the program's name."""

    def __init__(self, message: str, kind: Failure = "exit", cause: str = "") -> None:
        super().__init__(message)
        self.kind: Failure = kind
        self.cause = cause or message


@dataclass(frozen=True)
class CommandResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def first_error_line(self) -> str:
        lines = [line.strip() for line in self.stderr.splitlines() if line.strip()]
        return lines[0] if lines else f"exit status {self.returncode}"


def find_program(name: str, env: Mapping[str, str]) -> str | None:
    """Where `name` is on the PATH of `env` (not necessarily our own PATH)."""
    return shutil.which(name, path=env.get("PATH", os.defpath))


def run(argv: Sequence[str], env: Mapping[str, str], timeout: float) -> CommandResult:
    """Run to completion; raises CommandFailed only when the program could not run at all."""
    program = find_program(argv[0], env)
    if program is None:
        raise CommandFailed(
            f"{argv[0]} is not installed (not found on PATH)", "missing", "not found on PATH"
        )
    try:
        completed = subprocess.run(
            [program, *argv[1:]],
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise CommandFailed(
            f"{argv[0]} did not answer within {timeout:g} s", "timeout", f"{timeout:g} s"
        ) from exc
    except OSError as exc:
        raise CommandFailed(
            f"{argv[0]} could not be started: {exc.strerror or exc}", "start", str(exc)
        ) from exc
    return CommandResult(completed.returncode, completed.stdout, completed.stderr)


def run_ok(argv: Sequence[str], env: Mapping[str, str], timeout: float) -> str:
    """Standard output of a run that must succeed; anything else raises CommandFailed."""
    result = run(argv, env, timeout)
    if result.returncode != 0:
        raise CommandFailed(f"{argv[0]} failed: {result.first_error_line}")
    return result.stdout
