"""What an attempt to show a notification came to, and what every notification backend offers."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from detox.i18n import _
from detox.programs import CommandFailed, run


@dataclass(frozen=True)
class Delivery:
    """One attempt: which backend, whether it worked, and why (or how) in a few words.

    The delivery a chain returns carries the attempts that failed before it in `tried`, so a user
    (and `detox remind test`) can see the whole path a notification took.
    """

    backend: str
    ok: bool
    detail: str
    tried: tuple[Delivery, ...] = ()

    @property
    def attempts(self) -> tuple[Delivery, ...]:
        """Every attempt in order, this one last."""
        return (*self.tried, Delivery(self.backend, self.ok, self.detail))

    def as_dict(self) -> dict[str, object]:
        return {"backend": self.backend, "ok": self.ok, "detail": self.detail}


class Backend(Protocol):
    """One way of showing a notification. `send` must not raise; the chain guards it anyway."""

    @property
    def name(self) -> str: ...

    def unavailable(self) -> str | None:
        """Why this backend cannot work here, or None when it is worth a try. No side effects."""
        ...

    def check(self) -> Delivery:
        """Whether it would work, found out without showing anything (for `detox doctor`)."""
        ...

    def send(self, title: str, message: str) -> Delivery: ...


def shorten(text: str, limit: int | None) -> str:
    """Cut to `limit` characters with an ellipsis; some backends refuse longer text."""
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def ready(backend: Backend) -> Delivery:
    """The usual `check`: ready unless the backend knows why it cannot work."""
    reason = backend.unavailable()
    return Delivery(backend.name, reason is None, reason or "ready")


def deliver_by_command(
    backend: str, command: list[str], env: Mapping[str, str], timeout: float
) -> Delivery:
    """Run a notifying program and judge it by its exit code (an exit 0 is its only promise)."""
    program = os.path.basename(command[0])
    try:
        done = run(command, env, timeout)
    except CommandFailed as failed:
        if failed.kind == "timeout":
            return Delivery(
                backend, False, _("no answer within {seconds} s").format(seconds=f"{timeout:g}")
            )
        return Delivery(
            backend,
            False,
            _("cannot run {program}: {reason}").format(program=program, reason=failed.cause),
        )
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        why = said[-1] if said else _("no message")
        return Delivery(
            backend, False, _("exit code {code}: {reason}").format(code=done.returncode, reason=why)
        )
    return Delivery(backend, True, f"{program} exited 0")
