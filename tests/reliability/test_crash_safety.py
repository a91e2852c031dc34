"""kill -9 a process in the middle of writing: nothing it acknowledged is lost, nothing is corrupt.

A worker (tests/reliability/workers.py) appends mood entries and upserts batches of spans over
three days (three day files), some of which grow and some shrink their file, and prints
`ACK <step>` after each write returns. The test kills it at random moments, 50 times over the
same home, and checks the files after each kill.
"""

from __future__ import annotations

import json
import random
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from detox.clock import FixedClock
from detox.fileio import TEMP_MARK
from detox.paths import Paths
from detox.store import Device, Store
from tests.clock_fixtures import NOW_UTC
from tests.reliability import workers

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

KILLS = 50
WORKER = Path(workers.__file__)
EVERYTHING = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))  # all runs


@dataclass
class History:
    device: str = ""
    last_ack: dict[int, int] = field(default_factory=dict)  # run -> last acknowledged step
    kills_leaving_temp_files: int = 0


def _temp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f".*{TEMP_MARK}*"))


def _start(run: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), "crash", str(run)],
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _kill_at_random(worker: subprocess.Popen[str], rng: random.Random) -> tuple[str, list[int]]:
    """Let the worker acknowledge 0-4 writes, then write for up to 30 ms more (a step writes
    three day files), kill it, return its device and acknowledged steps.

    Counting acknowledgements rather than sleeping a fixed time keeps the kills inside the
    writing on a loaded machine, where a worker may take longer than any fixed sleep to start."""
    assert worker.stdout is not None
    ready = worker.stdout.readline()
    if not ready.startswith("READY "):
        worker.kill()
        _, err = worker.communicate(timeout=10)
        pytest.fail(f"worker did not start: {ready!r} {err}")
    seen = [worker.stdout.readline() for _ in range(rng.randint(0, 4))]
    time.sleep(rng.uniform(0, 0.030))
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    # Read through the text wrapper: communicate() reads the pipe beneath it and would drop the
    # lines readline() had already buffered (an "ACK 0" written together with READY).
    assert worker.stderr is not None
    out, err = "".join(seen) + worker.stdout.read(), worker.stderr.read()
    worker.stdout.close()
    worker.stderr.close()
    assert worker.returncode == -signal.SIGKILL, err
    lines = out.split("\n")[:-1]  # a line cut by the kill was not acknowledged
    assert not [line for line in lines if line.startswith("WARN")], lines
    steps = [int(line.split()[1]) for line in lines if line.startswith("ACK ")]
    assert steps == list(range(len(steps)))
    return ready.split()[1], steps


def _assert_every_file_loads(data_dir: Path) -> None:
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        if path.name.startswith("."):
            continue  # a temp file a kill left; the store never reads those
        assert ".corrupt-" not in path.name, f"{path.name} was quarantined"
        document = json.loads(path.read_bytes())
        assert isinstance(document, dict), path


def _assert_acknowledged_data_present(history: History, paths: Paths) -> None:
    warnings: list[str] = []
    # Read as another device: a corrupt file of the worker's would be quarantined and warned about.
    reader = Store(
        paths,
        Device(id="checker-0000", name="checker"),
        FixedClock(NOW_UTC),
        warn=warnings.append,
    )
    journal = {record.id: record for record in reader.journal()}
    spans = {span.id: span.duration for span in reader.spans(*EVERYTHING)}
    assert warnings == []
    accounted: set[str] = set()
    for run, last in history.last_ack.items():
        # The write in flight at the kill may or may not have landed, but wholly or not at all.
        acked, in_flight = last, last + 1
        moods = {key: value for key, value in journal.items() if key.startswith(f"r{run}-")}
        assert moods in (
            workers.expected_moods(history.device, run, acked),
            workers.expected_moods(history.device, run, in_flight),
        ), f"run {run}: journal after step {acked}"
        ids = workers.run_span_ids(history.device, run, in_flight)
        run_spans = {key: value for key, value in spans.items() if key in ids}
        before = workers.expected_spans(history.device, run, acked)
        after = workers.expected_spans(history.device, run, in_flight)
        # A batch of spans is written one day file at a time: each file wholly or not at all.
        days = workers.span_days(history.device, run, in_flight)
        for day in sorted(set(days.values())):
            on_day = [run_spans, before, after]
            stored, was, would_be = ({k: v for k, v in d.items() if days[k] == day} for d in on_day)
            assert stored in (was, would_be), f"run {run}: spans of {day} after step {acked}"
        accounted |= run_spans.keys()
    assert set(spans) == accounted, "spans that no run wrote"


def test_acknowledged_writes_survive_sigkill(detox_home: Path) -> None:
    paths = Paths.from_env()
    rng = random.Random(20261125)
    history = History()
    left_by_last_kill: list[Path] = []
    for run in range(KILLS):
        worker = _start(run)
        device, steps = _kill_at_random(worker, rng)
        history.device = device
        history.last_ack[run] = steps[-1] if steps else -1
        # The worker's Store, on opening, removed the temp files the previous kill left.
        assert not [p for p in left_by_last_kill if p.exists()]
        left_by_last_kill = _temp_files(paths.data_dir)
        history.kills_leaving_temp_files += bool(left_by_last_kill)
        _assert_every_file_loads(paths.data_dir)
        _assert_acknowledged_data_present(history, paths)

    assert sum(history.last_ack.values()) > KILLS, "the kills hardly ever hit a running writer"
    assert history.kills_leaving_temp_files > 0, "no kill hit a write; the test proved little"
    # The next start, whatever it is, cleans up after the last kill too.
    workers.open_store()
    assert _temp_files(paths.data_dir) == []
    own_dir = paths.device_dir(history.device)
    data_files = sorted(own_dir.iterdir())
    assert {p.name for p in data_files} >= {"device.json", "journal.json", "usage-2026-01-01.json"}
    for path in data_files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
