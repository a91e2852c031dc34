"""`detox report --format md`: the report as Markdown headings, sentences and tables."""

from __future__ import annotations

from collections.abc import Sequence

from detox.catalog import category_name
from detox.durations import format_duration, whole_minutes
from detox.i18n import _
from detox.localized import number
from detox.printable import printable
from detox.reports import wording as say
from detox.reports.model import Report


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: int = 1) -> list[str]:
    """A pipe table; columns from `right` on are numbers, aligned right."""
    align = ["---" if index < right else "---:" for index in range(len(header))]
    lines = [
        "| " + " | ".join(_cell(h) for h in header) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(report: Report) -> str:
    out: list[str] = [f"# {say.title(report)}", "", f"*{say.dates_line(report)}*", ""]
    out += [*say.summary(report), ""]
    if report.state != "future":
        out += _usage(report)
    out += _balance(report)
    out += ["## " + _("Mood"), "", *say.mood_lines(report.mood), ""]
    out += ["## " + _("Insights"), "", *(f"- {s}" for s in report.insights.sentences), ""]
    if report.insights.caveat:
        out += [f"> {report.insights.caveat}", ""]
    reasons = report.three_reasons
    out += ["## " + _("Three reasons: self-esteem, blood pressure, offline life"), ""]
    out += [*(f"- {_cell(s)}" for s in reasons.sentences), ""]
    if reasons.caveat:
        out += [f"> {reasons.caveat}", ""]
    lines = [_inert(line) for line in out]
    lines += [f"<sub>{_inert(say.footer(report))}</sub>", ""]
    return "\n".join(lines)


def _inert(line: str) -> str:
    """A line whose names (from imports, synced devices, config) cannot carry HTML into the
    page a Markdown viewer makes of it (`<script>`, `<img onerror=...>`), nor terminal escapes.
    Escaping `&` and `<` is enough: no tag starts without `<`, and `>` still quotes a line."""
    return printable(line, keep_lines=True).replace("&", "&amp;").replace("<", "&lt;")


def _usage(report: Report) -> list[str]:
    out = ["## " + _("Per day"), ""]
    out += _table(
        [_("Day"), _("Time"), _("Mood")],
        [
            [
                say.short_day(line.day),
                _("not yet") if line.state == "future" else format_duration(line.seconds),
                "-" if line.mood is None else number(line.mood, 1),
            ]
            for line in report.days
        ],
    )
    out += ["", "## " + _("Apps"), ""]
    if report.apps:
        out += _table(
            [_("App"), _("Time"), _("Change"), _("Sessions"), _("Average"), _("Longest")],
            say.app_cells(report),
        )
    else:
        out.append(_("No app was used in this period."))
    dropped = say.dropped_apps(report)
    if dropped:
        out += ["", dropped]
    out += ["", "## " + _("Categories"), ""]
    out += _table(
        [_("Category"), _("Time"), _("Change")],
        [
            [
                category_name(line.category),
                format_duration(line.seconds),
                say.change_cell(line.change, line.previous_seconds),
            ]
            for line in report.categories
        ],
    )
    out += ["", "## " + _("Devices"), ""]
    out += _table(
        [_("Device"), _("Time"), _("Change")],
        [
            [
                line.shown,
                format_duration(line.seconds),
                say.change_cell(line.change, line.previous_seconds),
            ]
            for line in report.devices
        ],
    )
    out += ["", "## " + _("When"), ""]
    out += _heatmap(report)
    return [*out, ""]


def _heatmap(report: Report) -> list[str]:
    if report.heatmap.total <= 0:
        return [_("No use to show by hour.")]
    hours = report.hour_order()
    rows = []
    for weekday in report.weekday_order():
        cells = report.heatmap.cells[weekday]
        rows.append(
            [say.weekday_short(weekday)]
            + [str(whole_minutes(cells[hour])) if cells[hour] > 0 else "" for hour in hours]
        )
    lines = [_("Minutes of use by weekday and hour of the day (local time).")]
    return [*lines, "", *_table([_("Day"), *(f"{hour:02d}" for hour in hours)], rows)]


def _balance(report: Report) -> list[str]:
    out = ["## " + _("Budgets"), "", say.budgets_intro(report), ""]
    if report.budgets.lines and report.budgets.days_judged:
        out += _table(
            [_("Budget"), _("Allowance"), _("Days within"), _("Average a day")],
            [
                [
                    line.name,
                    say.budget_allowance(line),
                    say.days_within(line),
                    format_duration(line.average_seconds),
                ]
                for line in report.budgets.lines
            ],
            right=2,
        )
        out.append("")
    out += ["## " + _("Fasts"), ""]
    if not report.fasts:
        out += [say.no_fasts(), ""]
    for fast in report.fasts:
        out += [say.fast_summary(fast), ""]
        for entry in fast.log:
            out.append(
                f"- {say.log_time(report, entry.at)}, {say.log_entry(entry.kind, entry.text)}"
            )
        if fast.log:
            out.append("")
    return out
