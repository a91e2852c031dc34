"""What users install, not the source tree: the wheel and the sdist hold every file of the
package, and each, installed non-editable into a fresh environment (pip in a venv, pipx), runs
the commands and opens the terminal app on Today.

The editable install the rest of the suite uses reads files straight from the tree, so it never
noticed that the wheel lacked app.tcss and `pip install . && detox` crashed.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.installed import (
    Distributions,
    Installed,
    clean_env,
    install_with_pipx,
    package_files,
    project_version,
    sdist_names,
    wheel_names,
)
from tests.tmux import TmuxRun

pytestmark = pytest.mark.slow


def test_the_wheel_holds_every_file_of_the_package(distributions: Distributions) -> None:
    missing = sorted(package_files() - wheel_names(distributions.wheel))
    assert not missing, f"{distributions.wheel.name} lacks {', '.join(missing)}"


def test_the_sdist_holds_every_file_of_the_package(distributions: Distributions) -> None:
    missing = sorted(package_files() - sdist_names(distributions.sdist))
    assert not missing, f"{distributions.sdist.name} lacks {', '.join(missing)}"


def test_the_wheel_holds_no_bytecode_or_tests(distributions: Distributions) -> None:
    stray = sorted(
        name
        for name in wheel_names(distributions.wheel)
        if "__pycache__" in name or name.endswith(".pyc") or name.startswith("tests/")
    )
    assert not stray, f"{distributions.wheel.name} holds {', '.join(stray)}"


@pytest.fixture(scope="module")
def pipx_installed(
    distributions: Distributions, tmp_path_factory: pytest.TempPathFactory
) -> Installed:
    return install_with_pipx(distributions.sdist, tmp_path_factory.mktemp("pipx"))


@pytest.fixture(params=["wheel, pip in a venv", "sdist, pipx"])
def installed(request: pytest.FixtureRequest) -> Iterator[Installed]:
    """Each way users install detox, each from a different artifact."""
    name = "installed_detox" if request.param.startswith("wheel") else "pipx_installed"
    yield request.getfixturevalue(name)


def detox(installed: Installed, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed.detox), *args],
        env=clean_env(DETOX_HOME=str(home)),
        cwd=home.parent,  # never the source tree, whose detox/ would shadow the install
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_installed_code_is_not_the_source_tree(installed: Installed, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(installed.python), "-c", "import detox.tui.app as m; print(m.__file__)"],
        env=clean_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert "site-packages" in where, where
    assert Path(where).with_name("app.tcss").is_file()


def test_version_status_and_mood_work(installed: Installed, tmp_path: Path) -> None:
    home = tmp_path / "home"
    version = detox(installed, home, "--version")
    assert (version.returncode, version.stdout.strip()) == (
        0,
        f"detox, version {project_version()}",
    )

    status = detox(installed, home, "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["mood"] == []

    mood = detox(installed, home, "mood", "7")
    assert mood.returncode == 0, mood.stderr
    after = json.loads(detox(installed, home, "status", "--json").stdout)
    assert [entry["score"] for entry in after["mood"]] == [7]
    assert (home / "config.toml").is_file(), "first use writes the commented config.toml"


def test_the_app_opens_on_today_and_quits_with_q(installed: Installed, tmp_path: Path) -> None:
    home = tmp_path / "home"
    with TmuxRun([str(installed.detox)], {"DETOX_HOME": str(home)}, tmp_path / "tmux") as run:
        # A first start: the welcome questions over Today; Escape skips them.
        run.wait_for_text("Welcome to detox")
        run.keys("Escape")
        run.wait_for_text("Today", "Social media today")
        run.keys("q")
        assert run.exit_code() == 0, run.screen()


def test_the_wheel_holds_the_compiled_catalogs(distributions: Distributions) -> None:
    names = wheel_names(distributions.wheel)
    for language in ("es", "ko", "pl", "zh_Hans", "zh_Hant"):
        assert f"detox/locale/{language}/LC_MESSAGES/detox.mo" in names, language


def test_the_installed_detox_speaks_polish(installed_detox: Installed, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert detox(installed_detox, home, "log", "instagram", "65m").returncode == 0
    status = detox(installed_detox, home, "--lang", "pl", "status")
    assert status.returncode == 0, status.stderr
    assert "1 godz. 5 min w mediach społecznościowych" in status.stdout
