"""Send a notification through the chain and write what happened to the event log."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from detox.errors import DetoxError
from detox.logs import log
from detox.models import Event
from detox.notify.chain import NotifierChain, default_chain
from detox.notify.delivery import Delivery

if TYPE_CHECKING:
    from detox.store import Store

# Called after every notification (the terminal app shows a toast); must be quick.
Listener = Callable[[str, str, Delivery], None]


@dataclass
class Notifier:
    chain: NotifierChain
    store: Store | None = None
    listeners: list[Listener] = field(default_factory=list)

    def send(
        self,
        title: str,
        message: str,
        kind: str = "message",
        keys: Sequence[str] = (),
        data: dict[str, Any] | None = None,
    ) -> Delivery:
        """Show it on the desktop if anything can; never raises. `keys` name the occurrences."""
        delivery = self.chain.send(title, message)
        self._record(title, message, kind, keys, data or {}, delivery)
        for listener in self.listeners:
            try:
                listener(title, message, delivery)
            except Exception as error:  # a closed window must not stop the reminders
                log.warning("notification listener failed: %s", error)
        return delivery

    __call__ = send  # usable wherever a `(title, message)` callable is expected

    def _record(
        self,
        title: str,
        message: str,
        kind: str,
        keys: Sequence[str],
        data: dict[str, Any],
        delivery: Delivery,
    ) -> None:
        if self.store is None:
            return
        now = self.store.clock.now()
        event = Event(
            device=self.store.device.id,
            updated_at=now,
            type="notification",
            at=now,
            message=f"{title}: {message}",
            data={
                **data,
                "kind": kind,
                "keys": list(keys),
                "backend": delivery.backend,
                "ok": delivery.ok,
                "detail": delivery.detail,
                "tried": [attempt.as_dict() for attempt in delivery.tried],
            },
        )
        try:
            self.store.put(event)
        except (DetoxError, OSError) as error:  # a full disk must not stop the notification
            log.warning("could not log a notification: %s", error)


def notifier_for(store: Store | None, listeners: Sequence[Listener] = ()) -> Notifier:
    """This system's chain; each notification is logged in `store` (None: not logged)."""
    return Notifier(default_chain(), store, list(listeners))


def notify(title: str, message: str, store: Store | None, kind: str = "message") -> Delivery:
    """Show a notification with this system's chain and log it; the delivery says how it went."""
    return notifier_for(store).send(title, message, kind=kind)
