"""`detox report --format html`: one self-contained page to keep or share.

Inline CSS and SVG only: no script, no font, no image, no link to anything, so opening it makes
no connection and it looks the same offline in ten years. Light and dark follow the reader's
system; it prints on paper without the background.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from detox import i18n
from detox.catalog import category_name
from detox.durations import format_duration
from detox.i18n import _, count
from detox.localized import number
from detox.reports import wording as say
from detox.reports.html_charts import apps_chart, days_chart, heatmap_chart, mood_use_chart
from detox.reports.model import Report
from detox.reports.reasons_chart import bp_chart

_CODE = re.compile(r"`([^`]+)`")

STYLE = """
:root { --bg: #fbfaf7; --fg: #1f2328; --muted: #57606a; --card: #ffffff; --line: #d8dee4;
  --bar: #3366aa; --app: #7a4fb3; --h1: #fde7b0; --h2: #f7c266; --h3: #e08a2e; --h4: #a8480c;
  --h-text-light: #1f2328; --h-text-dark: #ffffff; --good: #1a7f37; --bad: #b42318; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181d; --fg: #e6e8eb; --muted: #a0a8b3; --card: #1f2229; --line: #343944;
    --bar: #6d9ee8; --app: #b58cf0; --h1: #4a3a16; --h2: #7a5417; --h3: #b8721f; --h4: #f0a640;
    --h-text-light: #ffffff; --h-text-dark: #16181d; --good: #5ccf7a; --bad: #ff8a80; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 820px; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 .6rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--line); }
.dates, .muted, footer { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: .8rem;
  margin: 1.2rem 0; padding: 0; list-style: none; }
.cards li { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: .8rem 1rem; }
.cards .big { display: block; font-size: 1.5rem; font-weight: 650; }
.cards .small { display: block; font-size: .85rem; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .95rem; }
caption { text-align: left; color: var(--muted); font-size: .85rem; padding-bottom: .3rem; }
th, td { padding: .35rem .5rem; border-bottom: 1px solid var(--line); text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart { width: 100%; height: auto; display: block; margin: .4rem 0 1rem; }
.chart .axis { stroke: var(--line); stroke-width: 1; }
.chart .bar.day { fill: var(--bar); }
.chart .bar.app { fill: var(--app); }
.chart .bar.use { fill: var(--bar); fill-opacity: .35; stroke: var(--bar); stroke-width: 1; }
.chart .moodline { stroke: var(--fg); stroke-width: 2; stroke-dasharray: 5 3; }
.chart .mooddot { fill: var(--card); stroke: var(--fg); stroke-width: 2; }
.chart .moodvalue { font-size: 11px; font-weight: 600; }
code { font: .9em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  background: var(--card); border: 1px solid var(--line); border-radius: 4px; padding: 0 .25em; }
.chart text { fill: var(--fg); font-size: 12px; font-family: inherit; }
.chart .tick, .chart .muted { fill: var(--muted); font-size: 11px; }
.chart .mood { fill: var(--muted); font-size: 11px; font-style: italic; }
.chart .value { font-weight: 600; font-size: 11px; }
.chart .cell { stroke: var(--line); stroke-width: 1; }
.chart .cell.h0 { fill: var(--card); }
.chart .cell.h1 { fill: var(--h1); } .chart .cell.h2 { fill: var(--h2); }
.chart .cell.h3 { fill: var(--h3); } .chart .cell.h4 { fill: var(--h4); }
.chart .cellvalue { font-size: 10px; font-weight: 600; fill: var(--h-text-light); }
.chart .cellvalue.h3, .chart .cellvalue.h4 { fill: var(--h-text-dark); }
.up { color: var(--bad); } .down { color: var(--good); }
ul.sentences li { margin: .3rem 0; }
blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: 4px solid var(--line);
  color: var(--muted); }
footer { margin-top: 3rem; font-size: .85rem; }
@media print { body { background: #fff; color: #000; } .cards li { border-color: #999; } }
"""


def _tag(tag: str, text: str, css_class: str = "") -> str:
    """Text in an element, escaped."""
    attributes = f' class="{css_class}"' if css_class else ""
    return f"<{tag}{attributes}>{escape(text)}</{tag}>"


def html_lang() -> str:
    """The document's language as BCP 47 ("zh-Hans", "pl"), for screen readers and fonts."""
    code = i18n.current()
    return "en" if code == i18n.PSEUDO else code.replace("_", "-")


def _prose(text: str) -> str:
    """A sentence as HTML: escaped, with `command` spans (written for the terminal and Markdown)
    shown as code instead of literal backticks."""
    return _CODE.sub(r"<code>\1</code>", escape(text))


def _table(
    caption: str, header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 1
) -> str:
    def cls(index: int) -> str:
        return ' class="num"' if index >= numeric_from else ""

    head = "".join(
        f'<th scope="col"{cls(index)}>{escape(text)}</th>' for index, text in enumerate(header)
    )
    body = "".join(
        "<tr>"
        + "".join(
            (
                f'<th scope="row">{escape(cell)}</th>'
                if index == 0
                else f"<td{cls(index)}>{escape(cell)}</td>"
            )
            for index, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _change_span(report: Report) -> str:
    change = report.change
    if report.previous_total_seconds <= 0:
        return _tag("span", _("nothing to compare with"), "small")
    direction = "up" if change.seconds > 0 else "down" if change.seconds < 0 else ""
    sentence = (
        _("{minutes} ({percent}) more than {what}")
        if change.seconds > 0
        else _("{minutes} ({percent}) less than {what}")
        if change.seconds < 0
        else _("{minutes} ({percent}) same as {what}")
    )
    text = sentence.format(
        minutes=say.signed_minutes(change.seconds),
        percent=say.percent(change.percent),
        what=say.compared_with(report),
    )
    return f'<span class="small {direction}">{escape(text)}</span>'


def _cards(report: Report) -> str:
    mood = report.mood
    mood_text = "-" if mood.mean is None else f"{number(mood.mean, 1)}/10"
    over = _("over {days}").format(days=count(report.days_elapsed, "day", "days"))
    # The figure's id (data-figure) stays English in every language, as JSON keys do.
    cards = [
        ("total", _("Total"), format_duration(report.total_seconds), _change_span(report)),
        (
            "a day on average",
            _("A day on average"),
            format_duration(report.daily_average),
            f'<span class="small">{escape(over)}</span>',
        ),
        (
            "sessions",
            _("Sessions"),
            str(report.sessions),
            _tag("span", _("runs of one app"), "small"),
        ),
        (
            "mood",
            _("Mood"),
            mood_text,
            f'<span class="small">{escape(count(mood.entries, "entry", "entries"))}</span>',
        ),
    ]
    items = "".join(
        f'<li><span class="small">{escape(name)}</span>'
        f'<span class="big" data-figure="{key}">{escape(value)}</span>{extra}</li>'
        for key, name, value, extra in cards
    )
    return f'<ul class="cards">{items}</ul>'


def _usage(report: Report) -> list[str]:
    out = [_tag("h2", _("Per day")), days_chart(report)]
    out.append(
        _table(
            _("Social media time and mean mood per day"),
            [_("Day"), _("Time"), _("Mood")],
            [
                [
                    say.long_day(line.day),
                    _("not yet") if line.state == "future" else format_duration(line.seconds),
                    "-" if line.mood is None else number(line.mood, 1),
                ]
                for line in report.days
            ],
        )
    )
    out.append(_tag("h2", _("Apps")))
    if report.apps:
        out.append(apps_chart(report))
        out.append(
            _table(
                _("Time, change against the previous period, and sessions per app"),
                say.app_columns(),
                say.app_cells(report),
            )
        )
    else:
        out.append(_tag("p", _("No app was used in this period.")))
    dropped = say.dropped_apps(report)
    if dropped:
        out.append(f"<p>{_prose(dropped)}</p>")
    out.append(_tag("h2", _("Categories and devices")))
    out.append(
        _table(
            _("Time per category"),
            [_("Category"), _("Time"), _("Change")],
            [
                [
                    category_name(c.category),
                    format_duration(c.seconds),
                    say.change_cell(c.change, c.previous_seconds),
                ]
                for c in report.categories
            ],
        )
    )
    out.append(
        _table(
            _("Time per device: tracked on a computer, entered by hand, or imported"),
            [_("Device"), _("Time"), _("Change")],
            [
                [d.shown, format_duration(d.seconds), say.change_cell(d.change, d.previous_seconds)]
                for d in report.devices
            ],
        )
    )
    out.append(_tag("h2", _("When")))
    if report.heatmap.total > 0:
        out.append(heatmap_chart(report))
        out.append(
            '<p class="muted">'
            + escape(
                _(
                    "Each cell is one hour of a weekday in your local time; the number "
                    "is its minutes of use, and darker cells had more."
                )
            )
            + "</p>"
        )
    else:
        out.append(_tag("p", _("No use to show by hour.")))
    return out


def _balance(report: Report) -> list[str]:
    out = [_tag("h2", _("Budgets")), f"<p>{_prose(say.budgets_intro(report))}</p>"]
    if report.budgets.lines and report.budgets.days_judged:
        out.append(
            _table(
                _("Days within each budget"),
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
                numeric_from=2,
            )
        )
    out.append(_tag("h2", _("Fasts")))
    if not report.fasts:
        out.append(f"<p>{_prose(say.no_fasts())}</p>")
    for fast in report.fasts:
        out.append(f"<p>{escape(say.fast_summary(fast))}</p>")
        if fast.log:
            items = "".join(
                f"<li><time>{escape(say.log_time(report, entry.at))}</time> "
                f"{_prose(say.log_entry(entry.kind, entry.text))}</li>"
                for entry in fast.log
            )
            log_label = _("Integrity log of {name}").format(name=fast.name)
            out.append(f'<ul class="log" aria-label="{escape(log_label)}">{items}</ul>')
    return out


def _mood_use(report: Report) -> list[str]:
    if not any(line.mood is not None for line in report.days):
        return [
            '<p class="muted">'
            + escape(
                _(
                    "With mood logged on a few days, a chart here shows it beside "
                    "each day's social media time."
                )
            )
            + "</p>"
        ]
    return [
        _tag("h3", _("Mood beside use")),
        mood_use_chart(report),
        '<p class="muted">'
        + escape(
            _(
                "Each day's social media time (bars, left scale) and mean mood (dots, "
                "right scale) on one line of days. Days next to each other are joined; a day "
                "without mood leaves a gap. Going together is not the same as one causing the "
                "other."
            )
        )
        + "</p>",
    ]


def render_html(report: Report) -> str:
    title = say.title(report)
    body: list[str] = [
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="dates">{escape(say.dates_line(report))}</p></header>',
    ]
    if report.state != "future":
        body.append(_cards(report))
    body += [f"<p>{_prose(line)}</p>" for line in say.summary(report)]
    if report.state != "future":
        body += _usage(report)
    body += _balance(report)
    body.append(_tag("h2", _("Mood")))
    body += [f"<p>{_prose(line)}</p>" for line in say.mood_lines(report.mood)]
    if report.state != "future":
        body += _mood_use(report)
    body.append(_tag("h2", _("Insights")))
    sentences = "".join(f"<li>{_prose(s)}</li>" for s in report.insights.sentences)
    body.append(f'<ul class="sentences">{sentences}</ul>')
    if report.insights.caveat:
        body.append(f"<blockquote>{_prose(report.insights.caveat)}</blockquote>")
    reasons = report.three_reasons
    reasons_title = _("Three reasons: self-esteem, blood pressure, offline life")
    body.append(f'<h2 id="three-reasons">{escape(reasons_title)}</h2>')
    body.append(bp_chart(reasons))
    items = "".join(f"<li>{_prose(s)}</li>" for s in reasons.sentences)
    body.append(f'<ul class="sentences">{items}</ul>')
    if reasons.caveat:
        body.append(f"<blockquote>{_prose(reasons.caveat)}</blockquote>")
    body.append(f"<footer>{escape(say.footer(report))}</footer>")
    return (
        "<!doctype html>\n"
        f'<html lang="{html_lang()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )
