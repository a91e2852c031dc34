"""Several detox processes writing one journal at once, and a reader beside them.

A `detox` start costs about 0.5 s (Python, pydantic, click), so 400 CLI processes would take
minutes: the 4 x 100 case uses workers calling Store.put, and 4 x 10 real CLI processes check the
whole command path. Every case starts from an empty home, so first runs race as well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from detox.clock import FixedClock
from detox.models import UsageSpan
from detox.paths import Paths
from detox.store import Device, Store, load_device
from tests.clock_fixtures import NOW_UTC
from tests.reliability import workers

WORKER = Path(workers.__file__)
WRITERS = 4


@dataclass
class Started:
    process: subprocess.Popen[str]

    def wait_ready(self) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line == "READY\n", (line, self.process.stderr and self.process.stderr.read())

    def finish(self) -> list[str]:
        out, err = self.process.communicate(timeout=120)
        assert self.process.returncode == 0, err
        assert err == "", err  # no warning, no traceback
        return out.splitlines()


def _worker(*args: str) -> Started:
    return Started(
        subprocess.Popen(
            [sys.executable, str(WORKER), *args],
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    )


def _env(home: Path) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DETOX_DEBUG"} | {"DETOX_HOME": str(home)}


def _quarantined(paths: Paths) -> list[str]:
    return [p.name for p in paths.data_dir.rglob("*") if ".corrupt-" in p.name]


def _writers_at_once(go_file: Path, count: int, extra: list[Started]) -> list[Started]:
    writers = [_worker("moods", f"w{k}", str(count), str(go_file)) for k in range(WRITERS)]
    for started in [*writers, *extra]:
        started.wait_ready()
    go_file.touch()
    return writers


def test_four_writers_at_once_lose_nothing(detox_home: Path, tmp_path: Path) -> None:
    writers = _writers_at_once(tmp_path / "go", 100, [])
    for started in writers:
        assert started.finish() == ["DONE 100"]

    paths = Paths.from_env()
    warnings: list[str] = []
    store = Store(paths, load_device(paths), FixedClock(NOW_UTC), warn=warnings.append)
    ids = {record.id for record in store.journal()}
    assert ids == {f"w{k}-{i}" for k in range(WRITERS) for i in range(100)}
    assert warnings == []
    assert _quarantined(paths) == []
    # Four first runs at once agreed on one device id.
    assert [folder.name for folder in store.device_dirs()] == [store.device.id]


def test_a_reader_beside_writers_never_sees_a_broken_file(detox_home: Path, tmp_path: Path) -> None:
    go_file, stop_file = tmp_path / "go", tmp_path / "stop"
    reader = _worker("reader", str(go_file), str(stop_file))
    writers = _writers_at_once(go_file, 100, [reader])
    for started in writers:
        assert started.finish() == ["DONE 100"]
    stop_file.touch()
    lines = reader.finish()
    # The reader reads as another device, so a broken file would have been quarantined with a
    # warning (on stderr, checked by finish), and a read that lost entries would print SHRANK.
    assert len(lines) == 1 and lines[0].startswith("READS "), lines
    reads, last_count = map(int, lines[0].split()[1:])
    assert reads > 5, "the reader hardly overlapped the writers"
    assert last_count == WRITERS * 100
    assert _quarantined(Paths.from_env()) == []


@pytest.mark.slow
def test_forty_cli_processes_at_once(detox_home: Path) -> None:
    env = _env(detox_home)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "detox", "mood", str(i + 1), "--note", f"w{k}-{i}"],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for k in range(WRITERS)
        for i in range(10)
    ]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert err == ""
        assert out.startswith("Mood ")

    export = subprocess.run(
        [sys.executable, "-m", "detox", "export"],
        env=env,
        text=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert export.returncode == 0, export.stderr
    document = json.loads(export.stdout)
    notes = sorted(r["note"] for r in document["journal"] if r["kind"] == "mood")
    assert notes == sorted(f"w{k}-{i}" for k in range(WRITERS) for i in range(10))
    assert len(document["devices"]) == 1, "first runs at once made several device ids"
    assert _quarantined(Paths.from_env()) == []


def test_a_same_size_rewrite_within_one_mtime_tick_is_seen(detox_home: Path) -> None:
    # The reader caches files by their stat; a sync tool or a coarse clock can give a rewrite the
    # same size and mtime as the copy read before.
    paths, clock = Paths.from_env(), FixedClock(NOW_UTC)
    laptop = Store(paths, Device(id="laptop-0001", name="Laptop"), clock)
    desktop = Store(paths, Device(id="desktop-0002", name="Desktop"), clock)
    start = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    span = UsageSpan(
        id=UsageSpan.stable_id("laptop-0001", "reddit", start, "tracker"),
        app="reddit",
        device="laptop-0001",
        source="tracker",
        start=start,
        duration=12.5,
    )
    laptop.add_spans([span])
    window = (start, datetime(2026, 11, 11, tzinfo=UTC))
    assert [s.duration for s in desktop.spans(*window)] == [12.5]
    path = laptop.own_dir / "usage-2026-11-10.json"
    before = path.stat()
    laptop.add_spans([span.model_copy(update={"duration": 13.5})])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert [s.duration for s in desktop.spans(*window)] == [13.5]
