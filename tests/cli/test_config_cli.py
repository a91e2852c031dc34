"""`detox config list/get/set` and `detox apps remove`: config.toml by key, checked by the
settings model, comments kept, one clear line and exit 2 for a wrong key or value."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from detox.cli import cli
from detox.config import load_settings

COMMENTED = """\
# My detox settings, written by hand.
week_start = "sunday"  # church on Sunday: my week starts then

[budgets]
# keep Instagram short
instagram = "20m"
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def error(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 2, (result.output, result.exception)
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("detox: ")
    return line


@pytest.fixture
def config(detox_home: Path) -> Path:
    path = detox_home / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


def test_list_shows_every_setting_and_what_is_set(config: Path) -> None:
    listed = {entry["key"]: entry for entry in json.loads(ok("config", "list", "--json"))}
    assert listed["week_start"]["value"] == "sunday" and listed["week_start"]["set"] is True
    assert listed["day_start"] == {
        "key": "day_start",
        "value": "04:00",
        "default": "04:00",
        "set": False,
        "description": listed["day_start"]["description"],
    }
    assert "day begins" in listed["day_start"]["description"]
    assert listed["budgets.instagram"]["value"] == "20m"
    assert "apps" not in listed
    text = ok("config", "list")
    assert "day_start            04:00  (default)" in text
    assert "week_start           sunday\n" in text


def test_get_prints_the_value_alone(config: Path) -> None:
    assert ok("config", "get", "week_start") == "sunday\n"
    assert ok("config", "get", "nudge_minutes") == "[10, 20, 30]\n"
    assert ok("config", "get", "budgets.instagram") == "20m\n"
    assert json.loads(ok("config", "get", "day_start", "--json"))["default"] == "04:00"


@pytest.mark.parametrize(
    ("key", "typed", "stored", "setting"),
    [
        ("day_start", "05:30", "05:30", "05:30:00"),
        ("idle_threshold", "300", 300, 300),
        ("tracker_interval", "1.5", 1.5, 1.5),
        ("store_titles", "true", True, True),
        ("ignore_categories", "messaging, professional", ["messaging", "professional"], None),
        ("nudge_minutes", "[30, 15]", [15, 30], [15, 30]),
        ("nudge_minutes", "45", [45], [45]),
        ("quiet_hours", "23:00-7:00", "23:00-07:00", "23:00-07:00"),
        ("timezone", "Europe/Warsaw", "Europe/Warsaw", "Europe/Warsaw"),
        ("budgets.total", "2h", "2h", None),
    ],
)
def test_set_checks_writes_and_keeps_comments(
    config: Path, key: str, typed: str, stored: object, setting: object
) -> None:
    ok("config", "set", key, typed)
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# My detox settings, written by hand.\n")
    assert "# church on Sunday: my week starts then" in text and "# keep Instagram short" in text
    raw = tomllib.loads(text)
    where = raw["budgets"] if key.startswith("budgets.") else raw
    assert where[key.split(".")[-1]] == stored
    settings = load_settings(config)  # what every other command reads back
    if setting is not None:
        value = getattr(settings, key)
        assert (value.isoformat() if key == "day_start" else value) == setting
    assert settings.week_start == "sunday" and settings.budgets["instagram"] == 1200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "day_sart", "05:00"], "unknown setting 'day_sart'"),
        (["get", "colour"], "unknown setting 'colour'"),
        (["set", "budgets", "1h"], "unknown setting 'budgets'"),
        (["set", "day_start", "25:00"], "cannot set day_start to '25:00': must be a time of day"),
        (["set", "idle_threshold", "5"], "must be at least 10"),
        (["set", "idle_threshold", "often"], "must be a whole number"),
        (["set", "week_start", "someday"], "cannot set week_start"),
        (["set", "ignore_categories", "games"], "'social', 'messaging'"),
        (["set", "timezone", "Mars/Olympus"], "unknown time zone"),
        (["set", "budgets.instagram", "forever"], "cannot read duration"),
        (["set", "apps.myforum", "x"], "detox apps add"),
    ],
)
def test_a_wrong_key_or_value_is_one_line_and_exit_2(
    config: Path, args: list[str], message: str
) -> None:
    before = config.read_bytes()
    assert message in error("config", *args)
    assert config.read_bytes() == before  # nothing written


def test_set_works_without_a_config_file(detox_home: Path) -> None:
    ok("config", "set", "theme", "nord")
    assert load_settings(detox_home / "config.toml").theme == "nord"


def test_apps_remove_takes_out_an_app_you_added(config: Path) -> None:
    ok("apps", "add", "myforum", "--name", "My Forum", "--category", "forum")
    assert "myforum" in ok("apps", "list")
    assert "Removed myforum" in ok("apps", "remove", "myforum")
    assert "myforum" not in ok("apps", "list")
    text = config.read_text(encoding="utf-8")
    assert "myforum" not in text and "# keep Instagram short" in text
    assert "no app 'myforum' was added by you" in error("apps", "remove", "myforum")


def test_apps_remove_refuses_a_built_in_app(config: Path) -> None:
    ok("apps", "add", "instagram", "--domain", "insta.example")
    line = error("apps", "remove", "instagram")
    assert "Instagram (instagram) is built into detox and cannot be removed" in line
    assert "[apps.instagram]" in line
    assert "instagram" in ok("apps", "list")
