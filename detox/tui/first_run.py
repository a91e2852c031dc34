"""Whether to greet someone with onboarding: asked at every start of the app, so it lives apart
from the onboarding dialog (whose module brings the fast, budget and reminder services)."""

from __future__ import annotations

from detox.context import Context
from detox.fileio import atomic_write_bytes
from detox.paths import ensure_private_dir


def is_new_user(context: Context) -> bool:
    """Onboarding is for someone who has set nothing up: no data from any device (tracked,
    imported or typed with the CLI), no setting in config.toml (a file of comments is none),
    and not onboarded or skipped before."""
    paths = context.paths
    if paths.onboarded_file.exists() or context.settings.model_fields_set:
        return False
    devices = paths.devices_dir
    # A device's description (device.json) is written on first start; it is not data.
    return not (devices.exists() and any(p.name != "device.json" for p in devices.glob("*/*.json")))


def mark_onboarded(context: Context) -> None:
    ensure_private_dir(context.paths.state_dir)
    atomic_write_bytes(context.paths.onboarded_file, b"yes\n")
