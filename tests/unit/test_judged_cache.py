"""Judged days of fasts kept across processes (balance.judged_cache): the kept days are the
days judged afresh, for random spans and fasts around the day start and the DST changes; a
changed usage file, an edited fast, another catalog, another day start and other entered use
each judge again; a damaged cache file is rebuilt; and a report reads the same with or without
the cache."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from detox.balance.compliance import spans_by_day
from detox.balance.judged_cache import FILE_NAME, FOLDER, categories_key
from detox.balance.judging import judge_fasts
from detox.clock import local_datetime, local_day
from detox.config import Settings
from detox.models import Fast, ManualUsage, Rule, UsageSpan
from detox.reports.kept_days import TOTALS_FILE, past_day_seconds
from detox.reports.rollups import use_by_day
from detox.store import Store
from tests.insights_history import ZONE
from tests.unit.test_read_model import (
    CATEGORIES,
    LAPTOP,
    PHONE,
    SETTINGS,
    filled,
    histories,
    history_now,
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
    now = history_now(first, today_offset, minute)
    with tempfile.TemporaryDirectory() as folder:
        laptop = filled(Path(folder), first, spans, now)
        fresh = judge_fasts(laptop, SETTINGS, CATEGORIES.get, fasts, now)
        kept = judge_fasts(laptop, SETTINGS, CATEGORIES.get, fasts, now, KEY)
        assert kept == fresh
        yesterday = local_day(now, SETTINGS.day_start, ZONE) - timedelta(days=1)
        totals = past_seconds(laptop, now, first, yesterday)
        assert past_day_seconds(laptop, SETTINGS, now, first, yesterday, IGNORED) == totals
        # Another process, and a later hour or day: what was kept then is used now.
        then = now + timedelta(hours=later * 9)
        again = store_in(Path(folder), LAPTOP, then)
        assert judge_fasts(again, SETTINGS, CATEGORIES.get, fasts, then, KEY) == judge_fasts(
            again, SETTINGS, CATEGORIES.get, fasts, then
        )
        assert past_day_seconds(again, SETTINGS, then, first, yesterday, IGNORED) == totals


IGNORED = frozenset({"reddit"})


def past_seconds(store: Store, now: datetime, first: date, last: date) -> dict[date, float]:
    """The report's seconds of past days as read before they were kept (`use_by_day`)."""
    stats = use_by_day(store, SETTINGS, now, first, last, IGNORED)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return {day: stats[day].seconds if day in stats else 0.0 for day in days}


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
    data["entries"]["october"]["days"][f"2026-10-{day:02d}"][0] = status
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
    assert " again" in caplog.text or damage.startswith(b'{"version"')
    data = json.loads(cache_file(laptop).read_bytes())
    assert data["entries"]["october"]["days"]["2026-10-05"][0] == "slipped"


def test_damaged_days_of_one_fast_are_judged_again(tmp_path: Path) -> None:
    laptop = store_in(tmp_path, LAPTOP, NOW)
    use(laptop, 5, 10)
    fast = october()
    statuses(laptop, fast)
    path = cache_file(laptop)
    data = json.loads(path.read_bytes())
    data["entries"]["october"]["days"]["2026-10-05"] = ["broken", [], True]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert statuses(store_in(tmp_path, LAPTOP, NOW), fast)[5] == "slipped"


def test_a_report_reads_the_same_with_and_without_kept_days(tmp_path: Path) -> None:
    from tests.cli.test_report_three_reasons import three_reasons_home

    home = three_reasons_home(tmp_path / "home")
    kept = [home.paths.state_dir / FOLDER / FILE_NAME, home.paths.state_dir.joinpath(*TOTALS_FILE)]
    outputs = []
    for fmt in ("json", "text", "csv", "md", "html"):
        cold = home.out("report", "--week", "2026-W45", "--format", fmt)
        assert all(path.exists() for path in kept)
        warm = home.out("report", "--week", "2026-W45", "--format", fmt)
        for path in kept:
            path.unlink()
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


def spans_by_day_as_before(
    spans: list[UsageSpan], day_start: time, zone: ZoneInfo
) -> dict[date, list[UsageSpan]]:
    """Every span's days from its own two instants, as spans_by_day worked them out before."""
    by_day: dict[date, list[UsageSpan]] = {}
    for span in spans:
        day = local_day(span.start, day_start, zone)
        last = local_day(max(span.start, span.end - timedelta(microseconds=1)), day_start, zone)
        while day <= last:
            by_day.setdefault(day, []).append(span)
            day += timedelta(days=1)
    return by_day


@settings(max_examples=200, deadline=None)
# On 25 October 02:40 summer time is that day's; 02:15 winter time, later, is the day before's.
@example(date(2026, 10, 24), [(1600, 0.5), (1635, 0.5)], time(2, 30), "Europe/Warsaw")
@given(
    st.sampled_from([date(2026, 3, 28), date(2026, 10, 24), date(2026, 11, 9)]),
    st.lists(
        st.tuples(st.integers(0, 4 * 24 * 60), st.sampled_from([0, 0.5, 7, 90, 1440])),
        max_size=30,
    ),
    st.sampled_from([time(0, 0), time(2, 30), time(4, 0)]),
    st.sampled_from(["Europe/Warsaw", "America/New_York", "Australia/Lord_Howe", "UTC"]),
)
def test_spans_are_placed_in_their_days_as_before(
    first: date, offsets: list[tuple[int, float]], day_start: time, zone_name: str
) -> None:
    """Around DST changes (Lord Howe's is half an hour) and day starts inside them, sorted as
    judging sorts them."""
    zone = ZoneInfo(zone_name)
    base = local_datetime(first, time(0, 0), zone)
    spans = sorted(
        (
            UsageSpan(
                id=f"s{n}",
                app="facebook",
                device=LAPTOP.id,
                source="tracker",
                start=base + timedelta(minutes=minute),
                duration=minutes * 60,
            )
            for n, (minute, minutes) in enumerate(offsets)
        ),
        key=lambda span: span.start,
    )
    assert spans_by_day(spans, day_start, zone) == spans_by_day_as_before(spans, day_start, zone)


def test_kept_totals_of_past_days_are_used_until_their_usage_file_changes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    laptop = store_in(tmp_path, LAPTOP, NOW)
    use(laptop, 5, 10)
    first, last = date(2026, 10, 1), date(2026, 10, 31)
    assert past_day_seconds(laptop, SETTINGS, NOW, first, last, IGNORED)[date(2026, 10, 5)] == 600
    path = laptop.paths.state_dir.joinpath(*TOTALS_FILE)
    assert path.stat().st_mode & 0o777 == 0o600
    data = json.loads(path.read_bytes())
    [entry] = data["entries"].values()
    entry["days"]["2026-10-05"] = 1.5
    path.write_text(json.dumps(data), encoding="utf-8")
    again = store_in(tmp_path, LAPTOP, NOW)
    assert past_day_seconds(again, SETTINGS, NOW, first, last, IGNORED)[date(2026, 10, 5)] == 1.5
    use(laptop, 5, 1, app="instagram")  # the 5th's file is written again
    assert past_day_seconds(again, SETTINGS, NOW, first, last, IGNORED)[date(2026, 10, 5)] == 660
    path.write_bytes(b"\x00 damaged")
    with caplog.at_level(logging.DEBUG, logger="detox"):
        found = past_day_seconds(
            store_in(tmp_path, LAPTOP, NOW), SETTINGS, NOW, first, last, IGNORED
        )
    assert found[date(2026, 10, 5)] == 660
    assert "totals of past days" in caplog.text
    assert json.loads(path.read_bytes())["entries"]


def test_a_report_words_a_fast_log_only_when_it_has_entries(tmp_path: Path) -> None:
    """The integrity log's wording (and what it imports) is loaded for a fast with entries in
    the period, not for every report with a fast."""
    from tests.cli.test_report_three_reasons import three_reasons_home

    home = three_reasons_home(tmp_path / "home")
    script = (
        "import sys\n"
        "from detox.cli import cli\n"
        "try:\n"
        "    cli.main(['report', '--week', '2026-W45', '--format', 'json'], prog_name='detox')\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code\n"
        "print('WORDED', 'detox.balance.event_text' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "DETOX_HOME": str(home.root)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout)["fasts"][0]["name"] == "Detox"
    assert "WORDED False" in done.stderr


def test_kept_totals_hold_the_last_few_ranges_asked(tmp_path: Path) -> None:
    """A report asks a new range each week: the file, read whole by every report, stays small."""
    laptop = store_in(tmp_path, LAPTOP, NOW)
    for day in range(1, 21):
        use(laptop, day, day)
    for first in range(1, 13):
        past_day_seconds(laptop, SETTINGS, NOW, date(2026, 10, first), date(2026, 10, 20), IGNORED)
    entries = json.loads(laptop.paths.state_dir.joinpath(*TOTALS_FILE).read_bytes())["entries"]
    assert list(entries) == [f"2026-10-{first:02d}..2026-10-20" for first in range(5, 13)]


def test_a_look_at_very_many_fasts_judges_them_from_the_rollups(tmp_path: Path) -> None:
    """Checking each of thousands of fasts against its own files would cost more than judging
    them all from one read of the rollups: above the limit nothing is kept."""
    from detox.balance.judging import KEPT_FASTS_AT_MOST

    laptop = store_in(tmp_path, LAPTOP, NOW)
    use(laptop, 5, 10)
    many = [october().model_copy(update={"id": f"f{n}"}) for n in range(KEPT_FASTS_AT_MOST + 1)]
    judged = judge_fasts(laptop, SETTINGS, CATEGORIES.get, many, NOW, KEY)
    assert judged == judge_fasts(laptop, SETTINGS, CATEGORIES.get, many, NOW)
    assert not cache_file(laptop).exists()
    judge_fasts(laptop, SETTINGS, CATEGORIES.get, many[:KEPT_FASTS_AT_MOST], NOW, KEY)
    assert len(json.loads(cache_file(laptop).read_bytes())["entries"]) == KEPT_FASTS_AT_MOST
