"""The report's sentences and short figures, shared by the text, Markdown and HTML renderers so
they say the same thing in the same words."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from detox.clock import day_label
from detox.durations import format_duration, whole, whole_minutes
from detox.i18n import _, count, current, lazy, listing, pgettext
from detox.localized import (
    clock_time,
    date_range,
    english,
    medium_date,
    month_year,
    number,
    weekday_name,
)
from detox.reports.model import (
    BudgetLine,
    Change,
    FastLine,
    MoodSummary,
    Report,
)
from detox.reports.periods import Period

FAST_STATES = {
    "planned": lazy("planned"),
    "active": lazy("running"),
    "finished": lazy("finished"),
    "ended": lazy("ended early"),
}
TREND_WORDS = {"rising": lazy("rising"), "falling": lazy("falling"), "steady": lazy("steady")}


def signed_minutes(seconds: float) -> str:
    minutes = whole_minutes(seconds)
    return _("{minutes} min").format(minutes=f"{minutes:+d}" if minutes else "0")


def percent(value: float | None) -> str:
    return _("n/a") if value is None else f"{whole(value):+d}%"


def change_cell(change: Change, before: float) -> str:
    """ "+12 min (+8%)", "new" when nothing to compare with, "-" when nothing either time."""
    if before <= 0:
        # Translators: a table cell, an app not used in the period before.
        return _("new") if change.seconds > 0 else "-"
    return f"{signed_minutes(change.seconds)} ({percent(change.percent)})"


# How a language names a week in a heading: by its ISO name ("week 2026-W49", detox's English),
# by its number in the year ("2026年第49周", "49. tydzień 2026", "semana 49 de 2026"), or by its
# place in a month as Korean calendars do ("2026년 12월 첫째 주").
_WEEK_NAMING = {
    "ko": "month",
    "zh_Hans": "number",
    "zh_Hant": "number",
    "pl": "number",
    "es": "number",
}


def week_name(period: Period) -> str:
    """A week as a heading names it in the active language (see _WEEK_NAMING)."""
    iso = period.label.removeprefix("week ")  # "2026-W49": the ISO week of the week's Monday
    naming = _WEEK_NAMING.get(current(), "iso")
    if naming == "number":
        year, number = iso.split("-W")
        # Translators: a week in a heading: "2026年第49周", "49. tydzień 2026".
        return _("week {number} of {year}").format(number=int(number), year=year)
    if naming == "month":
        # A week belongs to the month that holds most of its days, the one of its fourth day.
        middle = period.first + timedelta(days=3)
        # Translators: a week by its place in a month: "2026년 12월 첫째 주" ({month} is
        # "2026년 12월", {nth} an ordinal from the "week of the month" messages).
        return _("{month}, week {nth}").format(
            month=month_year(middle), nth=_ordinal((middle.day - 1) // 7)
        )
    return _("week {week}").format(week=iso)


def _ordinal(index: int) -> str:
    return (
        pgettext("week of the month", "first"),
        pgettext("week of the month", "second"),
        pgettext("week of the month", "third"),
        pgettext("week of the month", "fourth"),
        pgettext("week of the month", "fifth"),
    )[index]


def period_label(period: Period) -> str:
    """The period as a heading names it: "week 2026-W47", "grudzień 2026", "2026-11-03 to ..."."""
    if period.kind == "week":
        return week_name(period)
    if period.kind == "month":
        return month_year(period.first)
    if period.first == period.last:
        return period.first.isoformat()
    return _("{first} to {last}").format(
        first=period.first.isoformat(), last=period.last.isoformat()
    )


def this_period(period: Period) -> str:
    """When something happened, said of the report's period: "this week", "in these 7 days"."""
    if period.kind == "week":
        return _("this week")
    if period.kind == "month":
        return _("this month")
    if period.length == 1:
        return _("this day")
    return _("in these {days}").format(days=count(period.length, "day", "days"))


def previous_period(period: Period, days: int | None = None) -> str:
    """The period compared with: "the previous week", "the same 3 days of the previous week"."""
    if days == 1:
        if period.kind == "week":
            return _("the same day of the previous week")
        if period.kind == "month":
            return _("the same day of the previous month")
    if days is not None:
        if period.kind == "week":
            return _("the same {days} of the previous week").format(days=count(days, "day", "days"))
        if period.kind == "month":
            return _("the same {days} of the previous month").format(
                days=count(days, "day", "days")
            )
        return _("the same {days} before").format(days=count(days, "day", "days"))
    if period.kind == "week":
        return _("the previous week")
    if period.kind == "month":
        return _("the previous month")
    return _("the previous {days}").format(days=count(period.length, "day", "days"))


def short_day(day: date) -> str:
    """ "Fri 4 Dec": the one way detox writes a day (detox.clock.day_label)."""
    return day_label(day)


def long_day(day: date) -> str:
    return f"{short_day(day)} {day.year}" if english() else medium_date(day)


def title(report: Report) -> str:
    return _("Social media report: {period}").format(period=period_label(report.period))


def dates_line(report: Report) -> str:
    period = report.period
    if period.first == period.last:
        return long_day(period.first)
    if not english():
        return date_range(period.first, period.last)
    return _("{first} to {last}").format(first=long_day(period.first), last=long_day(period.last))


def summary(report: Report) -> list[str]:
    """The opening sentences: how much, against the period before, or why there is nothing."""
    when = this_period(report.period)
    if report.state == "future":
        kind = report.period.kind
        begins = (
            _("This week has not begun yet: it starts on {day}.")
            if kind == "week"
            else _("This month has not begun yet: it starts on {day}.")
            if kind == "month"
            else _("This period has not begun yet: it starts on {day}.")
        )
        return [
            begins.format(day=long_day(report.period.first))
            + " "
            + _("There is nothing to report until then.")
        ]
    lines: list[str] = []
    so_far = (
        _(" so far ({elapsed} of {days})").format(
            elapsed=report.days_elapsed, days=count(report.period.length, "day", "days")
        )
        if report.state == "current"
        else ""
    )
    if report.empty:
        lines.append(
            _("No social media time recorded {when}{so_far}.").format(when=when, so_far=so_far)
        )
        if report.state == "current":
            lines.append(
                _(
                    "If that is a surprise: `detox track` records this computer, and "
                    "`detox log instagram 20m` adds time from your phone."
                )
            )
    else:
        lines.append(
            _(
                "{total} of social media {when}{so_far}, {average} a day on average, in {sessions}."
            ).format(
                total=format_duration(report.total_seconds),
                when=when,
                so_far=so_far,
                average=format_duration(report.daily_average),
                sessions=count(report.sessions, "session", "sessions"),
            )
        )
    lines.append(comparison(report))
    return lines


def compared_with(report: Report) -> str:
    """ "the previous week", or "the same 3 days of the previous week" while a week runs."""
    if report.previous_partial:
        return previous_period(report.period, report.previous.length)
    return previous_period(report.period)


def comparison(report: Report) -> str:
    previous = report.previous_total_seconds
    what = compared_with(report)
    if previous <= 0:
        return _("Nothing was recorded in {what} ({dates}) to compare with.").format(
            what=what, dates=dates_of(report)
        )
    change = report.change
    if whole_minutes(change.seconds) == 0:
        return _("About the same as {what} ({before}).").format(
            what=what, before=format_duration(previous)
        )
    sentence = (
        _("{difference} more than {what} ({before}): {minutes}, {percent}.")
        if change.seconds > 0
        else _("{difference} less than {what} ({before}): {minutes}, {percent}.")
    )
    return sentence.format(
        difference=format_duration(abs(change.seconds)),
        what=what,
        before=format_duration(previous),
        minutes=signed_minutes(change.seconds),
        percent=percent(change.percent),
    )


def dates_of(report: Report) -> str:
    previous = report.previous
    return _("{first} to {last}").format(
        first=short_day(previous.first), last=short_day(previous.last)
    )


def mood_lines(mood: MoodSummary) -> list[str]:
    if mood.entries == 0:
        return [_("No mood logged in this period (`detox mood 7` records how you feel).")]
    assert mood.mean is not None
    values = {
        "mean": number(mood.mean, 1),
        "entries": count(mood.entries, "entry", "entries"),
        "days": count(mood.days_logged, "day", "days"),
    }
    lines = [
        _("Average mood {mean}/10 from {entries} on {days}.").format(**values)
        if mood.previous_mean is None
        else _(
            "Average mood {mean}/10 from {entries} on {days} (previous period: {before})."
        ).format(before=number(mood.previous_mean, 1), **values)
    ]
    if mood.trend is None:
        lines.append(_("A trend needs mood on at least 3 days of the period."))
    else:
        lines.append(
            _("Trend: {trend}, {points} points over the {days} you logged.").format(
                trend=trend_word(mood.trend_word),
                points=f"{'+' if mood.trend >= 0 else '-'}{number(abs(mood.trend), 1)}",
                days=count(mood.trend_days, "day", "days"),
            )
        )
    return lines


def trend_word(word: str | None) -> str:
    return str(TREND_WORDS.get(word or "", word or ""))


def budget_allowance(line: BudgetLine) -> str:
    if line.weekend_seconds is None or line.weekend_seconds == line.weekday_seconds:
        return _("{duration} a day").format(duration=format_duration(line.weekday_seconds))
    return _("{weekday} weekdays, {weekend} weekends").format(
        weekday=format_duration(line.weekday_seconds), weekend=format_duration(line.weekend_seconds)
    )


def budgets_intro(report: Report) -> str:
    budgets = report.budgets
    if not budgets.lines:
        return _("No budgets set (`detox budget set instagram 30m` sets one).")
    if budgets.days_judged == 0:
        return _("Budgets are judged once a day has begun.")
    held = (
        _("Every budget held on {within} of {days} (today is still running).")
        if budgets.includes_today
        else _("Every budget held on {within} of {days}.")
    )
    return (
        held.format(within=budgets.days_within_all, days=count(budgets.days_judged, "day", "days"))
        + " "
        + _("Today's budgets are applied to every day.")
    )


def days_within(line: BudgetLine) -> str:
    return _("{within} of {judged}").format(within=line.days_within, judged=line.days_judged)


def fast_summary(fast: FastLine) -> str:
    state = str(FAST_STATES.get(fast.state, fast.state))
    head = _("{name} ({state}, {first} to {last}):").format(
        name=fast.name, state=state, first=short_day(fast.first), last=short_day(fast.last)
    )
    days = (
        _("{kept} kept, {slipped} slipped, {off} off this period")
        if fast.days_off
        else _("{kept} kept, {slipped} slipped this period")
    ).format(kept=fast.days_kept, slipped=fast.days_slipped, off=fast.days_off)
    streak = _("streak {streak}, longest {longest}.").format(
        streak=fast.streak, longest=fast.longest_streak
    )
    # Translators: a fast's line in a report; Chinese joins the parts with full-width marks.
    return _("{head} {days}; {streak}").format(head=head, days=days, streak=streak)


def log_entry(kind: str, text: str) -> str:
    """An integrity-log entry after its time: "early end: Ended 'Lent' early ..."."""
    return _("{kind}: {text}").format(kind=kind, text=text)


def no_fasts() -> str:
    return _("No fast in this period (`detox fast start` begins one).")


def weekday_short(index: int) -> str:
    return weekday_name(index)


def hour_range(hour: int) -> str:
    return f"{hour:02d}:00-{(hour + 1) % 24:02d}:00"


def log_time(report: Report, instant: datetime) -> str:
    """ "Fri 4 Dec 09:30": the same day form as everywhere else in the report."""
    local = report.local(instant)
    return f"{short_day(local.date())} {clock_time(local)}"


def footer(report: Report) -> str:
    made = report.local(report.generated_at).strftime("%Y-%m-%d %H:%M")
    return _(
        "Days start at {day_start} ({zone}). Made by detox on {made}; nothing left this computer."
    ).format(
        day_start=clock_time(report.day_start),
        zone=report.zone_name or _("system time zone"),
        made=made,
    )


def clip(text: str, width: int) -> str:
    """Text cut to a column width, with an ellipsis when something was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def app_columns() -> list[str]:
    return [
        _("App"),
        _("Time"),
        _("Change"),
        _("Sessions"),
        _("Average session"),
        _("Longest session"),
    ]


def app_cells(report: Report) -> list[list[str]]:
    """One row per app used: time, change, sessions, average and longest session."""
    return [
        [
            line.name,
            format_duration(line.seconds),
            change_cell(line.change, line.previous_seconds),
            str(line.sessions),
            format_duration(line.average_session),
            format_duration(line.longest_session),
        ]
        for line in report.apps
    ]


def dropped_apps(report: Report) -> str | None:
    """The apps used only in the previous period, as a sentence; None when there are none."""
    if not report.dropped_apps:
        return None
    names = listing(
        _("{app} ({duration} before)").format(
            app=line.name, duration=format_duration(line.previous_seconds)
        )
        for line in report.dropped_apps
    )
    return _("Not used this time: {apps}.").format(apps=names)
