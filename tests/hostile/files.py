"""Helpers for the hostile-file tests: a detox home beside an "outside" folder whose every byte is
hashed before and after, and the read commands that must keep working."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from click.testing import Result

from tests.cli.home import Home

# Every command that only reads (and the report, which may write rollups in the state folder).
READ_COMMANDS: list[tuple[str, ...]] = [
    ("status", "--json"),
    ("status",),
    ("report",),
    ("report", "--format", "json"),
    ("export",),
    ("devices",),
    ("mood", "list"),
    ("fast", "list"),
    ("budget", "list"),
    ("remind", "list"),
    ("insights",),
]


def tree_digest(root: Path) -> dict[str, str]:
    """Each entry under root (links not followed) -> its kind, mode and content or target."""
    found: dict[str, str] = {}
    if not root.exists():
        return found
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.lstat()
            key = str(path.relative_to(root))
            mode = oct(stat.S_IMODE(info.st_mode))
            if stat.S_ISLNK(info.st_mode):
                found[key] = f"link {os.readlink(path)}"
            elif stat.S_ISREG(info.st_mode):
                found[key] = f"file {mode} {hashlib.sha256(path.read_bytes()).hexdigest()}"
            else:
                found[key] = f"{stat.S_IFMT(info.st_mode):o} {mode}"
    return found


def works(result: Result) -> Result:
    """A command that carried on: exit 0, no traceback, no internal error."""
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result


def clean_exit_2(result: Result) -> str:
    """A refusal: exit 2 and a plain message, never a traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result.stderr


def every_read_command_works(home: Home) -> str:
    """Run every read command; returns what they said on stderr together."""
    return "".join(works(home(*command)).stderr for command in READ_COMMANDS)
