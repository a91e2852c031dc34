"""The streaming reader of ActivityWatch exports finds what decoding the whole file finds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from detox.errors import InputError
from detox.importers.aw_source import AwData, load_export_file, parse_export
from detox.importers.problems import ImportFormatError
from tests import aw_sample


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
