"""Stored keys never lose a record: span ids that share a prefix stay two spans, and a file whose
table keys TinyDB would fold together (or cannot read back) keeps every entry on the next write."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from detox.models import MoodEntry, UsageSpan
from tests.cli.home import NOW, Home

START = NOW - timedelta(hours=3)


def _span(device: str, span_id: str, app: str, minutes: int, source: str = "tracker") -> UsageSpan:
    return UsageSpan.model_validate(
        {
            "id": span_id,
            "app": app,
            "device": device,
            "source": source,
            "start": START.isoformat(),
            "duration": minutes * 60,
        }
    )


def _export(tmp_path: Path, spans: list[UsageSpan]) -> Path:
    path = tmp_path / "export.json"
    document = {
        "schema_version": 1,
        "devices": [],
        "journal": [],
        "spans": [span.model_dump(mode="json") for span in spans],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _seconds(home: Home) -> dict[str, int]:
    return home.seconds(START.date().isoformat())


def test_an_imported_span_sharing_an_id_prefix_does_not_replace_a_tracked_one(
    tmp_path: Path,
) -> None:
    home = Home(tmp_path / "home")
    me = home.context().device.id
    tracked = _span(me, "0123456789abcde" + "00000", "youtube", 5)
    home.context().store.add_spans([tracked])
    assert _seconds(home) == {"youtube": 300}

    clash = _span("phone-1", "0123456789abcde" + "fffff", "reddit", 7, source="import")
    imported = home.ok("import", "detox", str(_export(tmp_path, [clash])))

    assert "Traceback" not in imported.output
    assert _seconds(home) == {"youtube": 300, "reddit": 420}
    ids = {s["id"] for s in home.export()["spans"]}
    assert ids == {tracked.id, clash.id}


def test_a_span_id_that_is_not_hex_is_imported_plainly(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    odd = _span("phone-1", "not-hex: ²/../x", "reddit", 4, source="import")
    result = home(("import"), "detox", str(_export(tmp_path, [odd])))
    assert result.exit_code == 0, (result.output, result.exception)
    assert "internal error" not in result.output
    assert _seconds(home) == {"reddit": 240}
    home.ok("import", "detox", str(_export(tmp_path, [odd])))  # again: still one span
    assert _seconds(home) == {"reddit": 240}


def _journal_with_keys(home: Home, keys: list[str]) -> tuple[Path, set[str]]:
    """This device's journal holding one mood under each of `keys`."""
    me = home.context().store.device.id
    moods = [
        MoodEntry(device=me, updated_at=NOW, at=NOW - timedelta(minutes=i), score=i + 1)
        for i in range(len(keys))
    ]
    path = home.paths.device_dir(me) / "journal.json"
    document = {
        "journal": {key: m.model_dump(mode="json") for key, m in zip(keys, moods, strict=True)}
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path, {m.id for m in moods}


def _mood_ids(home: Home) -> set[str]:
    return {m.id for m in home.context().store.records(MoodEntry)}


def test_keys_one_and_zero_one_both_survive_the_next_write(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    path, stored = _journal_with_keys(home, ["1", "01", "001"])
    assert _mood_ids(home) == stored
    home.ok("mood", "9")
    after = _mood_ids(home)
    assert stored < after and len(after) == 4
    assert len(json.loads(path.read_bytes())["journal"]) == 4


def test_a_unicode_digit_key_does_not_stop_every_write(tmp_path: Path) -> None:
    home = Home(tmp_path / "home")
    path, stored = _journal_with_keys(home, ["²", "1", "٣", "9" * 5000])
    for score in ("8", "9"):
        result = home("mood", score)
        assert result.exit_code == 0, (result.output, result.exception)
    after = _mood_ids(home)
    assert stored < after and len(after) == len(stored) + 2
    keys = json.loads(path.read_bytes())["journal"].keys()
    assert all(key.isascii() and key.isdigit() for key in keys)
