"""Where detox keeps things.

Three folders with different lives:
- config: config.toml and this machine's device id (never synced: a copied id would make two
  machines write the same folder);
- data: devices/<device-id>/..., the folder a sync tool may share between the user's machines;
- state: locks, the tracker's status file; local and disposable.
`DETOX_HOME` puts all three under one folder (tests, portable use).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "detox"


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path
    state_dir: Path

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Paths:
        env = dict(os.environ) if env is None else env
        home = env.get("DETOX_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(config_dir=root, data_dir=root / "data", state_dir=root / "state")
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME)),
            state_dir=Path(platformdirs.user_state_dir(APP_NAME)),
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
