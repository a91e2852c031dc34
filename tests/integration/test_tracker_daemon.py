"""The tracker as a daemon: signals, the one-tracker lock, crashes, `doctor`, `--verbose`, the
service commands; and the Tracker loop itself with fake probes and a fixed clock.

The process tests run a real `detox track` against a real X server with a window that looks like
a Facebook tab in Chromium, with input every half second (the user is there).
"""

from __future__ import annotations

import json
import logging
import re
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from detox.catalog import Catalog
from detox.cli import cli
from detox.clock import FixedClock
from detox.context import Context
from detox.exitcodes import ExitCode
from detox.models import UsageSpan
from detox.paths import Paths
from detox.store import Store
from detox.tracker.daemon import Tracker
from detox.tracker.heartbeat import MergeSettings
from detox.tracker.observation import Observation, RunningApps, TickHook
from detox.tracker.probes.base import FocusedWindow
from detox.tracker.probes.process import ProcessProbe
from detox.tracker.sampler import Sampler
from tests.tracker_process import DetoxHome
from tests.x11_session import PythonWindow, open_window, send_input, x11_display

INTERVAL = 0.5
STATUS_ROUNDING = 0.5  # `detox status --json` rounds seconds to whole ones
FACEBOOK_TITLE = "(3) Facebook - Chromium"


# --- the `detox track` process ------------------------------------------------------------------


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    with x11_display(window_manager=True) as name:
        yield name


@pytest.fixture(scope="module")
def facebook(display: str) -> Iterator[PythonWindow]:
    with open_window(display, FACEBOOK_TITLE, process_name="chromium") as window:
        yield window


@pytest.fixture
def home(display: str, tmp_path: Path) -> DetoxHome:
    home = DetoxHome(tmp_path / "home", display)
    home.write_config()
    return home


def stay_busy(display: str, seconds: float) -> None:
    """The user at the keyboard: input every half second."""
    until = time.monotonic() + seconds
    while (left := until - time.monotonic()) > 0:
        send_input(display)
        time.sleep(min(0.5, left))


STOP_SIGNALS = [signal.SIGTERM, signal.SIGINT, signal.SIGHUP]


@pytest.mark.x11
def test_sigterm_sigint_and_sighup_each_save_the_time_and_exit_cleanly(
    display: str, facebook: PythonWindow, tmp_path: Path
) -> None:
    # One tracker per signal, side by side on their own homes, all watching the same window.
    # The default flush interval is 30 s: anything stored was written on the way out.
    homes = {signum: DetoxHome(tmp_path / signum.name, display) for signum in STOP_SIGNALS}
    for home in homes.values():
        home.write_config()
    facebook.activate()
    truth: dict[signal.Signals, float] = {}
    with ExitStack() as running:
        trackers = {
            signum: running.enter_context(home.tracker(interval=INTERVAL))
            for signum, home in homes.items()
        }
        started = {signum: tracker.wait_for_samples() for signum, tracker in trackers.items()}
        stay_busy(display, 2.5)
        for signum, tracker in trackers.items():
            assert tracker.stop(signum) == 0, (signum.name, tracker.stderr)
            truth[signum] = time.monotonic() - started[signum]
            assert "time saved" in tracker.stderr, signum.name
    for signum, home in homes.items():
        counted = home.seconds().get("facebook", 0)
        allowed = INTERVAL + 1.0 + STATUS_ROUNDING
        assert abs(counted - truth[signum]) <= allowed, (signum.name, counted, truth[signum])


@pytest.mark.x11
def test_a_second_tracker_is_refused_and_names_the_first(
    display: str, facebook: PythonWindow, home: DetoxHome
) -> None:
    facebook.activate()
    with home.tracker(interval=INTERVAL) as first:
        first.wait_for_samples()
        second = home.run("track", "--interval", "0.5")
        assert first.stop() == 0
    assert second.returncode == 2
    assert second.stdout == ""
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1, second.stderr
    assert re.search(rf"\bpid {first.pid}\b", lines[0]), lines[0]
    assert "already running" in lines[0]


@pytest.mark.x11
def test_kill_9_loses_at_most_one_flush_interval_and_frees_the_lock(
    display: str, facebook: PythonWindow, home: DetoxHome
) -> None:
    flush_interval = 2.0
    home.write_config(flush_interval=flush_interval)
    facebook.activate()
    with home.tracker(interval=INTERVAL) as tracker:
        started = tracker.wait_for_samples()
        stay_busy(display, 4.0)
        tracker.popen.send_signal(signal.SIGKILL)
        truth = time.monotonic() - started
        assert tracker.wait() == -signal.SIGKILL
    counted = home.seconds().get("facebook", 0)
    assert counted >= truth - flush_interval - INTERVAL - STATUS_ROUNDING, (counted, truth)
    assert counted <= truth + INTERVAL + STATUS_ROUNDING, (counted, truth)

    assert home.json("doctor")["tracker"]["running"] is False
    with home.tracker(interval=INTERVAL) as restarted:  # the dead tracker's lock died with it
        restarted.wait_for_samples()
        assert restarted.stop() == 0
    assert home.seconds().get("facebook", 0) >= counted


@pytest.mark.x11
def test_doctor_shows_the_running_tracker_its_last_sample_and_the_x11_probes(
    display: str, facebook: PythonWindow, home: DetoxHome
) -> None:
    facebook.activate()
    with home.tracker(interval=INTERVAL) as tracker:
        tracker.wait_for_samples(2)
        send_input(display)
        report = home.json("doctor")
        assert tracker.stop() == 0
    assert report["display_server"] == "x11"
    assert report["mode"] == "focused window"
    assert report["focus_probe"] == "x11"
    assert report["idle_probe"] == "x11-screensaver"
    working = {(probe["kind"], probe["name"]) for probe in report["probes"] if probe["ok"]}
    assert {("focus", "x11"), ("idle", "x11-screensaver")} <= working
    running = report["tracker"]
    assert running["running"] is True
    assert running["pid"] == tracker.pid
    last = running["last_sample"]
    assert last["app"] == "facebook" and last["source"] == "browser"
    assert datetime.fromisoformat(last["at"]) > datetime.now(UTC) - timedelta(minutes=1)
    assert not any("tracker is not running" in advice for advice in report["advice"])
    # A tracker started at login has no terminal: its problems are kept where doctor says.
    assert running["log"] == str(home.root / "state" / "tracker.log")
    assert (home.root / "state" / "tracker.log").exists() is running["log_exists"]


# --- the Tracker loop, with fake probes and a fixed clock ----------------------------------------

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
BROWSER_PID = 4242


class FakeFocus:
    name = "fake-focus"

    def __init__(self) -> None:
        self.window: FocusedWindow | None = None

    def focused(self) -> FocusedWindow | None:
        return self.window

    def close(self) -> None:
        pass


class FakeIdle:
    name = "fake-idle"

    def __init__(self) -> None:
        self.seconds = 0.0

    def idle_seconds(self) -> float | None:
        return self.seconds

    def close(self) -> None:
        pass


class Rig:
    """A Tracker over a real store, fed by fake probes, on a clock the test moves."""

    def __init__(self, detox_home: Path, hooks: list[TickHook] | None = None) -> None:
        self.clock = FixedClock(T0)
        self.context = Context(paths=Paths.from_env(), clock_override=self.clock)
        self.focus = FakeFocus()
        self.idle = FakeIdle()
        catalog = Catalog.load()
        processes = ProcessProbe(
            catalog.app_for_process,
            lookup=lambda pid: "chromium",
            list_pids=lambda: [BROWSER_PID],
        )
        sampler = Sampler(catalog, self.clock, self.focus, self.idle, processes)
        self.tracker = Tracker(
            store=self.context.store,
            sampler=sampler,
            clock=self.clock,
            settings=MergeSettings(interval=2.0, idle_threshold=10.0),
            hooks=list(hooks or []),
        )

    @property
    def store(self) -> Store:
        return self.context.store

    def show(self, title: str | None) -> None:
        self.focus.window = None if title is None else FocusedWindow(title, BROWSER_PID, None)

    def ticks(self, count: int, *, idle_from: float | None = None) -> None:
        """`count` samples two seconds apart (the first one now); idle grows from `idle_from`."""
        for index in range(count):
            if index:
                self.clock.advance(2.0)
            if idle_from is not None:
                self.idle.seconds = idle_from + 2.0 * index
            self.tracker.tick()

    def spans(self) -> list[UsageSpan]:
        return self.store.spans(T0 - timedelta(days=1), T0 + timedelta(days=1))

    def stored_documents(self) -> int:
        """Documents in the month's usage files: replaced spans must not pile up."""
        return sum(
            len(json.loads(path.read_text(encoding="utf-8")).get("spans", {}))
            for path in self.store.own_dir.glob(f"usage-{T0:%Y-%m}-*.json")
        )


@pytest.fixture
def rig(detox_home: Path) -> Rig:
    return Rig(detox_home)


def test_a_flush_stores_the_open_span_and_later_flushes_replace_it(rig: Rig) -> None:
    rig.show(FACEBOOK_TITLE)
    rig.ticks(3)
    rig.tracker.flush()
    (first,) = rig.spans()
    assert (first.app, first.start, first.duration) == ("facebook", T0, 4.0)
    assert first.id == UsageSpan.stable_id(rig.store.device.id, "facebook", T0, "tracker")

    rig.clock.advance(2.0)
    rig.ticks(2)
    rig.tracker.flush()
    (grown,) = rig.spans()
    assert (grown.id, grown.duration) == (first.id, 8.0)
    assert rig.stored_documents() == 1


def test_an_idle_cut_to_nothing_withdraws_the_flushed_span(rig: Rig) -> None:
    # The last input came 5 s before the span began; once idle passes 10 s the span shrinks to
    # its start, so the 2 s shown by the first flush were never use.
    rig.show(FACEBOOK_TITLE)
    rig.ticks(2, idle_from=5.0)
    rig.tracker.flush()
    assert [span.duration for span in rig.spans()] == [2.0]

    rig.clock.advance(2.0)
    rig.ticks(2, idle_from=9.0)
    rig.tracker.flush()
    assert rig.spans() == []
    assert rig.stored_documents() == 0


def test_a_suspend_adds_no_time(rig: Rig) -> None:
    rig.show(FACEBOOK_TITLE)
    rig.ticks(3)
    # An hour asleep: the wall clock moved on, the monotonic clock stood still.
    rig.clock.jump_wall(3600.0)
    rig.clock.advance(2.0)
    rig.ticks(3)
    rig.tracker.flush()
    spans = rig.spans()
    assert [span.duration for span in spans] == [4.0, 4.0]
    assert spans[1].start == T0 + timedelta(seconds=3600 + 6)


class ExplodingHook:
    def __init__(self) -> None:
        self.calls = 0

    def on_tick(self, observation: Observation, running_apps: RunningApps) -> None:
        self.calls += 1
        raise RuntimeError("reminder backend is broken")


def test_a_hook_that_raises_does_not_stop_the_measuring(
    detox_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hook = ExplodingHook()
    rig = Rig(detox_home, hooks=[hook])
    rig.show(FACEBOOK_TITLE)
    with caplog.at_level(logging.WARNING, logger="detox"):
        rig.ticks(4)
    rig.tracker.flush()
    assert hook.calls == 4
    assert [(span.app, span.duration) for span in rig.spans()] == [("facebook", 6.0)]
    assert "ExplodingHook failed: reminder backend is broken" in caplog.text


# --- `detox service` ------------------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the systemd backend is Linux's")
def test_service_install_status_uninstall_without_systemctl(
    detox_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_bin = tmp_path / "bin"  # a PATH without systemctl, so the real user manager is safe
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user" / "config"))
    unit = tmp_path / "user" / "config" / "systemd" / "user" / "detox-tracker.service"

    def detox(*args: str) -> str:
        result = CliRunner().invoke(cli, list(args), obj=Context(paths=Paths.from_env()))
        assert result.exit_code == 0, (result.output, result.exception)
        return result.stdout

    not_started = CliRunner().invoke(
        cli, ["service", "install"], obj=Context(paths=Paths.from_env())
    )
    assert not_started.exit_code == ExitCode.SERVICE_NOT_STARTED, not_started.output
    installed = not_started.stderr
    assert f"Wrote {unit}" in installed
    assert "systemctl is not installed" in installed
    assert "systemctl --user enable --now detox-tracker.service" in installed
    text = unit.read_text(encoding="utf-8")
    assert f"ExecStart={sys.executable} -m detox track" in text
    assert f"Environment=DETOX_HOME={detox_home}" in text

    assert detox("service", "status").splitlines() == [
        f"installed, running: unknown ({unit})",
        "systemctl is not installed",
    ]
    assert json.loads(detox("service", "status", "--json")) == {
        "installed": True,
        "running": None,
        "path": str(unit),
        "detail": "systemctl is not installed",
    }

    assert f"Removed {unit}" in detox("service", "uninstall")
    assert not unit.exists()
    assert detox("service", "status").startswith("not installed, running: unknown")
