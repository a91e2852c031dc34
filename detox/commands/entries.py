"""What the user enters by hand: `detox log`, `detox mood`, and `detox status` to see the day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import click

from detox.clock import day_label, detox_day, local_datetime, wall_label
from detox.commands.common import echo, echo_json, parse_day, parse_time_of_day, pass_detox, today
from detox.context import Context
from detox.durations import format_duration, parse_duration, whole
from detox.errors import InputError
from detox.i18n import _, listing
from detox.localized import pad
from detox.models import Budget, Fast
from detox.usage import day_usage, log_manual_use

if TYPE_CHECKING:
    from detox.balance.budgets import BudgetUse
    from detox.balance.compliance import Compliance


def instant_on_day(context: Context, day: date, at: time) -> datetime:
    """A wall time within a local day: before the day start it belongs to the next calendar date."""
    calendar_date = day + timedelta(days=1) if at < context.settings.day_start else day
    return local_datetime(calendar_date, at, context.settings.zone)


def entry_instant(
    context: Context, day_text: str | None, at_text: str | None, noun: str
) -> datetime:
    # `noun` is a message marked with N_ ("a reading"), translated here.
    """The instant an entry is about, from --date and --at (20:00 when only a date is given,
    or now for today before its evening); now when neither is given. Refuses the future."""
    now = context.clock.now()
    if day_text is None and at_text is None:
        return now
    day = parse_day(day_text, context)
    at = instant_on_day(context, day, parse_time_of_day(at_text) if at_text else time(20, 0))
    if at_text is None and at > now and day == today(context):
        return now  # "--date today" in the morning is about now, not a refused 20:00
    if at > now + timedelta(minutes=1):
        raise InputError(_("{what} cannot be in the future").format(what=_(noun)))
    return at


def resolve_app(context: Context, text: str) -> str:
    app = context.catalog.get(text)
    if app is None:
        close = context.catalog.suggest(text)
        if close:
            raise InputError(
                _("unknown app {value}; did you mean {names}?").format(
                    value=repr(text), names=", ".join(close)
                )
            )
        raise InputError(_("unknown app {value}; see `detox apps list`").format(value=repr(text)))
    return app.id


@click.command("log")
@click.argument("app")
# Several words too: "15 min" and "1 godz. 5 min" as detox shows durations, typed unquoted.
@click.argument("duration", nargs=-1, required=True)
@click.option("--date", "day_text", metavar="D", help="Local day (YYYY-MM-DD, today, yesterday).")
@click.option("--at", "at_text", metavar="HH:MM", help="When the use started.")
@click.option(
    "--device",
    "device_label",
    default="phone",
    show_default=True,
    help="Where the use happened (phone, tablet, work laptop...).",
)
@pass_detox
def log_command(
    context: Context,
    app: str,
    duration: tuple[str, ...],
    day_text: str | None,
    at_text: str | None,
    device_label: str,
) -> None:
    """Record use that the tracker cannot see, e.g. `detox log instagram 25m`."""
    seconds = parse_duration(" ".join(duration))
    app_id = resolve_app(context, app)
    now = context.clock.now()
    day = parse_day(day_text, context)  # no --date means today's detox day, as --date today
    if at_text is not None:
        start = instant_on_day(context, day, parse_time_of_day(at_text))
    elif day == today(context):
        start = now - timedelta(seconds=seconds)  # just happened: it ended now
    else:
        start = instant_on_day(context, day, time(12, 0))
    if start + timedelta(seconds=seconds) > now + timedelta(minutes=1):
        raise InputError(
            _(
                "that use ({when}, {duration}) would end in the future; check --date and --at"
            ).format(when=wall_label(start, context.settings), duration=format_duration(seconds))
        )
    entry = log_manual_use(
        context.store,
        context.device.id,
        now,
        app_id,
        seconds,
        start=start,
        device_label=device_label,
    )
    day_logged = detox_day(start, context.settings)
    if any(fast.start <= day_logged <= fast.end for fast in context.store.records(Fast)):
        # Judging fasts costs ~0.1 s of imports: only paid when a fast covers the day.
        from detox.balance.fasts import record_slips_on

        record_slips_on(context, day_logged)
    echo(
        _("Logged {duration} of {app} on {when} ({device}, id {id}).").format(
            duration=format_duration(seconds),
            app=context.catalog.name_of(app_id),
            when=wall_label(start, context.settings),
            device=entry.device_label,
            id=entry.id[:8],
        )
    )


@click.command("status")
@click.option("--date", "day_text", metavar="D", help="Local day (YYYY-MM-DD, today, yesterday).")
@click.option(
    "--device",
    "device_text",
    metavar="NAME",
    help="Only this device (an id, name or label such as phone; see `detox devices`).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def status_command(
    context: Context, day_text: str | None, device_text: str | None, as_json: bool
) -> None:
    """Social time, budgets, the running fast and mood for a detox day (today by default)."""
    day = parse_day(day_text, context)
    devices = None
    if device_text is not None:
        from detox.devices import resolve_devices

        devices = resolve_devices(context.store, device_text)
    usage = day_usage(context.store, context.settings, day, devices)
    catalog = context.catalog
    name_of = catalog.name_of
    uses, fasts = _balance_on(context, day, with_budgets=devices is None)
    if uses or fasts:
        from detox.commands.balance_views import (
            budget_json,
            budget_line,
            fast_on_day,
            fast_on_day_line,
        )
    if as_json:
        echo_json(
            {
                "date": day.isoformat(),
                "total_seconds": whole(usage.total_seconds),
                "apps": [
                    {"app": a.app, "name": name_of(a.app), "seconds": whole(a.seconds)}
                    for a in usage.apps
                ],
                "mood": [{"score": m.score, "at": m.at.isoformat()} for m in usage.moods],
                "day_label": day_label(day),
                "budgets": [budget_json(use, catalog, day) for use in uses],
                "fasts": [fast_on_day(c, day, name_of) for c in fasts],
            }
        )
        return
    echo(
        _("{date} ({day}): {duration} of social media").format(
            date=day.isoformat(), day=day_label(day), duration=format_duration(usage.total_seconds)
        )
    )
    for app in usage.apps:
        echo(f"  {pad(name_of(app.app), 20)} {pad(format_duration(app.seconds), 9, right=True)}")
    if uses:
        echo(_("Budgets:"))
        for use in uses:
            echo(budget_line(use, catalog))
    for compliance in fasts:
        echo(fast_on_day_line(compliance, day, name_of))
    if usage.moods:
        scores = listing(f"{m.score}" for m in usage.moods)
        echo(_("Mood: {scores}").format(scores=scores))
    else:
        echo(_("Mood: not logged yet (detox mood 1-10)"))


def _balance_on(
    context: Context, day: date, with_budgets: bool
) -> tuple[list[BudgetUse], list[Compliance]]:
    """The day's budgets and the fasts covering it. Their modules load only when there are
    budgets or fasts: `detox log` and `detox mood` share this module, and someone with neither
    does not pay for them in every status (a tenth of its start)."""
    uses: list[BudgetUse] = []
    if with_budgets and (context.settings.budgets or context.store.records(Budget)):
        from detox.balance.budgets import budget_usage

        uses = budget_usage(context, day)
    fasts: list[Compliance] = []
    if context.store.records(Fast):
        from detox.balance.fasts import fasts_on

        fasts = fasts_on(context, day)
    return uses, fasts


COMMANDS = [log_command, status_command]
