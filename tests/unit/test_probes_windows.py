"""Windows probes: the idle arithmetic across the 32-bit tick wrap (runs on any OS)."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detox.tracker.probes.base import ProbeUnavailable
from detox.tracker.probes.windows import (
    TICK_MODULUS,
    WindowsFocusProbe,
    WindowsIdleProbe,
    idle_ms_from_ticks,
)


def test_idle_is_the_plain_difference_before_any_wrap() -> None:
    assert idle_ms_from_ticks(now_ticks=90_000, last_input_ticks=30_000) == 60_000


def test_idle_across_the_wrap_after_49_7_days() -> None:
    # Last input 1 s before the counter wrapped, now 2 s after it: 3 s idle, not -49 days.
    assert idle_ms_from_ticks(now_ticks=2_000, last_input_ticks=TICK_MODULUS - 1_000) == 3_000


def test_input_just_now_is_zero_idle() -> None:
    assert idle_ms_from_ticks(now_ticks=5, last_input_ticks=5) == 0


def test_input_newer_than_now_is_zero_not_49_days() -> None:
    assert idle_ms_from_ticks(now_ticks=1_000, last_input_ticks=1_016) == 0


@given(
    last=st.integers(min_value=0, max_value=TICK_MODULUS - 1),
    idle=st.integers(min_value=0, max_value=TICK_MODULUS // 2 - 1),
)
def test_any_idle_time_up_to_24_days_survives_the_wrap(last: int, idle: int) -> None:
    assert idle_ms_from_ticks((last + idle) % TICK_MODULUS, last) == idle


@pytest.mark.skipif(sys.platform == "win32", reason="checks the refusal on other systems")
def test_probes_refuse_outside_windows() -> None:
    with pytest.raises(ProbeUnavailable, match="only on Windows"):
        WindowsFocusProbe()
    with pytest.raises(ProbeUnavailable, match="only on Windows"):
        WindowsIdleProbe()
