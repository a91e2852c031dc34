"""Everything a command needs, built lazily so `detox mood 7` loads only what it touches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from detox.clock import Clock, SystemClock
from detox.config import Settings, load_settings
from detox.logs import log
from detox.paths import Paths
from detox.store import Device, Store, load_device

if TYPE_CHECKING:
    from detox.catalog import Catalog


def _warn(message: str) -> None:
    # The CLI shows it on stderr as "warning: ...", the app as a toast.
    log.warning(message)


@dataclass
class Context:
    paths: Paths = field(default_factory=Paths.from_env)
    clock_override: Clock | None = None
    warn: Callable[[str], None] = _warn

    @cached_property
    def settings(self) -> Settings:
        return load_settings(self.paths.config_file)

    def reload_settings(self) -> None:
        """Forget settings (and what was built from them) after config.toml changed."""
        for name in ("settings", "catalog"):
            self.__dict__.pop(name, None)

    @cached_property
    def clock(self) -> Clock:
        return self.clock_override or SystemClock(self.settings.zone)

    @cached_property
    def device(self) -> Device:
        return load_device(self.paths, self.settings.device_name)

    @cached_property
    def store(self) -> Store:
        return Store(self.paths, self.device, self.clock, warn=self.warn)

    @cached_property
    def catalog(self) -> Catalog:
        from detox.catalog import Catalog

        full = Catalog.load(self.settings.apps, config_path=self.paths.config_file)
        ignored = set(self.settings.ignore_categories)
        if not ignored:
            return full
        return Catalog(
            [app for app in full.apps if app.category not in ignored], full.browsers, full.os_name
        )
