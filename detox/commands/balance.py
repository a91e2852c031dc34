"""`detox budget ...` and `detox fast ...`: thin faces over detox.balance."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

import click

from detox.balance import budgets, presets
from detox.balance.baselines import add_baseline, all_baselines, delete_baseline, find_baseline
from detox.balance.fasts import (
    STRICT_GRACE_SECONDS,
    add_past_fast,
    all_fasts,
    cancel_fast,
    change_fast,
    check_fast,
    compliance_of,
    compliances_of,
    delete_fast,
    end_fast,
    fast_log,
    find_fast,
    override_strict,
    parse_start,
    start_day,
    start_fast,
)
from detox.balance.rules import build_rules, parse_days_off, rule_sentence
from detox.clock import day_label, to_local, wall_label
from detox.commands.balance_views import (
    budget_json,
    budget_line,
    event_json,
    fast_json,
    fast_row,
    fast_text,
    name_width,
)
from detox.commands.common import echo, echo_json, parse_day, pass_detox, today
from detox.context import Context
from detox.durations import format_duration, parse_duration
from detox.errors import InputError
from detox.i18n import _, count, listing
from detox.localized import pad, weekday_name
from detox.weekdays import WEEKDAYS

F = TypeVar("F", bound=Callable[..., Any])


# -- budgets ----------------------------------------------------------------------------------


@click.group("budget")
def budget_group() -> None:
    """Daily budgets per app, per category, or in total (`detox budget set facebook 30m`).

    Budgets set here override the [budgets] defaults of config.toml for the same target.
    """


@budget_group.command("set")
@click.argument("words", nargs=-1, metavar="[APP|total] DURATION")
@click.option("--category", metavar="NAME", help="A budget for a whole category, e.g. social.")
@click.option("--weekend", "weekend_text", metavar="DURATION", help="Saturdays and Sundays.")
@pass_detox
def budget_set(
    context: Context, words: tuple[str, ...], category: str | None, weekend_text: str | None
) -> None:
    """Set a daily budget; it replaces any earlier one for the same target.

    \b
    detox budget set facebook 30m
    detox budget set --category social 1h --weekend 2h
    detox budget set total 2h
    """
    # The duration may be several words ("30 min", "1 godz. 5 min"), as detox shows it.
    if category is not None and words:
        target_text, duration = None, " ".join(words)
    elif len(words) >= 2:
        target_text, duration = words[0], " ".join(words[1:])
    else:
        raise InputError(_("write e.g. `detox budget set facebook 30m` or `--category social 1h`"))
    target = budgets.target_for(context.catalog, target_text, category, total=False)
    weekday = parse_duration(duration)
    weekend = parse_duration(weekend_text) if weekend_text is not None else None
    budgets.set_budget(context, target, weekday, weekend)
    amount = (
        _("{weekday} on weekdays, {weekend} on weekends").format(
            weekday=format_duration(weekday), weekend=format_duration(weekend)
        )
        if weekend is not None
        else _("{duration} a day").format(duration=format_duration(weekday))
    )
    echo(
        _("Daily budget for {target}: {amount}.").format(
            target=budgets.label(context.catalog, target), amount=amount
        )
    )


@budget_group.command("list")
@click.option("--date", "day_text", metavar="D", help="Local day (YYYY-MM-DD, today, yesterday).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def budget_list(context: Context, day_text: str | None, as_json: bool) -> None:
    """Budgets in force, with the time used against each on a day (today by default)."""
    day = parse_day(day_text, context)
    uses = budgets.budget_usage(context, day)
    if as_json:
        echo_json([budget_json(use, context.catalog, day) for use in uses])
        return
    if not uses:
        echo(_("No budgets yet. Set one with `detox budget set facebook 30m`."))
        return
    heading = (
        _("Budgets on {weekday} {date} (weekend values apply):")
        if budgets.is_weekend(day)
        else _("Budgets on {weekday} {date}:")
    )
    echo(heading.format(weekday=weekday_name(day.weekday(), "wide"), date=day.isoformat()))
    for use in uses:
        echo(budget_line(use, context.catalog))


@budget_group.command("clear")
@click.argument("target_text", required=False, metavar="[APP|total]")
@click.option("--category", metavar="NAME", help="Clear a category's budget.")
@click.option("--all", "clear_all", is_flag=True, help="Clear every budget set here.")
@pass_detox
def budget_clear(
    context: Context, target_text: str | None, category: str | None, clear_all: bool
) -> None:
    """Remove a budget set with `detox budget set`."""
    if clear_all:
        if target_text is not None or category is not None:
            raise InputError(_("--all clears everything; name no target with it"))
        entries = [e for e in budgets.budget_entries(context) if e.source == "journal"]
        targets = [entry.target for entry in entries]
    else:
        targets = [budgets.target_for(context.catalog, target_text, category, total=False)]
    cleared = [target for target in targets if budgets.clear_budget(context, target)]
    if not cleared:
        echo(_("No budget set here to clear."))
    for target in cleared:
        echo(
            _("Cleared the budget for {target}.").format(
                target=budgets.label(context.catalog, target)
            )
        )
    for target in targets:
        default = budgets.config_default(context, target)
        if default is not None:
            echo(
                _(
                    "config.toml still sets {target} to {duration} a day; remove it there to "
                    "have no budget."
                ).format(
                    target=budgets.label(context.catalog, target),
                    duration=format_duration(default),
                )
            )


# -- fasts ------------------------------------------------------------------------------------


@click.group("fast")
def fast_group() -> None:
    """Fasts: a named period with rules (Lent, Great Lent, a week off, your own)."""


def rule_options(function: F) -> F:
    options = [
        click.option(
            "--apps", "apps", multiple=True, metavar="A,B", help="Apps the fast is about."
        ),
        click.option(
            "--category",
            "categories",
            multiple=True,
            metavar="C",
            help="Categories the fast is about (social, messaging, video, forum, professional).",
        ),
        click.option(
            "--limit",
            "limits",
            multiple=True,
            metavar="15m|APP=15m",
            help="Daily limit for the fast's apps instead of none at all; APP=15m for one app.",
        ),
        click.option(
            "--curfew",
            "curfews",
            multiple=True,
            metavar="HH:MM-HH:MM",
            help="A daily window with no use of the fast's apps (instead of none all day), "
            "e.g. 21:00-07:00.",
        ),
        click.option("--days-off", "days_off", metavar="sun", help="Weekdays the rules rest."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _has_rule_options(*values: tuple[str, ...]) -> bool:
    return any(values)


def _reason(reason: str | None, question: str) -> str | None:
    if reason is None and sys.stdin.isatty():
        answer: str = click.prompt(question, default="", show_default=False)
        return answer
    return reason


@fast_group.command("presets")
@click.option("--year", type=int, help="Year for lent and great-lent.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def fast_presets(context: Context, year: int | None, as_json: bool) -> None:
    """The presets and the dates they give (`detox fast start PRESET`)."""
    rows = presets.listing(today(context), year)
    if as_json:
        echo_json(
            [
                {
                    "id": preset.id,
                    "name": preset.name,
                    "start": period.start.isoformat() if period else None,
                    "end": period.end.isoformat() if period else None,
                    "days": period.days if period else None,
                    "description": preset.description,
                }
                for preset, period in rows
            ]
        )
        return
    for preset, period in rows:
        dates = (
            _("{first} to {last} ({days})").format(
                first=period.start.isoformat(),
                last=period.end.isoformat(),
                days=count(period.days, "day", "days"),
            )
            if period
            else "--from D --to D"
        )
        echo(f"{preset.id:<11} {pad(dates, 36)} {preset.description}")


@fast_group.command("start")
@click.argument("preset_id", metavar="PRESET")
@click.option("--year", type=int, help="Year for lent and great-lent.")
@click.option(
    "--start",
    "start_text",
    metavar="now|tomorrow|D",
    help="When it begins: now (the default; earlier use today does not count), tomorrow "
    "at the day start, or a date.",
)
@click.option("--from", "from_text", metavar="D", help="First day (YYYY-MM-DD); as --start D.")
@click.option("--to", "to_text", metavar="D", help="Last day (YYYY-MM-DD).")
@click.option("--name", help="Name of the fast.")
@rule_options
@click.option("--strict", is_flag=True, help="Warn, then close blocked desktop apps.")
@click.option(
    "--allow-overlap", is_flag=True, help="Start it even if a fast with the same rules overlaps."
)
@click.option("--holy-thursday", is_flag=True, help="Lent: end on Holy Thursday.")
@click.option("--forty-days", is_flag=True, help="Great Lent: the 40 days only.")
@click.option("--json", "as_json", is_flag=True, help="Print the new fast as JSON.")
@pass_detox
def fast_start(
    context: Context,
    preset_id: str,
    year: int | None,
    start_text: str | None,
    from_text: str | None,
    to_text: str | None,
    name: str | None,
    apps: tuple[str, ...],
    categories: tuple[str, ...],
    limits: tuple[str, ...],
    curfews: tuple[str, ...],
    days_off: str | None,
    strict: bool,
    allow_overlap: bool,
    holy_thursday: bool,
    forty_days: bool,
    as_json: bool,
) -> None:
    """Start (or plan) a fast. With no rule options it means no social media at all.

    \b
    detox fast start lent --days-off sun
    detox fast start week --apps instagram,tiktok --strict
    detox fast start month --category video --limit 30m --curfew 22:00-07:00
    detox fast start custom --start tomorrow --to 2026-12-24 --limit facebook=15m
    """
    if start_text is not None and from_text is not None:
        raise InputError(_("give --start or --from, not both"))
    preset = presets.find_preset(preset_id)
    first: date | None = None
    if start_text is not None:
        first = parse_start(start_text, context)
    elif from_text is not None:
        first = start_day(context, parse_day(from_text, context))  # a past day is refused
    period = presets.preset_period(
        preset.id,
        today(context),
        year=year,
        start=first,
        end=parse_day(to_text, context) if to_text else None,
        to_holy_thursday=holy_thursday,
        forty_days=forty_days,
    )
    rules = build_rules(context.catalog, apps, categories, limits, curfews)
    fast = start_fast(
        context,
        preset=preset.id,
        period=period,
        name=name or presets.default_name(preset.id, period),
        rules=rules,
        days_off=parse_days_off(days_off) if days_off else [],
        strict=strict,
        allow_overlap=allow_overlap,
    )
    name_of = context.catalog.name_of
    if as_json:
        echo_json(fast_json(check_fast(context, fast), name_of))
        return
    span = _("{first} to {last}, {days}").format(
        first=fast.start.isoformat(),
        last=fast.end.isoformat(),
        days=count((fast.end - fast.start).days + 1, "day", "days"),
    )
    if fast.starts_at is not None:
        echo(
            _(
                "Started '{name}' (id {id}): {span}. It began now, {when}; day 1 is the rest of "
                "{day}, and use before now does not count."
            ).format(
                name=fast.name,
                id=fast.id[:8],
                span=span,
                when=wall_label(fast.starts_at, context.settings),
                day=day_label(fast.start),
            )
        )
    else:
        echo(
            _("Planned '{name}' (id {id}): {span}. It begins on {day} at {time}.").format(
                name=fast.name,
                id=fast.id[:8],
                span=span,
                day=day_label(fast.start),
                time=f"{context.settings.day_start:%H:%M}",
            )
        )
    for rule in fast.rules:
        echo(f"  - {rule_sentence(rule, name_of)}")
    if fast.days_off:
        echo(
            "  "
            + _("Days off: {days}").format(days=listing(weekday_name(d) for d in fast.days_off))
        )
    if strict:
        echo(
            _(
                "Strict mode: while `detox track` runs, a blocked desktop app is warned about, "
                "then closed after {seconds} s. Browser tabs get a warning only. "
                "`detox fast override --minutes 15 --reason ...` pauses it (and is logged)."
            ).format(seconds=f"{STRICT_GRACE_SECONDS:.0f}")
        )


@fast_group.command("add")
@click.option("--from", "from_text", metavar="D", required=True, help="First day (YYYY-MM-DD).")
@click.option("--to", "to_text", metavar="D", required=True, help="Last day (YYYY-MM-DD).")
@click.option("--name", help="Name of the break.")
@rule_options
@click.option("--json", "as_json", is_flag=True, help="Print the recorded fast as JSON.")
@pass_detox
def fast_add(
    context: Context,
    from_text: str,
    to_text: str,
    name: str | None,
    apps: tuple[str, ...],
    categories: tuple[str, ...],
    limits: tuple[str, ...],
    curfews: tuple[str, ...],
    days_off: str | None,
    as_json: bool,
) -> None:
    """Record a break that is already over (marked in its log as recorded afterwards).

    \b
    detox fast add --from 2026-11-02 --to 2026-11-08
    detox fast add --from 2026-10-01 --to 2026-10-31 --apps tiktok --name "TikTok-free October"
    """
    period = presets.preset_period(
        "custom",
        today(context),
        start=parse_day(from_text, context),
        end=parse_day(to_text, context),
    )
    rules = build_rules(context.catalog, apps, categories, limits, curfews)
    fast = add_past_fast(
        context,
        period=period,
        name=name or _("Break {day}").format(day=period.start.isoformat()),
        rules=rules,
        days_off=parse_days_off(days_off) if days_off else [],
    )
    report = check_fast(context, fast)
    if as_json:
        echo_json(fast_json(report, context.catalog.name_of))
        return
    echo(
        _(
            "Recorded '{name}' (id {id}) afterwards: {first} to {last} {year}, {days}; "
            "kept {kept}, slipped {slipped}."
        ).format(
            name=fast.name,
            id=fast.id[:8],
            first=day_label(fast.start),
            last=day_label(fast.end),
            year=fast.end.year,
            days=count(report.day_count, "day", "days"),
            kept=report.count("kept"),
            slipped=report.count("slipped"),
        )
    )


@fast_group.command("cancel")
@click.argument("fast_id", metavar="ID")
@click.option("--reason", help="Why (written to your log).")
@pass_detox
def fast_cancel(context: Context, fast_id: str, reason: str | None) -> None:
    """Call off a planned fast before it begins; it leaves the list, the log keeps a line."""
    fast = find_fast(context, fast_id)
    cancel_fast(context, fast, reason)
    echo(
        _("Cancelled '{name}' (planned from {day}). Logged.").format(
            name=fast.name, day=day_label(fast.start)
        )
    )


@fast_group.command("delete")
@click.argument("fast_id", metavar="ID")
@click.option("--yes", is_flag=True, help="Delete without asking.")
@pass_detox
def fast_delete(context: Context, fast_id: str, yes: bool) -> None:
    """Delete a fast created by mistake (its days and slips disappear from lists)."""
    fast = find_fast(context, fast_id)
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(_("deleting '{name}' needs --yes").format(name=fast.name))
        click.confirm(
            _("Delete '{name}' ({id})?").format(name=fast.name, id=fast.id[:8]), abort=True
        )
    delete_fast(context, fast)
    echo(
        _("Deleted '{name}' ({id}). The log keeps a line saying so.").format(
            name=fast.name, id=fast.id[:8]
        )
    )


@fast_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def fast_list(context: Context, as_json: bool) -> None:
    """Every fast, planned, running and past."""
    reports = compliances_of(context, all_fasts(context))
    name_of = context.catalog.name_of
    if as_json:
        echo_json([fast_json(report, name_of) for report in reports])
        return
    if not reports:
        echo(_("No fasts yet. See `detox fast presets`, then `detox fast start lent`."))
        return
    width = name_width(report.fast for report in reports)
    for report in reports:
        echo(fast_row(report, width))


@fast_group.command("show")
@click.argument("fast_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def fast_show(context: Context, fast_id: str, as_json: bool) -> None:
    """One fast: its rules, day N of M, streaks, a calendar of its days, and its log."""
    fast = find_fast(context, fast_id)
    report = compliance_of(context, fast)
    events = fast_log(context, report)
    name_of = context.catalog.name_of
    if as_json:
        echo_json(fast_json(report, name_of) | {"events": [event_json(e) for e in events]})
        return
    first_weekday = WEEKDAYS.index(context.settings.first_day_of_week)
    for line in fast_text(report, events, name_of, context.settings.zone, first_weekday):
        echo(line)


@fast_group.command("end")
@click.argument("fast_id", metavar="ID")
@click.option("--reason", help="Why it ends early (written to your log).")
@pass_detox
def fast_end(context: Context, fast_id: str, reason: str | None) -> None:
    """End a fast before its last day. The end and its reason are recorded in your log."""
    fast = find_fast(context, fast_id)
    reason = _reason(reason, _("Why end it early? (recorded in your log; Enter to skip)"))
    ended = end_fast(context, fast, reason)
    echo(
        _("Ended '{name}'. This is recorded in its log (detox fast show {id}).").format(
            name=ended.name, id=fast.id[:8]
        )
    )


@fast_group.command("edit")
@click.argument("fast_id", metavar="ID")
@rule_options
@click.option("--strict/--no-strict", default=None, help="Turn strict mode on or off.")
@click.option("--to", "to_text", metavar="D", help="A new last day.")
@click.option("--reason", help="Why (written to your log).")
@pass_detox
def fast_edit(
    context: Context,
    fast_id: str,
    apps: tuple[str, ...],
    categories: tuple[str, ...],
    limits: tuple[str, ...],
    curfews: tuple[str, ...],
    days_off: str | None,
    strict: bool | None,
    to_text: str | None,
    reason: str | None,
) -> None:
    """Change a fast's rules from today on; earlier days keep the rules they had.

    Rule options replace all the rules, as in `detox fast start`. The change is logged.
    """
    fast = find_fast(context, fast_id)
    rules = (
        build_rules(context.catalog, apps, categories, limits, curfews)
        if _has_rule_options(apps, categories, limits, curfews)
        else None
    )
    new_end: date | None = parse_day(to_text, context) if to_text else None
    reason = _reason(reason, _("Why the change? (recorded in your log; Enter to skip)"))
    changed = change_fast(
        context,
        fast,
        rules=rules,
        days_off=parse_days_off(days_off) if days_off is not None else None,
        strict=strict,
        end=new_end,
        reason=reason,
    )
    name_of = context.catalog.name_of
    echo(_("Changed '{name}'; the change is in its log. Rules now:").format(name=changed.name))
    for rule in changed.rules:
        echo(f"  - {rule_sentence(rule, name_of)}")


@fast_group.command("override")
@click.argument("fast_id", metavar="[ID]", required=False)
@click.option("--minutes", type=int, default=15, show_default=True, help="How long to pause.")
@click.option("--reason", required=True, help="Why (written to your log).")
@pass_detox
def fast_override(context: Context, fast_id: str | None, minutes: int, reason: str) -> None:
    """Pause strict mode for a while (every strict fast, or the one named)."""
    fast = find_fast(context, fast_id) if fast_id else None
    event = override_strict(context, minutes, reason, fast)
    until = datetime.fromisoformat(str(event.data["until"]))
    echo(
        _("Strict mode paused for {minutes} min (until {until}): {reason}. Logged.").format(
            minutes=minutes,
            until=f"{to_local(until, context.settings.zone):%H:%M}",
            reason=reason.strip(),
        )
    )


# -- baselines --------------------------------------------------------------------------------


@click.group("baseline", invoke_without_command=True)
@click.option("--from", "from_text", metavar="D", help="First day (YYYY-MM-DD, today...).")
@click.option("--to", "to_text", metavar="D", help="Last day (YYYY-MM-DD).")
@click.option("--note", help="A few words about the period.")
@click.pass_context
def baseline_group(
    click_context: click.Context, from_text: str | None, to_text: str | None, note: str | None
) -> None:
    """A period of ordinary use that insights compares your fasts with.

    \b
    detox baseline --from 2026-11-02 --to 2026-11-08
    detox baseline list
    detox baseline delete ID
    """
    if click_context.invoked_subcommand is not None:
        if from_text or to_text or note:
            raise InputError(_("--from, --to and --note come without list or delete"))
        return
    context = click_context.ensure_object(Context)
    if from_text is None or to_text is None:
        raise InputError(
            _("give the period: `detox baseline --from D --to D` (or `detox baseline list`)")
        )
    baseline = add_baseline(
        context, parse_day(from_text, context), parse_day(to_text, context), note
    )
    days = (baseline.end - baseline.start).days + 1
    echo(
        _(
            "Baseline {first} to {last} {year} ({days}, id {id}): `detox insights` compares "
            "fast days with it."
        ).format(
            first=day_label(baseline.start),
            last=day_label(baseline.end),
            year=baseline.end.year,
            days=count(days, "day", "days"),
            id=baseline.id[:8],
        )
    )


@baseline_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def baseline_list(context: Context, as_json: bool) -> None:
    """Every baseline period."""
    baselines = all_baselines(context)
    if as_json:
        echo_json(
            [
                {
                    "id": b.id,
                    "start": b.start.isoformat(),
                    "end": b.end.isoformat(),
                    "days": (b.end - b.start).days + 1,
                    "note": b.note,
                }
                for b in baselines
            ]
        )
        return
    if not baselines:
        echo(_("No baseline yet. Record one with `detox baseline --from D --to D`."))
    for b in baselines:
        note = f"  {b.note}" if b.note else ""
        period = _("{first} to {last}").format(first=b.start.isoformat(), last=b.end.isoformat())
        echo(f"{b.id[:8]}  {period}{note}")


@baseline_group.command("delete")
@click.argument("baseline_id", metavar="ID")
@pass_detox
def baseline_delete(context: Context, baseline_id: str) -> None:
    """Remove a baseline period (by the id `detox baseline list` shows)."""
    baseline = find_baseline(context, baseline_id)
    delete_baseline(context, baseline)
    echo(
        _("Deleted the baseline {first} to {last}.").format(
            first=baseline.start.isoformat(), last=baseline.end.isoformat()
        )
    )


COMMANDS = [budget_group, fast_group, baseline_group]
