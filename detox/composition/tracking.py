"""Builds a tracker from the settings and runs it in the foreground (the `detox track` command)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from functools import partial

from detox.balance.slip_watch import SlipWatch
from detox.balance.strict import StrictHook
from detox.catalog import Catalog
from detox.context import Context
from detox.i18n import _
from detox.logs import keep_in_file, log, stop_keeping
from detox.notify import Listener, notifier_for
from detox.reminders.hook import ReminderHook
from detox.tracker.closing import DEFAULT_TERMINATE_WAIT_SECONDS, ProcessCloser
from detox.tracker.daemon import (
    StopFlag,
    Tracker,
    format_observation,
    stop_on_signals,
    tracker_lock,
)
from detox.tracker.heartbeat import MergeSettings
from detox.tracker.probes.base import ProbeUnavailable
from detox.tracker.probes.factory import Probes, make_probes
from detox.tracker.probes.process import ProcessProbe
from detox.tracker.sampler import Sampler


class DisplayLost(Exception):
    """The display went away while tracking."""


def strict_closer(
    catalog: Catalog, terminate_wait_seconds: float = DEFAULT_TERMINATE_WAIT_SECONDS
) -> ProcessCloser:
    """Closes a blocked app's processes; a browser (a blocked site in a tab) never."""

    def owner(name: str) -> str | None:
        return None if catalog.is_browser(name) else catalog.app_for_process(name)

    return ProcessCloser(owner, terminate_wait_seconds)


def build_tracker(
    context: Context,
    probes: Probes,
    interval: float | None = None,
    idle_threshold: int | None = None,
    verbose: bool = False,
    listeners: Sequence[Listener] = (),
) -> Tracker:
    """A tracker with its hooks; `listeners` hear of every notification (the TUI's toasts)."""
    settings = context.settings
    catalog = context.catalog
    merge = MergeSettings(
        interval=interval or settings.tracker_interval,
        idle_threshold=float(idle_threshold or settings.idle_threshold),
    )
    sampler = Sampler(
        catalog, context.clock, probes.focus, probes.idle, ProcessProbe(catalog.app_for_process)
    )
    clock = context.clock
    notifier = notifier_for(context.store, listeners)
    reminders = ReminderHook(
        context, notifier, interval=merge.interval, idle_threshold=merge.idle_threshold
    )
    return Tracker(
        store=context.store,
        sampler=sampler,
        clock=clock,
        settings=merge,
        flush_interval=settings.flush_interval,
        store_titles=settings.store_titles,
        on_sample=(lambda o: print(format_observation(o, clock), flush=True)) if verbose else None,
        status_extra={
            "display_server": probes.display_server,
            "focus_probe": probes.focus.name if probes.focus else None,
            "idle_probe": probes.idle.name if probes.idle else None,
        },
        hooks=[
            StrictHook(
                context,
                strict_closer(catalog),
                notify=partial(notifier.send, kind="strict"),
            ),
            SlipWatch(context),
            reminders,
        ],
    )


@contextlib.contextmanager
def _log_in_state_folder(context: Context) -> Iterator[None]:
    """While the tracker runs, its problems are also kept in the state folder's tracker.log."""
    handler = keep_in_file(context.paths.state_dir)
    try:
        yield
    finally:
        stop_keeping(handler)


def run_tracker(
    context: Context, interval: float | None, idle_threshold: int | None, verbose: bool
) -> None:
    """Track until a signal; raises DisplayLost (after saving) when the display went away."""
    with tracker_lock(context.paths), _log_in_state_folder(context):
        context.store.keep_spans = False  # this process only tracks (see Store.keep_spans)
        probes = make_probes()
        lost: ProbeUnavailable | None = None
        try:
            for report in probes.reports:
                if not report.ok and report.name is None:
                    log.warning("%s", f"{report.reason}. {report.advice}".rstrip())
            tracker = build_tracker(context, probes, interval, idle_threshold, verbose)
            stop = StopFlag()
            log.info(
                "%s",
                _("tracking every {seconds}s (focus: {focus}, idle: {idle}); Ctrl+C stops.").format(
                    seconds=f"{tracker.settings.interval:g}",
                    focus=probes.focus.name if probes.focus else _("none"),
                    idle=probes.idle.name if probes.idle else _("none"),
                ),
            )
            with stop_on_signals(stop):
                try:
                    tracker.run(stop)  # flushes whatever way it ends
                except ProbeUnavailable as error:
                    lost = error
        finally:
            try:
                probes.close()
            except ProbeUnavailable as error:
                # Also after SIGTERM: at logout the X server and the signal come together.
                lost = lost or error
        if lost is not None:
            # Exit non-zero so a service manager restarts the tracker when a session comes back.
            raise DisplayLost(_("display lost, tracked time saved ({reason})").format(reason=lost))
        log.info(
            "%s",
            _("stopped after {n} samples; time saved.").format(n=tracker.stats.samples),
        )


def track_until_stopped(
    context: Context, stop: threading.Event, listeners: Sequence[Listener] = ()
) -> None:
    """Track in the calling thread until `stop` is set (the TUI's worker); same lock as the CLI.

    Raises TrackerRunning when a tracker (the service, another window) already runs.
    """
    with tracker_lock(context.paths), _log_in_state_folder(context):
        probes = make_probes()
        try:
            build_tracker(context, probes, listeners=listeners).run(stop)
        except ProbeUnavailable:
            pass  # the display went away: the time seen so far is flushed by run()
        finally:
            with contextlib.suppress(ProbeUnavailable):  # closing a display that is gone
                probes.close()
