"""Judged days of fasts kept across processes (balance.judged_cache): the kept days are the
days judged afresh, for random spans and fasts around the day start and the DST changes; a
changed usage file, an edited fast, another catalog, another day start and other entered use
each judge again; a damaged cache file is rebuilt; and a report reads the same with or without
the cache."""

from __future__ import annotations

import json
import logging
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detox.balance.judged_cache import FILE_NAME, FOLDER, categories_key
from detox.balance.judging import judge_fasts
from detox.clock import local_datetime
from detox.config import Settings
from detox.models import Fast, ManualUsage, Rule, UsageSpan
from detox.store import Store
from tests.insights_history import ZONE
from tests.unit.test_read_model import (
    CATEGORIES,
    LAPTOP,
    PHONE,
    SETTINGS,
    filled,
    histories,
    store_in,
)

KEY = categories_key(sorted(CATEGORIES.items()))
NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def cache_file(store: Store) -> Path:
    return store.paths.state_dir / FOLDER / FILE_NAME


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.integers(0, 3))
def test_kept_days_are_the_days_judged_afresh(
    history: tuple[date, list[UsageSpan], list[Fast], int, int], later: int
) -> None:
    first, spans, fasts, today_offset, minute = history
    now = local_datetime(first + timedelta(days=today_offset), time(0, 0), ZONE) + timedelta(
        minutes=minute
    )
    with tempfile.TemporaryDirectory() as folder:
        laptop = filled(Path(folder), first, spans, now)
        fresh = judge_fasts(laptop, SETTINGS, CATEGORIES.get, fasts, now)
        kept = judge_fasts(laptop, SETTINGS, CATEGORIES.get, fasts, now, KEY)
        assert kept == fresh
        # Another process, and a later hour or day: what was kept then is used now.
        then = now + timedelta(hours=later * 9)
        again = store_in(Path(folder), LAPTOP, then)
        assert judge_fasts(again, SETTINGS, CATEGORIES.get, fasts, then, KEY) == judge_fasts(
            again, SETTINGS, CATEGORIES.get, fasts, then
        )


def use(store: Store, day: int, minutes: float, app: str = "facebook") -> None:
    start = local_datetime(date(2026, 10, day), time(12, 0), ZONE)
    store.add_spans(
        [
            UsageSpan(
                id=UsageSpan.stable_id(store.device.id, app, start, "tracker"),
                app=app,
                device=store.device.id,
                source="tracker",
                start=start,
                duration=minutes * 60,
            )
        ]
    )


def october(rules: list[Rule] | None = None) -> Fast:
    return Fast(
        id="october",
        device=LAPTOP.id,
        updated_at=NOW,
        name="October",
        start=date(2026, 10, 1),
        end=date(2026, 10, 31),
        rules=rules or [Rule(kind="abstain", apps=["facebook"])],
    )


def statuses(
    store: Store, fast: Fast, key: str = KEY, options: Settings = SETTINGS
) -> dict[int, str]:
    [judged] = judge_fasts(store, options, CATEGORIES.get, [fast], NOW, key)
    return {result.day.day: result.status for result in judged.days if result.day.day <= 8}


def tamper(store: Store, day: int, status: str) -> None:
    """Write a status into the kept day (as no judging would) to see whether it is read."""
    path = cache_file(store)
    data = json.loads(path.read_bytes())
    data["fasts"]["october"]["days"][f"2026-10-{day:02d}"][0] = status
    path.write_text(json.dumps(data), encoding="utf-8")


def test_kept_days_are_used_until_their_usage_file_changes(tmp_path: Path) -> None:
    laptop = store_in(tmp_path, LAPTOP, NOW)
    use(laptop, 5, 10)
    fast = october()
    assert statuses(laptop, fast)[5] == "slipped"
    assert cache_file(laptop).stat().st_mode & 0o777 == 0o600
    assert cache_file(laptop).parent.stat().st_mode & 0o777 == 0o700
    tamper(laptop, 5, "kept")
    tamper(laptop, 8, "slipped")
    # Read from the cache: judging anew would say otherwise.
    found = statuses(store_in(tmp_path, LAPTOP, NOW), fast)
    assert (found[5], found[8]) == ("kept", "slipped")
    # The 8th's file is written again: the days it holds use of are judged anew, the 5th is
    # still taken as kept.
    use(laptop, 8, 0.5)
    found = statuses(store_in(tmp_path, LAPTOP, NOW), fast)
    assert (found[5], found[8]) == ("kept", "kept")
    # A file another device's sync brings for the 5th: the 5th is judged anew.
    use(store_in(tmp_path, PHONE, NOW), 5, 1)
    assert statuses(store_in(tmp_path, LAPTOP, NOW), fast)[5] == "slipped"


@pytest.mark.parametrize("change", ["fast", "catalog", "day start", "entered use", "zone"])
def test_anything_a_day_is_judged_by_judges_it_again(tmp_path: Path, change: str) -> None:
    laptop = store_in(tmp_path, LAPTOP, NOW)
    use(laptop, 5, 10)
    use(laptop, 6, 10, app="youtube")
    fast = october()
    assert statuses(laptop, fast)[5] == "slipped"
    tamper(laptop, 5, "kept")
    key, options = KEY, SETTINGS
    expected = "slipped"
    if change == "fast":
        fast = fast.revise(LAPTOP.id, NOW, rules=[Rule(kind="abstain", apps=["facebook", "x"])])
    elif change == "catalog":
        key = categories_key(sorted({**CATEGORIES, "x": "social"}.items()))
    elif change == "day start":
        options = Settings(timezone="Europe/Warsaw", day_start=time(5, 0))
    elif change == "zone":
        options = Settings(timezone="Europe/Lisbon")
    else:
        laptop.put(
            ManualUsage(
                device=LAPTOP.id,
                updated_at=NOW,
                app="reddit",
                start=local_datetime(date(2026, 10, 7), time(12, 0), ZONE),
                duration=60,
            )
        )
    assert statuses(store_in(tmp_path, LAPTOP, NOW), fast, key, options)[5] == expected


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"version": 1, "key": 3}', b"[1, 2]"])
def test_a_damaged_cache_is_rebuilt_and_logged(
    tmp_path: Path, damage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    laptop = store_in(tmp_path, LAPTOP, NOW)
    use(laptop, 5, 10)
    fast = october()
    statuses(laptop, fast)
    cache_file(laptop).write_bytes(damage)
    with caplog.at_level(logging.DEBUG, logger="detox"):
        assert statuses(store_in(tmp_path, LAPTOP, NOW), fast)[5] == "slipped"
    assert "judging again" in caplog.text or damage.startswith(b'{"version"')
    data = json.loads(cache_file(laptop).read_bytes())
    assert data["fasts"]["october"]["days"]["2026-10-05"][0] == "slipped"


def test_damaged_days_of_one_fast_are_judged_again(tmp_path: Path) -> None:
    laptop = store_in(tmp_path, LAPTOP, NOW)
    use(laptop, 5, 10)
    fast = october()
    statuses(laptop, fast)
    path = cache_file(laptop)
    data = json.loads(path.read_bytes())
    data["fasts"]["october"]["days"]["2026-10-05"] = ["broken", [], True]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert statuses(store_in(tmp_path, LAPTOP, NOW), fast)[5] == "slipped"


def test_a_report_reads_the_same_with_and_without_kept_days(tmp_path: Path) -> None:
    from tests.cli.test_report_three_reasons import three_reasons_home

    home = three_reasons_home(tmp_path / "home")
    kept = home.paths.state_dir / FOLDER / FILE_NAME
    outputs = []
    for fmt in ("json", "text", "csv", "md", "html"):
        cold = home.out("report", "--week", "2026-W45", "--format", fmt)
        assert kept.exists()
        warm = home.out("report", "--week", "2026-W45", "--format", fmt)
        kept.unlink()
        outputs.append((cold, warm))
    for cold, warm in outputs:
        assert warm == cold
    fasts = json.loads(outputs[0][1])["fasts"]
    assert [fast["name"] for fast in fasts] == ["Detox"]


def test_the_clock_of_judging_decides_which_days_are_over(tmp_path: Path) -> None:
    """A report of a past week judges as of its end: days after it are not taken from what a
    later look kept."""
    laptop = store_in(tmp_path, LAPTOP, NOW)
    use(laptop, 5, 10)
    fast = october()
    statuses(laptop, fast)  # keeps every day of October
    cutoff = local_datetime(date(2026, 10, 6), time(12, 0), ZONE)
    [judged] = judge_fasts(
        store_in(tmp_path, LAPTOP, NOW), SETTINGS, CATEGORIES.get, [fast], cutoff, KEY
    )
    [fresh] = judge_fasts(store_in(tmp_path, LAPTOP, NOW), SETTINGS, CATEGORIES.get, [fast], cutoff)
    assert judged == fresh
    assert judged.day(date(2026, 10, 7)).status == "pending"  # type: ignore[union-attr]
