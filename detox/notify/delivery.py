"""What an attempt to show a notification came to, and what every notification backend offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


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
