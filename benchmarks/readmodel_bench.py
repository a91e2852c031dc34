"""What reading history costs once it is long: insights, fasts, the report, the Today screen and
the tracker, on 1, 12 and 36 months of tracked spans (400 a day, a mood entry a day).

    python benchmarks/readmodel_bench.py              # median of 5 runs taken in turns
    python benchmarks/readmodel_bench.py --quick      # 100 spans a day, 3 runs, no TUI/tracker
    python benchmarks/readmodel_bench.py --code DIR   # time another checkout (before/after)
    python benchmarks/readmodel_bench.py --code OLD --code .   # both, in turns, same histories

Every figure is a whole process (`python -m detox ...`, bytecode present), its wall time and
its peak resident memory (the kernel's ru_maxrss); `python -c pass` is timed in the same turns,
so ratios hold whatever else loads the machine. Each history exists twice: without fasts, and
with a running 46-day fast plus an ended one, so "with a fast" is compared to the same history
without. Rows (the targets of issue 18):
- insights: `detox insights` over the last 30 days and over the last 365 days (<= 0.5 s,
  <= 80 MiB, year <= 1.5 x 30 days);
- fast list: `detox fast list` (<= 16 x python -c pass);
- report: `detox report` of the current week, with the running fast / without (<= 1.1 x);
- today: `detox` in tmux (80x24) until Today shows today's total, with and without the fast
  (<= 0.5 s, <= 70 MiB);
- tracker: `detox track` through its first fast check (the watch checks at start), peak memory,
  with the running fast and without (<= 40 MB in both).
The caches (rollups, judged fast days) are warm: each command runs once untimed first.
Everything is written under a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.dont_write_bytecode = True
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import fill  # noqa: E402
from detox.clock import FixedClock  # noqa: E402
from detox.models import Fast, MoodEntry, Rule  # noqa: E402
from detox.paths import Paths  # noqa: E402
from detox.store import Store, load_device  # noqa: E402

HISTORIES = (1, 12, 36)
DAYS_A_MONTH = 30
PAINTED = "Social media today:"
Measure = Callable[[], tuple[float, float, float]]  # (seconds, CPU seconds, peak MiB)


# Runs one command and prints its wall seconds and peak resident KiB. A child's peak memory
# starts at its parent's (the kernel keeps the high-water mark across fork and exec), so the
# command is started from this small process, not from the benchmark holding a filled store.
LAUNCHER = """
import os, sys, time
began = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
cpu = usage.ru_utime + usage.ru_stime
print(time.perf_counter() - began, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run(argv: list[str], env: dict[str, str], cwd: Path = REPO) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MiB of one whole process, started in `cwd`
    (`python -m` imports from the working folder first: it must be the checkout timed)."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, *argv],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, cpu, kib, code = done.stdout.split()
    if code != "0":
        raise RuntimeError(f"{argv} failed: {done.stderr[-400:]}")
    return float(seconds), float(cpu), int(kib) / 1024


def environment(home: Path, code: Path) -> dict[str, str]:
    return dict(os.environ, DETOX_HOME=str(home), PYTHONPATH=str(code))


def detox(home: Path, code: Path, *args: str) -> Measure:
    return lambda: run([sys.executable, "-m", "detox", *args], environment(home, code), code)


def today_screen(home: Path, code: Path, session: str) -> Measure:
    def measure() -> tuple[float, float, float]:
        env = f"DETOX_HOME={shlex.quote(str(home))} PYTHONPATH={shlex.quote(str(code))}"
        command = f"env -u DISPLAY -u WAYLAND_DISPLAY {env} {shlex.quote(sys.executable)} -m detox"
        began = time.perf_counter()
        tmux = ["tmux", "-L", session, "new-session", "-d", "-x", "80", "-y", "24"]
        subprocess.run([*tmux, "-c", str(code), command], check=True)
        try:
            pid = subprocess.run(
                ["tmux", "-L", session, "list-panes", "-F", "#{pane_pid}"],
                capture_output=True,
                text=True,
            ).stdout.split()[0]
            while time.perf_counter() - began < 60:
                pane = subprocess.run(
                    ["tmux", "-L", session, "capture-pane", "-p"], capture_output=True, text=True
                ).stdout
                line = next((ln for ln in pane.splitlines() if PAINTED in ln), "")
                if line and not line.rstrip().endswith(" 0s"):
                    took = time.perf_counter() - began
                    return took, cpu_seconds(int(pid)), peak_mib(int(pid))
                time.sleep(0.01)
            raise TimeoutError("the Today screen never showed today's total")
        finally:
            subprocess.run(["tmux", "-L", session, "kill-server"], capture_output=True)
            time.sleep(0.3)

    return measure


def tracker(home: Path, code: Path) -> Measure:
    def measure() -> tuple[float, float, float]:
        env = environment(home, code)
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        began = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "detox", "track", "--interval", "1"],
            env=env,
            cwd=code,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(6)  # start-up, the first samples and the fast watch's first pass
        peak = peak_mib(process.pid)  # VmHWM: the tracker's own high-water mark so far
        cpu = cpu_seconds(process.pid)
        process.send_signal(signal.SIGTERM)
        process.wait()
        return time.perf_counter() - began, cpu, peak

    return measure


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def make_home(root: Path, name: str, device_from: Path | None) -> tuple[Path, Store]:
    home = root / name
    paths = Paths.from_env({"DETOX_HOME": str(home)})
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    # Onboarding only greets someone with nothing set up; the benchmark times the Today screen.
    paths.config_file.write_text('timezone = "Europe/Warsaw"\n', encoding="utf-8")
    if device_from is not None:
        shutil.copy(Paths.from_env({"DETOX_HOME": str(device_from)}).device_file, paths.device_file)
    now = datetime.now(UTC)
    return home, Store(paths, load_device(paths), FixedClock(now))


def history(store: Store, months: int, per_day: int, today: date) -> int:
    rng = random.Random(20261204)
    first = today - timedelta(days=months * DAYS_A_MONTH)
    spans = fill(store, rng, first, today, per_day)
    now = datetime.now(UTC)
    moods = []
    day = first
    tags = ["work", "outside", "friends", "tired", "sport"]
    while day <= today:
        at = datetime(day.year, day.month, day.day, 20, tzinfo=UTC)
        moods.append(
            MoodEntry(
                device=store.device.id,
                updated_at=now,
                at=min(at, now),
                score=rng.randint(3, 9),
                tags=rng.sample(tags, rng.randint(0, 2)),
            )
        )
        day += timedelta(days=1)
    store.put_many(moods)
    return spans


def add_fasts(store: Store, today: date) -> None:
    now = datetime.now(UTC)
    device = store.device.id
    limit = Rule(kind="limit", apps=["instagram", "tiktok"], limit_seconds=1800)
    store.put_many(
        [
            Fast(
                device=device,
                updated_at=now,
                name="Running",
                start=today - timedelta(days=45),
                end=today + timedelta(days=10),
                rules=[limit, Rule(kind="abstain", categories=["video"])],
            ),
            Fast(
                device=device,
                updated_at=now,
                name="Ended",
                start=today - timedelta(days=120),
                end=today - timedelta(days=80),
                rules=[limit],
                ended_at=now - timedelta(days=90),
            ),
        ]
    )


def _copy(home: Path, name: str) -> Path:
    copy = home.with_name(name)
    shutil.copytree(home, copy)
    return copy


def interleaved(
    measures: dict[str, Measure], runs: int
) -> dict[str, list[tuple[float, float, float]]]:
    """Runs taken in turns so a burst of load elsewhere hits every row alike; one untimed
    warm-up run each (it fills the caches, as any earlier use of detox would have)."""
    for measure in measures.values():
        measure()
    found: dict[str, list[tuple[float, float, float]]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            found[name].append(measure())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int)
    parser.add_argument(
        "--code",
        type=Path,
        action="append",
        help="a checkout to time (again for several: each row is then named after its folder)",
    )
    parser.add_argument("--no-tracker", action="store_true", help="leave out the tracker rows")
    parser.add_argument("--months", type=int, nargs="*", default=list(HISTORIES))
    options = parser.parse_args()
    per_day = 100 if options.quick else 400
    runs = options.runs or (3 if options.quick else 5)
    codes = [code.resolve() for code in options.code or [REPO]]
    today = datetime.now(UTC).date()
    this_week = f"{today.isocalendar()[0]}-W{today.isocalendar()[1]:02d}"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        measures: dict[str, Measure] = {
            "python -c pass": lambda: run([sys.executable, "-c", "pass"], dict(os.environ))
        }
        first_home: Path | None = None
        spans: dict[int, int] = {}
        for months in options.months:
            plain, store = make_home(root, f"{months}-plain", first_home)
            first_home = first_home or plain
            spans[months] = history(store, months, per_day, today)
            fasting = root / f"{months}-fast"
            shutil.copytree(plain, fasting)
            add_fasts(make_home(root, f"{months}-fast", first_home)[1], today)
            month_ago = (today - timedelta(days=29)).isoformat()
            year_ago = (today - timedelta(days=364)).isoformat()
            insights = ("insights", "--json", "--to", today.isoformat(), "--from")
            report = ("report", "--week", this_week, "--format", "json")
            session = f"readmodel-bench-{os.getpid()}"
            for index, code in enumerate(codes):
                at = f"{code.name} {months}m" if len(codes) > 1 else f"{months}m"
                if index:
                    # Each checkout its own copy: versions whose caches differ (the rollups'
                    # format) would otherwise clear each other's on every run.
                    plain, fasting = (
                        _copy(home, f"{home.name}-{index}") for home in (plain, fasting)
                    )
                measures[f"{at} insights 30 days"] = detox(fasting, code, *insights, month_ago)
                if months >= 12:
                    measures[f"{at} insights year"] = detox(fasting, code, *insights, year_ago)
                measures[f"{at} fast list"] = detox(fasting, code, "fast", "list")
                measures[f"{at} report week"] = detox(plain, code, *report)
                measures[f"{at} report week, fast"] = detox(fasting, code, *report)
                if not options.quick:
                    measures[f"{at} today"] = today_screen(plain, code, session)
                    measures[f"{at} today, fast"] = today_screen(fasting, code, session)
                if not options.quick and not options.no_tracker:
                    measures[f"{at} tracker"] = tracker(plain, code)
                    measures[f"{at} tracker, fast"] = tracker(fasting, code)
        found = interleaved(measures, runs)
    load = os.getloadavg()[0]
    print(
        f"read model benchmark: {per_day} spans a day, median of {runs} runs taken in turns, "
        f"code {', '.join(map(str, codes))}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, "
        f"load {load:.1f} at the end; spans: "
        + ", ".join(f"{months} months {count:,}" for months, count in spans.items())
    )
    base = statistics.median(figures[0] for figures in found["python -c pass"])
    cpu_base = statistics.median(figures[1] for figures in found["python -c pass"])
    width = max(len(name) for name in found) + 1
    heads = f"{'median s':>9} {'x pass':>7} {'CPU s':>7} {'x pass':>7} {'peak MiB':>9}"
    print(f"{'what':<{width}} {heads}")
    for name, figures in found.items():
        seconds = statistics.median(f[0] for f in figures)
        cpu = statistics.median(f[1] for f in figures)
        memory = max(f[2] for f in figures)
        print(
            f"{name:<{width}} {seconds:>9.3f} {seconds / base:>7.1f} {cpu:>7.3f} "
            f"{cpu / max(cpu_base, 1e-3):>7.1f} {memory:>9.1f}"
        )
    for code in codes:
        for months in options.months:
            at = f"{code.name} {months}m" if len(codes) > 1 else f"{months}m"
            ratios = []
            if f"{at} insights year" in found:
                ratios.append(("insights year / 30 days", "insights year", "insights 30 days"))
            ratios.append(("report with fast / without", "report week, fast", "report week"))
            for label, top, bottom in ratios:
                a = [statistics.median(f[i] for f in found[f"{at} {top}"]) for i in (0, 1)]
                b = [statistics.median(f[i] for f in found[f"{at} {bottom}"]) for i in (0, 1)]
                print(f"{at} {label}: {a[0] / b[0]:.2f} wall, {a[1] / b[1]:.2f} CPU")


if __name__ == "__main__":
    main()
