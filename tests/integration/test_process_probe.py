"""The process probe against real processes: copies of `sleep` named like social apps."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import psutil
import pytest

from detox.tracker.probes.process import ProcessProbe, read_process_name
from tests.conftest import need_program

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="process names are read the Linux way here"
)

LONG_NAME = "telegram-desktop-xyz"  # 20 characters: the kernel keeps "telegram-deskto"
CATALOG = {"discord": "discord", LONG_NAME: "telegram"}


def classify(name: str) -> str | None:
    return CATALOG.get(name)


class Programs:
    """Copies of system programs under app names, and the processes started from them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started: list[subprocess.Popen[bytes]] = []

    def copy(self, program: str, as_name: str) -> Path:
        need_program(program)
        source = shutil.which(program)
        assert source is not None
        target = self.folder / as_name
        if not target.exists():
            shutil.copy2(source, target)
        return target

    def start(self, as_name: str, *, argv0: str | None = None) -> subprocess.Popen[bytes]:
        path = self.copy("sleep", as_name)
        args = [argv0 or str(path), "30"]
        process = subprocess.Popen(args, executable=path)
        self.started.append(process)
        # Popen returns when the close-on-exec pipe closes, which is part-way through execve:
        # for a moment the new process has no command line yet. Wait until it has one.
        deadline = time.monotonic() + 10
        while not psutil.Process(process.pid).cmdline() and time.monotonic() < deadline:
            time.sleep(0.01)
        return process

    def apps_seen_by(
        self, probe: ProcessProbe, also: Iterable[int] = ()
    ) -> dict[str, frozenset[int]]:
        """The probe's running apps among the processes this test started: a Discord the
        person runs, or another suite's copies, are not this test's business."""
        ours = {process.pid for process in self.started} | set(also)
        seen = {app: pids & ours for app, pids in probe.running_apps().items()}
        return {app: pids for app, pids in seen.items() if pids}

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.kill()
            process.wait()


@pytest.fixture
def programs(tmp_path: Path) -> Iterator[Programs]:
    started = Programs(tmp_path)
    yield started
    started.stop_all()


class CountingLookup:
    """The real lookup, counting which pids it was asked about."""

    def __init__(self, before: Callable[[int], None] | None = None) -> None:
        self.calls: Counter[int] = Counter()
        self.before = before

    def __call__(self, pid: int) -> str:
        self.calls[pid] += 1
        if self.before is not None:
            self.before(pid)
        return read_process_name(pid)


def test_reports_apps_by_process_name_including_names_the_kernel_cuts(
    programs: Programs,
) -> None:
    discord = programs.start("discord")
    telegram = programs.start(LONG_NAME)
    programs.start("sleepy-helper")  # running, but not in the catalog

    probe = ProcessProbe(classify)
    probe.refresh()

    assert programs.apps_seen_by(probe) == {
        "discord": frozenset({discord.pid}),
        "telegram": frozenset({telegram.pid}),
    }
    assert probe.name_of(telegram.pid) == LONG_NAME


def test_long_name_comes_from_the_executable_never_from_the_command_line(
    programs: Programs,
) -> None:
    # argv[0] starts with the cut name too, so psutil's own repair would pick it up from the
    # command line; the probe must not.
    process = programs.start(LONG_NAME, argv0="telegram-desktop-private-argument")
    assert psutil.Process(process.pid).cmdline()[0] == "telegram-desktop-private-argument"

    assert read_process_name(process.pid) == LONG_NAME


def test_long_named_script_keeps_the_cut_name(programs: Programs) -> None:
    # A script's executable is its interpreter, so nothing can repair the name without reading
    # the command line: the catalog sees what the kernel kept.
    need_program("sh")
    script = programs.folder / LONG_NAME
    script.write_text("#!/bin/sh\nsleep 30\n")
    script.chmod(0o755)
    process = subprocess.Popen([str(script)])
    programs.started.append(process)

    probe = ProcessProbe(classify)
    probe.refresh()

    assert probe.name_of(process.pid) == LONG_NAME[:15]
    assert "telegram" not in programs.apps_seen_by(probe)


def test_exited_app_is_evicted(programs: Programs) -> None:
    discord = programs.start("discord")
    probe = ProcessProbe(classify)
    probe.refresh()
    assert programs.apps_seen_by(probe) == {"discord": frozenset({discord.pid})}

    discord.kill()
    discord.wait()
    probe.refresh()

    assert programs.apps_seen_by(probe) == {}
    assert probe.name_of(discord.pid) is None


def test_process_exiting_between_listing_and_lookup_is_skipped(programs: Programs) -> None:
    victim = programs.start("discord")
    survivor = programs.start(LONG_NAME)

    def kill_victim_first(pid: int) -> None:
        # Widen the real race window: the pid was listed, now the process dies and is reaped
        # before its name is read.
        if pid == victim.pid:
            victim.kill()
            victim.wait()

    probe = ProcessProbe(classify, lookup=CountingLookup(before=kill_victim_first))
    probe.refresh()

    assert programs.apps_seen_by(probe) == {"telegram": frozenset({survivor.pid})}
    assert probe.name_of(victim.pid) is None


def test_zombie_is_not_a_running_app(programs: Programs) -> None:
    discord = programs.start("discord")
    discord.kill()  # not reaped until wait(): a zombie meanwhile (poll() would reap it)
    _wait_until_zombie(discord.pid)

    probe = ProcessProbe(classify)
    probe.refresh()

    assert "discord" not in programs.apps_seen_by(probe)
    assert probe.name_of(discord.pid) is None


def _wait_until_zombie(pid: int) -> None:
    for _ in range(1000):
        if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
            return
        time.sleep(0.01)
    pytest.fail(f"process {pid} did not die after SIGKILL")


def test_refreshing_while_processes_come_and_go_never_fails(programs: Programs) -> None:
    short_lived = programs.copy("true", "discord")
    stop = threading.Event()
    spawned: list[int] = []

    def churn() -> None:
        while not stop.is_set():
            process = subprocess.Popen([str(short_lived)])
            spawned.append(process.pid)
            process.wait()

    spawner = threading.Thread(target=churn)
    spawner.start()
    probe = ProcessProbe(classify)
    try:
        for _ in range(100_000):  # a safety cap; the loop ends once enough processes raced
            probe.refresh()
            probe.running_apps()
            if len(spawned) >= 200:
                break
    finally:
        stop.set()
        spawner.join()

    assert len(spawned) > 10, "the race needs processes to race with"
    probe.refresh()
    assert programs.apps_seen_by(probe, spawned) == {}, (
        "every short-lived process was evicted after it exited"
    )


def test_names_are_read_only_for_new_pids(programs: Programs) -> None:
    listings: list[set[int]] = []

    def recording_pids() -> list[int]:
        pids = psutil.pids()
        listings.append(set(pids))
        return pids

    lookup = CountingLookup()
    probe = ProcessProbe(classify, lookup=lookup, list_pids=recording_pids)
    steady = programs.start("discord")
    for _ in range(3):
        probe.refresh()
    newcomer = programs.start(LONG_NAME)

    for _ in range(5):
        before = lookup.calls.copy()
        probe.refresh()
        read_now = set((lookup.calls - before).keys())
        new_now = listings[-1] - listings[-2]
        new_last_time = listings[-2] - listings[-3]
        assert read_now <= new_now | new_last_time

    # A pid is read when first seen and once more on the next tick (fork-then-exec), then never.
    assert lookup.calls[steady.pid] == 2
    assert lookup.calls[newcomer.pid] == 2
    assert programs.apps_seen_by(probe) == {
        "discord": frozenset({steady.pid}),
        "telegram": frozenset({newcomer.pid}),
    }


def test_name_of_an_unlisted_pid_is_read_on_demand_once(programs: Programs) -> None:
    discord = programs.start("discord")
    lookup = CountingLookup()
    probe = ProcessProbe(classify, lookup=lookup)

    assert probe.name_of(discord.pid) == "discord"
    assert probe.name_of(discord.pid) == "discord"
    assert lookup.calls[discord.pid] == 1
