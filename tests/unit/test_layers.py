"""Every top-level part of detox has its place in the layers contract (pyproject.toml), so that a
new module cannot escape `lint-imports` by being left out of it."""

from __future__ import annotations

import pkgutil
import re
import tomllib

import detox
from tests.installed import SOURCE_ROOT


def test_every_module_of_detox_sits_in_a_layer() -> None:
    config = tomllib.loads((SOURCE_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    placed = {name for layer in contract["layers"] for name in re.split(r"[:|]", layer)}
    placed = {name.strip() for name in placed}
    modules = {f"detox.{module.name}" for module in pkgutil.iter_modules(detox.__path__)}
    assert modules - placed == set()
