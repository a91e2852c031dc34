"""Nothing outside DETOX_HOME changes, whatever the data folder holds: links out of it, device ids
that climb out of it, another detox home nested inside it. The outside tree is hashed before and
after every run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from detox.models import MoodEntry
from tests.cli.home import NOW, Home
from tests.hostile.files import (
    READ_COMMANDS,
    clean_exit_2,
    every_read_command_works,
    tree_digest,
    works,
)


@dataclass
class World:
    home: Home
    outside: Path

    def run_everything(self) -> None:
        """Every read command, a write, then purge: what a user does over a day."""
        every_read_command_works(self.home)
        works(self.home("mood", "6"))
        works(self.home("log", "reddit", "10m"))


def _outside(root: Path) -> Path:
    """A folder that looks like a device's: a broken journal, a usage file, a private note."""
    outside = root / "elsewhere"
    outside.mkdir()
    (outside / "journal.json").write_bytes(b"{ not json")
    (outside / "usage-2026-11.json").write_text('{"spans": {"1": {"id": 5}}}', encoding="utf-8")
    (outside / "notes.txt").write_text("mine, not detox's\n", encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "device.json").write_text("{}", encoding="utf-8")
    return outside


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    home = Home(tmp_path / "home")
    home.ok("mood", "7")  # this device's folder and journal exist
    yield World(home, _outside(tmp_path))


def test_a_linked_device_folder_is_never_read_renamed_or_deleted(world: World) -> None:
    link = world.home.paths.devices_dir / "zz"
    link.symlink_to(world.outside, target_is_directory=True)
    before = tree_digest(world.outside)

    said = every_read_command_works(world.home)
    assert f"{link} is a link" in said
    world.run_everything()
    purged = works(world.home("purge", "--yes"))

    assert tree_digest(world.outside) == before
    assert not link.exists() and not link.is_symlink()  # the link went, not what it points to
    assert "was a link" in purged.stdout


def test_a_linked_file_in_another_devices_folder_is_skipped_not_followed(world: World) -> None:
    other = world.home.paths.devices_dir / "phone-1"
    other.mkdir()
    (other / "journal.json").symlink_to(world.outside / "journal.json")
    (other / "usage-2026-11.json").symlink_to(world.outside / "usage-2026-11.json")
    secret = world.outside / "secret.json"
    mood = MoodEntry(device="phone-1", updated_at=NOW, at=NOW, score=2)
    secret.write_text(json.dumps({"journal": {"1": mood.model_dump(mode="json")}}), "utf-8")
    (other / "journal.sync-conflict-1.json").symlink_to(secret)
    before = tree_digest(world.outside)

    said = every_read_command_works(world.home)
    assert "not a regular file" in said
    scores = [m["score"] for m in world.home.json("status")["mood"]]
    assert scores == [7]  # the mood behind the link was not read
    world.run_everything()
    works(world.home("purge", "--yes"))

    assert tree_digest(world.outside) == before


def test_a_linked_file_in_this_devices_folder_is_moved_aside_not_written_through(
    world: World,
) -> None:
    own = world.home.paths.device_dir(world.home.context().device.id)
    (own / "usage-2026-11.json").symlink_to(world.outside / "usage-2026-11.json")
    journal = own / "journal.json"
    journal.unlink()
    journal.symlink_to(world.outside / "notes.txt")
    before = tree_digest(world.outside)

    world.run_everything()

    assert tree_digest(world.outside) == before
    assert not journal.is_symlink() and journal.is_file()  # a fresh journal of this device's
    assert sorted(p.name.split(".corrupt-")[0] for p in own.glob("*.corrupt-*")) == [
        "journal.json",
        "usage-2026-11.json",
    ]


def test_this_devices_folder_as_a_link_is_refused(world: World) -> None:
    own = world.home.paths.device_dir(world.home.context().device.id)
    own.rename(world.outside / "moved")
    own.symlink_to(world.outside, target_is_directory=True)
    before = tree_digest(world.outside)

    for command in [("mood", "5"), *READ_COMMANDS]:
        assert "is a link" in clean_exit_2(world.home(*command))
    assert tree_digest(world.outside) == before


BAD_IDS = ["../../../x", "../elsewhere", "/ABSOLUTE", "", ".", "..", "a/b", "a\\b", "x" * 65, "-x"]


@pytest.mark.parametrize("device_id", BAD_IDS)
def test_a_device_id_that_names_another_folder_is_refused(tmp_path: Path, device_id: str) -> None:
    home = Home(tmp_path / "a" / "b" / "home")
    if device_id == "/ABSOLUTE":
        device_id = str(tmp_path / "absolute")
    home.paths.device_file.write_text(f"id = {json.dumps(device_id)}\n", encoding="utf-8")
    before = tree_digest(tmp_path)

    for command in [("mood", "3"), ("log", "reddit", "5m"), *READ_COMMANDS]:
        message = clean_exit_2(home(*command))
        assert "device" in message and str(home.paths.device_file) in message
    assert tree_digest(tmp_path) == before  # not even a folder inside the home


def test_a_device_id_that_is_not_text_is_refused(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    home.paths.device_file.write_text("id = 12\n", encoding="utf-8")
    assert str(home.paths.device_file) in clean_exit_2(home("mood", "3"))


def test_purge_of_a_home_leaves_a_home_nested_in_its_data_folder(tmp_path: Path) -> None:
    outer = Home(tmp_path / "outer")
    outer.ok("mood", "7")
    inner = Home(outer.paths.devices_dir)  # DETOX_HOME=outer/data/devices
    inner.ok("mood", "3")
    inner.ok("report")
    inner_files = tree_digest(outer.paths.devices_dir / "data") | {
        "state": str(tree_digest(outer.paths.devices_dir / "state")),
    }

    works(outer("purge", "--yes"))

    assert outer.json("status")["mood"] == []
    assert (
        tree_digest(outer.paths.devices_dir / "data")
        | {
            "state": str(tree_digest(outer.paths.devices_dir / "state")),
        }
        == inner_files
    )
    assert [m["score"] for m in inner.json("status")["mood"]] == [3]


def test_purge_of_a_nested_home_leaves_the_outer_one(tmp_path: Path) -> None:
    outer = Home(tmp_path / "outer")
    outer.ok("mood", "7")
    inner = Home(outer.paths.devices_dir)
    inner.ok("mood", "3")

    works(inner("purge", "--yes"))

    assert inner.json("status")["mood"] == []
    assert [m["score"] for m in outer.json("status")["mood"]] == [7]


def test_a_device_json_whose_id_climbs_out_is_shown_by_its_folder(world: World) -> None:
    other = world.home.paths.devices_dir / "phone-1"
    other.mkdir()
    info = {"id": "../../elsewhere", "name": "Phone", "hostname": "p", "created": NOW.isoformat()}
    (other / "device.json").write_text(json.dumps(info), encoding="utf-8")
    before = tree_digest(world.outside)

    every_read_command_works(world.home)
    devices = world.home.json("devices")
    assert "phone-1" in {d["device"] for d in devices}
    assert "../../elsewhere" not in {d["device"] for d in devices}
    assert tree_digest(world.outside) == before
