"""Fasts: the list, a fast's calendar and integrity log; start one from a preset; end early."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static

from detox.balance import month_view
from detox.balance.cards import progress_line, streak_line
from detox.balance.compliance import Compliance
from detox.balance.event_text import event_text
from detox.balance.fasts import (
    all_fasts,
    cancel_fast,
    change_fast,
    compliance_of,
    delete_fast,
    end_fast,
    fast_log,
    is_planned,
)
from detox.balance.rules import rule_sentence
from detox.clock import to_local
from detox.errors import DetoxError
from detox.i18n import N_, _
from detox.localized import clock_time, day_month
from detox.models import Event, Fast
from detox.tui.modals.confirm import ConfirmModal
from detox.tui.modals.fasts import EditFastModal, EndFastModal, FastChange, NewFastModal
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.keybar import KeyBar
from detox.tui.widgets.tables import Column, FitTable
from detox.weekdays import WEEKDAYS


@dataclass(frozen=True)
class FastView:
    fast: Fast
    compliance: Compliance
    rules: list[str]
    events: list[Event]


class FastsScreen(DataScreen):
    TITLE_TEXT = N_("Fasts")
    BINDINGS = [
        Binding("n", "new_fast", N_("New fast"), id="new-fast"),
        Binding("c", "change_fast", N_("Edit"), id="change-fast"),
        Binding("e", "end_fast", N_("End early"), id="end-fast"),
        Binding("d", "delete_fast", N_("Cancel/delete"), id="delete-fast"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield FitTable(
                Column(_("Fast"), 14, grow=2),
                Column(_("From"), 10, grow=0),
                Column(_("To"), 10, grow=0),
                Column(_("Progress"), 16, grow=3),
                id="fast-list",
            )
            yield Static(id="fast-detail", classes="panel")
        yield KeyBar()

    def __init__(self) -> None:
        super().__init__()
        self._views: list[FastView] = []

    def load(self) -> list[FastView]:
        context = self.detox.context
        name_of = context.catalog.name_of
        views = []
        for fast in sorted(
            all_fasts(context), key=lambda f: (f.start, f.end, f.name), reverse=True
        ):
            compliance = compliance_of(context, fast)
            views.append(
                FastView(
                    fast,
                    compliance,
                    [rule_sentence(rule, name_of) for rule in fast.rules],
                    fast_log(context, compliance),
                )
            )
        return views

    def show(self, data: list[FastView]) -> None:
        self._views = data
        table = self.query_one("#fast-list", FitTable)
        table.set_rows(
            [
                (
                    view.fast.name,
                    view.fast.start.isoformat(),
                    view.fast.end.isoformat(),
                    # The name has its own column ("Lent: day 3 of 40", "大斋期：第 3 天").
                    progress_line(view.compliance).removeprefix(view.fast.name).lstrip(":： "),
                )
                for view in data
            ],
            keys=[view.fast.id for view in data],
        )
        if data:
            self._show_detail(table.cursor_row)
        else:
            self.query_one("#fast-detail", Static).update(
                _(
                    "No fasts yet. Press n to start one: Lent, Great Lent, a week or a month "
                    "off, a weekend, or your own dates."
                )
            )

    @on(DataTable.RowHighlighted, "#fast-list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, row: int) -> None:
        if not 0 <= row < len(self._views):
            return
        view = self._views[row]
        zone = self.detox.context.settings.zone
        lines = [progress_line(view.compliance), streak_line(view.compliance), ""]
        lines += [_("Rule: {rule}").format(rule=text) for text in view.rules]
        if view.fast.strict:
            lines.append(_("Strict mode: on"))
        first_weekday = WEEKDAYS.index(self.detox.context.settings.first_day_of_week)
        name_of = self.detox.context.catalog.name_of
        lines += ["", *month_view.render(view.compliance, first_weekday), "", _("Integrity log:")]
        if view.events:
            for event in view.events:
                local = to_local(event.at, zone)
                when = f"{day_month(local.date())} {clock_time(local)}"
                lines.append(f"  {when}  {event_text(event, name_of)}")
        else:
            lines.append("  " + _("nothing recorded"))
        self.query_one("#fast-detail", Static).update("\n".join(lines))

    def _selected(self) -> Fast | None:
        row = self.query_one("#fast-list", FitTable).cursor_row
        return self._views[row].fast if 0 <= row < len(self._views) else None

    def action_new_fast(self) -> None:
        self.app.push_screen(NewFastModal(self.detox.context), self._created)

    def _created(self, fast: Fast | None) -> None:
        if fast is not None:
            self.app.notify(
                _("{name} starts {day}.").format(name=fast.name, day=fast.start.isoformat())
            )
            self.reload()

    def action_end_fast(self) -> None:
        fast = self._selected()
        if fast is None:
            self.app.notify(_("No fast selected."))
            return
        if fast.ended_at is not None or fast.end < self._views[0].compliance.today:
            self.app.notify(_("{name} is already over.").format(name=fast.name))
            return
        self.app.push_screen(EndFastModal(fast.name), lambda reason: self._end(fast, reason))

    def _end(self, fast: Fast, reason: str | None) -> None:
        if reason is not None:
            self.end_in_background(fast, reason)

    def action_change_fast(self) -> None:
        fast = self._selected()
        if fast is None:
            self.app.notify(_("No fast selected."))
            return
        if fast.ended_at is not None or fast.end < self._views[0].compliance.today:
            self.app.notify(_("{name} is over; start a new fast instead.").format(name=fast.name))
            return
        self.app.push_screen(
            EditFastModal(self.detox.context, fast), lambda change: self._change(fast, change)
        )

    def _change(self, fast: Fast, change: FastChange | None) -> None:
        if change is not None:
            self.change_in_background(fast, change)

    @work(thread=True, group="write")
    def change_in_background(self, fast: Fast, change: FastChange) -> None:
        try:
            change_fast(
                self.detox.context,
                fast,
                rules=change.rules,
                days_off=change.days_off,
                strict=change.strict,
                end=change.end,
                reason=change.reason,
            )
        except DetoxError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
            return
        self.app.call_from_thread(
            self.app.notify, _("{name} changed; it is in the log.").format(name=fast.name)
        )
        self.app.call_from_thread(self.reload)

    def action_delete_fast(self) -> None:
        fast = self._selected()
        if fast is None:
            self.app.notify(_("No fast selected."))
            return
        planned = is_planned(self.detox.context, fast)
        if planned:
            question = _("Call off {name}?").format(name=fast.name)
            detail = _(
                "It was planned for {first} to {last}. It leaves the list; the integrity log "
                "keeps that it was planned and called off."
            ).format(first=fast.start.isoformat(), last=fast.end.isoformat())
        else:
            question = _("Delete {name}?").format(name=fast.name)
            detail = _(
                "For a fast made by mistake: it leaves the list and its days are no longer "
                "judged; the integrity log keeps a line saying it was deleted. To stop a fast "
                "you meant, End early (e) instead."
            )
        self.app.push_screen(
            ConfirmModal(question, detail, _("Call off") if planned else _("Delete")),
            lambda yes: self._delete(fast, planned, yes),
        )

    def _delete(self, fast: Fast, planned: bool, yes: bool | None) -> None:
        if yes:
            self.delete_in_background(fast, planned)

    @work(thread=True, group="write")
    def delete_in_background(self, fast: Fast, planned: bool) -> None:
        context = self.detox.context
        try:
            if planned:
                cancel_fast(context, fast)
            else:
                delete_fast(context, fast)
        except DetoxError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
            return
        done = (
            _("{name} called off; it is in the log.")
            if planned
            else _("{name} deleted; it is in the log.")
        )
        self.app.call_from_thread(self.app.notify, done.format(name=fast.name))
        self.app.call_from_thread(self.reload)

    @work(thread=True, group="write")
    def end_in_background(self, fast: Fast, reason: str) -> None:
        try:
            end_fast(self.detox.context, fast, reason or None)
        except DetoxError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
            return
        self.app.call_from_thread(
            self.app.notify, _("{name} ended; it is in the log.").format(name=fast.name)
        )
        self.app.call_from_thread(self.reload)
