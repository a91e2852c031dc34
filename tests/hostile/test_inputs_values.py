"""Values that were accepted once and broke every later command: dates outside 1970-2100, times of
day with a zone, durations beyond a day, numbers too big to round. They are refused where they
enter (CLI, config, the app's models) with one line and exit 2; the same records arriving from a
synced device or an import are skipped with a warning and every read command still works."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from detox.config import Settings
from detox.models import Budget, Fast, MoodEntry, Reminder, Rule, UsageSpan
from detox.store import Device, Store
from tests.cli.home import NOW, Home, user_error

OTHER = Device("laptop-0002", "Laptop")
READ_COMMANDS = [
    ("status",),
    ("status", "--json"),
    ("fast", "list"),
    ("report",),
    ("report", "--format", "csv"),
    ("remind", "list"),
    ("mood", "list"),
    ("budget", "list"),
    ("export", "--format", "json"),
    ("insights",),
]


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


def one_line_error(home: Home, *args: str) -> str:
    message = user_error(home(*args))
    assert len(message.strip().splitlines()) == 1, message
    assert "internal error" not in message
    return message


@pytest.mark.parametrize(
    "args",
    [
        ("fast", "start", "custom", "--from", "0001-01-01", "--to", "2026-11-20"),
        ("fast", "start", "custom", "--to", "9999-12-31"),
        ("fast", "start", "custom", "--from", "1969-12-31", "--to", "2026-11-20"),
        ("remind", "add", "stretch", "--at", "12:00+05:00"),
        ("remind", "add", "stretch", "--at", "12:00Z"),
        ("remind", "pause", "--until", "9999-12-30"),
        ("remind", "snooze", "--for", "9" * 400),
        ("remind", "snooze", "--until", "9" * 400),
        ("log", "facebook", "9" * 400),
        ("log", "facebook", "20m", "--date", "0001-01-01"),
        ("log", "facebook", "20m", "--date", "9999-12-31"),
        ("log", "facebook", "20m", "--at", "12:00Z"),
        ("mood", "5", "--date", "0001-01-01"),
        ("mood", "5", "--at", "09:00+01:00"),
        ("budget", "set", "facebook", "9" * 400 + "h"),
        ("status", "--date", "9999-12-31"),
        ("report", "--from", "0001-01-01", "--to", "2026-11-10"),
        ("checkin", "list", "--from", "0001-01-01"),
        ("track", "--interval", "NaN"),
        ("track", "--interval", "inf"),
    ],
)
def test_a_value_that_would_break_later_commands_is_refused_on_one_line(
    home: Home, args: tuple[str, ...]
) -> None:
    before = home.data_files()
    one_line_error(home, *args)
    assert home.data_files() == before
    for command in (("fast", "list"), ("remind", "list"), ("report",)):
        home.ok(*command)


def test_a_usage_error_is_one_line_with_a_hint(home: Home) -> None:
    message = one_line_error(home, "report", "--format", "pdf")
    assert "--format" in message and "--help" in message
    assert "Usage:" not in message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("day_start", "04:00+05:00"),
        ("day_start", 5),
        ("budgets", {"facebook": "9" * 400 + "h"}),
        ("budgets", {"facebook": 10**400}),
        ("tracker_interval", float("nan")),
        ("flush_interval", float("inf")),
    ],
)
def test_settings_refuse_values_that_break_later(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        Settings.model_validate({field: value})


def test_a_bad_config_value_is_one_line_exit_2(home: Home) -> None:
    for text in ("day_start = 5\n", 'day_start = "04:00+05:00"\n', 'budgets.facebook = "9999h"\n'):
        home.paths.config_file.write_text(text, encoding="utf-8")
        assert "config" in one_line_error(home, "status")


def test_deeply_nested_toml_is_a_config_error(home: Home) -> None:
    home.paths.config_file.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert "config" in one_line_error(home, "status")


ZONED = time(12, tzinfo=NOW.tzinfo)
RECORD = {"device": "d", "updated_at": NOW}


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Fast, RECORD | {"name": "x", "start": date(1, 1, 1), "end": date(2026, 1, 1)}),
        (Fast, RECORD | {"name": "x", "start": date(2026, 1, 1), "end": date(9999, 12, 31)}),
        (Reminder, RECORD | {"reminder_kind": "custom", "at": ZONED}),
        (Reminder, RECORD | {"reminder_kind": "all", "snoozed_until": NOW.replace(year=9999)}),
        (Rule, {"kind": "curfew", "curfew_start": ZONED, "curfew_end": time(7)}),
        (Rule, {"kind": "limit", "limit_seconds": 10**12}),
        (Budget, RECORD | {"target": "total", "weekday_seconds": 10**12}),
        (MoodEntry, RECORD | {"at": NOW.replace(year=1), "score": 5}),
        (
            UsageSpan,
            {
                "id": "a",
                "app": "x",
                "device": "d",
                "source": "tracker",
                "start": NOW,
                "duration": float("nan"),
            },
        ),
    ],
)
def test_models_refuse_what_would_break_later(model: Any, fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(fields)


def _poison(home: Home) -> Path:
    """Another device's journal with a record of each kind that once broke every command."""
    other = Store(home.paths, OTHER, home.clock)
    november: dict[str, Any] = {"start": date(2026, 11, 1), "end": date(2026, 11, 20)}
    good = [
        *(
            Fast(device=OTHER.id, updated_at=NOW, name=name, **november)
            for name in ("good", "early", "late")
        ),
        Reminder(device=OTHER.id, updated_at=NOW, reminder_kind="custom", text="r", at=time(12)),
        Reminder(device=OTHER.id, updated_at=NOW, reminder_kind="all", snoozed_until=NOW),
        MoodEntry(device=OTHER.id, updated_at=NOW, at=NOW, score=5),
        Budget(device=OTHER.id, updated_at=NOW, target="facebook", weekday_seconds=600),
    ]
    other.put_many(good)
    path = home.paths.device_dir(OTHER.id) / "journal.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data["journal"].values():
        if doc.get("name") == "early":
            doc["start"] = "0001-01-01"
        elif doc.get("name") == "late":
            doc["end"] = "9999-12-31"
        elif doc.get("reminder_kind") == "custom":
            doc["at"] = "12:00:00+05:00"
        elif doc.get("reminder_kind") == "all":
            doc["snoozed_until"] = "9999-12-30T00:00:00Z"
        elif doc.get("kind") == "mood":
            doc["at"] = "0001-01-01T00:00:00Z"
        elif doc.get("kind") == "budget":
            doc["weekday_seconds"] = 10**30
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_poison_records_from_another_device_are_skipped_with_a_warning(
    home: Home, command: tuple[str, ...]
) -> None:
    journal = _poison(home)
    before = journal.read_bytes()
    result = home(*command)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "skipped" in result.stderr
    assert journal.read_bytes() == before  # another device's file is never rewritten


def test_the_good_records_beside_the_poison_still_count(home: Home) -> None:
    _poison(home)
    fasts = home.json("fast", "list")
    names = {fast["name"] for fast in (fasts if isinstance(fasts, list) else fasts["fasts"])}
    assert "good" in names and not {"early", "late"} & names


def test_poison_records_in_an_import_are_skipped(home: Home, tmp_path: Path) -> None:
    source = Home(tmp_path / "source")
    _poison(source)
    exported = json.loads(source.ok("export", "--format", "json").stdout)
    exported_path = tmp_path / "export.json"
    exported_path.write_text(json.dumps(exported), encoding="utf-8")
    # The export itself skips them; hand-craft them back in, as a hostile file would.
    records = exported.setdefault("journal", [])
    records.append(dict(records[0], id="ffffffffffffffff", start="0001-01-01") if records else {})
    exported_path.write_text(json.dumps(exported), encoding="utf-8")
    result = home("import", "detox", str(exported_path))
    assert result.exit_code in (0, 2), (result.stdout, result.stderr)
    assert "internal error" not in result.stderr
    for command in READ_COMMANDS:
        assert home(*command).exit_code == 0, command


@pytest.mark.parametrize(
    "content",
    ["date,app,minutes\n2026-11-01,facebook," + "x" * 200_000 + "\n"],
    ids=["a field over 131,072 characters"],
)
def test_an_unreadable_csv_is_one_line_exit_2(home: Home, tmp_path: Path, content: str) -> None:
    path = tmp_path / "screen-time.csv"
    path.write_text(content, encoding="utf-8")
    assert "screen-time.csv" in one_line_error(home, "import", "csv", str(path))
    assert home.data_files() == {}


# Python refuses to turn more than 4,300 digits into an int, with a plain ValueError that the
# JSON and TOML readers let through: each of these was "internal error", exit 1.
LONG = "9" * 5000


def test_a_5000_digit_number_in_config_toml_is_a_config_error(home: Home) -> None:
    home.paths.config_file.write_text(f"idle_threshold = {LONG}\n", encoding="utf-8")
    message = one_line_error(home, "status")
    assert "config.toml" in message and "longer than 4300 digits" in message
    assert "config.toml" in one_line_error(home, "config", "set", "day_start", "05:00")
    assert home.paths.config_file.read_text(encoding="utf-8") == f"idle_threshold = {LONG}\n"


def test_a_5000_digit_value_for_config_set_is_refused(home: Home) -> None:
    assert "idle_threshold" in one_line_error(home, "config", "set", "idle_threshold", LONG)
    assert "idle_threshold" in one_line_error(home, "config", "set", "idle_threshold", "[" * 5000)


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        (
            "activitywatch",
            '{"buckets": {"aw-watcher-window_x": {"id": "aw-watcher-window_x", "type": '
            '"currentwindow", "client": "aw", "hostname": "x", "created": '
            '"2026-01-01T00:00:00+00:00", "events": [{"timestamp": "2026-11-01T10:00:00+00:00", '
            f'"duration": {LONG}, "data": {{"app": "firefox", "title": "x"}}}}]}}}}}}',
        ),
        ("detox", f'{{"schema_version": {LONG}}}'),
        ("detox", "[" * 100_000 + "]" * 100_000),
    ],
    ids=["activitywatch, a 5000-digit duration", "detox, a 5000-digit version", "detox, deep"],
)
def test_an_export_python_cannot_decode_is_one_line_exit_2(
    home: Home, tmp_path: Path, kind: str, content: str
) -> None:
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    assert "export.json: not JSON this importer can read" in one_line_error(
        home, "import", kind, str(path)
    )
    assert home.data_files() == {}
