"""Durations as people type them, and the short form detox prints back."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from detox import i18n
from detox.durations import format_duration, parse_duration, whole, whole_minutes
from detox.errors import InputError


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("25m", 25 * 60),
        ("1h30m", 90 * 60),
        ("90s", 90),
        ("1:15", 75 * 60),
        ("1:15:30", 75 * 60 + 30),
        ("45", 45 * 60),
        ("1.5h", 90 * 60),
        ("1h 30m", 90 * 60),
        ("  25m  ", 25 * 60),
        ("1 h 30 m", 90 * 60),
        ("2H", 2 * 3600),
        ("1hr", 3600),
        ("2 hours", 2 * 3600),
        ("25min", 25 * 60),
        ("10 minutes", 10 * 60),
        ("90sec", 90),
        ("1 hour 5 mins", 65 * 60),
        ("24h", 24 * 3600),
    ],
)
def test_accepted_forms(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["abc", "1h-5m", "25 m x", "", "m", "1:75", "h30", "-5m", "1,5h"])
def test_unreadable_input_says_what_works(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_duration(text)
    message = str(caught.value)
    assert repr(text) in message
    assert "25m" in message and "1h30m" in message


@pytest.mark.parametrize("text", ["0", "0m", "0:00", "0h0m0s"])
def test_zero_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="more than zero"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["24h1s", "25h", "1441", "24:00:01"])
def test_longer_than_a_day_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="longer than a day"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (45, "45s"),
        (600, "10m"),
        (750, "13m"),
        (749, "12m"),
        (3900, "1h 05m"),
        (3600, "1h 00m"),
        (0, "0m"),
        (59.6, "1m"),
        (0.4, "0m"),
        # 16h 52m 30s is 16h 53m: half up, not truncated as the app and status did.
        (16 * 3600 + 52 * 60 + 30, "16h 53m"),
        (-90, "-2m"),
    ],
)
def test_format_duration(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "minutes"),
    [(29.4, 0), (29.5, 1), (89.5, 2), (89.4, 1), (150, 3), (210, 4), (-150, -3), (0, 0)],
)
def test_whole_minutes_rounds_half_up_once(seconds: float, minutes: int) -> None:
    """Half a minute is rounded up, never to even (round(2.5) would give 2)."""
    assert whole_minutes(seconds) == minutes


@given(seconds=st.floats(0, 10 * 86400, allow_nan=False))
def test_minutes_from_exported_whole_seconds_are_the_minutes_shown(seconds: float) -> None:
    """JSON and CSV export whole seconds; the minutes a reader works out from them must be the
    minutes the other formats print."""
    assert whole_minutes(whole(seconds)) == whole_minutes(seconds)


_spacing = st.sampled_from(["", " ", "  "])


@given(
    hours=st.integers(0, 23),
    minutes=st.integers(0, 59),
    secs=st.integers(0, 59),
    gaps=st.lists(_spacing, min_size=6, max_size=6),
)
def test_unit_compositions_parse_to_their_total(
    hours: int, minutes: int, secs: int, gaps: list[str]
) -> None:
    total = hours * 3600 + minutes * 60 + secs
    parts = [(hours, "h"), (minutes, "m"), (secs, "s")]
    text = "".join(
        f"{gaps[2 * i]}{value}{gaps[2 * i + 1]}{unit}"
        for i, (value, unit) in enumerate(parts)
        if value
    )
    assume(total > 0)
    assert parse_duration(text) == total


@pytest.mark.parametrize("language", ["en", "es", "pl", "ko", "zh_Hans", "zh_Hant"])
@given(seconds=st.integers(1, 24 * 3600))
def test_printed_duration_reads_back(language: str, seconds: int) -> None:
    """What detox prints can be typed back, to the minute (seconds only under a minute), in
    every language: "1 godz. 5 min", "45 sek.", "1시간 5분", "1 小時 5 分鐘"."""
    i18n.activate(language)
    try:
        shown = format_duration(seconds)
        expected = seconds if seconds < 60 else whole_minutes(seconds) * 60
        assert parse_duration(shown) == expected, shown
    finally:
        i18n.activate("en")
