"""The desktop tracker's commands: `detox track`, `detox service`, `detox doctor`.

Tracker modules (psutil, Xlib...) are imported inside the commands, so `detox mood` stays light.
"""

from __future__ import annotations

import sys

# The tracker runs all day, and OpenSSL's hash module was a twelfth of its memory (3.5 MB of
# libcrypto made resident), loaded only because pydantic imports `secrets`. It needs SHA-1 for
# stable ids alone, which hashlib's built-in implementation gives, digest for digest; so this
# process (which gets here before anything imports hashlib) goes without OpenSSL's.
sys.modules.setdefault("_hashlib", None)  # type: ignore[arg-type]

import click  # noqa: E402

from detox.commands.common import FiniteFloatRange, echo, echo_json, pass_detox  # noqa: E402
from detox.context import Context  # noqa: E402
from detox.exitcodes import ExitCode  # noqa: E402
from detox.i18n import _  # noqa: E402


@click.command("track")
@click.option(
    "--interval",
    type=FiniteFloatRange(0.2, 60.0),
    default=None,
    help="Seconds between samples [config: tracker_interval, 2].",
)
@click.option(
    "--idle-threshold",
    type=click.IntRange(10, 3600),
    default=None,
    help="Seconds without input after which you count as away [config: 180].",
)
@click.option("--verbose", is_flag=True, help="Print every sample (time, app, source, idle).")
@pass_detox
def track_command(
    context: Context, interval: float | None, idle_threshold: int | None, verbose: bool
) -> None:
    """Track which social app or site is in front of you (runs until stopped)."""
    from detox.composition.tracking import DisplayLost, run_tracker

    try:
        run_tracker(context, interval=interval, idle_threshold=idle_threshold, verbose=verbose)
    except DisplayLost as lost:
        echo(f"detox: {lost}", err=True)
        raise SystemExit(ExitCode.DISPLAY_LOST) from None


@click.command("doctor")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def doctor_command(context: Context, as_json: bool) -> None:
    """What works on this machine, what does not, and what to do about it."""
    from detox.composition.doctor import diagnose, render_text

    report = diagnose(context)
    if as_json:
        echo_json(report)
    else:
        echo(render_text(report))


@click.group("service")
def service_group() -> None:
    """Start the tracker at login (systemd user unit, launchd agent or Startup entry; no root)."""


@service_group.command("install")
def service_install() -> None:
    """Install and start the tracker service for your user."""
    from detox.tracker.service import service_backend

    outcome = service_backend().install()
    if not outcome.started:
        echo(outcome.message, err=True)
        raise SystemExit(ExitCode.SERVICE_NOT_STARTED)
    echo(outcome.message)


@service_group.command("uninstall")
def service_uninstall() -> None:
    """Stop and remove the tracker service."""
    from detox.tracker.service import service_backend

    echo(service_backend().uninstall())


@service_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def service_status(as_json: bool) -> None:
    """Whether the service is installed and running."""
    from detox.tracker.service import service_backend

    status = service_backend().status()
    if as_json:
        echo_json(
            {
                "installed": status.installed,
                "running": status.running,
                "path": str(status.path),
                "detail": status.detail,
            }
        )
        return
    running = {True: _("running"), False: _("not running"), None: _("running: unknown")}[
        status.running
    ]
    installed = _("installed") if status.installed else _("not installed")
    echo(f"{installed}, {running} ({status.path})")
    if status.detail:
        echo(status.detail)


COMMANDS: list[click.Command] = [track_command, service_group, doctor_command]
