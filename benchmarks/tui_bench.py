"""Time from starting `detox` to the first painted Today screen, with 12 months of history.

    python benchmarks/tui_bench.py            # 12 months, ~12,000 spans a month, median of 5
    python benchmarks/tui_bench.py --runs 3

The app runs in a real terminal (tmux, 80x24); the clock stops when the screen shows today's
total, i.e. when the data has been loaded and painted, not just when the frame appears.
Target: under 1 s. Everything is written under a temporary folder.
"""

from __future__ import annotations

import argparse
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.dont_write_bytecode = True
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import fill  # noqa: E402
from detox.clock import SystemClock  # noqa: E402
from detox.paths import Paths  # noqa: E402
from detox.store import Store, load_device  # noqa: E402

DETOX = Path(sys.executable).parent / "detox"
PAINTED = "Social media today:"


def start_to_today(home: Path, session: str) -> float:
    command = (
        f"env -u DISPLAY -u WAYLAND_DISPLAY DETOX_HOME={shlex.quote(str(home))} "
        f"PYTHONDONTWRITEBYTECODE=1 {shlex.quote(str(DETOX))}"
    )
    began = time.perf_counter()
    subprocess.run(
        ["tmux", "-L", session, "new-session", "-d", "-x", "80", "-y", "24", command], check=True
    )
    try:
        while time.perf_counter() - began < 30:
            pane = subprocess.run(
                ["tmux", "-L", session, "capture-pane", "-p"], capture_output=True, text=True
            ).stdout
            line = next((ln for ln in pane.splitlines() if PAINTED in ln), "")
            if line and not line.rstrip().endswith(" 0s"):
                return time.perf_counter() - began
            time.sleep(0.01)
        raise TimeoutError("the Today screen never showed today's total")
    finally:
        subprocess.run(["tmux", "-L", session, "kill-server"], capture_output=True)
        time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--spans-a-day", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        paths = Paths.from_env({"DETOX_HOME": str(home)})
        store = Store(paths, load_device(paths), SystemClock())
        today = datetime.now(UTC).date()
        count = fill(
            store,
            random.Random(7),
            today - timedelta(days=365),
            today - timedelta(days=1),
            args.spans_a_day,
        )
        # Some use today, so the screen has a total to paint.
        count += fill(store, random.Random(8), today, today, 20)
        (paths.state_dir / "onboarded").write_text("yes\n")
        start_to_today(home, "detox-bench-warm")  # warm the OS caches once
        times = [start_to_today(home, f"detox-bench-{n}") for n in range(args.runs)]
    print(f"history: 12 months, {count:,} spans; runs: {args.runs}")
    print(
        f"start to painted Today: median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
    )


if __name__ == "__main__":
    main()
