"""detox as users get it: the wheel and sdist built from this tree, installed (never editable)
into fresh virtual environments outside it. The fixtures in tests/conftest.py build once per run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[1]
PACKAGE = SOURCE_ROOT / "detox"
INSTALL_TIMEOUT = 900  # a fresh venv downloads or unpacks textual, pydantic, psutil...

# What a developer's tree holds that no build should see.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", ".*_cache"
)


@dataclass(frozen=True)
class Distributions:
    wheel: Path
    sdist: Path


@dataclass(frozen=True)
class Installed:
    """One installation: its `detox` script and the interpreter of its environment."""

    how: str
    detox: Path
    python: Path


def project_version() -> str:
    with (SOURCE_ROOT / "pyproject.toml").open("rb") as handle:
        version: str = tomllib.load(handle)["project"]["version"]
    return version


def package_files() -> set[str]:
    """Every file under detox/ (as archive names, "detox/tui/app.tcss"), bytecode aside."""
    return {
        path.relative_to(SOURCE_ROOT).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def sdist_names(sdist: Path) -> set[str]:
    """Member names without the leading "detox-X.Y.Z/" folder."""
    with tarfile.open(sdist) as archive:
        return {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}


def _run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
        env=env,
        cwd=cwd,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )


def build_distributions(scratch: Path) -> Distributions:
    """`python -m build` on a copy of the tree: the sdist first, then the wheel from the sdist
    (so the wheel proves the sdist is complete). The copy keeps the tree free of build output."""
    tree = scratch / "tree"
    shutil.copytree(SOURCE_ROOT, tree, ignore=_NOT_SOURCE)
    out = scratch / "dist"
    _run([sys.executable, "-m", "build", "--outdir", str(out), str(tree)])
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return Distributions(wheel=wheel, sdist=sdist)


def clean_env(**extra: str) -> dict[str, str]:
    """An environment without this test run's virtual env, PYTHONPATH or desktop session."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    env.update(extra)
    return env


def install_in_venv(artifact: Path, where: Path) -> Installed:
    """`python -m venv` then `pip install <artifact>`: what README's first command does."""
    _run([sys.executable, "-m", "venv", str(where)], env=clean_env())
    python = where / "bin" / "python"
    _run(
        [str(python), "-m", "pip", "install", "--quiet", str(artifact)],
        env=clean_env(),
        cwd=where,
    )
    return Installed(f"pip install {artifact.name}", where / "bin" / "detox", python)


def install_with_pipx(artifact: Path, where: Path) -> Installed:
    """`pipx install <artifact>` with pipx's home and bin folder under `where`."""
    env = clean_env(
        PIPX_HOME=str(where / "pipx-home"),
        PIPX_BIN_DIR=str(where / "bin"),
        PIPX_MAN_DIR=str(where / "man"),
    )
    _run([sys.executable, "-m", "pipx", "install", str(artifact)], env=env, cwd=where)
    python = where / "pipx-home" / "venvs" / "detox" / "bin" / "python"
    return Installed(f"pipx install {artifact.name}", where / "bin" / "detox", python)
