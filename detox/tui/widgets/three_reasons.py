"""The "Three reasons" card on Today: this week's self-esteem, morning blood pressure and offline
time, and the social time a fast gave back. It loads its own figures off the event loop (the same
section the report shows), so Today only asks it to reload when the data changes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from textual import work
from textual.widgets import Static
from textual.worker import get_current_worker

from detox.context import Context
from detox.durations import format_duration, whole
from detox.i18n import N_, _, count
from detox.localized import number

if TYPE_CHECKING:
    from detox.reports.reasons_model import ThreeReasons

EMPTY = N_("Three reasons: loading…")


class CardData(NamedTuple):  # a frozen dataclass compiled its methods before the first paint
    reasons: ThreeReasons


def load_card(context: Context) -> CardData:
    from detox.clock import local_day
    from detox.insights.daytable import build_day_table, first_use_day
    from detox.reports.periods import week_containing, week_start_index
    from detox.reports.reasons import three_reasons_section

    settings, store = context.settings, context.store
    today = local_day(context.clock.now(), settings.day_start, settings.zone)
    week = week_containing(today, settings.first_day_of_week)

    def seconds(first: date, last: date) -> dict[date, float]:
        rows = build_day_table(store, settings, first, last)
        return {row.day: (row.social_minutes or 0.0) * 60 for row in rows}

    def known_from() -> date | None:
        return first_use_day(store, settings)

    reasons = three_reasons_section(
        store.journal(),
        week,
        today,
        settings.day_start,
        settings.zone,
        week_start_index(settings.first_day_of_week),
        seconds,
        known_from,
    )
    return CardData(reasons)


def card_text(data: CardData) -> str:
    r = data.reasons
    lines = [_("Three reasons, this week")]
    esteem = f"{number(r.self_esteem, 1)}/10" if r.self_esteem is not None else _("not scored")
    if r.mornings:
        pressure = _("{systolic}/{diastolic} ({mornings})").format(
            systolic=whole(r.morning_systolic or 0),
            diastolic=whole(r.morning_diastolic or 0),
            mornings=count(r.mornings, "morning", "mornings"),
        )
    elif r.evenings:
        pressure = _("{systolic}/{diastolic} ({evenings})").format(
            systolic=whole(r.evening_systolic or 0),
            diastolic=whole(r.evening_diastolic or 0),
            evenings=count(r.evenings, "evening", "evenings"),
        )
    else:
        pressure = _("no reading yet: press b")
    lines.append(
        _("Self-esteem {esteem} · Blood pressure {pressure}").format(
            esteem=esteem, pressure=pressure
        )
    )
    offline = format_duration(r.offline_seconds) if r.offline_seconds else _("none logged")
    line = _("Offline {offline}").format(offline=offline)
    week = r.weeks[-1] if r.weeks else None
    if week is not None and week.reclaimed_seconds is not None:
        if week.reclaimed_seconds >= 0:
            line += " · " + _("{duration} less social media than baseline").format(
                duration=format_duration(week.reclaimed_seconds)
            )
        else:
            line += " · " + _("{duration} more social media than baseline").format(
                duration=format_duration(-week.reclaimed_seconds)
            )
    lines.append(line)
    return "\n".join(lines)


class ThreeReasonsCard(Static):
    DEFAULT_CSS = """
    ThreeReasonsCard {
        height: auto;
        min-height: 5;
        border: round $primary;
        padding: 0 1;
        margin: 0 1;
    }
    """

    def __init__(self, *, id: str | None = "three-reasons") -> None:
        super().__init__(_(EMPTY), id=id)
        self._asked = 0

    def reload(self, context: Context) -> None:
        # Loads are numbered rather than cancelled (a cancelled worker fails whoever waits for
        # it): only the newest one's figures are shown.
        self._asked += 1
        self._load(context, self._asked)

    @work(thread=True, group="three-reasons")
    def _load(self, context: Context, number: int) -> None:
        text = card_text(load_card(context))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, number, text)

    def _show(self, number: int, text: str) -> None:
        if number == self._asked:
            self.update(text)
