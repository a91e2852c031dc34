"""`detox track` end to end: a real X server and window manager, windows activated on a script,
a real tracker process, and `detox status` afterwards.

The windows are small python-xlib programs renamed (prctl) to chromium, firefox, gedit and
discord, so the tracker takes them for those programs. Input is sent every half second while the
script says the user is there; the totals must match the script within one sampling interval plus
one second per switch in or out of the app (and the half second `detox status` rounds away).
"""

from __future__ import annotations

import json
import re
import signal
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.tracker_process import DetoxHome
from tests.x11_session import (
    PythonWindow,
    focus_window,
    has_window_manager,
    open_window,
    send_input,
    x11_display,
)

pytestmark = pytest.mark.x11

INTERVAL = 0.5
IDLE_THRESHOLD = 10  # the lowest `--idle-threshold` accepts
INPUT_EVERY = 0.5
STATUS_ROUNDING = 0.5  # `detox status --json` rounds seconds to whole ones

# (key, title, process the window's owner is renamed to, catalog app or None)
WINDOWS = [
    ("facebook", "(3) Facebook - Chromium", "chromium", "facebook"),
    ("reddit", "r/python - Reddit — Mozilla Firefox", "firefox", "reddit"),
    ("x", "Home / X", "chromium", "x"),
    ("notes", "notes.txt - gedit", "gedit", None),
    ("discord", "#general | Study Group - Discord", "discord", "discord"),
    ("weibo", "我的首页 - 微博 - Chromium", "chromium", "weibo"),
    ("naver", "자유게시판 : 네이버 카페 - Chromium", "chromium", "naver"),
    ("vk", "ВКонтакте — Mozilla Firefox", "firefox", "vk"),
]
TITLES = {key: title for key, title, _, _ in WINDOWS}
APPS = {key: app for key, _, _, app in WINDOWS}
# Parts of the titles that only a stored title could put in a file.
TITLE_FRAGMENTS = [
    "(3) Facebook",
    "r/python",
    "Home / X",
    "notes.txt",
    "#general",
    "Study Group",
    "我的首页",
    "자유게시판",
    "ВКонтакте",
    "Mozilla Firefox",
    "Chromium",
]


class Script:
    """Puts windows in front for set times with input every half second, and keeps the truth:
    how long each app was in front with the user present, and how often it was switched."""

    def __init__(self, display: str, windows: dict[str, PythonWindow]) -> None:
        self.display = display
        self.windows = windows
        self.truth: defaultdict[str, float] = defaultdict(float)
        self.switches: Counter[str] = Counter()
        # (app or None, from, to) in wall time, each stretch the script held one state.
        self.phases: list[tuple[str | None, datetime, datetime]] = []
        self.last_input: datetime | None = None
        self._last_input_mono = 0.0
        self._app: str | None = None
        self._since = time.monotonic()

    def show(self, key: str, seconds: float) -> None:
        """Bring the window `key` (of WINDOWS) to the front, and use it for `seconds`."""
        self.windows[key].activate()
        self._switch_to(APPS[key], time.monotonic())
        self._busy(seconds)

    def leave(self, seconds: float) -> None:
        """No input for `seconds`: what is in front counts up to the last input only."""
        self._switch_to(None, self._last_input_mono)
        time.sleep(seconds)

    def end(self) -> None:
        self._switch_to(None, time.monotonic())

    def _busy(self, seconds: float) -> None:
        until = time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0:
            send_input(self.display)
            self._last_input_mono = time.monotonic()
            self.last_input = datetime.now(UTC)
            time.sleep(min(INPUT_EVERY, left))

    def _switch_to(self, app: str | None, at: float) -> None:
        self.phases.append((self._app, _wall(self._since), _wall(at)))
        if self._app is not None:
            self.truth[self._app] += at - self._since
            self.switches[self._app] += 1
        if app is not None:
            self.switches[app] += 1
        self._app, self._since = app, at

    def tolerance(self, app: str) -> float:
        return INTERVAL + 1.0 * self.switches[app] + STATUS_ROUNDING


def _wall(monotonic: float) -> datetime:
    return datetime.now(UTC) - timedelta(seconds=time.monotonic() - monotonic)


@dataclass
class Run:
    home: DetoxHome
    script: Script
    seconds: dict[str, int]
    exit_code: int
    verbose: list[str]
    stderr: str
    files: dict[Path, bytes] = field(default_factory=dict)


def open_all(display: str, keys: list[str]) -> dict[str, PythonWindow]:
    windows: dict[str, PythonWindow] = {}
    by_key = {key: (title, process) for key, title, process, _ in WINDOWS}
    try:
        for key in keys:
            title, process = by_key[key]
            windows[key] = open_window(display, title, process_name=process)
    except BaseException:
        close_all(windows)
        raise
    return windows


def close_all(windows: dict[str, PythonWindow]) -> None:
    for window in windows.values():
        window.close()


@pytest.fixture(scope="module")
def wm_display() -> Iterator[str]:
    with x11_display(window_manager=True) as display:
        yield display


@pytest.fixture(scope="module")
def scripted(wm_display: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """One tracker run through every window, ending with the user gone past the threshold."""
    home = DetoxHome(tmp_path_factory.mktemp("scripted"), wm_display)
    home.write_config()
    windows = open_all(wm_display, [key for key, *_ in WINDOWS])
    try:
        script = Script(wm_display, windows)
        windows["notes"].activate()
        with home.tracker(interval=INTERVAL, idle_threshold=IDLE_THRESHOLD) as tracker:
            tracker.wait_for_samples()
            script.show("facebook", 3.0)
            script.show("reddit", 3.0)
            script.show("notes", 2.0)
            script.show("discord", 3.0)
            script.show("weibo", 2.5)
            script.show("naver", 2.5)
            script.show("vk", 2.5)
            script.show("facebook", 2.0)
            script.show("x", 3.0)
            script.leave(IDLE_THRESHOLD + 2.0)
            script.end()
            exit_code = tracker.stop(signal.SIGTERM)
        yield Run(
            home,
            script,
            home.seconds(),
            exit_code,
            tracker.lines,
            tracker.stderr,
            home.all_bytes(),
        )
    finally:
        close_all(windows)


def test_the_tracker_stops_cleanly_after_sigterm(scripted: Run) -> None:
    assert scripted.exit_code == 0


def test_per_app_totals_match_the_script(scripted: Run) -> None:
    script = scripted.script
    assert scripted.seconds.keys() == script.truth.keys()
    for app, truth in script.truth.items():
        counted = scripted.seconds[app]
        assert abs(counted - truth) <= script.tolerance(app), (app, counted, truth)


def test_time_is_counted_only_while_its_app_was_in_front(scripted: Run) -> None:
    # Every stored span lies inside a stretch when the script had its app in front, give or take
    # one sample; nothing is counted while the gedit window or nothing was in front.
    slack = timedelta(seconds=INTERVAL + STATUS_ROUNDING)
    spans = scripted.home.spans()
    assert spans
    for span in spans:
        assert any(
            app == span.app and start - slack <= span.start and span.end <= end + slack
            for app, start, end in scripted.script.phases
        ), (span.app, span.start, span.end, scripted.script.phases)


def test_chinese_korean_and_cyrillic_titles_are_matched(scripted: Run) -> None:
    for app in ("weibo", "naver", "vk"):
        assert scripted.seconds.get(app, 0) >= 1, (app, scripted.seconds)


def test_an_idle_stretch_adds_nothing_past_the_last_input(scripted: Run) -> None:
    # "x" was in front last: three seconds of use, then twelve without input.
    x_spans = [span for span in scripted.home.spans() if span.app == "x"]
    assert len(x_spans) == 1
    last_input = scripted.script.last_input
    assert last_input is not None
    # The tracker takes "now" just after asking for the idle time; a busy machine may pause it.
    assert abs((x_spans[0].end - last_input).total_seconds()) <= INTERVAL + 0.5
    assert scripted.seconds["x"] <= scripted.script.truth["x"] + scripted.script.tolerance("x")


def test_window_titles_are_written_nowhere(scripted: Run) -> None:
    assert scripted.files, "the run wrote no files at all"
    for fragment in TITLE_FRAGMENTS:
        # Raw UTF-8 as well as JSON's \\uXXXX escapes of non-ASCII text.
        forms = {fragment.encode("utf-8"), json.dumps(fragment)[1:-1].encode("ascii")}
        for path, data in scripted.files.items():
            assert not any(form in data for form in forms), (fragment, path)


VERBOSE_LINE = re.compile(
    r"^(?P<time>\d\d:\d\d:\d\d)\s+(?P<app>\S+)\s+(?P<source>browser|window|none)"
    r"\s+idle\s+(?P<idle>\d+\.\d)s$"
)


def test_verbose_lines_show_time_app_source_and_idle_never_the_title(scripted: Run) -> None:
    seen: set[tuple[str, str]] = set()
    idle: list[float] = []
    for line in scripted.verbose:
        match = VERBOSE_LINE.match(line)
        assert match, line
        seen.add((match["app"], match["source"]))
        idle.append(float(match["idle"]))
    assert {("facebook", "browser"), ("discord", "window"), ("-", "none")} <= seen
    assert {app for app, _ in seen} == {*scripted.script.truth, "-"}
    assert max(idle) >= IDLE_THRESHOLD  # the user left at the end
    output = "\n".join(scripted.verbose) + scripted.stderr
    for fragment in TITLE_FRAGMENTS:
        assert fragment not in output, fragment


def test_titles_are_kept_with_the_span_when_the_user_opts_in(
    wm_display: str, tmp_path: Path
) -> None:
    home = DetoxHome(tmp_path / "home", wm_display)
    home.write_config(store_titles=True)
    windows = open_all(wm_display, ["notes", "facebook", "vk"])
    try:
        windows["notes"].activate()
        script = Script(wm_display, windows)
        with home.tracker(interval=INTERVAL) as tracker:
            tracker.wait_for_samples()
            script.show("facebook", 2.0)
            script.show("vk", 2.0)
            script.end()
            assert tracker.stop(signal.SIGTERM) == 0
    finally:
        close_all(windows)
    titles = {span.app: span.title for span in home.spans()}
    assert titles == {"facebook": TITLES["facebook"], "vk": TITLES["vk"]}


def test_without_a_window_manager_the_focused_window_is_counted(tmp_path: Path) -> None:
    with x11_display(window_manager=False) as display:
        assert not has_window_manager(display)
        home = DetoxHome(tmp_path / "home", display)
        home.write_config()
        windows = open_all(display, ["notes", "facebook"])
        try:
            focus_window(display, windows["notes"].window_id)  # what a click does without a WM
            script = Script(display, windows)
            with home.tracker(interval=INTERVAL) as tracker:
                tracker.wait_for_samples()
                # Without a window manager, activating a window only moves the input focus.
                script.show("facebook", 3.0)
                script.show("notes", 1.0)
                script.end()
                assert tracker.stop(signal.SIGTERM) == 0
        finally:
            close_all(windows)
        seconds = home.seconds()
        assert seconds.keys() == {"facebook"}
        assert abs(seconds["facebook"] - script.truth["facebook"]) <= script.tolerance("facebook")
