"""`detox checkin`: the weekly questions, asked on a terminal or answered with flags."""

from __future__ import annotations

import sys
from datetime import timedelta

import click

from detox.checkins import (
    CHECKIN_INTERVAL,
    LIFE_SATISFACTION_QUESTION,
    LIFE_SATISFACTION_SCALE,
    UCLA_ITEMS,
    checkin_summary,
    delete_checkin,
    latest_checkin,
    record_checkin,
    ucla_scale,
)
from detox.clock import day_bounds, detox_day, to_local, wall_label
from detox.commands.common import echo, echo_json, parse_day, pass_detox
from detox.commands.entries import entry_instant
from detox.context import Context
from detox.errors import InputError
from detox.i18n import N_, _
from detox.localized import weekday_name
from detox.models import CheckIn
from detox.moodlog import find_record

LIFE = click.IntRange(1, 10)
UCLA = click.IntRange(1, 3)


class CheckinGroup(click.Group):
    """A bare `detox checkin` (or one with flags) means `detox checkin new`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["new", *args]
        return super().parse_args(ctx, args)


@click.group("checkin", cls=CheckinGroup)
def checkin_group() -> None:
    """Weekly check-in: life satisfaction and three loneliness questions.

    `detox checkin` asks them; flags answer them without asking (see `detox checkin new --help`).
    """


def _stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


@checkin_group.command("new")
@click.option(
    "--life-satisfaction", "life", type=LIFE, metavar="N", help="1-10: how satisfied with life."
)
@click.option(
    "--lack-companionship", type=UCLA, metavar="N", help="1-3: how often you lack companionship."
)
@click.option("--left-out", type=UCLA, metavar="N", help="1-3: how often you feel left out.")
@click.option(
    "--isolated", type=UCLA, metavar="N", help="1-3: how often you feel isolated from others."
)
@click.option("--note", help="A few words about the week.")
@click.option("--date", "day_text", metavar="D", help="Local day (YYYY-MM-DD, today, yesterday).")
@click.option("--at", "at_text", metavar="HH:MM", help="Time of the check-in.")
@pass_detox
def checkin_new(
    context: Context,
    life: int | None,
    lack_companionship: int | None,
    left_out: int | None,
    isolated: int | None,
    note: str | None,
    day_text: str | None,
    at_text: str | None,
) -> None:
    """Answer the check-in (1 = hardly ever, 2 = some of the time, 3 = often)."""
    answers: dict[str, int | None] = {
        "lack_companionship": lack_companionship,
        "left_out": left_out,
        "isolated": isolated,
    }
    missing = ["--life-satisfaction"] if life is None else []
    missing += [item.option for item in UCLA_ITEMS if answers[item.field] is None]
    # Checked before any question is asked.
    at = entry_instant(context, day_text, at_text, N_("a check-in"))
    if missing and not _stdin_is_terminal():
        raise InputError(
            _(
                "the check-in asks its questions on a terminal; without one, answer with {flags}"
            ).format(flags=", ".join(f"{flag} N" for flag in missing))
        )
    if life is None:
        echo(_(LIFE_SATISFACTION_QUESTION))
        life = int(click.prompt(f"  ({_(LIFE_SATISFACTION_SCALE)})", type=LIFE))
    if any(value is None for value in answers.values()):
        echo(_("Three questions on loneliness ({scale}):").format(scale=ucla_scale()))
    for item in UCLA_ITEMS:
        if answers[item.field] is None:
            answers[item.field] = int(click.prompt(f"  {_(item.question)}", type=UCLA))
    previous = latest_checkin(context.store, before=at)
    checkin = record_checkin(
        context.store,
        context.device.id,
        context.clock.now(),
        life,
        {field: value for field, value in answers.items() if value is not None},
        note,
        at,
    )
    echo(
        _("Check-in saved for {when} ({id}): {summary}.").format(
            when=wall_label(checkin.at, context.settings),
            id=checkin.id[:8],
            summary=checkin_summary(checkin),
        )
    )
    if previous is not None:
        day = detox_day(previous.at, context.settings)
        echo(
            _("Previous check-in ({day}): {summary}.").format(
                day=day, summary=checkin_summary(previous)
            )
        )
        if at - previous.at < CHECKIN_INTERVAL - timedelta(hours=12):
            echo(_("Once a week is enough: weekly answers are what the studies compared."))


@checkin_group.command("list")
@click.option("--from", "from_text", metavar="D", help="First day (default: the first check-in).")
@click.option("--to", "to_text", metavar="D", help="Last day (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def checkin_list(
    context: Context, from_text: str | None, to_text: str | None, as_json: bool
) -> None:
    """Your check-ins, oldest first."""
    settings = context.settings
    end = day_bounds(parse_day(to_text, context), settings.day_start, settings.zone)[1]
    start = (
        day_bounds(parse_day(from_text, context), settings.day_start, settings.zone)[0]
        if from_text is not None
        else None
    )
    if start is not None and start >= end:
        raise InputError(_("--from is after --to"))
    found = sorted(
        (
            c
            for c in context.store.records(CheckIn)
            if (start is None or start <= c.at) and c.at < end
        ),
        key=lambda c: (c.at, c.id),
    )
    if as_json:
        echo_json(
            [
                {
                    "id": c.id,
                    "at": c.at.isoformat(),
                    "day": detox_day(c.at, settings).isoformat(),
                    "life_satisfaction": c.life_satisfaction,
                    "lack_companionship": c.lack_companionship,
                    "left_out": c.left_out,
                    "isolated": c.isolated,
                    "loneliness": c.loneliness,
                    "note": c.note,
                }
                for c in found
            ]
        )
        return
    if not found:
        echo(_("No check-ins yet: `detox checkin` asks four short questions."))
        return
    for c in found:
        local = to_local(c.at, settings.zone)
        when = f"{weekday_name(local.weekday())} {local:%Y-%m-%d %H:%M}"
        note = f"  “{c.note}”" if c.note else ""
        echo(f"{c.id[:8]}  {when}  {checkin_summary(c)}{note}")


@checkin_group.command("delete")
@click.argument("checkin_id", metavar="ID")
@pass_detox
def checkin_delete(context: Context, checkin_id: str) -> None:
    """Delete a check-in (by the id `detox checkin list` shows)."""
    checkin = find_record(context.store, CheckIn, checkin_id, N_("check-in"))
    delete_checkin(context.store, context.device.id, context.clock.now(), checkin)
    echo(
        _("Deleted check-in {id} ({summary}).").format(
            id=checkin.id[:8], summary=checkin_summary(checkin)
        )
    )


COMMANDS = [checkin_group]
