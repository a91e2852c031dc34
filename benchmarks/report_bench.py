"""What `detox report` costs as history grows: 1, 12 and 36 months of tracked spans on disk.

    python benchmarks/report_bench.py           # about 12,000 spans a month, median of 7 runs
    python benchmarks/report_bench.py --quick   # 3,000 spans a month, median of 5 runs

The history ends yesterday (the report runs as a real process on the real clock). For each
history it times, as whole `python -m detox report ... --format json` processes (median):
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

from detox.clock import FixedClock  # noqa: E402
from detox.models import UsageSpan  # noqa: E402
from detox.paths import Paths  # noqa: E402
from detox.store import Store, load_device  # noqa: E402

APPS = {"instagram": 8, "tiktok": 7, "youtube": 6, "whatsapp": 6, "x": 4, "reddit": 4,
        "facebook": 3, "messenger": 3, "snapchat": 3, "discord": 3, "telegram": 2,
        "pinterest": 1, "linkedin": 1, "twitch": 1, "bluesky": 1}
HISTORIES = (1, 12, 36)
DAYS_A_MONTH = 30


@dataclass(frozen=True)
class Row:
    months: int
    spans: int
    last_week_ms: float
    old_week_cold_ms: float | None
    old_week_warm_ms: float | None


def day_of_spans(rng: random.Random, device: str, day: datetime, count: int) -> list[UsageSpan]:
    """Bursts of use between 07:00 and 01:00 UTC, mostly under a minute, now and then longer."""
    names, weights = list(APPS), list(APPS.values())
    spans = []
    for _ in range(count):
        start = day + timedelta(hours=7, seconds=rng.uniform(0, 18 * 3600))
        app = rng.choices(names, weights)[0]
        duration = round(min(1800.0, max(1.0, rng.lognormvariate(3.4, 1.1))), 1)
        spans.append(UsageSpan(id=UsageSpan.stable_id(device, app, start, "tracker"), app=app,
                               device=device, source="tracker", start=start, duration=duration))
    return spans


def fill(store: Store, rng: random.Random, first: date, last: date, per_day: int) -> int:
    """Spans for every day in [first, last], written one month file at a time."""
    by_month: dict[str, list[UsageSpan]] = {}
    day = first
    while day <= last:
        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
        for span in day_of_spans(rng, store.device.id, midnight, per_day):
            by_month.setdefault(f"{span.start:%Y-%m}", []).append(span)
        day += timedelta(days=1)
    for month in sorted(by_month):
        store.add_spans(by_month[month])
    return sum(len(spans) for spans in by_month.values())


def run_report(home: Path, week: str) -> float:
    env = dict(os.environ, DETOX_HOME=str(home), PYTHONDONTWRITEBYTECODE="1")
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "detox", "report", "--week", week,
                           "--format", "json"], env=env, cwd=REPO, check=True,
                          stdout=subprocess.PIPE)
    took = time.perf_counter() - began
    assert b'"total_seconds"' in done.stdout
    return took


def median_ms(home: Path, week: str, runs: int) -> float:
    run_report(home, week)  # warm-up: OS caches, and any rollup the report builds
    return statistics.median(run_report(home, week) for _ in range(runs)) * 1000


def iso_week(day: date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def measure(home: Path, spans_a_month: int, runs: int) -> list[Row]:
    paths = Paths.from_env({"DETOX_HOME": str(home)})
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text('timezone = "Europe/Warsaw"\n', encoding="utf-8")
    device = load_device(paths)
    today = datetime.now(UTC).date()
    store = Store(paths, device, FixedClock(datetime.now(UTC)))
    rng = random.Random(20261125)
    per_day = spans_a_month // DAYS_A_MONTH
    last_week = iso_week(today - timedelta(days=7))
    old_week = iso_week(today - timedelta(days=61))
    rows: list[Row] = []
    filled_from = today
    spans = 0
    for months in HISTORIES:
        first = today - timedelta(days=months * DAYS_A_MONTH)
        spans += fill(store, rng, first, filled_from - timedelta(days=1), per_day)
        filled_from = first
        cold = warm = None
        if months > 2:
            shutil.rmtree(paths.state_dir / "rollups", ignore_errors=True)
            cold = run_report(home, old_week) * 1000
            warm = median_ms(home, old_week, runs)
        rows.append(Row(months, spans, median_ms(home, last_week, runs), cold, warm))
    print(f"last week = {last_week}, old week = {old_week}")
    return rows


def print_table(rows: list[Row], spans_a_month: int, runs: int) -> None:
    print(f"report benchmark: about {spans_a_month:,} spans a month, median of {runs} runs, "
          f"Python {sys.version.split()[0]}, {sys.platform}, {os.cpu_count()} CPUs")
    header = (f"{'history':>10} {'spans':>9} {'last week':>10} {'old week cold':>14} "
              f"{'old week warm':>14}")
    print(header)
    print("-" * len(header))

    def shown(value: float | None) -> str:
        return "-" if value is None else f"{value:.0f} ms"

    for row in rows:
        print(f"{row.months:>3} months {row.spans:>9,} {row.last_week_ms:>7.0f} ms "
              f"{shown(row.old_week_cold_ms):>14} {shown(row.old_week_warm_ms):>14}")
    first, last = rows[0], rows[-1]
    print(f"last week, {last.months} months / {first.months} month: "
          f"{last.last_week_ms / first.last_week_ms:.2f}x (target <= 1.3x; "
          f"{last.last_week_ms:.0f} ms, target < 500 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller months, fewer runs")
    args = parser.parse_args()
    spans_a_month, runs = (3_000, 5) if args.quick else (12_000, 7)
    with tempfile.TemporaryDirectory(prefix="detox-report-bench-") as home:
        rows = measure(Path(home), spans_a_month, runs)
    print_table(rows, spans_a_month, runs)


if __name__ == "__main__":
    main()
