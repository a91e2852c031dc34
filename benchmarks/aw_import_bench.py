"""What `detox import activitywatch FILE` costs for a large export, as a whole process.

    python benchmarks/aw_import_bench.py               # 432,000 events (a heavy half year)
    python benchmarks/aw_import_bench.py --events 100000
    python benchmarks/aw_import_bench.py --code OLD --code . --rounds 3   # in turns, one export

The export has one laptop (window, AFK and Firefox web buckets) and one phone: 180 days of a
heavy user switching windows every 30-90 s. It prints the import's CPU time (user + system),
wall time and peak resident memory (the child's own ru_maxrss), with `python -c pass` timed in the
same run to show the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.dont_write_bytecode = True
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.baseline import python_pass_ms  # noqa: E402

FIRST_DAY = datetime(2026, 5, 1, tzinfo=UTC)
WINDOWS = [
    ("firefox", "Home - YouTube — Mozilla Firefox", "https://www.youtube.com/"),
    ("firefox", "(3) Facebook — Mozilla Firefox", "https://www.facebook.com/"),
    ("firefox", "Python docs — Mozilla Firefox", "https://docs.python.org/3/"),
    ("discord", "#general | Study Group - Discord", ""),
    ("code", "main.py - detox - Visual Studio Code", ""),
    ("xterm", "xterm", ""),
    ("telegram-desktop", "Telegram", ""),
]
ANDROID = [("com.instagram.android", "Instagram"), ("com.google.android.apps.maps", "Maps")]


def _event(at: datetime, seconds: float, data: dict[str, Any]) -> dict[str, Any]:
    return {"timestamp": at.isoformat(), "duration": seconds, "data": data}


def export(events: int, rng: random.Random) -> dict[str, Any]:
    """About `events` events over 180 days: 60 % window, 15 % AFK, 17 % web, 8 % phone."""
    per_day = events / 180
    buckets: dict[str, list[dict[str, Any]]] = {
        "aw-watcher-window_laptop": [],
        "aw-watcher-afk_laptop": [],
        "aw-watcher-web-firefox_laptop": [],
        "aw-watcher-android-test": [],
    }
    for day in range(180):
        start = FIRST_DAY + timedelta(days=day, hours=7)
        cursor = start
        for _ in range(round(per_day * 0.60)):
            app, title, url = rng.choice(WINDOWS)
            seconds = rng.uniform(20, 90)
            buckets["aw-watcher-window_laptop"].append(
                _event(cursor, seconds, {"app": app, "title": title})
            )
            if url and rng.random() < 0.8:
                buckets["aw-watcher-web-firefox_laptop"].append(
                    _event(cursor, seconds, {"url": url, "title": title, "audible": False})
                )
            cursor += timedelta(seconds=seconds + rng.uniform(0, 4))
        step = (cursor - start) / max(1, round(per_day * 0.15))
        for number in range(round(per_day * 0.15)):
            status = "afk" if number % 7 == 6 else "not-afk"
            buckets["aw-watcher-afk_laptop"].append(
                _event(start + step * number, step.total_seconds(), {"status": status})
            )
        phone = FIRST_DAY + timedelta(days=day, hours=20)
        for _ in range(round(per_day * 0.08)):
            package, name = rng.choice(ANDROID)
            seconds = rng.uniform(5, 60)
            buckets["aw-watcher-android-test"].append(
                _event(phone, seconds, {"package": package, "app": name})
            )
            phone += timedelta(seconds=seconds + 1)
    types = {"window": "currentwindow", "afk": "afkstatus", "web": "web.tab.current"}
    return {
        "buckets": {
            bucket_id: {
                "id": bucket_id,
                "type": "currentwindow"
                if "android" in bucket_id
                else types[bucket_id.split("-")[2].split("_")[0]],
                "client": "aw-android" if "android" in bucket_id else bucket_id.split("_")[0],
                "hostname": "Pixel" if "android" in bucket_id else "laptop",
                "created": FIRST_DAY.isoformat(),
                "events": list(reversed(found)),  # the server lists the newest first
            }
            for bucket_id, found in buckets.items()
        }
    }


def import_once(path: Path, home: Path, code: Path) -> tuple[float, float, float, str]:
    """One `detox import activitywatch` of `path` into an empty data folder, with the detox of
    `code`: CPU seconds, wall seconds, peak MB and the first line it printed."""
    data = home / "detox"
    shutil.rmtree(data, ignore_errors=True)
    env = dict(os.environ, DETOX_HOME=str(data), PYTHONPATH=str(code))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the checkouts' compiled bytecode is used
    out = home / "out.txt"
    began = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        child = subprocess.Popen(
            [sys.executable, "-m", "detox", "import", "activitywatch", str(path)],
            env=env,
            cwd=code,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        # This child's own usage (RUSAGE_CHILDREN would mix in the process that wrote the
        # export, and a forked child's peak counts its parent's pages).
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    done = out.read_text(encoding="utf-8")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"import failed: {done}")
    first = done.strip().splitlines()[0] if done.strip() else ""
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, first


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=432_000)
    parser.add_argument(
        "--code",
        action="append",
        type=Path,
        metavar="DIR",
        help="a detox checkout to time (bytecode compiled); several are run in turns",
    )
    parser.add_argument("--rounds", type=int, default=1, help="imports per checkout")
    parser.add_argument("--write", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        document = export(args.events, random.Random(20261204))
        Path(args.write).write_text(json.dumps(document), encoding="utf-8")
        print(sum(len(b["events"]) for b in document["buckets"].values()))
        return
    codes = [code.resolve() for code in args.code or [ROOT]]
    with tempfile.TemporaryDirectory(prefix="detox-aw-bench-") as folder:
        home = Path(folder)
        path = home / "aw-export.json"
        # Written by another process: a child forked from a parent holding the export would
        # count the parent's memory in its own peak.
        written = subprocess.run(
            [sys.executable, __file__, "--events", str(args.events), "--write", str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
        count = int(written.stdout)
        size_mb = path.stat().st_size / 1e6
        print(
            f"activitywatch import benchmark: {count:,} events, {size_mb:.0f} MB file, "
            f"Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.2f}, "
            f"python -c pass {python_pass_ms():.1f} ms"
        )
        first = ""
        for _ in range(args.rounds):
            for code in codes:
                cpu, wall, peak_mb, first = import_once(path, home, code)
                name = f"{code.name}: " if len(codes) > 1 else ""
                print(
                    f"{name}CPU {cpu:.2f} s, wall {wall:.2f} s, peak {peak_mb:.0f} MB "
                    f"(load {os.getloadavg()[0]:.2f})",
                    flush=True,
                )
        print(first)


if __name__ == "__main__":
    main()
