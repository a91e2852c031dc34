"""Deleting every byte of the user's data: `detox purge`.

What goes: every device's data files in the data folder; everything in the state folder (report
rollups, reminder state, the tracker's status, the onboarding mark) but the lock files running
processes hold; everything in the cache folder; config.toml and device.toml only when asked.
Links are removed, never followed, and a folder that holds another detox home (DETOX_HOME set to
a folder inside this one) is left as it is: its files belong to another setup.
On macOS and Windows the state (and config) folder is the data folder itself, so each walk leaves
the other roles' files to the step that owns them.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from detox.i18n import N_, _
from detox.paths import Paths, is_device_id

_OTHER_HOME = N_("{path} holds another detox home: left as it is")

# The files a device folder holds: its own, a sync tool's conflict copies, quarantined copies and
# temp files a killed writer left (".journal.json.tmp-...").
_DEVICE_FILE = re.compile(r"\.?(?:device\.json|journal[^/]*\.json|usage-[^/]*\.json)[^/]*")
_CONFIG_FILE = re.compile(r"\.?(?:config|device)\.toml(?:\.tmp-.*)?")


@dataclass
class Removal:
    """What purge deleted (or would delete) in one folder, and what it left there and why."""

    label: str
    folder: Path
    files: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def devices(self) -> int:
        """How many device folders lost files (for the data folder)."""
        return len({path.parent for path in self.files})

    @property
    def names(self) -> list[str]:
        """The top-level names removed ("rollups", "reminders.json"): what kind of data went."""
        return sorted({path.relative_to(self.folder).parts[0] for path in self.files})


def plan(paths: Paths, include_config: bool = False) -> list[Removal]:
    """What `purge` would delete, without deleting anything."""
    return _Purge(paths, delete=False).run(include_config)


def purge(paths: Paths, include_config: bool = False) -> list[Removal]:
    return _Purge(paths, delete=True).run(include_config)


def purge_data(paths: Paths) -> Removal:
    """Only the device folders' data files (what the store reads)."""
    return _Purge(paths, delete=True)._data()


class _Purge:
    def __init__(self, paths: Paths, delete: bool) -> None:
        self.paths = paths
        self.delete = delete
        self.home_roots = {_real(paths.config_dir), _real(paths.data_dir)}
        # Left to the step that owns them when folders coincide (macOS, Windows).
        self.not_generic = {
            _real(paths.devices_dir),
            _real(paths.config_file),
            _real(paths.device_file),
            _real(paths.locks_dir),
        }

    def run(self, include_config: bool) -> list[Removal]:
        removals = [self._data(), self._generic("state", self.paths.state_dir)]
        if self.paths.cache_dir is not None and self.paths.cache_dir != self.paths.state_dir:
            removals.append(self._generic("cache", self.paths.cache_dir))
        if include_config:
            removals.append(self._config())
        return removals

    def _data(self) -> Removal:
        removal = Removal("data", self.paths.data_dir)
        devices = self.paths.devices_dir
        for entry in _entries(devices):
            if entry.name.startswith("."):
                continue  # a sync tool's (.stfolder, .stversions)
            if entry.is_symlink():
                self._remove(entry, removal)
                removal.kept.append(
                    _("{path} was a link: removed, what it points to untouched").format(path=entry)
                )
            elif entry.is_dir() and is_device_id(entry.name):
                if self._is_other_home(entry):
                    removal.kept.append(_(_OTHER_HOME).format(path=entry))
                    continue
                for item in _entries(entry):
                    if _DEVICE_FILE.fullmatch(item.name) and _is_file_or_link(item):
                        self._remove(item, removal)
                self._rmdir_if_empty(entry)
        self._rmdir_if_empty(devices)
        return removal

    def _generic(self, label: str, root: Path) -> Removal:
        removal = Removal(label, root)
        if self._is_other_home(root):
            removal.kept.append(_(_OTHER_HOME).format(path=root))
            return removal
        for path in self._tree(root, removal):
            self._remove(path, removal)
        for folder in sorted(self._folders(root), key=lambda p: len(p.parts), reverse=True):
            self._rmdir_if_empty(folder)
        return removal

    def _config(self) -> Removal:
        removal = Removal("config", self.paths.config_dir)
        for item in _entries(self.paths.config_dir):
            if _CONFIG_FILE.fullmatch(item.name) and _is_file_or_link(item):
                self._remove(item, removal)
        return removal

    def _skipped(self, path: Path) -> bool:
        # Lock files are empty; deleting one a running process holds would let a second one in.
        return path.name.endswith(".lock") or _real(path) in self.not_generic

    def _tree(self, folder: Path, removal: Removal) -> Iterator[Path]:
        """Every file and link under `folder`, never through a link, never into another home."""
        for entry in _entries(folder):
            if self._skipped(entry):
                continue
            if _is_file_or_link(entry) or not entry.is_dir():
                yield entry
            elif self._is_other_home(entry):
                removal.kept.append(_(_OTHER_HOME).format(path=entry))
            else:
                yield from self._tree(entry, removal)

    def _folders(self, root: Path) -> Iterator[Path]:
        for entry in _entries(root):
            if (
                entry.is_dir()
                and not entry.is_symlink()
                and not self._skipped(entry)
                and not self._is_other_home(entry)
            ):
                yield entry
                yield from self._folders(entry)

    def _is_other_home(self, folder: Path) -> bool:
        """A folder another DETOX_HOME points at: a device id file or a data folder of devices."""
        if _real(folder) in self.home_roots:
            return False  # this home's state folder is its config or data folder (macOS, Windows)
        return (folder / "device.toml").exists() or (folder / "data" / "devices").is_dir()

    def _remove(self, path: Path, removal: Removal) -> None:
        if self.delete:
            try:
                path.unlink()  # a link itself goes; its target is never touched
            except FileNotFoundError:
                return
        removal.files.append(path)

    def _rmdir_if_empty(self, folder: Path) -> None:
        if self.delete:
            with contextlib.suppress(OSError):  # not empty (kept files, another home), or gone
                os.rmdir(folder)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _is_file_or_link(path: Path) -> bool:
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISDIR(mode)


def _entries(folder: Path) -> list[Path]:
    try:
        mode = folder.lstat().st_mode
    except FileNotFoundError:
        return []
    if not stat.S_ISDIR(mode):
        return []
    return sorted(folder.iterdir())
