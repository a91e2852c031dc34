"""config.toml: defaults, the commented first-run file, clear errors, edits that keep comments."""

from __future__ import annotations

import re
import stat
import tomllib
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from detox.config import (
    Settings,
    load_settings,
    set_config_value,
    setting_descriptions,
    write_default_config,
)
from detox.errors import ConfigError


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


def test_missing_file_gives_defaults(config_file: Path) -> None:
    settings = load_settings(config_file)
    assert settings == Settings()
    assert settings.day_start == time(4, 0)
    assert settings.week_start == "auto" and settings.first_day_of_week == "monday"  # English
    assert settings.timezone is None and settings.zone is None
    assert settings.idle_threshold == 180
    assert settings.store_titles is False
    assert settings.budgets == {}
    assert not config_file.exists()


def test_values_are_read(config_file: Path) -> None:
    config_file.write_text(
        'day_start = "05:30"\nweek_start = "Sunday"\ntimezone = "Europe/Warsaw"\n'
        'idle_threshold = 300\n[budgets]\ntotal = "1h30m"\ninstagram = 1200\n',
        encoding="utf-8",
    )
    settings = load_settings(config_file)
    assert settings.day_start == time(5, 30)
    assert settings.week_start == "sunday"
    assert settings.zone == ZoneInfo("Europe/Warsaw")
    assert settings.idle_threshold == 300
    assert settings.budgets == {"total": 5400, "instagram": 1200}


def test_toml_local_time_is_accepted_for_day_start(config_file: Path) -> None:
    config_file.write_text("day_start = 03:00:00\n", encoding="utf-8")
    assert load_settings(config_file).day_start == time(3, 0)


def test_default_file_documents_every_setting(config_file: Path) -> None:
    write_default_config(config_file)
    text = config_file.read_text(encoding="utf-8")
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    for name in (
        "day_start",
        "week_start",
        "timezone",
        "idle_threshold",
        "tracker_interval",
        "flush_interval",
        "store_titles",
        "device_name",
    ):
        assert re.search(rf"^# {name} = ", text, re.MULTILINE), name
        description = setting_descriptions()[name]
        assert description and f"# {description}" in text
    # Only comments: the file as written changes nothing.
    assert load_settings(config_file) == Settings()


def test_uncommenting_the_shown_defaults_keeps_the_defaults(config_file: Path) -> None:
    write_default_config(config_file)
    lines = config_file.read_text(encoding="utf-8").splitlines()
    uncommented = [line[2:] if re.match(r"# \w+ = ", line) else line for line in lines]
    config_file.write_text("\n".join(uncommented) + "\n", encoding="utf-8")
    assert load_settings(config_file) == Settings()


def test_default_file_is_not_overwritten(config_file: Path) -> None:
    config_file.write_text("idle_threshold = 60\n", encoding="utf-8")
    write_default_config(config_file)
    assert config_file.read_text(encoding="utf-8") == "idle_threshold = 60\n"


@pytest.mark.parametrize(
    ("body", "key", "problem"),
    [
        ("idle_threshold = 5\n", "idle_threshold", "must be at least 10"),
        ('colour = "blue"\n', "colour", "unknown setting"),
        ('day_start = "25:00"\n', "day_start", "time of day"),
        ('[budgets]\nfacebook = "3x"\n', "budgets.facebook", "cannot read duration '3x'"),
        ("[budgets]\nfacebook = 0\n", "budgets.facebook", "must be more than 0"),
        ('timezone = "Mars/Olympus_Mons"\n', "timezone", "unknown time zone"),
        ('week_start = "funday"\n', "week_start", "monday"),
    ],
)
def test_invalid_value_names_file_key_and_problem(
    config_file: Path, body: str, key: str, problem: str
) -> None:
    config_file.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config_file)
    error = caught.value
    assert error.key == key
    message = str(error)
    assert str(config_file) in message
    assert key in message
    assert problem in message
    assert "\n" not in message


def test_bad_toml_names_the_file_and_the_line(config_file: Path) -> None:
    config_file.write_text("idle_threshold = 60\nday_start = = 4\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config_file)
    message = str(caught.value)
    assert str(config_file) in message
    assert "not valid TOML" in message
    assert "line 2" in message


def test_set_value_keeps_comments_and_other_keys(config_file: Path) -> None:
    original = (
        "# my detox settings\n"
        "idle_threshold = 240  # I read slowly\n"
        "\n"
        "[budgets]\n"
        "# weekdays only, really\n"
        'total = "2h"\n'
    )
    config_file.write_text(original, encoding="utf-8")
    settings = set_config_value(config_file, ("budgets", "instagram"), "30m")
    assert settings.budgets == {"total": 7200, "instagram": 1800}
    assert settings.idle_threshold == 240

    text = config_file.read_text(encoding="utf-8")
    assert "# my detox settings" in text
    assert "idle_threshold = 240  # I read slowly" in text
    assert "# weekdays only, really" in text
    assert tomllib.loads(text)["budgets"] == {"total": "2h", "instagram": "30m"}
    assert load_settings(config_file) == settings


def test_set_value_creates_nested_tables(config_file: Path) -> None:
    set_config_value(config_file, ("apps", "mastodon-x", "name"), "Mastodon X")
    set_config_value(config_file, ("apps", "mastodon-x", "domains"), ["example.social"])
    settings = load_settings(config_file)
    assert settings.apps == {"mastodon-x": {"name": "Mastodon X", "domains": ["example.social"]}}
    # A fresh file starts from the commented default, so the user still finds every setting.
    assert "# idle_threshold = 180" in config_file.read_text(encoding="utf-8")


def test_set_invalid_value_leaves_the_file_alone(config_file: Path) -> None:
    config_file.write_text("idle_threshold = 240\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        set_config_value(config_file, ("idle_threshold",), 1)
    assert caught.value.key == "idle_threshold"
    with pytest.raises(ConfigError, match="unknown setting"):
        set_config_value(config_file, ("idel_threshold",), 60)
    assert config_file.read_text(encoding="utf-8") == "idle_threshold = 240\n"


def test_every_setting_has_a_description() -> None:
    # Read from the docstrings under the fields (config.toml's comments, `detox config`).
    descriptions = setting_descriptions()
    assert set(descriptions) == set(Settings.model_fields)
    assert all(text and "\n" not in text for text in descriptions.values()), descriptions
    assert descriptions["day_start"].startswith("Local time at which a new day begins")


@pytest.mark.parametrize(
    ("language", "environ", "first"),
    [
        ("ko", {"LANG": "ko_KR.UTF-8"}, "sunday"),
        ("zh_Hant", {"LANG": "zh_HK.UTF-8"}, "sunday"),
        ("zh_Hans", {"LANG": "zh_CN.UTF-8"}, "monday"),
        ("zh_Hans", {"LANG": "zh_SG.UTF-8"}, "sunday"),
        ("pl", {}, "monday"),
        ("es", {"LC_TIME": "es_MX.UTF-8", "LANG": "es_ES.UTF-8"}, "sunday"),
        ("ko", {"LANG": "es_MX.UTF-8"}, "sunday"),  # --lang ko on a Mexican system: Korea's
        ("es", {"LANG": "ko_KR.UTF-8"}, "monday"),
    ],
)
def test_auto_week_start_is_the_locales_first_day(
    language: str, environ: dict[str, str], first: str
) -> None:
    from detox import i18n

    i18n.activate(language, environ)
    assert Settings().first_day_of_week == first
    assert Settings(week_start="monday").first_day_of_week == "monday"  # a set day wins
    assert Settings.model_validate({"week_start": "Saturday"}).first_day_of_week == "saturday"
