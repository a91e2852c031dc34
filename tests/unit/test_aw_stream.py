"""The streaming reader of ActivityWatch exports finds what decoding the whole file finds."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from detox.errors import InputError
from detox.importers import aw_source, aw_stream
from detox.importers.aw_source import (
    AwData,
    AwEvent,
    add_events,
    load_export_file,
    parse_export,
    to_event,
)
from detox.importers.aw_stream import stream_export
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
    _agree(items)


def _agree(items: list[Any]) -> None:
    """add_events takes the usual events without to_event's checks: for any items it gives the
    events and the mistakes to_event gives one item at a time; events with equal data share one
    dict either way."""
    quick_problems, quick_shared = Problems(""), {}  # type: ignore[var-annotated]
    quick: list[AwEvent] = []
    add_events(items, "event", 1, quick_problems, quick_shared, quick)
    checked_problems, checked_shared = Problems(""), {}  # type: ignore[var-annotated]
    checked = [
        event
        for number, item in enumerate(items, start=1)
        if (event := to_event(item, "event", number, checked_problems, checked_shared))
    ]
    assert quick == checked
    assert quick_problems.found == checked_problems.found
    quick_data = {id(d): d for d in quick_shared.values()}
    checked_data = {id(d): d for d in checked_shared.values()}
    assert sorted(map(repr, quick_data.values())) == sorted(map(repr, checked_data.values()))


_USUAL_ITEMS = st.fixed_dictionaries(
    {
        "timestamp": st.datetimes(
            min_value=datetime(1970, 1, 1),
            max_value=datetime(9999, 12, 30),
            timezones=st.sampled_from([UTC, UTC, timezone(-HOUR)]),
        ).map(lambda moment: moment.isoformat()),
        "duration": st.one_of(
            st.floats(min_value=0, max_value=1e10), st.integers(min_value=0, max_value=10**10)
        ),
        "data": _DATA,
    }
)


_NAN = {"timestamp": "2026-01-01T00:00:00+00:00", "duration": math.nan, "data": {}}


@settings(max_examples=300)
@given(st.lists(_USUAL_ITEMS, min_size=1, max_size=8), st.lists(_ITEMS, max_size=1))
# NaN passes min() and max() (it compares false either way): the run must still refuse it.
@example([_NAN | {"duration": 5}], [_NAN])
@example([_NAN | {"duration": 5}, _NAN | {"data": {"app": "x"}}], [])
def test_a_run_of_usual_events_is_taken_as_the_checked_way_takes_it(
    items: list[Any], odd: list[Any]
) -> None:
    """add_events takes a run of usual events a list at a time (and a run with one odd item
    one by one): the same events, mistakes and shared data dicts as to_event one at a time."""
    _agree(items)
    _agree([*items, *odd])
    usual = all(
        item["timestamp"].endswith("+00:00")
        and datetime.fromisoformat(item["timestamp"]).year <= 9_800
        and item["duration"] < 100 * 366 * 86_400
        and not any(isinstance(value, list) for value in item["data"].values())
        for item in items
    )
    assert (aw_source._all_usual(items, {}) is not None) == usual


def _streamed(text: str) -> AwData | str:
    try:
        return stream_export(text, "aw.json")
    except json.JSONDecodeError as error:
        return f"aw.json: not JSON: line {error.lineno} column {error.colno}: {error.msg}"
    except ImportFormatError as error:
        return str(error)


# Texts a run of events may be cut in: braces, commas and quotes inside strings, and nesting.
_TRICKY = st.sampled_from(["}, {", '}, {"timestamp"', '"}', "},", "\\", '\\"', "]", "x"])
_STREAM_ITEMS = st.one_of(
    st.fixed_dictionaries(
        {
            "timestamp": st.sampled_from(
                ["2026-05-01T07:00:00.25+00:00", "2026-05-01T08:00:00Z", "2026-05-01", "x"]
            ),
            "duration": st.sampled_from([0, 1.5, 30, -1, "5"]),
            "data": st.one_of(
                st.dictionaries(st.sampled_from(["app", "title", "url"]), _TRICKY, max_size=2),
                st.fixed_dictionaries({"app": _TRICKY, "nested": st.just([{"a": 1}, {"b": 2}])}),
                st.fixed_dictionaries({"app": _TRICKY, "inner": st.just({"a": {"b": 1}})}),
            ),
        }
    ),
    st.sampled_from([5, "an event", [1, {"a": 2}], {}]),
)


@settings(max_examples=300)
@given(
    events=st.lists(_STREAM_ITEMS, max_size=12),
    run_chars=st.integers(min_value=1, max_value=120),
    indent=st.sampled_from([None, 1]),
    cut=st.sampled_from([None, -1, -2, -5]),
)
def test_runs_of_events_read_what_the_whole_document_gives(
    events: list[Any], run_chars: int, indent: int | None, cut: int | None
) -> None:
    """The reader decodes a run of events at once where it can; wherever a run is cut (inside
    strings, nested objects or arrays, a mistake, the array's end, a file cut short) it reads
    what json.loads and the checks of the whole document give."""
    bucket = {"type": "currentwindow", "hostname": "x", "events": events}
    after = {
        "type": "afkstatus",
        "events": [{"timestamp": "2026-05-01", "duration": 1, "data": {}}],
    }
    document = {"buckets": {"aw-watcher-window_x": bucket, "aw-watcher-afk_x": after}}
    text = json.dumps(document, indent=indent)
    if cut is not None:
        text = text[:cut]
    with mock.patch.object(aw_stream, "_RUN_CHARS", run_chars):
        assert _streamed(text) == _whole(text)


def test_a_long_array_of_events_is_read_in_runs_with_its_mistakes_numbered() -> None:
    """An array far longer than a run, with a mistake near its end: the events and the
    mistake's number are those of the whole document."""
    events: list[Any] = [
        {"timestamp": f"2026-05-01T07:{n // 60 % 60:02d}:{n % 60:02d}Z", "duration": 5, "data": {}}
        for n in range(3_500)
    ]
    bucket = {"type": "currentwindow", "hostname": "x", "events": events}
    text = json.dumps({"buckets": {"aw-watcher-window_x": bucket}})
    assert len(text) > 4 * aw_stream._RUN_CHARS  # runs, and a tail read event by event
    read = _streamed(text)
    assert isinstance(read, AwData) and len(read.buckets[0].events) == 3_500
    assert read == _whole(text)
    events[2_900]["duration"] = -1
    text = json.dumps({"buckets": {"aw-watcher-window_x": bucket}})
    assert _streamed(text) == _whole(text)
    assert "event 2901: duration -1" in str(_streamed(text))


def test_an_event_lasting_past_the_year_9999_is_named(tmp_path: Path) -> None:
    event = {"timestamp": "2026-01-01T00:00:00+00:00", "duration": 1e15, "data": {"app": "x"}}
    bucket = {"type": "currentwindow", "hostname": "x", "events": [event]}
    text = json.dumps({"buckets": {"aw-watcher-window_x": bucket}})
    assert _read(tmp_path, text) == (
        "aw.json: 1 problem, nothing imported:\n"
        "  bucket aw-watcher-window_x, event 1: duration 1000000000000000.0 is too long"
    )
