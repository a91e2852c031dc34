"""`detox import activitywatch` from an export file and from a server (a small HTTP server on
127.0.0.1 serving the same data through ActivityWatch's REST API)."""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from detox.models import UsageSpan
from tests import aw_sample
from tests.aw_sample import LAPTOP_HOST, LAPTOP_SECONDS, PHONE_SECONDS, TOTAL_SECONDS
from tests.cli.home import Home, user_error

DAY = "2026-11-09"
MERGED = {
    app: LAPTOP_SECONDS.get(app, 0) + PHONE_SECONDS.get(app, 0)
    for app in LAPTOP_SECONDS.keys() | PHONE_SECONDS.keys()
}


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    path = tmp_path / "aw-buckets-export.json"
    path.write_text(json.dumps(aw_sample.export(), indent=2), encoding="utf-8")
    return path


def without_time_of_export(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_imported_totals_are_the_hand_computed_ones(home: Home, export_file: Path) -> None:
    result = home.ok("import", "activitywatch", str(export_file))
    assert home.seconds(DAY) == MERGED
    lines = result.stdout.splitlines()
    assert lines[0] == (f"ActivityWatch export {export_file.name}: 1h 07m of social media on {DAY}")
    # Per device, then per app within it, most time first.
    assert lines[1].split() == [LAPTOP_HOST, "47m"]
    assert lines[2].split() == ["YouTube", "20m"]
    assert any(line.split() == ["phone", "(Pixel", "7)", "20m"] for line in lines)
    assert "Imported spans: 11 new, 0 updated, 0 already there." in lines
    assert any("skipped 2 other buckets" in line for line in lines)


def test_importing_twice_is_the_same_as_once(home: Home, export_file: Path) -> None:
    home.ok("import", "activitywatch", str(export_file))
    once = without_time_of_export(home.export())
    files = home.data_files()
    again = home.ok("import", "activitywatch", str(export_file))
    assert "Nothing new: all of it was imported before" in again.stdout
    assert without_time_of_export(home.export()) == once
    assert home.data_files() == files
    assert home.seconds(DAY) == MERGED
    events = [r for r in once["journal"] if r["kind"] == "event"]
    assert [(e["type"], e["data"]["spans"]) for e in events] == [("import", 11)]


def test_a_dry_run_shows_the_summary_and_writes_nothing(home: Home, export_file: Path) -> None:
    result = home.ok("import", "activitywatch", str(export_file), "--dry-run")
    assert "Dry run, nothing written. Would import spans: 11 new" in result.stdout
    assert home.data_files() == {}
    assert home.seconds(DAY) == {}


def test_the_json_summary_has_devices_apps_and_counts(home: Home, export_file: Path) -> None:
    summary = home.json("import", "activitywatch", str(export_file))
    assert summary["total_seconds"] == TOTAL_SECONDS
    devices = {d["device"]: d for d in summary["devices"]}
    assert {a["app"]: a["seconds"] for a in devices["phone"]["apps"]} == PHONE_SECONDS
    assert {a["app"]: a["seconds"] for a in devices[LAPTOP_HOST]["apps"]} == LAPTOP_SECONDS
    assert devices["phone"]["name"] == "phone (Pixel 7)"
    assert summary["counts"] == {"spans": {"new": 11, "updated": 0, "unchanged": 0}}


def test_imported_devices_are_listed(home: Home, export_file: Path) -> None:
    home.ok("import", "activitywatch", str(export_file))
    devices = {d["device"]: d for d in home.json("devices")}
    assert devices[LAPTOP_HOST]["kind"] == "imported"
    assert devices[LAPTOP_HOST]["seconds"] == sum(LAPTOP_SECONDS.values())
    assert devices["phone"]["name"] == "phone (Pixel 7)"
    assert devices["phone"]["last_data"] == "2026-11-09T10:25:00+00:00"


def test_a_malformed_export_is_refused_whole(home: Home, tmp_path: Path) -> None:
    document = aw_sample.export()
    afk = document["buckets"][f"aw-watcher-afk_{LAPTOP_HOST}"]
    afk["events"][2]["timestamp"] = "2026-13-01T00:00:00Z"
    afk["events"][4]["duration"] = "ten"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    message = user_error(home("import", "activitywatch", str(path)))
    assert f"{path}: 2 problems, nothing imported:" in message
    assert f"bucket aw-watcher-afk_{LAPTOP_HOST}, event 3: timestamp" in message
    assert f"bucket aw-watcher-afk_{LAPTOP_HOST}, event 5: duration 'ten'" in message
    assert home.data_files() == {}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"buckets": {', "not JSON: line 1 column 14"),
        ("date,app,minutes\n", "not JSON: line 1 column 1"),
        ('{"spans": []}', 'no "buckets": this is not an ActivityWatch export'),
    ],
)
def test_a_file_that_is_no_export_says_why(
    home: Home, tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    assert problem in user_error(home("import", "activitywatch", str(path)))
    assert home.data_files() == {}


def test_file_or_server_must_be_given_but_not_both(home: Home, export_file: Path) -> None:
    assert "give an export FILE or --server URL" in user_error(home("import", "activitywatch"))
    both = home("import", "activitywatch", str(export_file), "--server", "http://127.0.0.1:1")
    assert "one of them" in user_error(both)
    missing = home("import", "activitywatch", str(export_file.with_name("nope.json")))
    assert "nope.json: no such file" in user_error(missing)


def test_history_of_this_machine_stops_where_detox_began_tracking_it(
    home: Home, tmp_path: Path
) -> None:
    # ActivityWatch ran on this very machine, and detox's tracker took over at 08:35 UTC.
    host = os.uname().nodename
    path = tmp_path / "this-machine.json"
    path.write_text(json.dumps(aw_sample.export()).replace(LAPTOP_HOST, host), encoding="utf-8")
    me = home.context().device.id
    took_over = aw_sample.at("08:35")
    home.context().store.add_spans(
        [
            UsageSpan(
                id=UsageSpan.stable_id(me, "reddit", took_over, "tracker"),
                app="reddit",
                device=me,
                source="tracker",
                start=took_over,
                duration=60,
            )
        ]
    )
    summary = home.json("import", "activitywatch", str(path))
    mine = next(d for d in summary["devices"] if d["device"] == me)
    assert {a["app"]: a["seconds"] for a in mine["apps"]} == {
        "facebook": 720,
        "discord": 595,
        "youtube": 300,
    }
    assert any("detox tracks this machine itself" in note for note in summary["notes"])
    devices = [d for d in home.json("devices") if d["device"] == me]
    assert devices[0]["kind"] == "this machine"
    assert devices[0]["sources"] == ["import", "tracker"]


# -- the server ---------------------------------------------------------------------------------


class FakeActivityWatch(BaseHTTPRequestHandler):
    """The parts of ActivityWatch's REST API the import reads, serving the sample data.

    The Python server takes limit=-1 for "all"; the Rust one parses the limit as unsigned and
    refuses -1 (both send everything when no limit is given).
    """

    buckets: dict[str, Any] = {}
    requests: list[str] = []
    unsigned_limit = False

    def do_GET(self) -> None:
        self.requests.append(self.path)
        parts = urlsplit(self.path)
        segments = [unquote(s) for s in parts.path.strip("/").split("/")]
        if segments == ["api", "0", "buckets"]:
            listing = {
                key: {k: v for k, v in value.items() if k != "events"}
                for key, value in self.buckets.items()
            }
            return self._send(listing)
        if len(segments) == 5 and segments[:3] == ["api", "0", "buckets"]:
            bucket = self.buckets.get(segments[3])
            if bucket is not None and segments[4] == "events":
                limit = int(parse_qs(parts.query).get("limit", ["-1"])[0])
                if limit < 0 and self.unsigned_limit and "limit" in parts.query:
                    return self.send_error(422, "limit: invalid digit found in string")
                events = bucket["events"] if limit < 0 else bucket["events"][:limit]
                return self._send(events)
        self.send_error(404, "no such bucket")

    def _send(self, data: object) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(params=["python-server", "rust-server"])
def server(request: pytest.FixtureRequest) -> Iterator[str]:
    FakeActivityWatch.buckets = aw_sample.export()["buckets"]
    FakeActivityWatch.requests = []
    FakeActivityWatch.unsigned_limit = request.param == "rust-server"
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeActivityWatch)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_the_server_gives_the_same_totals_as_the_file(home: Home, server: str) -> None:
    result = home.ok("import", "activitywatch", "--server", server)
    assert result.stdout.startswith(f"ActivityWatch server {server}: 1h 07m of social media")
    assert home.seconds(DAY) == MERGED
    # Only the buckets detox uses were read, each with all its events.
    reads = {r.split("?")[0] for r in FakeActivityWatch.requests if "/events" in r}
    assert len(reads) == 6
    assert not any("input" in r or "unlock" in r for r in reads)


def test_a_server_import_after_the_file_import_adds_nothing(
    home: Home, server: str, export_file: Path
) -> None:
    home.ok("import", "activitywatch", str(export_file))
    once = without_time_of_export(home.export())
    again = home.json("import", "activitywatch", "--server", server)
    assert again["counts"]["spans"] == {"new": 0, "updated": 0, "unchanged": 11}
    assert without_time_of_export(home.export()) == once


def test_an_empty_server_imports_nothing(home: Home, server: str) -> None:
    FakeActivityWatch.buckets = {}
    result = home.ok("import", "activitywatch", "--server", server)
    assert (
        result.stdout.splitlines()[0]
        == f"ActivityWatch server {server}: no social media use found."
    )
    assert home.data_files() == {}


def test_a_server_that_does_not_answer_is_one_clear_error(home: Home) -> None:
    with socket.socket() as probe:  # a port nothing listens on once closed
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    message = user_error(home("import", "activitywatch", "--server", closed))
    assert message.startswith(f"detox: cannot reach ActivityWatch at {closed}")
    bad = user_error(home("import", "activitywatch", "--server", "ftp://127.0.0.1"))
    assert "write e.g. http://localhost:5600" in bad
    assert home.data_files() == {}


def test_a_server_answering_with_errors_says_so(home: Home, server: str) -> None:
    FakeActivityWatch.buckets = {
        "aw-watcher-window_h": {"id": "aw-watcher-window_h", "type": "currentwindow"}
    }
    original = FakeActivityWatch.do_GET

    def listing_only(handler: FakeActivityWatch) -> None:
        if "/events" in handler.path:
            handler.send_error(500, "database locked")
            return
        original(handler)

    FakeActivityWatch.do_GET = listing_only  # type: ignore[method-assign,assignment]
    try:
        message = user_error(home("import", "activitywatch", "--server", server))
    finally:
        FakeActivityWatch.do_GET = original  # type: ignore[method-assign]
    assert f"ActivityWatch at {server} answered 500" in message
