"""Folder listings kept while a folder is unchanged (detox.store.listing): a change is seen even
when a sync tool sets the folder's mtime back, and a listing taken in the tick of a change is not
kept."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from detox.store.listing import RACY_NS, Listings, folder_stamp


def _reader(reads: list[str]) -> Callable[[str], list[str]]:
    def read(folder: str) -> list[str]:
        reads.append(folder)
        try:
            return sorted(os.listdir(folder))
        except FileNotFoundError:
            return []

    return read


def _counting(reads: list[str]) -> Listings[list[str]]:
    # A clock well past the folder's last change: listings may be kept.
    return Listings(_reader(reads), now_ns=lambda: time.time_ns() + 2 * RACY_NS)


def test_an_unchanged_folder_is_listed_once(tmp_path: Path) -> None:
    (tmp_path / "usage-2026-12-01.json").write_text("{}")
    reads: list[str] = []
    listings = _counting(reads)
    assert listings.get(str(tmp_path)) == ["usage-2026-12-01.json"]
    assert listings.get(str(tmp_path)) == ["usage-2026-12-01.json"]
    assert len(reads) == 1


def test_a_new_file_is_seen_even_with_the_folders_mtime_set_back(tmp_path: Path) -> None:
    (tmp_path / "usage-2026-12-01.json").write_text("{}")
    before = os.stat(tmp_path)
    reads: list[str] = []
    listings = _counting(reads)
    listings.get(str(tmp_path))
    time.sleep(0.05)  # past the kernel's coarse clock tick: the ctime moves
    (tmp_path / "usage-2026-12-02.json").write_text("{}")
    # A sync tool restores the folder's modification time as the other device had it.
    os.utime(tmp_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(tmp_path).st_mtime_ns == before.st_mtime_ns
    assert listings.get(str(tmp_path)) == ["usage-2026-12-01.json", "usage-2026-12-02.json"]
    assert len(reads) == 2


def test_a_folder_changed_just_now_is_listed_again_every_time(tmp_path: Path) -> None:
    (tmp_path / "journal.json").write_text("{}")
    reads: list[str] = []
    stamp = folder_stamp(str(tmp_path))
    assert stamp is not None
    # The clock still in the tick of the change: a file added in that tick could leave the
    # stamp as it was, so nothing is kept.
    listings = Listings(_reader(reads), now_ns=lambda: stamp[2] + RACY_NS // 2)
    listings.get(str(tmp_path))
    listings.get(str(tmp_path))
    assert len(reads) == 2


def test_a_folder_that_is_gone_is_read_each_time_and_not_kept(tmp_path: Path) -> None:
    reads: list[str] = []
    listings = _counting(reads)
    gone = str(tmp_path / "gone")
    assert listings.get(gone) == []
    assert listings.get(gone) == []
    assert len(reads) == 2
