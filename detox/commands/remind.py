"""`detox remind ...`: see, add, pause, snooze and test reminders. Thin: detox.reminders does it."""

from __future__ import annotations

import re
import sys
from datetime import datetime, timedelta
from typing import Any

import click

from detox.clock import day_bounds, local_datetime, to_local
from detox.commands.common import echo, echo_json, parse_day, parse_time_of_day, pass_detox, today
from detox.context import Context
from detox.durations import parse_duration
from detox.errors import InputError
from detox.i18n import _, clauses
from detox.localized import cells, pad
from detox.reminders import manage
from detox.reminders.days import EVERY_DAY, NAMES, format_days, parse_days

DEFAULT_SNOOZE = "10m"


def parse_until(text: str, context: Context) -> datetime:
    """A moment in the future: HH:MM (next time it comes), a day (its start), or a duration."""
    word = text.strip().lower()
    now = context.clock.now()
    settings = context.settings
    if re.fullmatch(r"\d{1,2}:\d{2}", word):
        at = parse_time_of_day(word)
        day = to_local(now, settings.zone).date()
        instant = local_datetime(day, at, settings.zone)
        if instant <= now:
            instant = local_datetime(day + timedelta(days=1), at, settings.zone)
        return instant
    if word == "tomorrow":
        return day_bounds(today(context) + timedelta(days=1), settings.day_start, settings.zone)[0]
    weekday = next((n for n, name in enumerate(NAMES) if word[:3] == name and len(word) >= 3), None)
    if weekday is not None and not word[0].isdigit():
        current = today(context)
        ahead = (weekday - current.weekday() - 1) % 7 + 1
        start_of = current + timedelta(days=ahead)
        return day_bounds(start_of, settings.day_start, settings.zone)[0]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|today|yesterday", word):
        return day_bounds(parse_day(word, context), settings.day_start, settings.zone)[0]
    try:
        return now + timedelta(seconds=parse_duration(word))
    except InputError:
        raise InputError(
            _(
                "cannot read {value}: write a date (2026-12-24, tomorrow, friday), "
                "a time (18:30) or a duration (2h)"
            ).format(value=repr(text))
        ) from None


def _days_option(text: str | None) -> frozenset[int] | None:
    return parse_days(text) if text is not None else None


def _when(instant: datetime | None, context: Context) -> str:
    return manage.local_text(instant, context) if instant is not None else ""


@click.group("remind", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.pass_context
def remind_group(ctx: click.Context, as_json: bool) -> None:
    """Reminders and nudges: mood check-in, weekly report, fasts, budgets, breaks, your own.

    Without a subcommand: the list. Quiet hours (config `quiet_hours`, default 22:00-08:00) hold
    every reminder except the ones you add yourself.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_command, as_json=as_json)
    elif as_json:
        raise InputError(
            _("--json goes after the subcommand: detox remind {command} --json").format(
                command=ctx.invoked_subcommand
            )
        )


@remind_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def list_command(context: Context, as_json: bool) -> None:
    """Every reminder, whether it is on, and when it shows next."""
    view = manage.overview(context)
    if as_json:
        echo_json(
            {
                "enabled": view.master.enabled,
                "paused_until": view.master.paused_until,
                "quiet_hours": view.quiet_hours or None,
                "reminders": [_row_json(row) for row in view.rows],
            }
        )
        return
    quiet = (
        _("quiet hours {hours}").format(hours=view.quiet_hours)
        if view.quiet_hours
        else _("no quiet hours")
    )
    echo(_("Reminders ({quiet}; your own reminders still show in them):").format(quiet=quiet))
    now = context.clock.now()
    # Columns as wide as their longest word in this language ("wył." is wider than "on").
    on, off = _("on"), _("off")
    state_width = max(cells(on), cells(off))
    schedule_width = max((cells(row.schedule) for row in view.rows), default=0)
    for row in view.rows:
        notes = [row.about]
        snoozed = row.spec.snoozed_until
        if row.spec.enabled and snoozed is not None and snoozed > now:
            notes.append(_("snoozed until {when}").format(when=_when(snoozed, context)))
        if row.next_at is not None:
            notes.append(_("next {when}").format(when=_when(row.next_at, context)))
        state = on if row.spec.enabled else off
        echo(
            f"  {row.name:<9} {pad(state, state_width)}  {pad(row.schedule, schedule_width)}  "
            + clauses(notes)
        )
    paused = view.master.paused_until
    if not view.master.enabled:
        echo(_("All reminders are off (`detox remind enable all` turns them back on)."))
    elif paused is not None and paused > context.clock.now():
        echo(
            _("Paused until {when} (`detox remind resume` ends it).").format(
                when=_when(paused, context)
            )
        )


def _row_json(row: manage.ReminderRow) -> dict[str, Any]:
    spec = row.spec
    last = row.last_shown
    return {
        "id": spec.id,
        "name": row.name,
        "kind": spec.kind,
        "custom": spec.custom,
        "text": spec.text if spec.custom else row.about,
        "at": f"{spec.at:%H:%M}" if spec.at else None,
        "days": [NAMES[d] for d in sorted(spec.days)],
        "enabled": spec.enabled,
        "snoozed_until": spec.snoozed_until,
        "schedule": row.schedule,
        "next": row.next_at,
        "last_shown": None
        if last is None
        else {"at": last.at, "title": last.title, "message": last.message},
    }


@remind_group.command("add")
@click.argument("text")
@click.option("--at", "at_text", required=True, metavar="HH:MM", help="Time of day.")
@click.option(
    "--days", "days_text", metavar="DAYS", help="mon-fri, sat,sun, weekdays... (default: daily)."
)
@pass_detox
def add_command(context: Context, text: str, at_text: str, days_text: str | None) -> None:
    """Add your own reminder: a text shown at a time on some days.

    `detox remind add "Phone in the drawer" --at 21:30 --days mon-fri`. It shows even in quiet
    hours: you asked for it.
    """
    days = _days_option(days_text) or EVERY_DAY
    record = manage.add_custom(context, text, parse_time_of_day(at_text), days)
    assert record.at is not None
    shown_days = format_days(days)
    echo(
        _("Added reminder {id}: '{text}' at {time} {days}.").format(
            id=record.id[:8],
            text=record.text,
            time=f"{record.at:%H:%M}",
            days=_("daily") if shown_days == "daily" else shown_days,
        )
    )


@remind_group.command("remove")
@click.argument("ident", metavar="ID")
@pass_detox
def remove_command(context: Context, ident: str) -> None:
    """Delete one of your own reminders (built-in kinds are turned off with `disable`)."""
    record = manage.remove_custom(context, ident)
    echo(_("Removed reminder {id}: '{text}'.").format(id=record.id[:8], text=record.text))


@remind_group.command("enable")
@click.argument("ident", metavar="KIND|ID")
@click.option("--at", "at_text", metavar="HH:MM", help="A new time of day.")
@click.option("--days", "days_text", metavar="DAYS", help="New days: mon-fri, sat,sun, daily...")
@pass_detox
def enable_command(
    context: Context, ident: str, at_text: str | None, days_text: str | None
) -> None:
    """Turn on a kind (mood, report, fast, budget, nudge, or all) or one of your reminders.

    --at and --days retime it, e.g. `detox remind enable mood --at 20:30`.
    """
    at = parse_time_of_day(at_text) if at_text is not None else None
    record = manage.set_enabled(context, ident, True, at, _days_option(days_text))
    echo(_("{reminder} is on.").format(reminder=_describe(record)))


@remind_group.command("disable")
@click.argument("ident", metavar="KIND|ID")
@pass_detox
def disable_command(context: Context, ident: str) -> None:
    """Turn off a kind (mood, report, fast, budget, nudge, or all) or one of your reminders."""
    record = manage.set_enabled(context, ident, False)
    echo(_("{reminder} is off.").format(reminder=_describe(record)))


def _describe(record: Any) -> str:
    if record.reminder_kind == "custom":
        return _("Reminder {id} ('{text}')").format(id=record.id[:8], text=record.text)
    if record.reminder_kind == "all":
        return _("Every reminder")
    timing = _(" at {time}").format(time=f"{record.at:%H:%M}") if record.at is not None else ""
    days = format_days(record.days)
    on_days = "" if days == "daily" else _(" on {days}").format(days=days)
    return _("The {kind} reminder{timing}{days}").format(
        kind=record.reminder_kind, timing=timing, days=on_days
    )


@remind_group.command("pause")
@click.option("--until", "until_text", required=True, metavar="D", help="Date, time or duration.")
@pass_detox
def pause_command(context: Context, until_text: str) -> None:
    """Hold every reminder until a date (2026-12-24, tomorrow, friday), a time or for a while.

    Reminders that fall inside the pause are skipped, not shown afterwards.
    """
    until = parse_until(until_text, context)
    manage.pause(context, until)
    echo(_("Reminders paused until {when}.").format(when=_when(until, context)))


@remind_group.command("resume")
@pass_detox
def resume_command(context: Context) -> None:
    """End a pause now."""
    manage.resume(context)
    echo(_("Reminders are on again."))


@remind_group.command("snooze")
@click.argument("ident", metavar="[KIND|ID]", required=False)
@click.option(
    "--for",
    "for_text",
    default=DEFAULT_SNOOZE,
    show_default=True,
    metavar="DURATION",
    help="How long, or --until.",
)
@click.option("--until", "until_text", metavar="WHEN", help="A time, date or duration instead.")
@pass_detox
def snooze_command(
    context: Context, ident: str | None, for_text: str, until_text: str | None
) -> None:
    """Show a reminder again later (by default the one shown last, in 10 minutes)."""
    if until_text is not None:
        until = parse_until(until_text, context)
    else:
        until = context.clock.now() + timedelta(seconds=parse_duration(for_text))
    if until <= context.clock.now():
        raise InputError(_("a snooze must end in the future"))
    name = manage.snooze(context, ident, until)
    echo(_("Snoozed {name} until {when}.").format(name=name, when=_when(until, context)))


@remind_group.command("test")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def test_command(ctx: click.Context, as_json: bool) -> None:
    """Send a notification now and say which backend showed it (exit 1 if none could)."""
    from detox.notify import notify

    context = ctx.ensure_object(Context)
    delivery = notify(
        _("detox test"),
        _("Notifications work: reminders will look like this."),
        context.store,
        kind="test",
    )
    shown = delivery.ok
    if as_json:
        echo_json(
            {
                "delivered": shown,
                "backend": delivery.backend,
                "detail": delivery.detail,
                "attempts": [attempt.as_dict() for attempt in delivery.attempts],
            }
        )
    else:
        for attempt in delivery.tried:
            echo(
                "  "
                + _("{backend}: did not work: {detail}").format(
                    backend=attempt.backend, detail=attempt.detail
                )
            )
        if shown:
            echo(
                _("Delivered by {backend}: {detail}.").format(
                    backend=delivery.backend, detail=delivery.detail
                )
            )
        else:
            echo(
                _(
                    "No desktop notification could be shown ({backend}: {detail}). Reminders "
                    "will only ring the terminal bell; see `detox doctor`."
                ).format(backend=delivery.backend, detail=delivery.detail)
            )
    if not shown:
        sys.exit(1)  # for scripts: nothing reached the desktop


COMMANDS = [remind_group]
