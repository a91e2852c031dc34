"""What one tracker flush costs on day 1, 15 and 30 of a heavy month (400 spans a day).

    python benchmarks/flush_bench.py            # 40 flushes a day measured, median
    python benchmarks/flush_bench.py --quick    # 15 flushes

For each day a data folder is filled with the month so far (the days before at 400 spans, today
at 300), then a separate Python process opens the store as `detox track` does and flushes every
"30 s": the open span grows, and every third flush a closed span joins it. It prints the median
CPU time (process_time) and wall time of one flush. The cost must not grow with the day of the
month; the last line prints day 30 / day 1. `python -c pass` is timed in the same run to show the
machine's load.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.baseline import python_pass_ms  # noqa: E402
from benchmarks.synthetic import day_of_spans  # noqa: E402
from detox.clock import FixedClock  # noqa: E402
from detox.models import UsageSpan  # noqa: E402
from detox.paths import Paths  # noqa: E402
from detox.store import Store, load_device  # noqa: E402

MONTH = datetime(2026, 10, 1, tzinfo=UTC)
SPANS_A_DAY = 400
SPANS_TODAY = 300
DAYS = (1, 15, 30)


def fill(home: Path, day: int) -> None:
    paths = Paths.from_env({"DETOX_HOME": str(home)})
    store = Store(paths, load_device(paths), FixedClock(MONTH + timedelta(days=day)))
    rng = random.Random(day)
    spans: list[UsageSpan] = []
    for past in range(day - 1):
        spans += day_of_spans(rng, store.device.id, MONTH + timedelta(days=past), SPANS_A_DAY)
    today = day_of_spans(rng, store.device.id, MONTH + timedelta(days=day - 1), SPANS_A_DAY)
    spans += today[:SPANS_TODAY]
    store.add_spans(spans)


def _tracked(device: str, app: str, start: datetime, seconds: float) -> UsageSpan:
    return UsageSpan(
        id=UsageSpan.stable_id(device, app, start, "tracker"),
        app=app,
        device=device,
        source="tracker",
        start=start,
        duration=seconds,
    )


def child(home: Path, day: int, flushes: int) -> None:
    """The measured process: the tracker's store and a flush every 30 s of tracked time."""
    paths = Paths.from_env({"DETOX_HOME": str(home)})
    store = Store(paths, load_device(paths), FixedClock(MONTH + timedelta(days=day)))
    began = MONTH + timedelta(days=day - 1, hours=23)
    cpu: list[float] = []
    wall: list[float] = []
    for step in range(flushes + 1):
        batch = [_tracked(store.device.id, "tiktok", began, 30.0 * (step + 1))]
        if step % 3 == 2:
            batch.append(_tracked(store.device.id, "x", began - timedelta(minutes=step + 1), 20.0))
        cpu_before, wall_before = time.process_time(), time.perf_counter()
        store.add_spans(batch)
        if step:  # the first flush pays for imports and first calls
            cpu.append(time.process_time() - cpu_before)
            wall.append(time.perf_counter() - wall_before)
    print(f"{statistics.median(cpu) * 1000:.2f} {statistics.median(wall) * 1000:.2f}")


def usage_bytes(home: Path) -> tuple[int, int]:
    """(the largest usage file, all usage files) in bytes."""
    sizes = [p.stat().st_size for p in home.rglob("usage-*.json")]
    return max(sizes), sum(sizes)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer flushes")
    parser.add_argument(
        "--child", nargs=3, metavar=("HOME", "DAY", "FLUSHES"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), int(args.child[1]), int(args.child[2]))
        return
    flushes = 15 if args.quick else 40
    print(
        f"flush benchmark: {SPANS_A_DAY} spans a day, median of {flushes} flushes, "
        f"Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.2f}, "
        f"python -c pass {python_pass_ms():.1f} ms"
    )
    print(f"{'day':>4} {'biggest file':>13} {'all usage':>10} {'flush CPU':>10} {'flush wall':>11}")
    results: dict[int, float] = {}
    for day in DAYS:
        with tempfile.TemporaryDirectory(prefix="detox-flush-bench-") as folder:
            home = Path(folder)
            fill(home, day)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(home), str(day), str(flushes)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            cpu_ms, wall_ms = float(out[0]), float(out[1])
            biggest, total = usage_bytes(home)
        results[day] = cpu_ms
        print(
            f"{day:>4} {biggest / 1024:>9,.0f} KiB {total / 1024:>6,.0f} KiB "
            f"{cpu_ms:>7.2f} ms {wall_ms:>8.2f} ms"
        )
    print(f"flush CPU, day {DAYS[-1]} / day {DAYS[0]}: {results[DAYS[-1]] / results[DAYS[0]]:.2f}x")


if __name__ == "__main__":
    main()
