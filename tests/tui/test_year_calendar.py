"""The mood year's month names: each above the week its month begins in, never run together."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from rich.cells import cell_len

from detox import i18n
from detox.localized import month_name, weekday_name
from detox.tui.widgets.calendar import year_in_pixels


@pytest.fixture(params=["en", "ko", "zh_Hans", "pl", "es"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.activate(request.param)
    yield request.param
    i18n.activate("en")


@pytest.mark.parametrize("today", [date(2026, 12, 4), date(2026, 7, 15), date(2027, 3, 1)])
@pytest.mark.parametrize("week_start", [0, 6])
def test_month_names_stand_apart_over_their_first_week(
    language: str, today: date, week_start: int
) -> None:
    header = year_in_pixels({}, today, week_start).plain.splitlines()[0]
    this_week = today - timedelta(days=(today.weekday() - week_start) % 7)
    first = this_week - timedelta(weeks=52)
    lead = max(cell_len(weekday_name(day)) for day in range(7)) + 2  # the weekday names' column
    names = {month_name(month): month for month in range(1, 13)}
    found = list(re.finditer(r"\S+", header))
    # "11월1월" was one word: two names with no gap between them.
    assert all(word.group() in names for word in found), header
    assert len(found) >= 9, header  # most months are named at 80 columns
    for word in found:
        column = cell_len(header[: word.start()]) - lead
        week = first + timedelta(weeks=column)
        month = names[word.group()]
        days = {(week + timedelta(days=d)).month for d in range(7)}
        assert month in days, (header, word.group(), week)
