"""Writing files so that a crash leaves either the old or the new content, never a mix."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

TEMP_MARK = ".tmp-"
# A reader must not block on a FIFO, nor read through a link placed where a data file belongs.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_REPLACE_TRIES = 10


def temp_prefix(target: Path) -> str:
    return f".{target.name}{TEMP_MARK}"


def atomic_write_bytes(target: Path, data: bytes, mode: int = 0o600) -> None:
    """Write a temp file beside the target, fsync it, rename it over the target, fsync the dir."""
    folder = target.parent
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(target), dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        _replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_dir(folder)


def _replace(source: str, target: Path) -> None:
    # On Windows a reader holding the target open makes os.replace fail for a moment.
    for attempt in range(_REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == _REPLACE_TRIES - 1:
                raise
            time.sleep(0.01 * (attempt + 1))


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; folders cannot be opened for this on Windows."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def orphaned_temp_files(target: Path) -> list[Path]:
    """Temp files a killed writer of `target` left behind."""
    return sorted(target.parent.glob(temp_prefix(target) + "*"))


def write_output(target: Path, data: bytes) -> Path:
    """Write a file the user named (`-o PATH`), private to them; returns the file written.

    Only a regular file is ever replaced: the rename that makes a write atomic would put a regular
    file in place of a device (`/dev/full`, as root), a FIFO or a socket. A link is written
    through, so the file it names is the one replaced.
    """
    from detox.errors import InputError
    from detox.i18n import _

    if not target.name or target.name in (".", ".."):
        raise InputError(
            _("{value} names no file: give a file name such as week.html").format(
                value=repr(str(target))
            )
        )
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        pass
    except OSError as error:
        raise InputError(
            _("cannot write {path}: {reason}").format(path=target, reason=error.strerror or error)
        ) from None
    else:
        if not stat.S_ISREG(mode):
            raise InputError(
                _("cannot write {path}: it exists and is not a regular file").format(path=target)
            )
    if not real.parent.is_dir():
        raise InputError(
            _("cannot write {path}: folder {folder} does not exist").format(
                path=target, folder=real.parent
            )
        )
    try:
        atomic_write_bytes(real, data)
    except OSError as error:
        raise InputError(
            _("cannot write {path}: {reason}").format(path=target, reason=error.strerror or error)
        ) from None
    return real


def read_regular_file(path: Path) -> bytes | None:
    """The bytes of a regular file, None if there is none; anything else at the path (a folder, a
    link, a FIFO, a device) is a CorruptFileError, so the caller moves it aside or skips it."""
    from detox.errors import CorruptFileError

    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:  # ELOOP: a link; EISDIR on some systems
        raise CorruptFileError(f"{path} is not a regular file ({error.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CorruptFileError(f"{path} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)
