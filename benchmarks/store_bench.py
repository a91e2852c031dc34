"""What the store costs as history grows: 1, 12 and 36 months of tracked spans on disk.

    python benchmarks/store_bench.py           # 12,000 spans a month, median of 7 runs
    python benchmarks/store_bench.py --quick   # 3,000 spans a month, median of 5 runs

For each history it times (median):
- appending one day of spans (one add_spans call of 400 spans) into the current, full month;
- loading one month (Store.spans over the current month) in a fresh Store, so nothing is cached;
- `python -m detox mood 7` as a whole process.
Appending rewrites only the day files of the month, so it must not grow with history; the ratio
36 months / 1 month is printed last. Everything is written under a temporary folder.
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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.dont_write_bytecode = True  # nothing written outside the temporary folder, .pyc included
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import day_of_spans  # noqa: E402
from detox.clock import FixedClock  # noqa: E402
from detox.paths import Paths  # noqa: E402
from detox.store import Device, Store, load_device  # noqa: E402

# Weighted by how often each shows up in a heavy user's day.
DAYS_A_MONTH = 30
SPANS_A_DAY = 400  # a heavy day: the tracker cuts a span at every switch of app or idle
CURRENT_MONTH = datetime(2026, 11, 1, tzinfo=UTC)
HISTORIES = (1, 12, 36)


@dataclass(frozen=True)
class Settings:
    spans_a_month: int
    runs: int


@dataclass(frozen=True)
class Row:
    months: int
    spans_on_disk: int
    month_file_kib: float
    append_ms: float
    load_ms: float
    mood_ms: float


def month_start(months_back: int) -> datetime:
    year, month = divmod(CURRENT_MONTH.year * 12 + CURRENT_MONTH.month - 1 - months_back, 12)
    return datetime(year, month + 1, 1, tzinfo=UTC)


def fill_month(store: Store, rng: random.Random, months_back: int, spans_a_month: int) -> None:
    first = month_start(months_back)
    per_day = spans_a_month // DAYS_A_MONTH
    spans = [
        span
        for day in range(DAYS_A_MONTH)
        for span in day_of_spans(rng, store.device.id, first + timedelta(days=day), per_day)
    ]
    store.add_spans(spans)  # one monthly batch, as an import would write it


def median_ms(runs: int, measure: Callable[[], float]) -> float:
    measure()  # warm-up: first-call costs (imports, OS caches) are not what is measured
    return statistics.median(measure() for _ in range(runs)) * 1000


def time_append(store: Store, rng: random.Random, spans_a_day: int, runs: int) -> float:
    def once() -> float:
        day = day_of_spans(rng, store.device.id, CURRENT_MONTH + timedelta(days=14), spans_a_day)
        began = time.perf_counter()
        store.add_spans(day)
        took = time.perf_counter() - began
        store.add_spans([], discard=day)  # untimed: the month stays the same size for every run
        return took

    return median_ms(runs, once)


def time_load(paths: Paths, device: Device, runs: int) -> float:
    end = month_start(-1)

    def once() -> float:
        fresh = Store(paths, device, FixedClock(end))
        began = time.perf_counter()
        spans = fresh.spans(CURRENT_MONTH, end)
        took = time.perf_counter() - began
        assert spans, "the month is empty"
        return took

    return median_ms(runs, once)


def time_mood(home: Path, runs: int) -> float:
    env = dict(os.environ, DETOX_HOME=str(home), PYTHONDONTWRITEBYTECODE="1")

    def once() -> float:
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "detox", "mood", "7"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=Path(__file__).resolve().parent.parent,
        )
        return time.perf_counter() - began

    return median_ms(runs, once)


def measure(settings: Settings, home: Path) -> list[Row]:
    paths = Paths.from_env({"DETOX_HOME": str(home)})
    device = load_device(paths)  # the device `detox mood` will use too
    store = Store(paths, device, FixedClock(month_start(-1)))
    rng = random.Random(20261125)
    rows: list[Row] = []
    filled = 0
    for months in HISTORIES:
        for months_back in range(filled, months):
            fill_month(store, rng, months_back, settings.spans_a_month)
        filled = months
        month_files = store.own_dir.glob(f"usage-{CURRENT_MONTH:%Y-%m}*.json")
        rows.append(
            Row(
                months=months,
                spans_on_disk=months * (settings.spans_a_month // DAYS_A_MONTH) * DAYS_A_MONTH,
                month_file_kib=sum(p.stat().st_size for p in month_files) / 1024,
                append_ms=time_append(store, rng, SPANS_A_DAY, settings.runs),
                load_ms=time_load(paths, device, settings.runs),
                mood_ms=time_mood(home, settings.runs),
            )
        )
    return rows


def print_table(rows: list[Row], settings: Settings) -> None:
    print(
        f"store benchmark: {settings.spans_a_month:,} spans a month, median of "
        f"{settings.runs} runs, Python {sys.version.split()[0]}, {sys.platform}"
    )
    header = (
        f"{'history':>10} {'spans on disk':>14} {'month file':>11} "
        f"{f'append {SPANS_A_DAY}':>11} {'load month':>11} {'detox mood 7':>13}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.months:>3} months {row.spans_on_disk:>14,} {row.month_file_kib:>7,.0f} KiB "
            f"{row.append_ms:>8.1f} ms {row.load_ms:>8.1f} ms {row.mood_ms:>10.0f} ms"
        )
    first, last = rows[0], rows[-1]
    print(
        f"append, {last.months} months / {first.months} month: "
        f"{last.append_ms / first.append_ms:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller months, fewer runs")
    args = parser.parse_args()
    settings = Settings(spans_a_month=3_000, runs=5) if args.quick else Settings(12_000, 7)
    with tempfile.TemporaryDirectory(prefix="detox-store-bench-") as home:
        rows = measure(settings, Path(home))
    print_table(rows, settings)


if __name__ == "__main__":
    main()
