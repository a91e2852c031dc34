"""Desktop notifications through a chain of backends, each attempt reported, never raising."""

from __future__ import annotations

from detox.notify.chain import NotifierChain, default_chain, describe_backend
from detox.notify.delivery import Backend, Delivery
from detox.notify.notifier import Listener, Notifier, notifier_for, notify

__all__ = [
    "Backend",
    "Delivery",
    "Listener",
    "Notifier",
    "NotifierChain",
    "default_chain",
    "describe_backend",
    "notifier_for",
    "notify",
]
