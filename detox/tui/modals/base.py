"""What every dialog shares: its keys listed in the user's language."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import ActiveBinding
from textual.screen import ModalScreen

from detox.tui.words import in_language

ResultT = TypeVar("ResultT")


class Modal(ModalScreen[ResultT]):
    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return in_language(super().active_bindings)
