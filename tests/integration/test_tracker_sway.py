"""`detox track` on a real Wayland compositor: sway on its headless backend, foot windows whose
processes are copies named chromium, firefox-esr and gedit, focus moved by `swaymsg`. Totals are
checked against the script as the X11 test does: within one sampling interval plus one second per
switch in or out of each app.

sway 1.7 (Debian 12) has no ext-idle-notify-v1 (it came in sway 1.8), and detox reads idle time on
Wayland only from GNOME, so here idle is unknown: `detox doctor` must say so.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.tracker_process import DetoxHome, TrackerProcess
from tests.wayland_session import FootWindow, SwaySession, foot_window, sway_session

pytestmark = pytest.mark.wayland

INTERVAL = 0.5
# (key, title, process the window runs as, catalog app or None)
WINDOWS = [
    ("facebook", "(3) Facebook - Chromium", "chromium", "facebook"),
    ("vk", "Новости | ВКонтакте — Mozilla Firefox", "firefox-esr", "vk"),
    ("notes", "notes.txt - gedit", "gedit", None),
]
APPS = {key: app for key, _, _, app in WINDOWS}


class Script:
    def __init__(self, windows: dict[str, FootWindow]) -> None:
        self.windows = windows
        self.truth: defaultdict[str, float] = defaultdict(float)
        self.switches: Counter[str] = Counter()
        self._app: str | None = None
        self._since = time.monotonic()

    def show(self, key: str, seconds: float) -> None:
        self.windows[key].focus()
        self._switch(APPS[key])
        time.sleep(seconds)

    def end(self) -> None:
        self._switch(None)

    def _switch(self, app: str | None) -> None:
        now = time.monotonic()
        if self._app is not None:
            self.truth[self._app] += now - self._since
            self.switches[self._app] += 1
        if app is not None:
            self.switches[app] += 1
        self._app, self._since = app, now

    def tolerance(self, app: str) -> float:
        return INTERVAL + 1.0 * self.switches[app]


@dataclass
class Run:
    script: Script
    counted: dict[str, float]
    doctor: dict[str, Any]
    exit_code: int
    stderr: str


def tracker_env(home: DetoxHome, session: SwaySession) -> dict[str, str]:
    return {**home.env(), **session.env}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    root: Path = tmp_path_factory.mktemp("sway")
    with sway_session() as session:
        home = DetoxHome(root, None)
        home.write_config()
        windows: dict[str, FootWindow] = {}
        try:
            for key, title, process, _ in WINDOWS:
                windows[key] = foot_window(session, title, named=process)
            windows["notes"].focus()
            script = Script(windows)
            env = tracker_env(home, session)
            tracker = TrackerProcess(["track", "--interval", f"{INTERVAL:g}", "--verbose"], env)
            try:
                tracker.wait_for_samples()
                script.show("facebook", 3.0)
                script.show("notes", 1.5)
                script.show("vk", 2.5)
                script.show("facebook", 2.0)
                script.show("notes", 1.0)
                script.end()
                report = _doctor(env)
                exit_code = tracker.stop(signal.SIGTERM)
            finally:
                tracker.kill()
        finally:
            for window in windows.values():
                window.close()
        counted: defaultdict[str, float] = defaultdict(float)
        for span in home.spans():
            counted[span.app] += span.duration
        yield Run(script, dict(counted), report, exit_code, tracker.stderr)


def _doctor(env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "detox", "doctor", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_the_tracker_stops_cleanly(run: Run) -> None:
    assert run.exit_code == 0, run.stderr


def test_per_app_totals_match_the_script(run: Run) -> None:
    script = run.script
    assert run.counted.keys() == script.truth.keys(), (run.counted, dict(script.truth))
    for app, truth in script.truth.items():
        assert abs(run.counted[app] - truth) <= script.tolerance(app), (app, run.counted, truth)


def test_doctor_names_sway_polling_and_unknown_idle(run: Run) -> None:
    report = run.doctor
    assert report["display_server"] == "wayland"
    assert report["focus_probe"] == "sway"
    assert report["mode"] == "focused window"
    assert report["idle_probe"] is None
    assert report["switch_times"]["mode"] == "polling"
    idle_reports = [probe for probe in report["probes"] if probe["kind"] == "idle"]
    assert idle_reports and not any(probe["ok"] for probe in idle_reports)
