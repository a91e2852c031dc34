"""ActivityWatch buckets to detox spans, checked against totals worked out by hand
(tests/aw_sample.py explains each number)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from detox.catalog import Catalog
from detox.importers.activitywatch import spans_from_activitywatch
from detox.importers.aw_source import parse_export
from detox.importers.problems import ImportFormatError
from detox.models import DeviceInfo, UsageSpan, span_list_adapter
from tests import aw_sample
from tests.aw_sample import LAPTOP_HOST, LAPTOP_SECONDS, PHONE_SECONDS, at, bucket, event


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(os_name="linux")


def totals(spans: list[UsageSpan]) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = {}
    for span in spans:
        apps = found.setdefault(span.device, {})
        apps[span.app] = round(apps.get(span.app, 0.0) + span.duration, 6)
    return found


def test_the_sample_export_gives_the_totals_worked_out_by_hand(catalog: Catalog) -> None:
    found = spans_from_activitywatch(parse_export(aw_sample.export(), "sample"), catalog)
    assert totals(found.spans) == {LAPTOP_HOST: LAPTOP_SECONDS, "phone": PHONE_SECONDS}
    assert found.device_names == {LAPTOP_HOST: LAPTOP_HOST, "phone": "phone (Pixel 7)"}
    assert all(span.source == "import" for span in found.spans)
    assert all(span.title is None for span in found.spans)  # titles are never kept


def test_event_order_in_the_file_changes_nothing(catalog: Catalog) -> None:
    document = aw_sample.export()
    shuffled = aw_sample.export()
    rng = random.Random(7)
    for value in shuffled["buckets"].values():
        rng.shuffle(value["events"])
    as_list = {"buckets": list(shuffled["buckets"].values())}  # the schema file's form
    first = spans_from_activitywatch(parse_export(document, "a"), catalog).spans
    again = spans_from_activitywatch(parse_export(as_list, "b"), catalog).spans
    assert first == again


def test_an_export_from_windows_is_matched_by_windows_process_names(catalog: Catalog) -> None:
    host = "WIN-PC"
    document = {
        "buckets": {
            "w": bucket(
                f"aw-watcher-window_{host}",
                "currentwindow",
                host,
                [
                    event("08:00", 60, app="Discord.exe", title="Discord"),
                    event("08:01", 60, app="chrome.exe", title="(2) Home / X - Google Chrome"),
                ],
            ),
            "a": bucket(
                f"aw-watcher-afk_{host}",
                "afkstatus",
                host,
                [event("07:00", 7200, status="not-afk")],
            ),
        }
    }
    found = spans_from_activitywatch(parse_export(document, "win"), catalog)
    assert totals(found.spans) == {host: {"discord": 60, "x": 60}}


def test_a_machine_detox_tracks_is_imported_only_before_tracking_began(catalog: Catalog) -> None:
    laptop = DeviceInfo(id="laptop-1234", name="Laptop", hostname=LAPTOP_HOST, created=at("07:00"))
    found = spans_from_activitywatch(
        parse_export(aw_sample.export(), "sample"),
        catalog,
        devices=[laptop],
        tracked_since={"laptop-1234": at("08:35")},
    )
    laptop_time = totals(found.spans)["laptop-1234"]
    # Before 08:35: facebook 720 and discord 595 whole, youtube 08:30-08:35 only.
    assert laptop_time == {"facebook": 720, "discord": 595, "youtube": 300}
    assert any("detox tracks this machine" in note for note in found.notes)


def test_without_an_afk_bucket_all_focused_time_counts_and_says_so(catalog: Catalog) -> None:
    host = "desk"
    document = {
        "buckets": {
            "w": bucket(
                f"aw-watcher-window_{host}",
                "currentwindow",
                host,
                [event("08:00", 90, app="discord", title="")],
            )
        }
    }
    found = spans_from_activitywatch(parse_export(document, "x"), catalog)
    assert totals(found.spans) == {host: {"discord": 90}}
    assert found.notes and "no AFK bucket" in found.notes[0]


def test_a_web_bucket_alone_counts_its_active_pages(catalog: Catalog) -> None:
    host = "kiosk"
    document = {
        "buckets": {
            "web": bucket(
                f"aw-watcher-web-firefox_{host}",
                "web.tab.current",
                host,
                [
                    event("08:00", 120, url="https://www.tiktok.com/foryou", title=""),
                    event("08:10", 120, url="https://example.org", title=""),
                ],
            ),
            "afk": bucket(
                f"aw-watcher-afk_{host}", "afkstatus", host, [event("08:01", 600, status="not-afk")]
            ),
        }
    }
    found = spans_from_activitywatch(parse_export(document, "x"), catalog)
    assert totals(found.spans) == {host: {"tiktok": 60}}


def test_a_span_longer_than_a_day_is_stored_in_day_sized_parts(catalog: Catalog) -> None:
    host = "server"
    document = {
        "buckets": {
            "w": bucket(
                f"aw-watcher-window_{host}",
                "currentwindow",
                host,
                [event("00:00", 30 * 3600, app="discord", title="")],
            )
        }
    }
    spans = spans_from_activitywatch(parse_export(document, "x"), catalog).spans
    assert [s.duration for s in spans] == [86_400, 6 * 3600]
    assert spans[1].start == spans[0].end


def test_spans_are_those_validation_makes_of_the_same_values(catalog: Catalog) -> None:
    """The import makes its spans without validating values it worked out itself: each is what
    validating its values gives, in equality, fields set, JSON and a round trip through the
    store's reading; a span lasting over a day and one across a month's end included."""
    document = aw_sample.export()
    long = [event("23:00", 30 * 3600, app="discord", title="")]
    long[0]["timestamp"] = "2026-11-30T23:00:00+00:00"
    document["buckets"]["long"] = bucket(
        "aw-watcher-window_server", "currentwindow", "server", long
    )
    spans = spans_from_activitywatch(parse_export(document, "x"), catalog).spans
    assert len({s.start.month for s in spans}) == 2 and max(s.duration for s in spans) == 86_400
    for span in spans:
        values = {k: v for k, v in span.__dict__.items() if k != "title"}
        checked = UsageSpan.model_validate(values)
        assert span == checked
        assert span.model_fields_set == checked.model_fields_set
        assert span.model_dump(mode="json") == checked.model_dump(mode="json")
        assert span.start.tzinfo is UTC and type(span.duration) is float
    dumped = span_list_adapter().dump_python(spans, mode="json")
    assert span_list_adapter().validate_python(dumped) == spans


def _broken_export() -> dict[str, Any]:
    document = aw_sample.export()
    window = document["buckets"][f"aw-watcher-window_{LAPTOP_HOST}"]
    window["events"][1]["timestamp"] = "yesterday"
    window["events"][3]["duration"] = -5
    document["buckets"]["aw-watcher-afk_" + LAPTOP_HOST]["events"][0]["data"] = "not-afk"
    document["buckets"]["aw-watcher-android-test"]["events"] = {"oops": 1}
    return document


def test_a_malformed_export_names_every_problem_with_its_place() -> None:
    with pytest.raises(ImportFormatError) as raised:
        parse_export(_broken_export(), "aw.json")
    message = str(raised.value)
    assert message.splitlines()[0] == "aw.json: 4 problems, nothing imported:"
    window = f"bucket aw-watcher-window_{LAPTOP_HOST}"
    assert f"{window}, event 2: timestamp 'yesterday' is not an ISO 8601 time" in message
    assert f"{window}, event 4: duration -5 is negative or not finite" in message
    assert f'bucket aw-watcher-afk_{LAPTOP_HOST}, event 1: "data" must be an object' in message
    assert 'bucket aw-watcher-android-test: "events" must be a list' in message


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ([], 'no "buckets": this is not an ActivityWatch export'),
        ({"buckets": 3}, '"buckets" must be an object of buckets by id'),
        ({"schema_version": 1, "spans": []}, 'no "buckets"'),
    ],
)
def test_something_else_than_an_export_is_refused(document: object, problem: str) -> None:
    with pytest.raises(ImportFormatError, match=problem):
        parse_export(document, "x.json")


def test_timestamps_in_every_form_the_servers_write_mean_the_same_instant() -> None:
    forms = [
        "2026-11-09T08:00:00+00:00",
        "2026-11-09T08:00:00Z",
        "2026-11-09T08:00:00.000000Z",
        "2026-11-09T09:00:00+01:00",
        "2026-11-09T08:00:00",
    ]
    document = {
        "buckets": {
            "w": bucket(
                "aw-watcher-window_h",
                "currentwindow",
                "h",
                [{"timestamp": f, "duration": 1.5, "data": {"app": "x"}} for f in forms],
            )
        }
    }
    parsed = parse_export(document, "x").buckets[0].events
    assert {e.start for e in parsed} == {datetime(2026, 11, 9, 8, tzinfo=UTC)}
    assert {e.end - e.start for e in parsed} == {timedelta(seconds=1.5)}
