"""Domain records: UTC instants, revisions, tombstones, rule checks, and the stored JSON form."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from detox.models import (
    Budget,
    Event,
    Fast,
    ManualUsage,
    MoodEntry,
    Record,
    Reminder,
    Rule,
    UsageSpan,
    journal_adapter,
    journal_record,
)
from tests.clock_fixtures import NOW_UTC as NOW
from tests.clock_fixtures import WARSAW


def _mood(**changes: Any) -> MoodEntry:
    fields: dict[str, Any] = {"device": "laptop", "updated_at": NOW, "at": NOW, "score": 7}
    return MoodEntry(**(fields | changes))


def test_aware_datetimes_are_stored_in_utc() -> None:
    local = datetime(2026, 11, 10, 21, 30, tzinfo=WARSAW)
    entry = _mood(
        at=local, updated_at=datetime(2026, 11, 10, 8, 0, tzinfo=timezone(timedelta(hours=-5)))
    )
    assert entry.at == datetime(2026, 11, 10, 20, 30, tzinfo=UTC)
    assert entry.at.utcoffset() == timedelta(0)
    assert entry.updated_at == datetime(2026, 11, 10, 13, 0, tzinfo=UTC)
    assert entry.model_dump(mode="json")["at"] == "2026-11-10T20:30:00Z"


def test_utc_from_json_text() -> None:
    span = UsageSpan.model_validate(
        {
            "id": "x",
            "app": "reddit",
            "device": "d",
            "source": "tracker",
            "start": "2026-11-10T08:00:00+02:00",
            "duration": 60,
        }
    )
    assert span.start == datetime(2026, 11, 10, 6, 0, tzinfo=UTC)
    assert span.end == datetime(2026, 11, 10, 6, 1, tzinfo=UTC)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        _mood(at=datetime(2026, 11, 10, 21, 30))
    with pytest.raises(ValidationError):
        UsageSpan(
            id="x",
            app="reddit",
            device="d",
            source="tracker",
            start=datetime(2026, 11, 10, 8, 0),
            duration=60,
        )


def test_score_and_duration_ranges() -> None:
    for score in (0, 11):
        with pytest.raises(ValidationError):
            _mood(score=score)
    with pytest.raises(ValidationError):
        _mood(dimensions={"anxiety": 12})
    with pytest.raises(ValidationError):
        _mood(dimensions={"happiness": 5})
    with pytest.raises(ValidationError):
        ManualUsage(device="d", updated_at=NOW, app="tiktok", start=NOW, duration=0)
    with pytest.raises(ValidationError):
        UsageSpan(id="x", app="tiktok", device="d", source="tracker", start=NOW, duration=86_401)


def test_revise_makes_a_new_validated_revision() -> None:
    entry = _mood(score=4)
    later = NOW + timedelta(hours=1)
    revised = entry.revise("phone", later, score=6, note="better after a walk")
    assert (revised.id, revised.rev, revised.score) == (entry.id, 2, 6)
    assert revised.device == "phone"
    assert revised.updated_at == later
    assert revised.note == "better after a walk"
    assert (entry.rev, entry.score, entry.note) == (1, 4, None)  # the old revision is untouched
    assert revised.revise("laptop", later, score=5).rev == 3
    with pytest.raises(ValidationError):
        entry.revise("phone", later, score=42)


def test_revise_refuses_naive_now() -> None:
    with pytest.raises(ValidationError):
        _mood().revise("phone", datetime(2026, 11, 10, 13, 0))


def test_tombstone_is_a_deleted_revision() -> None:
    entry = _mood()
    gone = entry.tombstone("phone", NOW + timedelta(minutes=5))
    assert gone.deleted and not entry.deleted
    assert (gone.id, gone.rev, gone.score) == (entry.id, 2, entry.score)


def test_ids_are_unique_and_records_frozen() -> None:
    assert len({_mood().id for _ in range(200)}) == 200
    with pytest.raises(ValidationError):
        _mood().score = 3


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "limit"},
        {"kind": "curfew", "curfew_start": time(22, 0)},
        {"kind": "limit", "limit_seconds": 0},
        {"kind": "fasting"},
    ],
)
def test_incomplete_rules_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Rule(**fields)


def test_complete_rules() -> None:
    assert Rule(kind="abstain", apps=["tiktok"]).apps == ["tiktok"]
    assert Rule(kind="limit", categories=["video"], limit_seconds=1800).limit_seconds == 1800
    curfew = Rule(kind="curfew", curfew_start=time(22, 0), curfew_end=time(7, 0))
    assert curfew.curfew_end == time(7, 0)


def test_fast_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        Fast(device="d", updated_at=NOW, name="Lent", start=date(2026, 4, 2), end=date(2026, 2, 18))
    one_day = Fast(
        device="d", updated_at=NOW, name="Sunday", start=date(2026, 3, 1), end=date(2026, 3, 1)
    )
    assert one_day.start == one_day.end
    with pytest.raises(ValidationError):
        one_day.revise("d", NOW, end=date(2026, 2, 1))


def _one_of_each() -> list[Record]:
    return [
        ManualUsage(
            device="d",
            updated_at=NOW,
            app="instagram",
            start=NOW - timedelta(hours=1),
            duration=1500,
            device_label="tablet",
        ),
        _mood(dimensions={"anxiety": 3, "sleep_quality": 8}, tags=["walk"], note="ok"),
        Fast(
            device="d",
            updated_at=NOW,
            name="Lent",
            preset="lent",
            start=date(2026, 2, 18),
            end=date(2026, 4, 2),
            days_off=[6],
            strict=True,
            rules=[
                Rule(kind="abstain", apps=["tiktok"]),
                Rule(kind="curfew", curfew_start=time(22, 0), curfew_end=time(7, 0)),
            ],
            ended_at=NOW,
            end_reason="done",
        ),
        Budget(
            device="d",
            updated_at=NOW,
            target="category:video",
            weekday_seconds=1800,
            weekend_seconds=3600,
        ),
        Reminder(
            device="d",
            updated_at=NOW,
            reminder_kind="mood",
            text="How are you?",
            at=time(21, 0),
            days=[0, 2, 4],
            snoozed_until=NOW + timedelta(hours=2),
        ),
        Event(
            device="d",
            updated_at=NOW,
            type="slip",
            at=NOW,
            message="opened tiktok",
            data={"app": "tiktok", "seconds": 42},
        ),
    ]


@pytest.mark.parametrize("record", _one_of_each(), ids=lambda r: type(r).__name__)
def test_journal_records_round_trip_through_json(record: Record) -> None:
    stored = record.model_dump(mode="json")
    back = journal_record(stored)  # what the store reads with: the model its kind names
    assert type(back) is type(record)
    assert back == record
    adapter = journal_adapter()  # the union an import checks with
    assert adapter.validate_python(stored) == back
    assert adapter.validate_json(adapter.dump_json(back)) == record


def test_unknown_kind_is_refused() -> None:
    stored = _mood().model_dump(mode="json") | {"kind": "diary"}
    for read in (journal_record, journal_adapter().validate_python):
        with pytest.raises(ValidationError):
            read(stored)
        with pytest.raises(ValidationError):
            read([stored])


@pytest.mark.parametrize("record", _one_of_each(), ids=lambda r: type(r).__name__)
def test_a_bad_entry_is_refused_as_the_union_refuses_it(record: Record) -> None:
    # Reading by kind checks exactly what the discriminated union checks.
    stored = record.model_dump(mode="json") | {"updated_at": "yesterday", "rev": 0}
    with pytest.raises(ValidationError) as by_kind:
        journal_record(stored)
    with pytest.raises(ValidationError) as by_union:
        journal_adapter().validate_python(stored)
    assert [e["loc"][1:] for e in by_union.value.errors()] == [
        e["loc"] for e in by_kind.value.errors()
    ]


def test_manual_usage_becomes_a_span_with_its_id() -> None:
    usage = ManualUsage(device="laptop", updated_at=NOW, app="instagram", start=NOW, duration=600)
    span = usage.to_span()
    assert (span.id, span.app, span.device, span.source) == (
        usage.id,
        "instagram",
        "phone",
        "manual",
    )
    assert span.end == NOW + timedelta(minutes=10)


def test_span_ids_are_stable() -> None:
    start = datetime(2026, 11, 10, 13, 0, tzinfo=WARSAW)
    same_instant = start.astimezone(UTC)
    first = UsageSpan.stable_id("laptop", "reddit", start, "tracker")
    assert first == UsageSpan.stable_id("laptop", "reddit", same_instant, "tracker")
    # Pinned: ids already on disk must come out the same after an upgrade, or a re-flush
    # of the same span would store it twice.
    assert first == "dd34375fc18321d78596"
    others = {
        UsageSpan.stable_id("phone", "reddit", start, "tracker"),
        UsageSpan.stable_id("laptop", "tiktok", start, "tracker"),
        UsageSpan.stable_id("laptop", "reddit", start + timedelta(seconds=1), "tracker"),
        UsageSpan.stable_id("laptop", "reddit", start, "import"),
    }
    assert first not in others and len(others) == 4


def test_span_overlap() -> None:
    span = UsageSpan(id="x", app="reddit", device="d", source="tracker", start=NOW, duration=3600)
    assert span.overlap_seconds(NOW - timedelta(hours=1), NOW + timedelta(minutes=15)) == 900
    assert span.overlap_seconds(NOW + timedelta(hours=1), NOW + timedelta(hours=2)) == 0
    assert span.overlap_seconds(NOW - timedelta(days=1), NOW + timedelta(days=1)) == 3600
