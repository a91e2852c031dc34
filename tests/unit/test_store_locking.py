"""The store's write lock: exclusive across processes and threads, a plain wait that gives up,
and the same flock filelock takes, so an older detox writing at the same moment waits too."""

from __future__ import annotations

import stat
import threading
import time
from pathlib import Path

import filelock
import pytest

from detox.store.locking import LockTimeout, exclusive


def test_a_second_holder_waits_then_gives_up(tmp_path: Path) -> None:
    path = tmp_path / "journal.json.lock"
    with exclusive(path, timeout=1.0):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
        # Another descriptor, as another process would open.
        with pytest.raises(LockTimeout), exclusive(path, timeout=0.1):
            pass
    with exclusive(path, timeout=0.1):  # released
        pass


def test_threads_take_turns(tmp_path: Path) -> None:
    path = tmp_path / "usage.lock"
    inside = 0
    most = 0
    guard = threading.Lock()

    def write() -> None:
        nonlocal inside, most
        for _ in range(20):
            with exclusive(path, timeout=10.0):
                with guard:
                    inside += 1
                    most = max(most, inside)
                time.sleep(0.001)  # long enough for another thread to try
                with guard:
                    inside -= 1

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 1


def test_filelock_and_this_lock_exclude_each_other(tmp_path: Path) -> None:
    path = tmp_path / "journal.json.lock"
    held = filelock.FileLock(path, timeout=1.0)
    with held, pytest.raises(LockTimeout), exclusive(path, timeout=0.1):
        pass
    with exclusive(path, timeout=1.0), pytest.raises(filelock.Timeout):
        filelock.FileLock(path, timeout=0.1).acquire()


def test_a_link_in_place_of_the_lock_file_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (tmp_path / "x.lock").symlink_to(elsewhere)
    with pytest.raises(OSError), exclusive(tmp_path / "x.lock", timeout=0.1):
        pass
    assert not elsewhere.exists()
