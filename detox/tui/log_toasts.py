"""The app's sink for the `detox` logger: each warning becomes a toast (from any thread)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from detox.logs import log


class ToastHandler(logging.Handler):
    """Hands each warning to `show`, which must be thread-safe (the app's post_message)."""

    def __init__(self, show: Callable[[str], object]) -> None:
        super().__init__(logging.WARNING)
        self.show = show

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.show(record.getMessage())
        except Exception:  # a closing app must not turn a warning into a crash
            self.handleError(record)


def toast_warnings(show: Callable[[str], object]) -> ToastHandler:
    handler = ToastHandler(show)
    log.addHandler(handler)
    return handler


def stop_toasting(handler: ToastHandler | None) -> None:
    if handler is not None:
        log.removeHandler(handler)
