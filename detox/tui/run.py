"""The terminal app as a command: however it ends, an honest exit status and at most one line.

Textual, left alone, prints a Rich traceback (with local variables: private data on screen) and
returns normally, so `detox` used to exit 0 after a crash. Here a domain error (an invalid
config.toml) ends like any command's, with one line and exit 2; anything else writes its trace to
a file and says where, with exit 1.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from detox.context import Context
from detox.errors import DetoxError
from detox.exitcodes import ExitCode
from detox.fileio import atomic_write_bytes
from detox.logs import hide_from_stderr, restore
from detox.paths import ensure_private_dir
from detox.printable import printable
from detox.tui.app import DetoxApp, create_app


def run_app(context: Context, app: DetoxApp | None = None, headless: bool = False) -> int:
    """Run the app until it ends; returns the exit status. Domain errors are raised again, for
    the CLI's one place that turns them into one line and exit 2."""
    app = app or create_app(context)
    # The screen is the app's while it runs: its warnings are toasts (DetoxApp's own handler).
    taken = hide_from_stderr()
    try:
        app.run(headless=headless)
    finally:
        restore(taken)
    failure = app.failure
    if failure is None:
        return app.return_code or ExitCode.OK
    if isinstance(failure, DetoxError | ValidationError):
        raise failure
    where = write_crash_report(context.paths.state_dir, failure)
    import click  # only after a crash: bare `detox` starts without click (detox.entry)

    # The reason may quote a file's or the user's text: shown without terminal escapes.
    reason = printable((str(failure).strip().splitlines() or [""])[0])
    click.echo(
        f"detox: the terminal app stopped: {type(failure).__name__}"
        f"{': ' + reason if reason else ''} (full trace in {where})",
        err=True,
    )
    if os.environ.get("DETOX_DEBUG"):
        click.echo(where.read_text(encoding="utf-8"), err=True, nl=False)
    return ExitCode.INTERNAL_ERROR


def write_crash_report(state_dir: Path, failure: BaseException) -> Path:
    """The full trace in `<state>/crashes/app-<local time>.txt` (0600: it may quote user data)."""
    folder = ensure_private_dir(state_dir / "crashes")
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    path = folder / f"app-{stamp}.txt"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"app-{stamp}-{counter}.txt"
    text = "".join(traceback.format_exception(failure))
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
