"""How long everyday commands take to start, as whole processes, against `python -c pass`.

    python benchmarks/startup_bench.py            # 21 runs of each, median
    python benchmarks/startup_bench.py --runs 9

Each command runs as `python -m detox ...` with bytecode present, in a data folder holding a
month of tracked time (400 spans a day) and a few mood entries, so `status` reads what it would
on a real machine. `status` runs a second time in a copy of that folder with a running fast and a
budget: it loads the fast and budget services only when there are some. It prints the median
wall time and CPU time (user + system) of each, and each as a multiple of `python -c pass`
measured in the same run, interleaved so a change of load hits all of them alike. Targets
(issue 18): status, mood 7 and log at most 10x, --help at most 8x (in English and, with its
translated help texts and click's messages, in Polish).
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import day_of_spans  # noqa: E402
from detox.clock import SystemClock  # noqa: E402
from detox.models import Budget, Fast, Rule  # noqa: E402
from detox.paths import Paths  # noqa: E402
from detox.store import Store, load_device  # noqa: E402

SPANS_A_DAY = 400
COMMANDS: dict[str, list[str]] = {
    "python -c pass": ["-c", "pass"],
    "detox --help": ["-m", "detox", "--help"],
    "detox --help, pl": ["-m", "detox", "--lang", "pl", "--help"],
    "detox status": ["-m", "detox", "status"],
    "status, fast+budget": ["-m", "detox", "status"],
    "detox mood 7": ["-m", "detox", "mood", "7"],
    "detox log": ["-m", "detox", "log", "instagram", "5m"],
}
IN_FASTING_HOME = {"status, fast+budget"}
TARGETS = {
    "detox --help": 8.0,
    "detox --help, pl": 8.0,
    "detox status": 10.0,
    "status, fast+budget": 10.0,
    "detox mood 7": 10.0,
    "detox log": 10.0,
}


def fill(home: Path) -> None:
    """The month so far of a heavy user, up to today."""
    paths = Paths.from_env({"DETOX_HOME": str(home)})
    store = Store(paths, load_device(paths), SystemClock())
    rng = random.Random(18)
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    spans = []
    for back in range(30, 0, -1):
        spans += day_of_spans(rng, store.device.id, today - timedelta(days=back), SPANS_A_DAY)
    store.add_spans(spans)


def add_fast_and_budget(home: Path) -> None:
    """A fast running for two weeks now and a daily budget, as `detox fast start` and
    `detox budget set` would write them."""
    paths = Paths.from_env({"DETOX_HOME": str(home)})
    store = Store(paths, load_device(paths), SystemClock())
    now = datetime.now(UTC)
    today = now.date()
    limit = Rule(kind="limit", apps=["instagram", "tiktok"], limit_seconds=1800)
    store.put_many(
        [
            Fast(
                device=store.device.id,
                updated_at=now,
                name="Two weeks in",
                start=today - timedelta(days=14),
                end=today + timedelta(days=26),
                rules=[limit],
            ),
            Budget(device=store.device.id, updated_at=now, target="total", weekday_seconds=7200),
        ]
    )


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, cwd=ROOT, check=True, capture_output=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "detox", quiet=1)  # bytecode present, as once installed
    with tempfile.TemporaryDirectory(prefix="detox-startup-bench-") as folder:
        home = Path(folder) / "plain"
        fill(home)
        fasting = Path(folder) / "fasting"
        shutil.copytree(home, fasting)
        add_fast_and_budget(fasting)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"DETOX_HOME": str(home), "COLUMNS": "80"}
        envs = {
            name: env | {"DETOX_HOME": str(fasting)} if name in IN_FASTING_HOME else env
            for name in COMMANDS
        }
        for name, command in COMMANDS.items():  # warm the file cache and write config.toml
            run_once(command, envs[name])
        load = os.getloadavg()[0]
        walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
        cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.runs):
            for name, command in COMMANDS.items():
                wall, cpu = run_once(command, envs[name])
                walls[name].append(wall)
                cpus[name].append(cpu)
    wall = {name: statistics.median(values) * 1000 for name, values in walls.items()}
    cpu = {name: statistics.median(values) * 1000 for name, values in cpus.items()}
    base_wall, base_cpu = wall["python -c pass"], cpu["python -c pass"]
    print(
        f"start-up benchmark: median of {args.runs}, Python {sys.version.split()[0]}, "
        f"load {load:.2f} at start, {os.getloadavg()[0]:.2f} at end"
    )
    print(f"{'command':<20} {'wall':>9} {'x pass':>7} {'CPU':>9} {'x pass':>7} {'target':>7}")
    for name in COMMANDS:
        target = f"<= {TARGETS[name]:.0f}x" if name in TARGETS else ""
        print(
            f"{name:<20} {wall[name]:>6.0f} ms {wall[name] / base_wall:>6.1f}x "
            f"{cpu[name]:>6.0f} ms {cpu[name] / base_cpu:>6.1f}x {target:>7}"
        )


if __name__ == "__main__":
    main()
