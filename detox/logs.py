"""Problems go to the `detox` logger; each face decides where they show.

Services and the tracker only call `log.warning(...)` (or error, info) and never print. The CLI
shows them on stderr (`show_on_stderr`), the app as toasts (detox.tui.log_toasts), and a running
tracker also keeps them in a rotating file in the state folder (`keep_in_file`), which
`detox doctor` names: a tracker running as a service has no terminal. Without any of these (a
library caller, a test), Python's last-resort handler still prints warnings.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from detox.paths import ensure_private_dir

log = logging.getLogger("detox")

TRACKER_LOG_NAME = "tracker.log"
# A tracker runs for months: a few small files are enough to see what went wrong lately, and a
# loop of failures cannot fill the disk.
TRACKER_LOG_BYTES = 512 * 1024
TRACKER_LOG_BACKUPS = 2


def tracker_log_file(state_dir: Path) -> Path:
    return state_dir / TRACKER_LOG_NAME


class _StderrHandler(logging.Handler):
    """One line per message on the stderr of the moment (click's test runner swaps it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            # Warnings read as they always have; errors and news like the CLI's own lines.
            if logging.WARNING <= record.levelno < logging.ERROR:
                from detox.i18n import _

                line = _("warning: {message}").format(message=message)
            else:
                line = f"detox: {message}"
            print(line, file=sys.stderr, flush=True)
        except Exception:  # a closed stderr must not turn a warning into a crash
            self.handleError(record)


def _lower_level_to(level: int) -> None:
    if log.getEffectiveLevel() > level:
        log.setLevel(level)


def show_on_stderr() -> None:
    """Show the `detox` logger's news and problems on stderr (once, however often asked)."""
    if any(isinstance(handler, _StderrHandler) for handler in log.handlers):
        return
    log.addHandler(_StderrHandler(logging.INFO))
    _lower_level_to(logging.INFO)


def hide_from_stderr() -> list[logging.Handler]:
    """Take the stderr handler off while a full-screen app owns the terminal; give the result
    to `restore` afterwards."""
    taken: list[logging.Handler] = [h for h in log.handlers if isinstance(h, _StderrHandler)]
    for handler in taken:
        log.removeHandler(handler)
    return taken


def restore(handlers: list[logging.Handler]) -> None:
    for handler in handlers:
        if handler not in log.handlers:
            log.addHandler(handler)


def keep_in_file(state_dir: Path) -> logging.Handler | None:
    """Also keep warnings and errors in the tracker's rotating log file; None when it cannot be
    opened (the problems still reach the other handlers)."""
    from logging.handlers import RotatingFileHandler  # the tracker's only: ~10 ms off each start

    class PrivateRotatingFileHandler(RotatingFileHandler):
        """Log files are the person's like every other file of detox's: 0600, also each new one
        a rotation opens (the umask's 0644 would let others on the machine read them)."""

        def _open(self) -> Any:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
            descriptor = os.open(self.baseFilename, flags, 0o600)
            if hasattr(os, "fchmod"):
                os.fchmod(descriptor, 0o600)  # a log an older detox made with the umask's mode
            return os.fdopen(descriptor, "a", encoding=self.encoding, errors=self.errors)

    path = tracker_log_file(state_dir)
    try:
        ensure_private_dir(state_dir)
        handler = PrivateRotatingFileHandler(
            path, maxBytes=TRACKER_LOG_BYTES, backupCount=TRACKER_LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        log.warning("cannot keep a log in %s: %s", path, error)
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    _lower_level_to(logging.WARNING)
    return handler


def stop_keeping(handler: logging.Handler | None) -> None:
    if handler is not None:
        log.removeHandler(handler)
        handler.close()
