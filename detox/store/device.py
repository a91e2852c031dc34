"""This machine's identity. The id lives in the config folder, never in the synced data folder,
so a copied data folder cannot make two machines write the same device folder."""

from __future__ import annotations

import re
import socket
import tomllib
import uuid
from dataclasses import dataclass

from detox.errors import DetoxError
from detox.fileio import atomic_write_bytes
from detox.paths import Paths, ensure_private_dir, is_device_id


@dataclass(frozen=True)
class Device:
    id: str
    name: str

    def __post_init__(self) -> None:
        # The id names this device's folder; checked here so no path is ever built from a bad one.
        if not is_device_id(self.id):
            raise DetoxError(
                f"device id {self.id!r} is not valid: use 1-64 letters, digits, '-' or '_'"
            )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:24] or "device"


def load_device(paths: Paths, name_override: str | None = None) -> Device:
    """This machine's device id, created on first run; the name defaults to the host name."""
    hostname = socket.gethostname()
    device_id = _stored_id(paths)
    if device_id is None:
        # Two first runs at once (tracker autostart and a command) must agree on one id.
        import filelock  # the first run only

        ensure_private_dir(paths.locks_dir)
        with filelock.FileLock(paths.locks_dir / "device-id.lock", mode=0o600):
            device_id = _stored_id(paths) or _create_id(paths, hostname)
    return Device(id=device_id, name=name_override or hostname)


def _stored_id(paths: Paths) -> str | None:
    try:
        stored = tomllib.loads(paths.device_file.read_text(encoding="utf-8"))
        device_id = stored["id"]
    except (FileNotFoundError, KeyError, tomllib.TOMLDecodeError):
        return None
    except (OSError, UnicodeDecodeError, RecursionError) as error:
        raise DetoxError(f"cannot read {paths.device_file}: {error}") from None
    if not isinstance(device_id, str) or not is_device_id(device_id):
        # Never replaced silently: the id ties this machine to its folder of history.
        raise DetoxError(
            f"{paths.device_file}: id {device_id!r} is not a device id "
            "(1-64 letters, digits, '-' or '_'); fix it or delete the file for a new one"
        )
    return device_id


def _create_id(paths: Paths, hostname: str) -> str:
    import tomlkit  # written once per machine: other starts skip loading it

    device_id = f"{_slug(hostname)}-{uuid.uuid4().hex[:8]}"
    ensure_private_dir(paths.config_dir)
    document = tomlkit.document()
    document.add(tomlkit.comment("This machine's id in the detox data folder. Do not copy."))
    document["id"] = device_id
    atomic_write_bytes(paths.device_file, tomlkit.dumps(document).encode("utf-8"))
    return device_id
