"""The detox terminal app: screens, keys that work everywhere, and the background workers."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import get_current_worker

from detox.context import Context
from detox.errors import DetoxError
from detox.i18n import N_, _
from detox.tui.log_toasts import ToastHandler, stop_toasting, toast_warnings

if TYPE_CHECKING:
    from detox.tui.modals.mood import MoodInput
    from detox.tui.modals.reading import ReadingInput
from detox.tui.file_changes import folder_stamp
from detox.tui.screens.base import DataScreen

WATCH_SECONDS = 2.0
BACKGROUND_DELAY_SECONDS = 1.0
COLLECTOR_BACK_SECONDS = 3.0
# mode -> (key, title, module.Class). Screens are imported when first shown: the reports,
# insights and reminder modules they need would otherwise delay the first paint of Today.
SCREENS: dict[str, tuple[str, str, str]] = {
    "today": ("t", N_("Today"), "today.TodayScreen"),
    "week": ("w", N_("Week"), "week.WeekScreen"),
    "fasts": ("f", N_("Fasts"), "fasts.FastsScreen"),
    "mood": ("o", N_("Mood"), "mood.MoodScreen"),
    "reminders": ("r", N_("Reminders"), "reminders.RemindersScreen"),
    "settings": ("s", N_("Apps and settings"), "settings.SettingsScreen"),
}


def _screen_factory(where: str) -> Callable[[], Screen[None]]:
    module_name, class_name = where.split(".")

    def make() -> Screen[None]:
        module = import_module(f"detox.tui.screens.{module_name}")
        screen: Screen[None] = getattr(module, class_name)()
        return screen

    return make


class DetoxApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "detox"
    MODES = {mode: _screen_factory(where) for mode, (_, _, where) in SCREENS.items()}
    BINDINGS = [
        *(
            Binding(key, f"show('{mode}')", title, id=mode)
            for mode, (key, title, _) in SCREENS.items()
        ),
        Binding("m", "quick_mood", N_("Mood log"), id="quick-mood"),
        Binding("b", "log_reading", N_("Blood pressure"), id="log-reading"),
        Binding("question_mark", "toggle_keys", N_("Keys"), id="keys"),
        Binding("q", "quit", N_("Quit"), id="quit"),
        # Priority, so focus moves the moment Tab arrives: as an ordinary binding the focused
        # field handled Tab only after the keys that followed it in the same read were already
        # queued to it, so fast typing ("15m<Tab>…") landed in the field being left.
        Binding("tab", "app.focus_next", N_("Next field"), show=False, priority=True, id="next"),
        Binding(
            "shift+tab",
            "app.focus_previous",
            N_("Previous field"),
            show=False,
            priority=True,
            id="previous",
        ),
    ]

    def __init__(self, context: Context, track: bool = True, live: bool = True) -> None:
        super().__init__()
        self.context = context
        self.track = track
        self.live = live
        self._tracker_stop = threading.Event()
        self._tracker_thread: threading.Thread | None = None
        self._background_scheduled = False
        self._background_started = False
        self.failure: BaseException | None = None  # what ended the app, if not the user
        self._toasts: ToastHandler | None = None

    def _handle_exception(self, error: Exception) -> None:
        # Textual would print a Rich traceback with locals once the screen is restored;
        # detox.tui.run turns the failure into one line and an exit status instead.
        if self.failure is None:
            self.failure = error
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def on_mount(self) -> None:
        # detox.entry starts without the cycle collector; it is back once Today shows its data,
        # or after a few seconds of a slow first load.
        self.set_timer(COLLECTOR_BACK_SECONDS, _collector_back)
        self._toasts = toast_warnings(lambda text: self.post_message(self.Warned(text)))
        theme = self.context.settings.theme
        if theme in self.available_themes:
            self.theme = theme
        self.switch_mode("today")
        self.offer_onboarding()

    def data_shown(self) -> None:
        """A screen showed data: background work starts a moment after the first time. Started a
        second after mount instead, the tracker's thread and the file watch competed for the
        interpreter with Today's first load and paint whenever those took longer (a busy
        machine)."""
        if not self._background_scheduled:
            self._background_scheduled = True
            self.call_after_refresh(_collector_back)
            self.set_timer(BACKGROUND_DELAY_SECONDS, self._start_background)

    @work(thread=True, group="onboarding")
    def offer_onboarding(self) -> None:
        from detox.tui.first_run import is_new_user

        if is_new_user(self.context):
            from detox.tui.modals.onboarding import OnboardingModal

            self.call_from_thread(self.push_screen, OnboardingModal(self.context), self._onboarded)

    def _start_background(self) -> None:
        self._background_started = True
        if self.live:
            self.follow_files()
        if self.track:
            self.start_tracker(announce=False)
        self.post_message(self.TrackerChanged())

    def _onboarded(self, message: str | None) -> None:
        if message:
            self.notify(message)
        self.refresh_screens()

    # -- navigation -----------------------------------------------------------------------

    def action_show(self, mode: str) -> None:
        self.switch_mode(mode)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(placeholder=_("Search for commands…"), id="--command-palette")
            )

    def search_themes(self) -> None:
        self.push_screen(
            CommandPalette(
                providers=[ThemeProvider],
                placeholder=_("Search for themes…"),
            )
        )

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own (theme, quit, keys, maximize, screenshot), worded in the catalogs.
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))
        for mode, (key, title, _where) in SCREENS.items():
            yield SystemCommand(
                _("Show {screen}").format(screen=_(title)),
                _("Open the {screen} screen (key {key})").format(screen=_(title), key=key),
                lambda mode=mode: self.switch_mode(mode),
            )
        yield SystemCommand(_("Log mood"), _("Quick mood entry (key m)"), self.action_quick_mood)
        yield SystemCommand(
            _("Log blood pressure"), _("A reading, e.g. 128/82 (key b)"), self.action_log_reading
        )

    # -- mood -----------------------------------------------------------------------------

    def action_quick_mood(self) -> None:
        # The dialogs are imported when first opened, not before the first paint.
        from detox.tui.modals.mood import MoodModal

        if isinstance(self.screen, MoodModal):
            return
        self.push_screen(MoodModal(), self._save_mood)

    def _save_mood(self, result: MoodInput | None) -> None:
        if result is not None:
            self.save_mood(result)

    @work(thread=True, group="write")
    def save_mood(self, result: MoodInput) -> None:
        from detox.moodlog import record_mood

        context = self.context
        try:
            record_mood(
                context.store,
                context.device.id,
                context.clock.now(),
                result.score,
                dimensions=result.dimensions,
                tags=result.tags,
                note=result.note,
            )
        except DetoxError as error:
            self.call_from_thread(self.notify, str(error), severity="error")
            return
        self.call_from_thread(self.notify, _("Mood {score}/10 saved.").format(score=result.score))
        self.call_from_thread(self.refresh_screens)

    # -- blood pressure ---------------------------------------------------------------------

    def action_log_reading(self) -> None:
        from detox.tui.modals.reading import ReadingModal

        if not isinstance(self.screen, ReadingModal):
            self.push_screen(ReadingModal(), self._save_reading)

    def _save_reading(self, result: ReadingInput | None) -> None:
        if result is not None:
            self.save_reading(result)

    @work(thread=True, group="write")
    def save_reading(self, result: ReadingInput) -> None:
        from detox.health.readings import new_reading, reading_summary, save_reading

        context = self.context
        now = context.clock.now()
        reading = new_reading(
            "bp",
            device=context.device.id,
            now=now,
            at=now,
            systolic=result.systolic,
            diastolic=result.diastolic,
            pulse=result.pulse,
        )
        save_reading(context.store, reading)
        self.call_from_thread(
            self.notify, _("Saved {reading}.").format(reading=reading_summary(reading))
        )
        self.call_from_thread(self.refresh_screens)

    # -- live data --------------------------------------------------------------------------

    def refresh_screens(self) -> None:
        screen = self.screen
        if isinstance(screen, DataScreen):
            screen.reload()

    @work(thread=True, group="watch", exit_on_error=False)
    def follow_files(self) -> None:
        """Notice writes by other processes (the tracker service, `detox mood` in a shell)."""
        worker = get_current_worker()
        root = self.context.paths.devices_dir
        clock = self.context.clock
        last = folder_stamp(root, clock.now())
        while not worker.is_cancelled:
            time.sleep(WATCH_SECONDS)
            current = folder_stamp(root, clock.now())
            if current != last:
                last = current
                self.call_from_thread(self.refresh_screens)

    # -- tracking while the app is open -----------------------------------------------------

    class TrackerChanged(Message):
        """The in-app tracker started, is stopping or stopped: screens redraw what they say."""

    def on_detox_app_tracker_changed(self, event: DetoxApp.TrackerChanged) -> None:
        self.refresh_screens()

    def tracker_state(self) -> str:
        """ "here" (tracking in this window), "starting", "stopping" or "off" (not here; another
        process may still track, which only a read of the state folder can tell)."""
        thread = self._tracker_thread
        if thread is not None and thread.is_alive():
            return "stopping" if self._tracker_stop.is_set() else "here"
        if self.track and not self._background_started:
            return "starting"
        return "off"

    def stop_tracker_in_background(self) -> None:
        """Ask the in-app tracker to flush and stop; its thread says when it has."""
        self._tracker_stop.set()
        self.notify(_("Stopping the tracker; what it saw is being saved."))

    def start_tracker(self, announce: bool) -> None:
        from detox.tracker.presence import tracker_is_running

        if self._tracker_thread is not None and self._tracker_thread.is_alive():
            if announce:
                self.notify(_("The tracker is already running here."))
            return
        if tracker_is_running(self.context.paths):
            if announce:
                self.notify(_("A tracker is already running (the service or another window)."))
            return
        self._tracker_stop.clear()
        self._tracker_thread = threading.Thread(
            target=self._track, name="detox-tracker", daemon=True
        )
        self._tracker_thread.start()
        if announce:
            self.notify(_("Tracking while detox is open."))

    def _track(self) -> None:
        from detox.composition.tracking import track_until_stopped

        # The tracker gets a context of its own: its store and caches are not shared with the UI.
        context = Context(paths=self.context.paths, clock_override=self.context.clock_override)
        self.post_message(self.TrackerChanged())
        try:
            track_until_stopped(context, self._tracker_stop, listeners=[self._toast])
        except DetoxError as error:
            # post_message, not call_from_thread: quitting joins this thread on the event loop.
            self.post_message(self.TrackerFailed(str(error)))
        finally:
            self.post_message(self.TrackerChanged())

    class TrackerFailed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def on_detox_app_tracker_failed(self, event: DetoxApp.TrackerFailed) -> None:
        self.notify(event.text, severity="warning")

    class Warned(Message):
        """A warning of the `detox` logger (a damaged file, a failed save), from any thread."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def on_detox_app_warned(self, event: DetoxApp.Warned) -> None:
        self.notify(event.text, severity="warning", markup=False)

    def on_unmount(self) -> None:
        stop_toasting(self._toasts)
        self._toasts = None

    class Reminder(Message):
        """A notification the tracker's thread sent; shown as a toast too."""

        def __init__(self, title: str, text: str) -> None:
            super().__init__()
            self.title = title
            self.text = text

    def _toast(self, title: str, message: str, delivery: object) -> None:
        # post_message is thread-safe and does not wait, so quitting never waits on a toast.
        self.post_message(self.Reminder(title, message))

    def on_detox_app_reminder(self, event: DetoxApp.Reminder) -> None:
        self.notify(event.text, title=event.title, timeout=10, markup=False)

    async def action_quit(self) -> None:
        self.stop_tracker()
        self.exit()

    def stop_tracker(self) -> None:
        self._tracker_stop.set()
        if self._tracker_thread is not None:
            self._tracker_thread.join(timeout=10)  # it flushes before it ends


def _collector_back() -> None:
    """The cycle collector back on after start-up (detox.entry starts without it), with what
    start-up made set aside (gc.freeze): those objects live as long as the app, and walking
    them all at once would cost as much as it saved."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def create_app(context: Context | None = None, track: bool = True, live: bool = True) -> DetoxApp:
    """The one app factory, shared by the `detox` command and the tests."""
    return DetoxApp(context or Context(), track=track, live=live)
