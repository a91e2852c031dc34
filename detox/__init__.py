"""detox: a privacy-first, local-only tracker that helps you balance your social-media use."""

from typing import Any


def __getattr__(name: str) -> Any:
    # pyproject.toml is the one place the version is written; the installed metadata carries it.
    # Looked up on demand: reading package metadata costs time every command would pay.
    if name == "__version__":
        from importlib.metadata import version

        return version("detox")
    raise AttributeError(f"module 'detox' has no attribute {name!r}")
