"""Hostile text in every field that reaches an output: an app's name (config), a synced device's
name, a mood note and tag, a fast's name, an ActivityWatch hostname. Whatever the format, a
terminal never receives an escape sequence, a spreadsheet never a formula, a Markdown viewer never
raw HTML. Also: `import detox` drops window titles unless titles are kept here, and ActivityWatch
events dated in the future are skipped and counted."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from detox.models import DeviceInfo, Fast, MoodEntry, UsageSpan
from detox.store import Device, Store
from tests import aw_sample
from tests.cli.home import NOW, Home

PAYLOADS = {
    "osc52": "\x1b]52;c;aGVsbG8=\x07",
    "clear": "\x1b[2J\x1b[H",
    "dde": "=cmd|' /C calc'!A0",
    "link": '=HYPERLINK("http://evil.example","x")',
    "at": "@SUM(A1)",
    "plus": "+1+1",
    "minus": "-2+3",
    "tab": "\t=1+1",
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "bidi": "\u202eexe.txt",
}
TERMINAL_BAD = ("\x1b", "\x07", "\x9b", "\u202e")
OTHER = Device("laptop-0002", "Laptop")
DAY = "2026-11-10"


def poisoned_home(root: Path, payload: str) -> Home:
    home = Home(root)
    home.paths.config_file.write_text(
        'timezone = "Europe/Warsaw"\n'
        "[apps.evilapp]\n"
        f"name = {json.dumps(payload)}\n"
        'category = "social"\n'
        'domains = ["evil.example"]\n',
        encoding="utf-8",
    )
    other = Store(home.paths, OTHER, home.clock)
    info = home.paths.device_dir(OTHER.id) / "device.json"
    named = DeviceInfo.model_validate_json(info.read_bytes()).model_copy(
        update={"name": payload, "hostname": payload}
    )
    info.write_text(named.model_dump_json(), encoding="utf-8")
    start = NOW - timedelta(hours=2)
    other.add_spans(
        [
            UsageSpan(
                id=UsageSpan.stable_id(OTHER.id, app, start, "tracker"),
                app=app,
                device=OTHER.id,
                source="tracker",
                start=start,
                duration=600,
            )
            for app in ("evilapp", "facebook")
        ]
    )
    other.put_many(
        [
            MoodEntry(
                device=OTHER.id, updated_at=NOW, at=NOW, score=4, note=payload, tags=[payload]
            ),
            Fast(
                device=OTHER.id,
                updated_at=NOW,
                name=payload,
                start=date(2026, 11, 1),
                end=date(2026, 11, 20),
            ),
        ]
    )
    return home


@pytest.fixture(params=list(PAYLOADS), ids=list(PAYLOADS))
def home(request: pytest.FixtureRequest, tmp_path: Path) -> Home:
    return poisoned_home(tmp_path / "home", PAYLOADS[request.param])


TEXT_COMMANDS = [
    ("report", "--from", "2026-11-04", "--to", DAY),
    ("status",),
    ("devices",),
    ("fast", "list"),
    ("mood", "list"),
    ("apps", "list"),
]


@pytest.mark.parametrize("command", TEXT_COMMANDS, ids=" ".join)
def test_the_terminal_never_receives_a_control_sequence(
    home: Home, command: tuple[str, ...]
) -> None:
    result = home.ok(*command)
    for bad in TERMINAL_BAD:
        assert bad not in result.stdout and bad not in result.stderr, command


@pytest.mark.parametrize("table", ["rows", "apps", "devices", "moods"])
def test_no_csv_cell_is_a_formula(home: Home, table: str) -> None:
    out = home.ok(
        "report", "--from", "2026-11-04", "--to", DAY, "--format", "csv", "--table", table
    )
    cells = [cell for row in csv.reader(io.StringIO(out.stdout)) for cell in row]
    assert cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
        assert not any(bad in cell for bad in TERMINAL_BAD), cell


def test_a_formula_cell_keeps_its_text_behind_a_quote(tmp_path: Path) -> None:
    home = poisoned_home(tmp_path / "home", PAYLOADS["dde"])
    out = home.ok("report", "--from", DAY, "--format", "csv", "--table", "apps").stdout
    assert "'=cmd|' /C calc'!A0" in out


def test_markdown_carries_no_raw_html(home: Home) -> None:
    out = home.ok("report", "--from", "2026-11-04", "--to", DAY, "--format", "md").stdout
    assert "<script" not in out and "<img" not in out
    assert not any(bad in out for bad in TERMINAL_BAD)
    assert out.rstrip().endswith("</sub>")  # detox's own markup is kept


def test_html_carries_no_raw_html_from_data(home: Home) -> None:
    out = home.ok("report", "--from", "2026-11-04", "--to", DAY, "--format", "html").stdout
    assert "<script>alert" not in out and "<img src=x" not in out


def test_json_keeps_the_data_exactly_and_escapes_it(tmp_path: Path) -> None:
    payload = PAYLOADS["osc52"]
    home = poisoned_home(tmp_path / "home", payload)
    raw = home.ok("report", "--from", DAY, "--format", "json").stdout
    assert "\x1b" not in raw  # json writes it as \u001b
    json.loads(raw)
    exported = home.ok("export", "--format", "json").stdout
    assert "\x1b" not in exported
    notes = {m.get("note") for m in json.loads(exported)["journal"] if m.get("kind") == "mood"}
    assert payload in notes  # what was entered is kept as it was


def test_an_activitywatch_hostname_is_printed_without_escapes(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    export = aw_sample.export()
    for bucket in export["buckets"].values():
        bucket["hostname"] = "evil\x1b]52;c;aGVsbG8=\x07\x1b[2Jhost"
    path = tmp_path / "aw.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = home.ok("import", "activitywatch", str(path))
    assert "evilhost" in result.stdout
    for command in (("import", "activitywatch", str(path)), ("devices",), ("report",)):
        output = home.ok(*command)
        assert not any(bad in output.stdout + output.stderr for bad in TERMINAL_BAD)


# -- import detox keeps titles only if asked to ----------------------------------------------


def _titled_export(tmp_path: Path) -> Path:
    source = Home(tmp_path / "source")
    me = source.context().device.id
    start = NOW - timedelta(hours=1)
    source.context().store.add_spans(
        [
            UsageSpan(
                id=UsageSpan.stable_id(me, "youtube", start, "tracker"),
                app="youtube",
                device=me,
                source="tracker",
                start=start,
                duration=300,
                title="Private video — YouTube",
            )
        ]
    )
    path = tmp_path / "export.json"
    source.ok("export", "--format", "json", "-o", str(path))
    assert "Private video" in path.read_text(encoding="utf-8")
    return path


def _stored_titles(home: Home) -> set[str | None]:
    return {span.get("title") for span in home.export()["spans"]}


def test_import_detox_drops_titles_when_titles_are_off(tmp_path: Path) -> None:
    exported = _titled_export(tmp_path)
    home = Home(tmp_path / "home")
    home.ok("import", "detox", str(exported))
    assert _stored_titles(home) == {None}
    assert all(
        b"Private video" not in path.read_bytes() for path in home.paths.devices_dir.rglob("*.json")
    )


def test_import_detox_keeps_titles_when_titles_are_on(tmp_path: Path) -> None:
    exported = _titled_export(tmp_path)
    home = Home(tmp_path / "home")
    home.paths.config_file.write_text(
        'timezone = "Europe/Warsaw"\nstore_titles = true\n', encoding="utf-8"
    )
    home.ok("import", "detox", str(exported))
    assert _stored_titles(home) == {"Private video — YouTube"}


# -- ActivityWatch events from the future ----------------------------------------------------


def test_activitywatch_events_in_the_future_are_skipped_and_counted(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    export = aw_sample.export()
    window = export["buckets"][f"aw-watcher-window_{aw_sample.LAPTOP_HOST}"]
    afk = export["buckets"][f"aw-watcher-afk_{aw_sample.LAPTOP_HOST}"]
    future = {"timestamp": "2030-01-01T10:00:00+00:00", "duration": 3600}
    window["events"].insert(0, future | {"data": {"app": "Discord", "title": "Discord"}})
    afk["events"].insert(0, future | {"data": {"status": "not-afk"}})
    path = tmp_path / "aw.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    summary = home.json("import", "activitywatch", str(path))
    assert any("skipped 2 events dated in the future" in note for note in summary["notes"])
    assert summary["last"] is not None and summary["last"] < "2027"
    devices = home.json("devices")
    assert all((d.get("last_data") or "") < "2027" for d in devices)
    # Without the future events, the totals are the hand-computed ones.
    assert home.seconds("2026-11-09")["discord"] == aw_sample.LAPTOP_SECONDS["discord"]
