"""What every screen shares: a title, and data loaded off the event loop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from detox.tui.app import DetoxApp


class DataScreen(Screen[None]):
    """A screen whose content comes from `load` (a worker thread) and goes to `show` (the UI)."""

    TITLE_TEXT = "detox"

    @property
    def detox(self) -> DetoxApp:
        from detox.tui.app import DetoxApp

        assert isinstance(self.app, DetoxApp)
        return self.app

    def on_mount(self) -> None:
        self.title = self.TITLE_TEXT
        self.sub_title = ""
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="load")
    def reload(self) -> None:
        data = self.load()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, data)

    def load(self) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError
