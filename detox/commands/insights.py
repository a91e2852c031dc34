"""`detox insights`: does cutting back help? Numbers with their uncertainty, in plain sentences."""

from __future__ import annotations

import click

from detox.commands.common import echo, echo_json, parse_day, pass_detox, today
from detox.context import Context
from detox.errors import InputError
from detox.i18n import _
from detox.insights import DEFAULT_SEED, default_period, insights_for


@click.command("insights")
@click.option(
    "--from", "from_text", metavar="D", help="First day (default: your first mood entry)."
)
@click.option("--to", "to_text", metavar="D", help="Last day (default: today).")
@click.option(
    "--seed",
    type=int,
    default=DEFAULT_SEED,
    show_default=True,
    help="Seed of the resampling; the same seed gives the same intervals.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def insights_command(
    context: Context, from_text: str | None, to_text: str | None, seed: int, as_json: bool
) -> None:
    """Mood on fast days vs other days, social media time vs mood, and your tags."""
    store, settings = context.store, context.settings
    last = parse_day(to_text, context) if to_text is not None else today(context)
    if from_text is not None:
        first = parse_day(from_text, context)
    else:  # from the first entry: every entry's day is worked out only when it is asked for
        first = min(default_period(store, settings, today(context))[0], last)
    if first > last:
        raise InputError(_("--from {first} is after --to {last}").format(first=first, last=last))
    found = insights_for(store, settings, first, last, seed)
    if as_json:
        echo_json(found.to_json())
        return
    for line in found.lines():
        echo(line)


COMMANDS = [insights_command]
