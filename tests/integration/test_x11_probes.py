"""The X11 probes against a real X server (Xvfb), real openbox, real xterm."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from Xlib import X, Xatom
from Xlib.display import Display

from detox.tracker.probes.base import FocusedWindow, ProbeUnavailable
from detox.tracker.probes.x11 import X11FocusProbe, X11IdleProbe
from tests.x11_session import (
    TEST_WM_CLASS,
    PythonWindow,
    focus_window,
    open_window,
    open_windows,
    send_input,
    x11_display,
    xterm_window,
)

pytestmark = pytest.mark.x11

SOCIAL_TITLES = [
    "(3) Facebook - Chromium",
    "微博 - 微博首页",
    "카카오톡",
    "ВКонтакте — Mozilla Firefox",
]
APP = TEST_WM_CLASS[1]


@pytest.fixture(scope="module")
def wm_display() -> Iterator[str]:
    with x11_display(window_manager=True) as display:
        yield display


@pytest.fixture(scope="module")
def bare_display() -> Iterator[str]:
    """An X server with no window manager: no _NET_ACTIVE_WINDOW, only the input focus."""
    with x11_display(window_manager=False) as display:
        yield display


@pytest.fixture
def wm_probe(wm_display: str) -> Iterator[X11FocusProbe]:
    probe = X11FocusProbe(wm_display)
    yield probe
    probe.close()


@pytest.fixture
def bare_probe(bare_display: str) -> Iterator[X11FocusProbe]:
    probe = X11FocusProbe(bare_display)
    yield probe
    probe.close()


def test_the_activated_window_is_reported_with_title_pid_and_app(
    wm_display: str, wm_probe: X11FocusProbe
) -> None:
    windows = open_windows(wm_display, SOCIAL_TITLES)
    try:
        for window, title in zip(reversed(windows), reversed(SOCIAL_TITLES), strict=True):
            window.activate()
            assert wm_probe.focused() == FocusedWindow(title=title, pid=window.pid, app_name=APP)
    finally:
        for window in windows:
            window.close()


def test_a_title_change_is_seen_on_the_next_query(wm_display: str, wm_probe: X11FocusProbe) -> None:
    with open_window(wm_display, "New Tab - Chromium") as window:
        window.activate()
        window.set_title("Instagram - Chromium")
        focused = wm_probe.focused()
        assert focused is not None and focused.title == "Instagram - Chromium"


@pytest.mark.parametrize("title", ["Café Wien", "微信 — WeChat"], ids=["STRING", "UTF8_STRING"])
def test_a_window_with_only_the_legacy_wm_name_is_read(
    wm_display: str, wm_probe: X11FocusProbe, title: str
) -> None:
    with open_window(wm_display, title, net_wm_name=False) as window:
        window.activate()
        assert wm_probe.focused() == FocusedWindow(title=title, pid=window.pid, app_name=APP)


XTERM_TITLES = [
    "微博 - 微博首页",
    "카카오톡",
    "ВКонтакте",
    "LINE — トーク",
    "r/python - Reddit — Mozilla Firefox",
]


def test_xterm_compound_text_titles_read_back_exactly(
    wm_display: str, wm_probe: X11FocusProbe
) -> None:
    xterms = [xterm_window(wm_display, title) for title in XTERM_TITLES]
    try:
        for xterm, title in zip(xterms, XTERM_TITLES, strict=True):
            # Guard the premise: only WM_NAME, and as COMPOUND_TEXT.
            assert xterm.raw_property("_NET_WM_NAME") is None
            wm_name = xterm.raw_property("WM_NAME")
            assert wm_name is not None and wm_name[0] == "COMPOUND_TEXT"
            xterm.activate()
            assert wm_probe.focused() == FocusedWindow(title=title, pid=xterm.pid, app_name="XTerm")
    finally:
        for xterm in xterms:
            xterm.close()


def test_an_xterm_title_set_by_its_shell_is_followed(
    wm_display: str, wm_probe: X11FocusProbe
) -> None:
    with xterm_window(wm_display, "bash") as xterm:
        xterm.activate()
        xterm.set_title("ВКонтакте — Mozilla Firefox")
        focused = wm_probe.focused()
        assert focused is not None and focused.title == "ВКонтакте — Mozilla Firefox"


def test_without_a_window_manager_the_input_focus_is_followed(
    bare_display: str, bare_probe: X11FocusProbe
) -> None:
    with (
        open_window(bare_display, "Telegram") as first,
        open_window(bare_display, "Discord") as second,
    ):
        assert not _root_has(bare_display, "_NET_ACTIVE_WINDOW")
        second.activate()
        assert bare_probe.focused() == FocusedWindow("Discord", second.pid, APP)
        first.activate()
        assert bare_probe.focused() == FocusedWindow("Telegram", first.pid, APP)


def test_focus_on_an_inner_window_is_traced_to_its_top_level_window(
    bare_display: str, bare_probe: X11FocusProbe
) -> None:
    # Toolkits often focus a child window inside the top-level one (a focus proxy).
    with open_window(bare_display, "Slack") as window:
        focus_window(bare_display, window.inner_window_id)
        assert bare_probe.focused() == FocusedWindow("Slack", window.pid, APP)


def test_nothing_focused_is_none_not_the_window_managers_own_window() -> None:
    # With no client window, openbox parks the input focus on its hidden "Openbox" window.
    with x11_display(window_manager=True) as display:
        probe = X11FocusProbe(display)
        try:
            assert probe.focused() is None
        finally:
            probe.close()


def test_an_active_window_destroyed_before_the_query_is_a_miss() -> None:
    # Openbox leaves _NET_ACTIVE_WINDOW naming a closed window until something else gets focus;
    # set it by hand so the stale id is certain.
    with x11_display(window_manager=False) as display:
        probe = X11FocusProbe(display)
        try:
            with open_window(display, "Reddit") as window:
                _set_root_active_window(display, window.window_id)
                assert probe.focused() == FocusedWindow("Reddit", window.pid, APP)
            assert probe.focused() is None
        finally:
            probe.close()


def _reopen_with_same_id(display: str, title: str, window_id: int) -> PythonWindow:
    """A new window (new process) that the X server gave `window_id` again.

    A client's window ids come from the id range the server hands it on connecting; once a
    client disconnects, the next one gets its range, so the first window usually repeats the id.
    """
    for _ in range(20):
        window = open_window(display, title, process_name="chromium")
        if window.window_id == window_id:
            return window
        window.close()
        time.sleep(0.05)  # the server had not released the old client yet
    pytest.fail(f"the X server never reused window id {window_id:#x}")


def test_a_window_id_reused_by_a_new_process_is_traced_to_the_new_process(
    wm_display: str, wm_probe: X11FocusProbe
) -> None:
    # A browser closed and restarted at once, same title in front: the tracker must not keep
    # the dead process (whose name is gone, so nothing would be counted).
    title = "(3) Facebook - Chromium"
    with open_window(wm_display, title, process_name="chromium") as first:
        first.activate()
        assert wm_probe.focused() == FocusedWindow(title, first.pid, APP)
        old_id, old_pid = first.window_id, first.pid
    with _reopen_with_same_id(wm_display, title, old_id) as second:
        second.activate()
        assert second.pid != old_pid
        assert wm_probe.focused() == FocusedWindow(title, second.pid, APP)


def test_a_new_title_reads_the_owner_again(wm_display: str, wm_probe: X11FocusProbe) -> None:
    with open_window(wm_display, "New Tab - Chromium") as window:
        window.activate()
        assert wm_probe.focused() == FocusedWindow("New Tab - Chromium", window.pid, APP)
        # The window now claims another (live) process, as a re-parented or re-used one would.
        conn = Display(wm_display)
        try:
            target = conn.create_resource_object("window", window.window_id)
            target.change_property(
                conn.intern_atom("_NET_WM_PID"), Xatom.CARDINAL, 32, [os.getpid()]
            )
            conn.sync()
        finally:
            conn.close()
        window.set_title("Instagram - Chromium")
        assert wm_probe.focused() == FocusedWindow("Instagram - Chromium", os.getpid(), APP)


def test_windows_closing_while_queried_never_raise(
    wm_display: str, wm_probe: X11FocusProbe
) -> None:
    windows = open_windows(wm_display, [f"TikTok {n}" for n in range(8)])
    windows[-1].activate()
    results: list[FocusedWindow | None] = []

    def close_all() -> None:
        for window in reversed(windows):
            window.close()
            time.sleep(0.02)

    closer = threading.Thread(target=close_all)
    closer.start()
    try:
        while closer.is_alive():
            results.append(wm_probe.focused())  # must not raise whatever state X is in
    finally:
        closer.join()
    results.append(wm_probe.focused())
    assert results[-1] is None or not results[-1].title.startswith("TikTok")
    assert any(result is not None and result.title.startswith("TikTok") for result in results)


def test_idle_time_grows_without_input_and_resets_on_input(bare_display: str) -> None:
    probe = X11IdleProbe(bare_display)
    try:
        send_input(bare_display)
        time.sleep(1.5)
        idle = probe.idle_seconds()
        assert idle is not None and idle >= 1.0
        send_input(bare_display)
        after = probe.idle_seconds()
        assert after is not None and after < 1.0
    finally:
        probe.close()


def test_idle_probe_is_unavailable_without_the_screensaver_extension() -> None:
    without_screensaver = ["-extension", "MIT-SCREEN-SAVER"]
    with (
        x11_display(window_manager=False, xvfb_args=without_screensaver) as display,
        pytest.raises(ProbeUnavailable, match="MIT-SCREEN-SAVER"),
    ):
        X11IdleProbe(display)


def test_both_probes_can_share_one_connection(bare_display: str) -> None:
    connection = Display(bare_display)
    try:
        focus = X11FocusProbe(connection=connection)
        idle = X11IdleProbe(connection=connection)
        with open_window(bare_display, "Mastodon") as window:
            window.activate()
            focus.close()  # a lent connection stays open for the other probe
            assert idle.idle_seconds() is not None
            assert X11FocusProbe(connection=connection).focused() == FocusedWindow(
                "Mastodon", window.pid, APP
            )
    finally:
        connection.close()


def test_no_display_set_is_unavailable_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    with pytest.raises(ProbeUnavailable, match="DISPLAY"):
        X11FocusProbe()
    with pytest.raises(ProbeUnavailable, match="DISPLAY"):
        X11IdleProbe()


def test_a_display_that_is_gone_is_unavailable() -> None:
    with x11_display(window_manager=False) as display:
        pass
    with pytest.raises(ProbeUnavailable, match=f"cannot connect to X display {display}"):
        X11FocusProbe(display)


def _root_has(display: str, atom_name: str) -> bool:
    conn = Display(display)
    try:
        root = conn.screen().root
        return root.get_full_property(conn.intern_atom(atom_name), X.AnyPropertyType) is not None
    finally:
        conn.close()


def _set_root_active_window(display: str, window_id: int) -> None:
    conn = Display(display)
    try:
        atom = conn.intern_atom("_NET_ACTIVE_WINDOW")
        conn.screen().root.change_property(atom, Xatom.WINDOW, 32, [window_id])
        conn.sync()
    finally:
        conn.close()
