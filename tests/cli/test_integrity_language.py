"""The integrity log in the reader's language: lines are worded when shown, from the code and
facts each entry stores, so an early end logged by an English session reads in Korean; entries
written before codes were stored show their English words, as they always did."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from detox import i18n
from detox.balance.event_text import event_kind, event_text
from detox.models import Event
from tests.cli.home import Home


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


def _events(home: Home, event_type: str) -> list[Event]:
    return [e for e in home.context().store.records(Event) if e.type == event_type]


def test_an_early_end_logged_in_english_reads_in_korean_and_chinese(home: Home) -> None:
    fast = home.json("fast", "start", "week", "--apps", "instagram")
    home.ok("fast", "end", fast["id"], "--reason", "a family trip")
    [ended] = _events(home, "early_end")
    assert ended.message.startswith(f"Ended '{fast['name']}' early")  # stored as before
    shown = home.ok("--lang", "ko", "fast", "show", fast["id"]).stdout
    assert f"조기 종료   '{fast['name']}'을 7일 중 1일째에 일찍 끝냄: a family trip" in shown
    i18n.activate("zh_Hant")
    assert event_text(ended) == f"提前結束了「{fast['name']}」，在第 1 天（共 7 天）：a family trip"
    assert event_kind(ended.type) == "提前結束"


def test_a_past_break_and_its_slip_read_in_polish(home: Home) -> None:
    home.ok("log", "instagram", "20m", "--date", "2026-11-03")
    added = home.json(
        "fast", "add", "--from", "2026-11-01", "--to", "2026-11-07", "--apps", "instagram"
    )
    [slip] = _events(home, "slip")
    [recorded] = _events(home, "recorded")
    i18n.activate("pl")
    name_of = home.context().catalog.name_of
    assert event_text(slip, name_of) == (
        f"{added['name']}, wt., 3 lis: wpadka: „całkowita przerwa od: Instagram”: użyto 20 min"
    )
    assert event_text(recorded) == (
        f"Zapisano „{added['name']}” po fakcie: niedz., 1 lis – sob., 7 lis"
    )


def test_an_entry_without_a_code_shows_its_stored_words() -> None:
    old = Event(
        device="d",
        updated_at=datetime(2026, 3, 1, tzinfo=UTC),
        type="early_end",
        at=datetime(2026, 3, 1, tzinfo=UTC),
        message="Ended 'Lent 2026' early, on day 3 of 46 (no reason given)",
        data={"fast": "f1", "day_number": 3, "day_count": 46},
    )
    i18n.activate("ko")
    assert event_text(old) == old.message
    broken = old.model_copy(update={"data": {"say": "early_end", "name": "Lent"}})
    assert event_text(broken) == old.message  # facts missing: the stored words
