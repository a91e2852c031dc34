"""What `detox report` costs as history grows: 1, 12 and 36 months of tracked spans on disk.

    python benchmarks/report_bench.py           # about 12,000 spans a month, median of 9 runs
    python benchmarks/report_bench.py --quick   # 3,000 spans a month, median of 5 runs
    python benchmarks/report_bench.py --instructions   # and instructions counted by valgrind

The history ends yesterday (the report runs as a real process on the real clock). For each
history it times, as whole `python -m detox report ... --format json` processes (the median;
runs alternate between histories, so load elsewhere on the machine hits all of them alike):
- last week: the last complete week and the week before it, read from the usage files (the
  current month is never rolled up, and in most of a month both weeks lie in it);
- an old week (12 and 36 months): a week two months back, from the rollups of closed months,
  once cold (the first report builds the rollups) and then warm (median).
The target: under 0.5 s for last week at 36 months, and at most 1.3 x the 1-month time.
Everything is written under a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.dont_write_bytecode = True  # nothing written outside the temporary folder, .pyc included
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import day_of_spans  # noqa: E402
from detox.clock import FixedClock  # noqa: E402
from detox.models import UsageSpan  # noqa: E402
from detox.paths import Paths  # noqa: E402
from detox.store import Store, load_device  # noqa: E402

HISTORIES = (1, 12, 36)
DAYS_A_MONTH = 30


@dataclass(frozen=True)
class Row:
    months: int
    spans: int
    last_week_ms: float
    last_week_best_ms: float
    old_week_cold_ms: float | None
    old_week_warm_ms: float | None
    last_week_instructions: int | None


def fill(stores: dict[int, Store], rng: random.Random, today: date, per_day: int) -> dict[int, int]:
    """Spans for every day of the longest history, ending yesterday; each history gets the days
    it covers, written one month file at a time."""
    device = next(iter(stores.values())).device.id
    by_month: dict[str, list[tuple[date, UsageSpan]]] = {}
    day = today - timedelta(days=max(stores) * DAYS_A_MONTH)
    while day < today:
        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
        for span in day_of_spans(rng, device, midnight, per_day):
            by_month.setdefault(f"{span.start:%Y-%m}", []).append((day, span))
        day += timedelta(days=1)
    counts: dict[int, int] = {}
    for months, store in stores.items():
        first = today - timedelta(days=months * DAYS_A_MONTH)
        counts[months] = 0
        for month in sorted(by_month):
            batch = [span for day, span in by_month[month] if day >= first]
            if batch:
                store.add_spans(batch)
                counts[months] += len(batch)
    return counts


def run_report(home: Path, week: str) -> float:
    env = dict(os.environ, DETOX_HOME=str(home), PYTHONDONTWRITEBYTECODE="1")
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "detox", "report", "--week", week, "--format", "json"],
        env=env,
        cwd=REPO,
        check=True,
        stdout=subprocess.PIPE,
    )
    took = time.perf_counter() - began
    assert b'"total_seconds"' in done.stdout
    return took


def instructions(home: Path, week: str) -> int | None:
    """Instructions one report executes, counted by valgrind: unlike time, load elsewhere on the
    machine does not move it, so it shows what grows with history and what does not."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    env = dict(os.environ, DETOX_HOME=str(home), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [
            valgrind,
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-m",
            "detox",
            "report",
            "--week",
            week,
            "--format",
            "json",
        ],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else None


def iso_week(day: date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def interleaved(homes: dict[int, Path], week: str, runs: int) -> dict[int, list[float]]:
    """Runs taken in turns, one per history, so a burst of load elsewhere on the machine hits
    every history alike; each history gets one untimed warm-up run first."""
    for home in homes.values():
        run_report(home, week)
    times: dict[int, list[float]] = {months: [] for months in homes}
    for _ in range(runs):
        for months, home in homes.items():
            times[months].append(run_report(home, week) * 1000)
    return times


def measure(root: Path, spans_a_month: int, runs: int, count: bool) -> tuple[list[Row], str, str]:
    today = datetime.now(UTC).date()
    homes: dict[int, Path] = {}
    stores: dict[int, Store] = {}
    for months in HISTORIES:
        home = root / f"{months}-months"
        paths = Paths.from_env({"DETOX_HOME": str(home)})
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        paths.config_file.write_text('timezone = "Europe/Warsaw"\n', encoding="utf-8")
        if stores:  # one machine, three histories: the same device id everywhere
            first_home = Paths.from_env({"DETOX_HOME": str(homes[HISTORIES[0]])})
            shutil.copy(first_home.device_file, paths.device_file)
        homes[months] = home
        stores[months] = Store(paths, load_device(paths), FixedClock(datetime.now(UTC)))
    spans = fill(stores, random.Random(20261125), today, spans_a_month // DAYS_A_MONTH)
    last_week = iso_week(today - timedelta(days=7))
    old_week = iso_week(today - timedelta(days=61))
    last = interleaved(homes, last_week, runs)
    old_homes = {months: home for months, home in homes.items() if months > 2}
    for home in old_homes.values():  # the first report of the old week builds its rollups
        shutil.rmtree(home / "state" / "rollups", ignore_errors=True)
    cold = {months: run_report(home, old_week) * 1000 for months, home in old_homes.items()}
    warm = interleaved(old_homes, old_week, runs)
    counted = {
        months: instructions(home, last_week) if count else None for months, home in homes.items()
    }
    rows = [
        Row(
            months,
            spans[months],
            statistics.median(last[months]),
            min(last[months]),
            cold.get(months),
            statistics.median(warm[months]) if months in warm else None,
            counted[months],
        )
        for months in HISTORIES
    ]
    return rows, last_week, old_week


def print_table(rows: list[Row], spans_a_month: int, runs: int, weeks: tuple[str, str]) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"report benchmark: about {spans_a_month:,} spans a month, median of {runs} runs "
        f"taken in turns, Python {sys.version.split()[0]}, {sys.platform}, "
        f"{os.cpu_count()} CPUs, load {load:.1f} at the end"
    )
    print(f"last week = {weeks[0]} (usage files), old week = {weeks[1]} (rollups)")
    header = (
        f"{'history':>10} {'spans':>9} {'last week':>10} {'(best)':>8} "
        f"{'old week cold':>14} {'old week warm':>14}"
    )
    print(header)
    print("-" * len(header))

    def shown(value: float | None) -> str:
        return "-" if value is None else f"{value:.0f} ms"

    for row in rows:
        counted = (
            f"   {row.last_week_instructions / 1e6:,.0f} M instructions"
            if row.last_week_instructions
            else ""
        )
        print(
            f"{row.months:>3} months {row.spans:>9,} {row.last_week_ms:>7.0f} ms "
            f"{row.last_week_best_ms:>5.0f} ms {shown(row.old_week_cold_ms):>14} "
            f"{shown(row.old_week_warm_ms):>14}{counted}"
        )
    first, last = rows[0], rows[-1]
    print(
        f"last week, {last.months} months / {first.months} month: "
        f"{last.last_week_ms / first.last_week_ms:.2f}x (target <= 1.3x); "
        f"{last.last_week_ms:.0f} ms at {last.months} months (target < 500 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller months, fewer runs")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count last week's instructions with valgrind (slow)",
    )
    args = parser.parse_args()
    spans_a_month, runs = (3_000, 5) if args.quick else (12_000, 9)
    with tempfile.TemporaryDirectory(prefix="detox-report-bench-") as root:
        rows, last_week, old_week = measure(Path(root), spans_a_month, runs, args.instructions)
    print_table(rows, spans_a_month, runs, (last_week, old_week))


if __name__ == "__main__":
    main()
