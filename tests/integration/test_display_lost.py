"""`detox track` when its X server goes away (a logout, a crash): the time tracked until then is
on disk, it says "display lost, tracked time saved" and exits 3 (README, "Exit codes"), never
`internal error: ConnectionClosedError`."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from detox.exitcodes import ExitCode
from tests.tracker_process import DetoxHome
from tests.x11_session import XServer, open_window, x11_server

pytestmark = [pytest.mark.slow, pytest.mark.x11]

FACEBOOK_TITLE = "(3) Facebook - Chromium"


@pytest.fixture
def server() -> Iterator[XServer]:
    with x11_server(window_manager=True) as server:
        yield server


def facebook_seconds(home: DetoxHome) -> float:
    return sum(span.duration for span in home.spans() if span.app == "facebook")


def test_killing_the_x_server_saves_the_time_and_exits_3(server: XServer, tmp_path: Path) -> None:
    home = DetoxHome(tmp_path / "home", server.display)
    home.write_config(flush_interval=600)  # nothing reaches the disk unless the exit saves it
    window = open_window(server.display, FACEBOOK_TITLE, process_name="chromium")
    window.activate()
    with home.tracker(interval=0.5) as tracker:
        tracker.wait_for_samples(6)
        assert facebook_seconds(home) == 0
        server.kill()
        code = tracker.wait()
        said = tracker.stderr
    assert code == ExitCode.DISPLAY_LOST, said
    assert int(ExitCode.DISPLAY_LOST) == 3
    assert "detox: display lost, tracked time saved" in said
    assert "internal error" not in said and "Traceback" not in said
    assert facebook_seconds(home) >= 2.0
    window.close()


def test_sigterm_as_the_x_server_goes_also_saves_and_exits_3(
    server: XServer, tmp_path: Path
) -> None:
    home = DetoxHome(tmp_path / "home", server.display)
    home.write_config(flush_interval=600)
    window = open_window(server.display, FACEBOOK_TITLE, process_name="chromium")
    window.activate()
    # A long interval: the tracker is asleep between two samples when both arrive, as at logout.
    with home.tracker(interval=3) as tracker:
        tracker.wait_for_samples(3)
        server.kill()
        code = tracker.stop(signal.SIGTERM)
        said = tracker.stderr
    assert code == ExitCode.DISPLAY_LOST, said
    assert "detox: display lost, tracked time saved" in said
    assert "internal error" not in said and "Traceback" not in said
    assert facebook_seconds(home) >= 5.0
    window.close()
