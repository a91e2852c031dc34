"""The quick mood log: a digit sets the score (0 means 10), Enter saves, Escape closes.

Optional fields follow for those who want more: dimensions, tags, a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Collapsible, Input, Label, Static

from detox.i18n import N_, _
from detox.models import Dimension, MoodEntry
from detox.tui.modals.base import Modal

DIMENSIONS: tuple[tuple[Dimension, str], ...] = (
    ("anxiety", N_("Anxiety")),
    ("loneliness", N_("Loneliness")),
    ("self_esteem", N_("Self-esteem")),
    ("sleep_quality", N_("Sleep")),
    ("focus", N_("Focus")),
)


@dataclass(frozen=True)
class MoodInput:
    score: int
    dimensions: dict[Dimension, int] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    note: str | None = None


class MoodModal(Modal[MoodInput | None]):
    # Digits must reach the score, not an input box.
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("escape", "dismiss_none", N_("Close"), id="mood-close"),
        Binding("enter", "save", N_("Save"), id="mood-save"),
    ]

    def __init__(self, entry: MoodEntry | None = None, when: str = "") -> None:
        """`entry`: an entry to change (its values fill the form); `when` names its time."""
        super().__init__()
        self.entry = entry
        self.when = when
        self.score: int | None = entry.score if entry else None

    def compose(self) -> ComposeResult:
        with Vertical(id="mood-dialog"):
            entry = self.entry
            title = (
                _("Change the entry of {when}").format(when=self.when)
                if entry
                else _("How do you feel right now?")
            )
            yield Label(title, classes="dialog-title")
            yield Static(self._score_text(), id="mood-score")
            with Collapsible(
                title=_("More: how you slept, focus, tags, a note"),
                id="mood-more",
                collapsed=not (entry and (entry.dimensions or entry.tags or entry.note)),
            ):
                with Grid(id="mood-dimensions"):
                    for key, label in DIMENSIONS:
                        yield Label(_("{dimension} 1-10").format(dimension=_(label)))
                        value = entry.dimensions.get(key) if entry else None
                        yield Input(
                            str(value) if value else "",
                            placeholder="-",
                            id=f"dim-{key}",
                            type="integer",
                            max_length=2,
                            compact=True,
                        )
                yield Input(
                    " ".join(entry.tags) if entry else "",
                    placeholder=_("tags: walk friends work"),
                    id="mood-tags",
                    compact=True,
                )
                yield Input(
                    (entry.note or "") if entry else "",
                    placeholder=_("a note"),
                    id="mood-note",
                    compact=True,
                )
            yield Static("", id="mood-error")
            yield Label(_("Enter saves, Tab moves to more, Escape closes."), classes="hint")

    def on_mount(self) -> None:
        # Nothing focused: digits set the score and Enter saves. Tab reaches the optional fields.
        self.call_after_refresh(self.set_focus, None)

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, Input):
            return
        if event.character and event.character.isdigit():
            self.score = 10 if event.character == "0" else int(event.character)
            self.query_one("#mood-score", Static).update(self._score_text())
            event.stop()

    def _score_text(self) -> str:
        if self.score is None:
            return _("Press 1-9, or 0 for 10.")
        return _("Score: {score}/10  (a digit changes it; Enter saves)").format(score=self.score)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        error = self.query_one("#mood-error", Static)
        if self.score is None:
            error.update(_("Pick a score first: a digit 1-9, or 0 for 10."))
            return
        dimensions: dict[Dimension, int] = {}
        for key, label in DIMENSIONS:
            raw = self.query_one(f"#dim-{key}", Input).value.strip()
            if not raw:
                continue
            value = int(raw) if raw.isdigit() else 0
            if not 1 <= value <= 10:
                error.update(_("{dimension} must be 1-10.").format(dimension=_(label)))
                return
            dimensions[key] = value
        tags = sorted({t.lower() for t in self.query_one("#mood-tags", Input).value.split() if t})
        note = self.query_one("#mood-note", Input).value.strip() or None
        self.dismiss(MoodInput(self.score, dimensions, tags, note))
