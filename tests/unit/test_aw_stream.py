"""The streaming reader of ActivityWatch exports finds what decoding the whole file finds."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from detox.errors import InputError
from detox.importers.aw_source import AwData, load_export_file, parse_export, to_event, usual_event
from detox.importers.problems import ImportFormatError, Problems
from tests import aw_sample

HOUR = timedelta(hours=1)


def _as_list(document: dict[str, Any]) -> dict[str, Any]:
    return {"buckets": list(document["buckets"].values()), "exported": "2026-11-10"}


def _broken(document: dict[str, Any]) -> dict[str, Any]:
    buckets = document["buckets"]
    first = next(iter(buckets.values()))
    first["events"][1]["duration"] = -1
    first["events"][2] = "an event"
    buckets["aw-watcher-afk_x"] = {"type": "afkstatus", "events": {"not": "a list"}}
    buckets["nothing"] = 5
    return document


def _read(tmp_path: Path, text: str) -> AwData | str:
    path = tmp_path / "aw.json"
    path.write_text(text, encoding="utf-8")
    try:
        return load_export_file(path)
    except InputError as error:
        return str(error).replace(str(path), "aw.json")


def _whole(text: str) -> AwData | str:
    try:
        return parse_export(json.loads(text), "aw.json")
    except json.JSONDecodeError as error:
        return f"aw.json: not JSON: line {error.lineno} column {error.colno}: {error.msg}"
    except ImportFormatError as error:
        return str(error)


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(aw_sample.export()),
        json.dumps(aw_sample.export(), indent=2),
        json.dumps(_as_list(aw_sample.export())),
        json.dumps(_broken(aw_sample.export())),
        json.dumps(_as_list(_broken(aw_sample.export()))),
        '{"buckets": {}}',
        '{"other": 1}',
        "[1, 2]",
        '{"buckets": 5}',
        '{"buckets": {"a": {"type": "currentwindow", "events": [}}}',
        '{"buckets": {"a": {"type": "currentwindow", "events": []} "b": 1}}',
        '{"buckets": {}} extra',
        '{"buckets": {',
    ],
    ids=[
        "dict",
        "indented",
        "list",
        "mistakes",
        "mistakes in a list",
        "empty",
        "no buckets",
        "an array",
        "buckets a number",
        "a bad event",
        "no comma",
        "extra data",
        "cut short",
    ],
)
def test_the_stream_reads_what_the_whole_document_gives(tmp_path: Path, text: str) -> None:
    assert _read(tmp_path, text) == _whole(text)


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=4),
    st.lists(st.integers(), max_size=2),
)
_STAMPS = st.one_of(
    st.datetimes(
        min_value=datetime(1, 1, 2), timezones=st.sampled_from([None, UTC, timezone(-HOUR)])
    ).map(lambda moment: moment.isoformat()),
    st.sampled_from(["2026-13-01T00:00:00Z", " 2026-01-01T00:00:00Z", "9999-12-31T23:59:00Z"]),
    _VALUES,
)
_DATA = st.dictionaries(
    st.sampled_from(["app", "title", "url", "status", "audible", "package"]), _VALUES, max_size=3
)
_ITEMS = st.one_of(
    st.fixed_dictionaries(
        {"timestamp": _STAMPS, "duration": _VALUES, "data": st.one_of(_DATA, _VALUES)}
    ),
    _VALUES,
)


@settings(max_examples=400)
@given(st.lists(_ITEMS, max_size=6))
# A stamp the quick way leaves to the checked one: the shared data dicts must still agree.
@example([{"timestamp": " 2026-01-01T00:00:00Z", "duration": 0, "data": {}}])
def test_the_quick_way_for_usual_events_agrees_with_the_checked_one(items: list[Any]) -> None:
    """usual_event takes the usual events without to_event's checks: for any item it gives what
    to_event gives, or leaves the item to to_event (as the import does, with the same shared
    dicts); events with equal data share one dict either way."""
    quick_shared: dict[Any, Any] = {}
    checked_shared: dict[Any, Any] = {}
    for number, item in enumerate(items, start=1):
        quick = usual_event(item, quick_shared) or to_event(
            item, "event", number, Problems(""), quick_shared
        )
        checked = to_event(item, "event", number, Problems(""), checked_shared)
        assert quick == checked
    quick_data = {id(d): d for d in quick_shared.values()}
    checked_data = {id(d): d for d in checked_shared.values()}
    assert sorted(map(repr, quick_data.values())) == sorted(map(repr, checked_data.values()))


def test_an_event_lasting_past_the_year_9999_is_named(tmp_path: Path) -> None:
    event = {"timestamp": "2026-01-01T00:00:00+00:00", "duration": 1e15, "data": {"app": "x"}}
    bucket = {"type": "currentwindow", "hostname": "x", "events": [event]}
    text = json.dumps({"buckets": {"aw-watcher-window_x": bucket}})
    assert _read(tmp_path, text) == (
        "aw.json: 1 problem, nothing imported:\n"
        "  bucket aw-watcher-window_x, event 1: duration 1000000000000000.0 is too long"
    )
