"""The tracker's cost and precision, on a private Xvfb session with openbox.

1. Cost: CPU share and peak memory of `detox track --interval 2` (X11 events on, as always on
   X11) over a steady window of time, next to a bare psutil loop in the same session.
2. Precision: a scripted session of real browsers (Chromium and Firefox ESR showing local pages
   titled like social sites) and xterm copies named discord and gedit. The script switches focus
   at irregular moments with input every half second; the truth is what the script did, the
   count what `detox track` at its default interval stored. Also the tracker's CPU during it.

    python benchmarks/tracker_bench.py                 # 60 s of cost, ~90 s session: README
    python benchmarks/tracker_bench.py --seconds 20 --switches 15
"""

from __future__ import annotations

import argparse
import html
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from pathlib import Path

import psutil
from Xlib import X
from Xlib.display import Display

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.tracker_process import DetoxHome
from tests.x11_session import (
    WindowHandle,
    open_window,
    send_input,
    x11_display,
    xterm_window,
)

BARE_LOOP = """
import time, psutil
while True:
    for _ in psutil.process_iter(["name"]):
        pass
    time.sleep(2)
"""
WARM_UP_SECONDS = 5.0
INPUT_EVERY = 0.5
BROWSER_START_TIMEOUT = 60.0
# (app the catalog must find or None, the page or window title, how the window is made)
SESSION_WINDOWS = [
    ("facebook", "(3) Facebook", "chromium"),
    ("youtube", "Lo-fi beats to study to - YouTube", "chromium"),
    ("vk", "Новости | ВКонтакте", "firefox-esr"),
    ("discord", "#general | Study Group - Discord", "xterm:discord"),
    (None, "notes.txt - gedit", "xterm:gedit"),
]
FIREFOX_PREFS = """
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("browser.aboutwelcome.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.policy.firstRunURL", "");
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("browser.tabs.warnOnClose", false);
user_pref("app.update.enabled", false);
"""


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def peak_rss_mb(pid: int) -> float:
    # VmHWM is the kernel's own high-water mark of resident memory: no sampling gaps.
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- 1. cost ---------------------------------------------------------------------------------


def measure_cost(seconds: float) -> None:
    with x11_display() as display, tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, DISPLAY=display, DETOX_HOME=home)
        env.pop("WAYLAND_DISPLAY", None)
        with open_window(display, "(3) Facebook - Chromium", process_name="chromium") as window:
            window.activate()
            tracker = subprocess.Popen(
                [sys.executable, "-m", "detox", "track", "--interval", "2"],
                env=env,
                stderr=subprocess.DEVNULL,
            )
            bare = subprocess.Popen([sys.executable, "-c", BARE_LOOP], env=env)
            try:
                measured = [psutil.Process(tracker.pid), psutil.Process(bare.pid)]
                time.sleep(WARM_UP_SECONDS)  # start-up (imports) is not steady-state cost
                start_cpu = [cpu_seconds(p) for p in measured]
                started = time.monotonic()
                while time.monotonic() - started < seconds:
                    send_input(display)
                    time.sleep(min(5.0, seconds))
                wall = time.monotonic() - started
                used = [cpu_seconds(p) - c for p, c in zip(measured, start_cpu, strict=True)]
                peaks = [peak_rss_mb(p.pid) for p in measured]
            finally:
                for process in (tracker, bare):
                    process.terminate()
                    process.wait(10)
    tracker_share = 100 * used[0] / wall
    bare_share = 100 * used[1] / wall
    print(f"1. cost: {wall:.0f} s after a {WARM_UP_SECONDS:.0f} s warm-up, interval 2 s, events on")
    print(f"{'':28}{'CPU % of one core':>18}{'peak RSS MB':>14}")
    print(f"{'detox track --interval 2':28}{tracker_share:>18.3f}{peaks[0]:>14.1f}")
    print(f"{'bare process_iter loop':28}{bare_share:>18.3f}{peaks[1]:>14.1f}")
    ratio = tracker_share / bare_share if bare_share else float("inf")
    print(f"CPU ratio tracker / bare loop: {ratio:.2f}")
    print(f"processes on this machine: {len(psutil.pids())}")


# --- 2. precision ----------------------------------------------------------------------------


def _client_windows(conn: Display) -> list[tuple[int, str]]:
    root = conn.screen().root
    clients = root.get_full_property(conn.intern_atom("_NET_CLIENT_LIST"), X.AnyPropertyType)
    found = []
    for window_id in [] if clients is None else list(clients.value):
        window = conn.create_resource_object("window", int(window_id))
        name = window.get_full_property(conn.intern_atom("_NET_WM_NAME"), X.AnyPropertyType)
        if name is not None:
            found.append((int(window_id), bytes(name.value).decode("utf-8", "replace")))
    return found


def _wait_for_window(display: str, title: str, taken: set[int]) -> int:
    deadline = time.monotonic() + BROWSER_START_TIMEOUT
    with _connection(display) as conn:
        while time.monotonic() < deadline:
            for window_id, name in _client_windows(conn):
                if name.startswith(title) and window_id not in taken:
                    return window_id
            time.sleep(0.2)
    raise TimeoutError(f"no window titled {title!r} appeared")


@contextmanager
def _connection(display: str) -> Iterator[Display]:
    conn = Display(display)
    try:
        yield conn
    finally:
        conn.close()


def _page(folder: Path, title: str) -> str:
    path = folder / f"page-{abs(hash(title))}.html"
    path.write_text(
        f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title><h1>detox</h1>",
        encoding="utf-8",
    )
    return path.as_uri()


def open_session_windows(
    display: str, scratch: Path, stack: ExitStack
) -> list[tuple[str | None, WindowHandle]]:
    env = dict(os.environ, DISPLAY=display, LANG="C.UTF-8")
    env.pop("WAYLAND_DISPLAY", None)
    windows: list[tuple[str | None, WindowHandle]] = []
    taken: set[int] = set()
    chromium_profile = scratch / "chromium"
    firefox_profile = scratch / "firefox"
    firefox_profile.mkdir()
    (firefox_profile / "user.js").write_text(FIREFOX_PREFS, encoding="utf-8")
    for app, title, how in SESSION_WINDOWS:
        if how.startswith("xterm:"):
            window: WindowHandle = stack.enter_context(
                xterm_window(display, title, named=how.split(":", 1)[1])
            )
        else:
            if how == "chromium":
                command = [
                    "chromium", f"--user-data-dir={chromium_profile}", "--no-first-run",
                    "--no-default-browser-check", "--disable-gpu", "--password-store=basic",
                    "--new-window", _page(scratch, title),
                    # Chromium refuses to run as root with its sandbox (containers, CI).
                    *(["--no-sandbox"] if os.geteuid() == 0 else []),
                ]  # fmt: skip
            else:
                command = [
                    "firefox-esr", "--no-remote", "--profile", str(firefox_profile),
                    _page(scratch, title),
                ]  # fmt: skip
            process = subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            stack.callback(_stop, process)
            window = WindowHandle(display, process, _wait_for_window(display, title, taken))
        taken.add(window.window_id)
        windows.append((app, window))
    return windows


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def measure_precision(switches: int, seed: int) -> None:
    chooser = random.Random(seed)
    truth: defaultdict[str, float] = defaultdict(float)
    with ExitStack() as stack:
        display = stack.enter_context(x11_display())
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="detox-bench-")))
        windows = open_session_windows(display, scratch, stack)
        home = DetoxHome(scratch / "home", display)
        home.write_config()
        windows[-1][1].activate()  # gedit in front while the tracker starts
        tracker = subprocess.Popen(
            [sys.executable, "-m", "detox", "track"],  # the default interval
            env=home.env(),
            stderr=subprocess.DEVNULL,
        )
        stack.callback(_stop, tracker)
        time.sleep(WARM_UP_SECONDS)
        measured = psutil.Process(tracker.pid)
        cpu_before = cpu_seconds(measured)
        started = time.monotonic()
        current: str | None = None
        since = time.monotonic()
        previous = len(windows) - 1
        for _ in range(switches):
            index = chooser.choice([i for i in range(len(windows)) if i != previous])
            previous = index
            app, window = windows[index]
            window.activate()  # returns once the X server names it the active window
            now = time.monotonic()
            if current is not None:
                truth[current] += now - since
            current, since = app, now
            _busy(display, chooser.uniform(0.7, 4.3), send_input)
        now = time.monotonic()
        if current is not None:
            truth[current] += now - since
        windows[-1][1].activate()
        time.sleep(1.0)
        wall = time.monotonic() - started
        cpu = cpu_seconds(measured) - cpu_before
        peak = peak_rss_mb(tracker.pid)
        tracker.terminate()
        tracker.wait(15)
        counted: defaultdict[str, float] = defaultdict(float)
        for span in home.spans():
            counted[span.app] += span.duration
    total = sum(truth.values())
    error = sum(abs(counted.get(app, 0.0) - seconds) for app, seconds in truth.items())
    error += sum(seconds for app, seconds in counted.items() if app not in truth)
    print()
    print(
        f"2. precision: {switches} switches over {wall:.0f} s, real Chromium and Firefox ESR, "
        f"xterm copies; detox track at its default interval (seed {seed})"
    )
    print(f"{'app':12}{'truth s':>10}{'counted s':>12}{'error s':>10}")
    for app in sorted(set(truth) | set(counted)):
        real, seen = truth.get(app, 0.0), counted.get(app, 0.0)
        print(f"{app:12}{real:>10.2f}{seen:>12.2f}{seen - real:>+10.2f}")
    print(f"accuracy: {100 * (1 - error / total):.1f} % of {timedelta(seconds=round(total))}")
    share = 100 * cpu / wall
    print(f"tracker during the session: {share:.3f} % of one core, peak RSS {peak:.1f} MB")


def _busy(display: str, seconds: float, nudge: Callable[[str], None]) -> None:
    until = time.monotonic() + seconds
    while (left := until - time.monotonic()) > 0:
        nudge(display)
        time.sleep(min(INPUT_EVERY, left))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0, help="cost measurement length")
    parser.add_argument("--switches", type=int, default=40, help="switches in the session")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    measure_cost(args.seconds)
    measure_precision(args.switches, args.seed)


if __name__ == "__main__":
    main()
