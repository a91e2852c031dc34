"""The weekly check-in by keys: life satisfaction 1-10 and the three loneliness questions 1-3."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from detox.checkins import (
    LIFE_SATISFACTION_QUESTION,
    LIFE_SATISFACTION_SCALE,
    UCLA_ITEMS,
    ucla_scale,
)
from detox.i18n import N_, _
from detox.tui.modals.base import Modal


@dataclass(frozen=True)
class CheckinAnswers:
    life_satisfaction: int
    answers: dict[str, int]
    note: str | None


def _answer(text: str, low: int, high: int, what: str) -> int:
    text = text.strip()
    if not text.isdigit() or not low <= int(text) <= high:
        raise ValueError(_("{what}: answer {low}-{high}").format(what=what, low=low, high=high))
    return int(text)


class CheckinModal(Modal[CheckinAnswers | None]):
    AUTO_FOCUS = "#checkin-life"  # not the scrolling dialog: the first answer can be typed at once
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="checkin-cancel")]

    def __init__(self, previous: str | None = None) -> None:
        super().__init__()
        self.previous = previous

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="checkin-dialog"):
            yield Label(_("Weekly check-in"), classes="dialog-title")
            if self.previous:
                yield Static(
                    _("Last time: {answers}").format(answers=self.previous), classes="hint"
                )
            yield Static(_(LIFE_SATISFACTION_QUESTION))
            with Horizontal(classes="form-row"):
                yield Label(_("Your answer"), classes="form-label")
                yield Input(
                    placeholder="1-10",
                    id="checkin-life",
                    type="integer",
                    max_length=2,
                    compact=True,
                    classes="answer",
                )
            yield Static(_(LIFE_SATISFACTION_SCALE), classes="hint")
            yield Static(_("Loneliness ({scale}):").format(scale=ucla_scale()))
            for item in UCLA_ITEMS:
                with Horizontal(classes="form-row"):
                    yield Label(_(item.question), classes="question")
                    yield Input(
                        placeholder="1-3",
                        id=f"checkin-{item.field}",
                        type="integer",
                        max_length=1,
                        compact=True,
                        classes="answer",
                    )
            with Horizontal(classes="form-row"):
                yield Label(_("Note (optional)"), classes="form-label")
                yield Input(id="checkin-note", compact=True)
            yield Static("", id="checkin-error", classes="error")
            with Horizontal(classes="form-row"):
                yield Button(_("Save"), id="checkin-save", variant="primary", compact=True)
                yield Button(_("Cancel"), id="checkin-close", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#checkin-save")
    def _save(self) -> None:
        try:
            life = _answer(
                self.query_one("#checkin-life", Input).value, 1, 10, _("life satisfaction")
            )
            answers = {
                item.field: _answer(
                    self.query_one(f"#checkin-{item.field}", Input).value, 1, 3, _(item.question)
                )
                for item in UCLA_ITEMS
            }
        except ValueError as error:
            self.query_one("#checkin-error", Static).update(str(error))
            return
        note = self.query_one("#checkin-note", Input).value.strip() or None
        self.dismiss(CheckinAnswers(life, answers, note))

    @on(Button.Pressed, "#checkin-close")
    def action_cancel(self) -> None:
        self.dismiss(None)
