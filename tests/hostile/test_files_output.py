"""`-o PATH` replaces only a regular file: a FIFO, a socket or a device (as root, /dev/full was
turned into a regular file) is refused, and so are a missing folder and an empty name, each with
exit 2 and one line."""

from __future__ import annotations

import json
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.home import Home
from tests.hostile.files import clean_exit_2, works

COMMANDS = {"export": ("export", "-o"), "report": ("report", "--format", "json", "-o")}


@pytest.fixture
def home(tmp_path: Path) -> Home:
    home = Home(tmp_path / "home")
    home.ok("mood", "7")
    return home


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "listening.json"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    yield path
    server.close()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_not_replaced(home: Home, tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    message = clean_exit_2(home(*COMMANDS[command], str(fifo)))
    assert "not a regular file" in message and len(message.strip().splitlines()) == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_socket_is_not_replaced(home: Home, unix_socket: Path, command: str) -> None:
    assert "not a regular file" in clean_exit_2(home(*COMMANDS[command], str(unix_socket)))
    assert stat.S_ISSOCK(unix_socket.lstat().st_mode)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_link_to_a_fifo_is_not_followed_into_it(home: Home, tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.json"
    link.symlink_to(fifo)
    assert "not a regular file" in clean_exit_2(home(*COMMANDS[command], str(link)))
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_folder_is_a_plain_error(home: Home, tmp_path: Path, command: str) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.json"
    message = clean_exit_2(home(*COMMANDS[command], str(target)))
    assert "does not exist" in message
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", ["", ".", ".."])
def test_an_empty_name_is_a_plain_error(home: Home, command: str, name: str) -> None:
    clean_exit_2(home(*COMMANDS[command], name))


def test_a_link_to_a_regular_file_is_written_through(home: Home, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    works(home("export", "-o", str(link)))
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["journal"][0]["score"] == 7
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
