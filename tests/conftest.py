"""Shared fixtures. A test needing a system program skips where it is missing, fails in CI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.installed import Distributions, Installed, build_distributions, install_in_venv


def need_program(*names: str) -> None:
    """Skip (or fail under CI) unless every named program is on PATH."""
    missing = [name for name in names if shutil.which(name) is None]
    if not missing:
        return
    reason = f"needs {', '.join(missing)} (install: see .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run everything, but this {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English unless they choose a language: a developer's LANG=pl_PL must not
    change what the suite expects, and a test that picks Polish leaves English behind it."""
    from detox import i18n

    if i18n.from_environment() != "en" or os.environ.get("LC_TIME"):
        for name in ("LC_ALL", "LC_MESSAGES", "LC_TIME", "LANG"):
            monkeypatch.setenv(name, "C.UTF-8")
    i18n.activate("en")
    yield
    i18n.activate("en")


@pytest.fixture
def detox_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private DETOX_HOME for one test; all data and config go there."""
    home = tmp_path / "detox-home"
    home.mkdir()
    monkeypatch.setenv("DETOX_HOME", str(home))
    yield home


@pytest.fixture(scope="session")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> Distributions:
    """The wheel and sdist of this tree, built once per test run."""
    return build_distributions(tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def installed_detox(
    distributions: Distributions, tmp_path_factory: pytest.TempPathFactory
) -> Installed:
    """The wheel installed into a fresh virtual environment, as README's first command does."""
    return install_in_venv(distributions.wheel, tmp_path_factory.mktemp("wheel-venv") / "venv")
