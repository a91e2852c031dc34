"""What every screen shares: a title, and data loaded off the event loop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import ActiveBinding
from textual.screen import Screen
from textual.worker import get_current_worker

from detox.i18n import _
from detox.tui.words import in_language

if TYPE_CHECKING:
    from detox.tui.app import DetoxApp


class DataScreen(Screen[None]):
    """A screen whose content comes from `load` (a worker thread) and goes to `show` (the UI)."""

    TITLE_TEXT = "detox"  # marked with N_ in each screen, translated when shown

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return in_language(super().active_bindings)

    @property
    def detox(self) -> DetoxApp:
        from detox.tui.app import DetoxApp

        assert isinstance(self.app, DetoxApp)
        return self.app

    _suspended = False

    # Textual calls the on_mount of every class of a screen, so a screen's own set-up goes in
    # __init__: a subclass's on_mount calling this one as well started a second load.
    def on_mount(self) -> None:
        self.title = _(self.TITLE_TEXT)
        self.sub_title = ""
        self.reload()  # at once, so the data is on its way before anything can be typed

    def on_screen_suspend(self) -> None:
        self._suspended = True

    def on_screen_resume(self) -> None:
        # A screen shown for the first time is sent two resumes (as its mode is made and as it
        # is switched to), right after the load on mount: loading again then tripled the
        # first paint's work and could overwrite what was typed meanwhile. A resume after
        # another screen or a dialog was in front reloads.
        if self._suspended:
            self._suspended = False
            self.reload()

    _generation = 0
    shown_generation = 0
    """The newest load on screen; equal to the number of loads asked for once all arrived."""

    @property
    def is_current(self) -> bool:
        """Whether what is on screen comes from the newest load asked for."""
        return self._generation > 0 and self.shown_generation == self._generation

    def reload(self) -> None:
        # Each load is numbered and only the newest is shown. Cancelling the older one instead
        # (exclusive workers) made anyone waiting on it, such as a test, fail with
        # WorkerCancelled when a resume and a mount both asked for data.
        self._generation += 1
        self._load(self._generation)

    @work(thread=True, group="load")
    def _load(self, generation: int) -> None:
        data = self.load()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_if_newest, generation, data)

    def _show_if_newest(self, generation: int, data: Any) -> None:
        if generation == self._generation:
            self.show(data)
            self.shown_generation = generation
            self.detox.data_shown()

    def load(self) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError
