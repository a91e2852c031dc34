"""The mood journal: `detox mood 7`, and (as the journal grows) its subcommands."""

from __future__ import annotations

from datetime import time, timedelta

import click

from detox.commands.common import parse_day, parse_time_of_day, pass_detox
from detox.commands.entries import instant_on_day
from detox.context import Context
from detox.errors import InputError
from detox.models import MoodEntry


class DefaultSubcommandGroup(click.Group):
    """`detox mood 7` means `detox mood log 7`; named subcommands still work."""

    default_command = "log"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.group("mood", cls=DefaultSubcommandGroup)
def mood_group() -> None:
    """Log how you feel (1-10): `detox mood 7 --tag walk --note "slept well"`."""


@mood_group.command("log")
@click.argument("score", type=click.IntRange(1, 10))
@click.option("--note", help="A few words about the day.")
@click.option("--tag", "tags", multiple=True, help="A word such as walk or friends (repeatable).")
@click.option("--date", "day_text", metavar="D", help="Local day (YYYY-MM-DD, today, yesterday).")
@click.option("--at", "at_text", metavar="HH:MM", help="Time of the entry.")
@pass_detox
def mood_log(
    context: Context,
    score: int,
    note: str | None,
    tags: tuple[str, ...],
    day_text: str | None,
    at_text: str | None,
) -> None:
    """Log a mood score from 1 (awful) to 10 (great)."""
    now = context.clock.now()
    if day_text is None and at_text is None:
        at = now
    else:
        day = parse_day(day_text, context)
        at = instant_on_day(context, day, parse_time_of_day(at_text) if at_text else time(20, 0))
    if at > now + timedelta(minutes=1):
        raise InputError("a mood entry cannot be in the future")
    clean_tags = sorted({tag.strip().lower() for tag in tags if tag.strip()})
    entry = MoodEntry(
        device=context.device.id,
        updated_at=now,
        at=at,
        score=score,
        tags=clean_tags,
        note=note or None,
    )
    context.store.put(entry)
    click.echo(f"Mood {score}/10 saved ({entry.id[:8]}).")


COMMANDS = [mood_group]
