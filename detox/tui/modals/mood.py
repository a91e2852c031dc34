"""The quick mood log: a digit sets the score (0 means 10), Enter saves, Escape closes.

Optional fields follow for those who want more: dimensions, tags, a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Collapsible, Input, Label, Static

from detox.models import Dimension

DIMENSIONS: tuple[tuple[Dimension, str], ...] = (
    ("anxiety", "Anxiety"),
    ("loneliness", "Loneliness"),
    ("self_esteem", "Self-esteem"),
    ("sleep_quality", "Sleep"),
    ("focus", "Focus"),
)


@dataclass(frozen=True)
class MoodInput:
    score: int
    dimensions: dict[Dimension, int] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    note: str | None = None


class MoodModal(ModalScreen[MoodInput | None]):
    # Digits must reach the score, not an input box.
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("escape", "dismiss_none", "Close", id="mood-close"),
        Binding("enter", "save", "Save", id="mood-save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.score: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="mood-dialog"):
            yield Label("How do you feel right now?", classes="dialog-title")
            yield Static("Press 1-9, or 0 for 10.", id="mood-score")
            with Collapsible(title="More: how you slept, focus, tags, a note", id="mood-more"):
                with Grid(id="mood-dimensions"):
                    for key, label in DIMENSIONS:
                        yield Label(f"{label} 1-10")
                        yield Input(id=f"dim-{key}", type="integer", max_length=2, compact=True)
                yield Input(placeholder="tags: walk friends work", id="mood-tags", compact=True)
                yield Input(placeholder="a note", id="mood-note", compact=True)
            yield Static("", id="mood-error")
            yield Label("Enter saves, Tab moves to more, Escape closes.", classes="hint")

    def on_mount(self) -> None:
        # Nothing focused: digits set the score and Enter saves. Tab reaches the optional fields.
        self.call_after_refresh(self.set_focus, None)

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, Input):
            return
        if event.character and event.character.isdigit():
            self.score = 10 if event.character == "0" else int(event.character)
            self.query_one("#mood-score", Static).update(f"Score: {self.score}/10  (Enter saves)")
            event.stop()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        error = self.query_one("#mood-error", Static)
        if self.score is None:
            error.update("Pick a score first: a digit 1-9, or 0 for 10.")
            return
        dimensions: dict[Dimension, int] = {}
        for key, label in DIMENSIONS:
            raw = self.query_one(f"#dim-{key}", Input).value.strip()
            if not raw:
                continue
            value = int(raw) if raw.isdigit() else 0
            if not 1 <= value <= 10:
                error.update(f"{label} must be 1-10.")
                return
            dimensions[key] = value
        tags = sorted({t.lower() for t in self.query_one("#mood-tags", Input).value.split() if t})
        note = self.query_one("#mood-note", Input).value.strip() or None
        self.dismiss(MoodInput(self.score, dimensions, tags, note))
