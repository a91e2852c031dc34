"""Where detox keeps things.

Three folders with different lives:
- config: config.toml and this machine's device id (never synced: a copied id would make two
  machines write the same folder);
- data: devices/<device-id>/..., the folder a sync tool may share between the user's machines;
- state: locks, the tracker's status file, reminder state, report rollups, judged fast days;
  local;
- cache: nothing yet, but purge empties it, so whatever lands there later is covered.
`DETOX_HOME` puts them all under one folder (tests, portable use).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "detox"
# A device id names a folder in the data folder: no separators, no dots (".." and "/x" wrote
# outside DETOX_HOME), never empty. Ids detox makes are `<host-slug>-<8 hex>`.
DEVICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def is_device_id(text: str) -> bool:
    return DEVICE_ID.fullmatch(text) is not None


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    state_dir: Path
    cache_dir: Path | None = None

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Paths:
        env = dict(os.environ) if env is None else env
        home = env.get("DETOX_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(
                config_dir=root,
                data_dir=root / "data",
                state_dir=root / "state",
                cache_dir=root / "cache",
            )
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME)),
            state_dir=Path(platformdirs.user_state_dir(APP_NAME)),
            cache_dir=Path(platformdirs.user_cache_dir(APP_NAME)),
        )

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def device_file(self) -> Path:
        return self.config_dir / "device.toml"

    @property
    def devices_dir(self) -> Path:
        return self.data_dir / "devices"

    @property
    def locks_dir(self) -> Path:
        return self.state_dir / "locks"

    @property
    def tracker_status_file(self) -> Path:
        return self.state_dir / "tracker.json"

    @property
    def onboarded_file(self) -> Path:
        """Present once the terminal app's first-run questions were answered or skipped."""
        return self.state_dir / "onboarded"

    @property
    def tracker_lock_file(self) -> Path:
        return self.state_dir / "tracker.lock"

    def device_dir(self, device_id: str) -> Path:
        if not is_device_id(device_id):
            raise ValueError(f"{device_id!r} is not a device id")
        return self.devices_dir / device_id


def ensure_private_dir(path: Path) -> Path:
    """Create a folder, and any missing parents, readable by the user alone.

    mkdir's mode is filtered by the umask and `parents=True` ignores it for the parents, so each
    folder this call creates is chmod-ed explicitly. Existing folders are left as they are.
    """
    missing: list[Path] = []
    cursor = path
    while not cursor.exists():
        missing.append(cursor)
        cursor = cursor.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(folder, 0o700)
    return path
