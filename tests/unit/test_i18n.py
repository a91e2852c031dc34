"""Counts read as English: "1 day", "2 days", never "1 days"."""

from __future__ import annotations

import pytest

from detox.i18n import count


@pytest.mark.parametrize(
    ("n", "shown"), [(0, "0 days"), (1, "1 day"), (2, "2 days"), (-1, "-1 days")]
)
def test_count_picks_the_form_for_the_number(n: int, shown: str) -> None:
    assert count(n, "day", "days") == shown


def test_irregular_plurals_are_given_not_guessed() -> None:
    assert count(3, "entry", "entries") == "3 entries"
    assert count(1, "entry", "entries") == "1 entry"
