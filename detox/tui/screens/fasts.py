"""Fasts: the list, a fast's calendar and integrity log; start one from a preset; end early."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from detox.balance import month_view
from detox.balance.cards import progress_line, streak_line
from detox.balance.compliance import Compliance
from detox.balance.fasts import all_fasts, check_fast, end_fast, name_lookup
from detox.balance.integrity import events_for_fast
from detox.balance.rules import describe
from detox.clock import to_local
from detox.errors import DetoxError
from detox.models import Event, Fast
from detox.tui.modals.fasts import EndFastModal, NewFastModal
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.tables import add_columns


@dataclass(frozen=True)
class FastView:
    fast: Fast
    compliance: Compliance
    rules: list[str]
    events: list[Event]


class FastsScreen(DataScreen):
    TITLE_TEXT = "Fasts"
    BINDINGS = [
        Binding("n", "new_fast", "New fast", id="new-fast"),
        Binding("e", "end_fast", "End early", id="end-fast"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield DataTable(id="fast-list", cursor_type="row", zebra_stripes=True)
            yield Static(id="fast-detail", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#fast-list", DataTable)
        add_columns(table, ("Fast", 22), ("From", 10), ("To", 10), ("Progress", 24))
        self._views: list[FastView] = []
        super().on_mount()

    def load(self) -> list[FastView]:
        context = self.detox.context
        name_of = name_lookup(context.catalog)
        views = []
        for fast in sorted(all_fasts(context), key=lambda f: f.start, reverse=True):
            compliance = check_fast(context, fast)  # also logs new slips
            views.append(
                FastView(
                    fast,
                    compliance,
                    [describe(rule, name_of) for rule in fast.rules],
                    events_for_fast(context.store, fast.id),
                )
            )
        return views

    def show(self, data: list[FastView]) -> None:
        self._views = data
        table = self.query_one("#fast-list", DataTable)
        selected = table.cursor_row
        table.clear()
        for view in data:
            fast = view.fast
            table.add_row(
                fast.name,
                fast.start.isoformat(),
                fast.end.isoformat(),
                progress_line(view.compliance).removeprefix(f"{fast.name}: "),
                key=fast.id,
            )
        if data:
            table.move_cursor(row=min(selected, len(data) - 1))
            self._show_detail(table.cursor_row)
        else:
            self.query_one("#fast-detail", Static).update(
                "No fasts yet. Press n to start one: Lent, Great Lent, a week or a month off, "
                "a weekend, or your own dates."
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
        lines += [f"Rule: {text}" for text in view.rules]
        if view.fast.strict:
            lines.append("Strict mode: on")
        lines += ["", *month_view.render(view.compliance), "", "Integrity log:"]
        if view.events:
            for event in view.events:
                when = to_local(event.at, zone).strftime("%d %b %H:%M")
                lines.append(f"  {when}  {event.message}")
        else:
            lines.append("  nothing recorded")
        self.query_one("#fast-detail", Static).update("\n".join(lines))

    def _selected(self) -> Fast | None:
        row = self.query_one("#fast-list", DataTable).cursor_row
        return self._views[row].fast if 0 <= row < len(self._views) else None

    def action_new_fast(self) -> None:
        self.app.push_screen(NewFastModal(self.detox.context), self._created)

    def _created(self, fast: Fast | None) -> None:
        if fast is not None:
            self.app.notify(f"{fast.name} starts {fast.start.isoformat()}.")
            self.reload()

    def action_end_fast(self) -> None:
        fast = self._selected()
        if fast is None:
            self.app.notify("No fast selected.")
            return
        if fast.ended_at is not None or fast.end < self._views[0].compliance.today:
            self.app.notify(f"{fast.name} is already over.")
            return
        self.app.push_screen(EndFastModal(fast.name), lambda reason: self._end(fast, reason))

    def _end(self, fast: Fast, reason: str | None) -> None:
        if reason is not None:
            self.end_in_background(fast, reason)

    @work(thread=True, group="write")
    def end_in_background(self, fast: Fast, reason: str) -> None:
        try:
            end_fast(self.detox.context, fast, reason or None)
        except DetoxError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.app.notify, f"{fast.name} ended; it is in the log.")
        self.app.call_from_thread(self.reload)
