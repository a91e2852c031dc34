"""What a service may use: the store, the settings, the catalog, the clock and the folders.

Services type their dependencies with `Ground`, never with `detox.context.Context`: Context (the
CLI's and the app's lazy bundle) provides all five, and so can a plain object in a test or a
tracker thread. The device, the language, the config writer and everything else the faces keep
in Context stay out of reach of the services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from detox.catalog import Catalog
    from detox.clock import Clock
    from detox.config import Settings
    from detox.paths import Paths
    from detox.store import Store


class Ground(Protocol):
    @property
    def store(self) -> Store: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def catalog(self) -> Catalog: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def paths(self) -> Paths: ...
