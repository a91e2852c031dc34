"""Whether a tracker runs here, as the Today screen asks on every load: the answer the tracker's
own lock gives, from this process and from another one."""

from __future__ import annotations

import errno
import fcntl
import subprocess
import sys
from pathlib import Path

import pytest

from detox.paths import Paths
from detox.tracker import presence
from detox.tracker.daemon import tracker_lock
from detox.tracker.presence import tracker_is_running

_HOLDER = """
import sys
from detox.paths import Paths
from detox.tracker.daemon import tracker_lock

with tracker_lock(Paths.from_env({"DETOX_HOME": sys.argv[1]})):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_no_tracker_before_one_ever_ran(tmp_path: Path) -> None:
    paths = Paths.from_env({"DETOX_HOME": str(tmp_path)})
    assert not paths.tracker_lock_file.exists()
    assert tracker_is_running(paths) is False


def test_a_tracker_here_holds_the_lock_until_it_stops(tmp_path: Path) -> None:
    paths = Paths.from_env({"DETOX_HOME": str(tmp_path)})
    with tracker_lock(paths):
        assert tracker_is_running(paths) is True
    assert paths.tracker_lock_file.exists()  # left behind, as the tracker leaves it
    assert tracker_is_running(paths) is False
    assert tracker_is_running(paths) is False  # asking took no lock


def test_a_tracker_in_another_process(tmp_path: Path) -> None:
    paths = Paths.from_env({"DETOX_HOME": str(tmp_path)})
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert tracker_is_running(paths) is True
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    assert tracker_is_running(paths) is False  # the lock dies with its process


def test_without_flock_filelock_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file system without flock: the question goes to filelock (its soft lock on such a file
    # system is filelock's to read).
    paths = Paths.from_env({"DETOX_HOME": str(tmp_path)})
    with tracker_lock(paths):
        pass

    def no_flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOSYS, "flock is not supported here")

    with monkeypatch.context() as patched:
        patched.setattr(fcntl, "flock", no_flock)
        assert presence._flock_held(paths.tracker_lock_file) is None
    monkeypatch.setattr(presence, "_flock_held", lambda lock_file: None)
    with tracker_lock(paths):
        assert tracker_is_running(paths) is True
    assert tracker_is_running(paths) is False
