"""Forms for fasts: a new one from a preset (dates shown before confirming), and ending early."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from detox.balance.fasts import FastOverlapError, days_off_text, parse_start, start_fast
from detox.balance.presets import PRESETS, Period, default_name, preset_period
from detox.balance.rules import build_rules, curfew_text, parse_days_off
from detox.clock import current_day
from detox.context import Context
from detox.durations import typed_duration
from detox.errors import DetoxError
from detox.i18n import N_, _, count, listing
from detox.localized import english, medium_date, weekday_name
from detox.models import Fast, Rule, check_date
from detox.tui.modals.base import Modal
from detox.tui.widgets.toggles import MarkedCheckbox
from detox.weekdays import SHORT_NAMES


def long_day(day: date) -> str:
    """ "Wed 25 Nov 2026", "śr. 25 lis 2026": a day of a fast's dates in the preview."""
    if english():
        return f"{day:%a} {day.day} {day:%b %Y}"
    return f"{weekday_name(day.weekday())} {medium_date(day)}"


def _date_or_none(text: str, what: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise DetoxError(_("{what}: write YYYY-MM-DD").format(what=what)) from None
    try:
        return check_date(day)
    except ValueError as error:
        raise DetoxError(f"{what}: {error}") from None


# What each preset does, in the words of this form (the CLI's descriptions name its flags).
FORM_HELP: dict[str, str] = {
    "lent": N_(
        "Western Lent: Ash Wednesday to Holy Saturday (46 days). Days off: sun keeps the "
        "40 counted days; tick Holy Thursday to end it then."
    ),
    "great-lent": N_(
        "Orthodox Great Lent: Clean Monday to Holy Saturday (48 days). Tick Forty "
        "days to stop at the Friday before Lazarus Saturday."
    ),
    "week": N_("7 days from now (From: tomorrow or a date to start later)."),
    "month": N_("30 days from now (From: tomorrow or a date to start later)."),
    "weekend": N_("The coming Saturday and Sunday (or the rest of this one)."),
    "custom": N_("Your own dates: From (empty: now) and To."),
}


@dataclass(frozen=True)
class FastForm:
    preset: str
    period: Period
    name: str
    rules: list[Rule]
    days_off: list[int]
    strict: bool
    allow_overlap: bool


class NewFastModal(Modal[Fast | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="fast-cancel")]

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.today = current_day(context.clock, context.settings)

    def compose(self) -> ComposeResult:
        with Vertical(id="fast-dialog", classes="dialog"):
            yield Label(_("Start a fast"), classes="dialog-title")
            yield Select(
                [(p.name, p.id) for p in PRESETS],
                value="lent",
                allow_blank=False,
                id="preset",
                compact=True,
            )
            yield Static(id="preset-help", classes="hint")
            with Horizontal(classes="form-row"):
                yield Label(_("Year (Lent, Great Lent)"), classes="form-label")
                # Empty is valid: it means the next one, and the placeholder says which year.
                yield Input(
                    id="year",
                    type="integer",
                    valid_empty=True,
                    max_length=4,
                    compact=True,
                    classes="form-input",
                )
            with Horizontal(classes="form-row"):
                yield Label(_("From / to"), classes="form-label")
                yield Input(
                    placeholder=_("now, tomorrow, date"),
                    id="from",
                    compact=True,
                    classes="form-input",
                )
                yield Input(placeholder="YYYY-MM-DD", id="to", compact=True, classes="form-input")
            with Horizontal(classes="form-row"):
                yield Label(_("Apps (empty: all)"), classes="form-label")
                yield Input(placeholder="facebook, tiktok", id="apps", compact=True)
            with Horizontal(classes="form-row"):
                yield Label(_("Limit a day (or abstain)"), classes="form-label")
                yield Input(placeholder="15m", id="limit", compact=True, classes="form-input")
            with Horizontal(classes="form-row"):
                yield Label(_("Days off (e.g. sun)"), classes="form-label")
                yield Input(
                    placeholder=_("none"), id="days-off", compact=True, classes="form-input"
                )
            with Horizontal(classes="form-row"):
                yield MarkedCheckbox(_("End on Holy Thursday"), id="holy-thursday", compact=True)
                yield MarkedCheckbox(_("Forty days"), id="forty-days", compact=True)
                yield MarkedCheckbox(_("Strict mode"), id="strict", compact=True)
            # Shown only once starting has been refused for an overlap: a second fast with the
            # same rules is rarely meant, so the tick is not offered before it matters.
            yield MarkedCheckbox(
                _("Start it anyway, beside the other fast"),
                id="allow-overlap",
                compact=True,
                classes="hidden",
            )
            yield Static(id="fast-preview", classes="preview")
            with Horizontal(classes="form-row"):
                yield Button(_("Start"), id="start", variant="primary", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.update_preview()

    @on(Select.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.update_preview()

    def _form(self) -> FastForm:
        preset = str(self.query_one("#preset", Select).value)
        year_text = self.query_one("#year", Input).value.strip()
        yearly = preset in ("lent", "great-lent")
        period = preset_period(
            preset,
            self.today,
            year=int(year_text) if (year_text and yearly) else None,
            start=self._from_box(),
            end=_date_or_none(self.query_one("#to", Input).value, _("To")),
            to_holy_thursday=preset == "lent" and self.query_one("#holy-thursday", Checkbox).value,
            forty_days=preset == "great-lent" and self.query_one("#forty-days", Checkbox).value,
        )
        apps = self.query_one("#apps", Input).value.strip()
        limit = self.query_one("#limit", Input).value.strip()
        rules = build_rules(
            self.context.catalog, apps=[apps] if apps else [], limits=[limit] if limit else []
        )
        return FastForm(
            preset=preset,
            period=period,
            name=default_name(preset, period),
            rules=rules,
            days_off=parse_days_off(self.query_one("#days-off", Input).value),
            strict=self.query_one("#strict", Checkbox).value,
            allow_overlap=self.query_one("#allow-overlap", Checkbox).value,
        )

    def _from_box(self) -> date | None:
        """The From box: now, tomorrow or a date, as `detox fast start --start` takes."""
        text = self.query_one("#from", Input).value.strip()
        return parse_start(text, self.context) if text else None

    def update_preview(self) -> None:
        preset_id = str(self.query_one("#preset", Select).value)
        help_text = FORM_HELP.get(preset_id)
        self.query_one("#preset-help", Static).update(_(help_text) if help_text else "")
        yearly = preset_id in ("lent", "great-lent")
        year = self.query_one("#year", Input)
        year.disabled = not yearly
        self.query_one("#holy-thursday", Checkbox).disabled = preset_id != "lent"
        self.query_one("#forty-days", Checkbox).disabled = preset_id != "great-lent"
        if yearly:
            # The year the preview will use, not this calendar year once its Lent is over.
            year.placeholder = str(preset_period(preset_id, self.today).start.year)
        preview = self.query_one("#fast-preview", Static)
        try:
            form = self._form()
        except (DetoxError, ValueError) as error:
            preview.update(_("Cannot start yet: {error}").format(error=error))
            self.query_one("#start", Button).disabled = True
            return
        start, end = form.period.start, form.period.end
        length = (end - start).days + 1
        parts = [count(length, "day", "days")]
        if form.days_off:
            parts.append(_("{days} off").format(days=days_off_text(form.days_off)))
        if form.strict:
            parts.append(_("strict"))
        text = _("{name}: {first} to {last} ({details})").format(
            name=form.name,
            first=long_day(start),
            last=long_day(end),
            details=listing(parts),
        )
        if start <= self.today:
            text += "; " + _("starts now: earlier use today does not count")
        preview.update(text)
        self.query_one("#start", Button).disabled = False

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        try:
            form = self._form()
        except (DetoxError, ValueError) as error:
            self.query_one("#fast-preview", Static).update(
                _("Cannot start: {error}").format(error=error)
            )
            return
        self.create(form)

    @work(thread=True, group="write", name="create")
    def create(self, form: FastForm) -> Fast | None:
        try:
            fast = start_fast(
                self.context,
                preset=form.preset,
                period=form.period,
                name=form.name,
                rules=form.rules,
                days_off=form.days_off,
                strict=form.strict,
                allow_overlap=form.allow_overlap,
            )
        except FastOverlapError as error:
            self.app.call_from_thread(self._refused_for_overlap, error.other)
            return None
        except DetoxError as error:
            self.app.call_from_thread(
                self.query_one("#fast-preview", Static).update,
                _("Cannot start: {error}").format(error=error),
            )
            return None
        return fast

    def _refused_for_overlap(self, other: Fast) -> None:
        self.query_one("#fast-preview", Static).update(
            _(
                "Cannot start: '{name}' ({first} to {last}) already has these rules on these "
                "days. Tick the box above to start this one beside it."
            ).format(name=other.name, first=long_day(other.start), last=long_day(other.end))
        )
        self.query_one("#allow-overlap", Checkbox).remove_class("hidden")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Closed once the worker has finished: closing from inside it cancelled it, and anyone
        # waiting for it saw WorkerCancelled.
        worker = event.worker
        if worker.name == "create" and event.state == WorkerState.SUCCESS and worker.result:
            self.dismiss(worker.result)


class EndFastModal(Modal[str | None]):
    """Asks why, since an early end goes to the integrity log."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="end-cancel")]

    def __init__(self, fast_name: str) -> None:
        super().__init__()
        self.fast_name = fast_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("End {name} early?").format(name=self.fast_name), classes="dialog-title")
            yield Label(_("The early end and your reason are kept in the integrity log."))
            yield Input(placeholder=_("reason (optional), then Enter"), id="reason")
            with Horizontal(classes="form-row"):
                yield Button(_("End the fast"), id="confirm", variant="error", compact=True)
                yield Button(_("Keep going"), id="keep", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())

    @on(Button.Pressed, "#keep")
    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class FastChange:
    rules: list[Rule] | None  # None: the rules stay as they are
    days_off: list[int]
    strict: bool
    end: date | None
    reason: str | None


def typed_days(days_off: list[int]) -> str:
    """Days off as they are shown and read back: "sat, sun", "sáb, dom", "토, 일"."""
    name = (lambda day: SHORT_NAMES[day]) if english() else weekday_name
    return ", ".join(name(day) for day in sorted(days_off))


def _rule_fields(fast: Fast) -> tuple[str, str, str, str]:
    """Apps, categories, limit and curfew as the form shows them (from the fast's rules)."""
    apps = sorted({app for rule in fast.rules for app in rule.apps})
    categories = sorted({c for rule in fast.rules for c in rule.categories})
    limit = next((r.limit_seconds for r in fast.rules if r.kind == "limit"), None)
    curfew = next((curfew_text(r) for r in fast.rules if r.kind == "curfew"), "")
    return ", ".join(apps), ", ".join(categories), typed_duration(limit) if limit else "", curfew


class EditFastModal(Modal[FastChange | None]):
    """Change a running or planned fast from today on, like `detox fast edit`."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="edit-fast-cancel")]

    def __init__(self, context: Context, fast: Fast) -> None:
        super().__init__()
        self.context = context
        self.fast = fast
        self.fields = _rule_fields(fast)

    def compose(self) -> ComposeResult:
        apps, categories, limit, curfew = self.fields
        fast = self.fast
        with Vertical(classes="dialog"):
            yield Label(_("Change {name}").format(name=fast.name), classes="dialog-title")
            yield Static(
                _("From today on; the days before keep their rules. The change is logged."),
                classes="hint",
            )
            rows = (
                (_("Apps (empty: all)"), "edit-apps", apps, "facebook, tiktok"),
                (_("Categories"), "edit-categories", categories, "video, social"),
                (_("Limit a day (or abstain)"), "edit-limit", limit, "15m"),
                (_("Curfew"), "edit-curfew", curfew, "21:00-07:00"),
                (_("Days off"), "edit-days-off", typed_days(fast.days_off), typed_days([6])),
                (_("Last day"), "edit-end", fast.end.isoformat(), "YYYY-MM-DD"),
                (_("Why (for the log)"), "edit-reason", "", _("optional")),
            )
            for label, ident, value, hint in rows:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield Input(value, placeholder=hint, id=ident, compact=True)
            yield MarkedCheckbox(_("Strict mode"), fast.strict, id="edit-strict", compact=True)
            yield Static("", id="edit-error", classes="error")
            with Horizontal(classes="form-row"):
                yield Button(_("Save"), id="edit-save", variant="primary", compact=True)
                yield Button(_("Cancel"), id="edit-close", compact=True)

    def _value(self, ident: str) -> str:
        return self.query_one(f"#{ident}", Input).value.strip()

    def _change(self) -> FastChange:
        fields = tuple(
            self._value(i) for i in ("edit-apps", "edit-categories", "edit-limit", "edit-curfew")
        )
        rules = None
        if fields != self.fields:
            apps, categories, limit, curfew = fields
            rules = build_rules(
                self.context.catalog,
                apps=[apps] if apps else [],
                categories=[categories] if categories else [],
                limits=[limit] if limit else [],
                curfews=[curfew] if curfew else [],
            )
        return FastChange(
            rules=rules,
            days_off=parse_days_off(self._value("edit-days-off")),
            strict=self.query_one("#edit-strict", Checkbox).value,
            end=_date_or_none(self._value("edit-end"), _("last day")),
            reason=self._value("edit-reason") or None,
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#edit-save")
    def _save(self) -> None:
        try:
            change = self._change()
        except (DetoxError, ValueError) as error:
            self.query_one("#edit-error", Static).update(str(error))
            return
        self.dismiss(change)

    @on(Button.Pressed, "#edit-close")
    def action_cancel(self) -> None:
        self.dismiss(None)
