"""CPU share and peak memory of `detox track --interval 2`, next to a bare psutil loop.

Both run side by side in the same X session for the same window of time, so the ratio is fair:
    python benchmarks/tracker_bench.py            # 60 s, as README quotes
    python benchmarks/tracker_bench.py --seconds 20
The window is a real X11 window titled like a Facebook tab, focused, with input every few seconds,
so the tracker does its full work each tick (focus, title match, idle, flushes every 30 s).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.x11_session import open_window, send_input, x11_display

BARE_LOOP = """
import time, psutil
while True:
    for _ in psutil.process_iter(["name"]):
        pass
    time.sleep(2)
"""
WARM_UP_SECONDS = 5.0


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def peak_rss_mb(pid: int) -> float:
    # VmHWM is the kernel's own high-water mark of resident memory: no sampling gaps.
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
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
                while time.monotonic() - started < args.seconds:
                    send_input(display)
                    time.sleep(min(5.0, args.seconds))
                wall = time.monotonic() - started
                used = [cpu_seconds(p) - c for p, c in zip(measured, start_cpu, strict=True)]
                peaks = [peak_rss_mb(p.pid) for p in measured]
            finally:
                for process in (tracker, bare):
                    process.terminate()
                    process.wait(10)
    tracker_share = 100 * used[0] / wall
    bare_share = 100 * used[1] / wall
    print(f"window: {wall:.0f} s after a {WARM_UP_SECONDS:.0f} s warm-up, interval 2 s")
    print(f"{'':28}{'CPU % of one core':>18}{'peak RSS MB':>14}")
    print(f"{'detox track --interval 2':28}{tracker_share:>18.3f}{peaks[0]:>14.1f}")
    print(f"{'bare process_iter loop':28}{bare_share:>18.3f}{peaks[1]:>14.1f}")
    ratio = tracker_share / bare_share if bare_share else float("inf")
    print(f"CPU ratio tracker / bare loop: {ratio:.2f}")
    print(f"processes on this machine: {len(psutil.pids())}")


if __name__ == "__main__":
    main()
