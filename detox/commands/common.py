"""Helpers shared by commands: the context, dates and times typed by users, JSON output."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time, timedelta
from typing import Any

import click

from detox.clock import current_day
from detox.context import Context
from detox.errors import InputError
from detox.i18n import _
from detox.models import check_date
from detox.printable import printable_output

pass_detox = click.make_pass_decorator(Context, ensure=True)


class FiniteFloatRange(click.FloatRange):
    """A FloatRange that refuses nan and inf: nan passes every comparison click makes, and a
    tracker told to sample every nan seconds spun at full speed."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(_("{value} is not a number of seconds").format(value=repr(value)), param, ctx)
        return number


def today(context: Context) -> date:
    """The current detox day (see detox.clock.current_day)."""
    return current_day(context.clock, context.settings)


# "today" and "yesterday" in each language detox speaks, taken in every language.
DAYS_BACK = {
    "today": 0,
    "yesterday": 1,
    "hoy": 0,
    "ayer": 1,
    "dziś": 0,
    "dzis": 0,
    "dzisiaj": 0,
    "wczoraj": 1,
    "오늘": 0,
    "어제": 1,
    "今天": 0,
    "昨天": 1,
}


def parse_day(text: str | None, context: Context) -> date:
    """A local day from YYYY-MM-DD, "today" or "yesterday" (or those words in detox's other
    languages: "ayer", "wczoraj", "어제", "昨天"); today when not given."""
    current = today(context)
    if text is None:
        return current
    back = DAYS_BACK.get(text.strip().casefold())
    if back is not None:
        return current - timedelta(days=back)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError(
            _("cannot read date {value}: write YYYY-MM-DD, today or yesterday").format(
                value=repr(text)
            )
        ) from None
    try:
        return check_date(day)
    except ValueError as error:
        raise InputError(_("date {value}: {error}").format(value=repr(text), error=error)) from None


def parse_time_of_day(text: str) -> time:
    try:
        at = time.fromisoformat(text if len(text) != 4 else "0" + text)
    except ValueError:
        raise InputError(
            _("cannot read time {value}: write HH:MM, e.g. 21:30").format(value=repr(text))
        ) from None
    if at.tzinfo is not None:
        raise InputError(
            _("time {value}: write a local time of day such as 21:30, no zone").format(
                value=repr(text)
            )
        )
    return at


def echo(message: Any = None, err: bool = False, nl: bool = True) -> None:
    """click.echo for everything a command prints: names and notes come from other devices,
    imports and config, and a terminal obeys the escape sequences they may carry."""
    text = message if isinstance(message, str) or message is None else str(message)
    click.echo(printable_output(text) if text else text, err=err, nl=nl)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
