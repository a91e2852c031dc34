"""macOS probes: parsing what osascript and ioreg print (recorded samples; runs on any OS)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from detox.tracker.probes.base import ProbeUnavailable
from detox.tracker.probes.macos import (
    Frontmost,
    MacFocusProbe,
    MacIdleProbe,
    is_permission_error,
    parse_frontmost_output,
    parse_hid_idle_seconds,
)

SAMPLES = Path(__file__).parent / "probe_samples"


def test_frontmost_app_with_its_window_title() -> None:
    output = "Google Chrome\t812\tok\tInbox (3) - Gmail - Google Chrome\n"
    assert parse_frontmost_output(output) == Frontmost(
        app_name="Google Chrome", pid=812, title="Inbox (3) - Gmail - Google Chrome"
    )


def test_a_title_keeps_its_own_tabs_and_newlines() -> None:
    output = "Slack\t700\tok\tgeneral\t(Acme)\nsecond line\n"
    assert parse_frontmost_output(output).title == "general\t(Acme)\nsecond line"


def test_app_without_windows_is_not_a_permission_problem() -> None:
    output = (
        'Finder\t401\terror\t-1719 Can’t get window 1 of application process "Finder". '
        "Invalid index.\n"
    )
    assert parse_frontmost_output(output) == Frontmost(app_name="Finder", pid=401, title="")


@pytest.mark.parametrize(
    "detail",
    [
        "-25211 System Events got an error: osascript is not allowed assistive access.",
        "-1719 System Events got an error: Terminal is not allowed assistive access.",
    ],
)
def test_refused_accessibility_keeps_the_app_and_says_why(detail: str) -> None:
    front = parse_frontmost_output(f"Safari\t913\terror\t{detail}\n")
    assert (front.app_name, front.pid, front.title) == ("Safari", 913, "")
    assert "assistive access" in front.title_error


def test_refused_automation_is_recognised() -> None:
    stderr_line = (
        "osascript failed: 0:180: execution error: Not authorized to send Apple events to "
        "System Events. (-1743)"
    )
    assert is_permission_error(stderr_line)
    assert not is_permission_error("osascript did not answer within 3 s")


@pytest.mark.parametrize("output", ["", "just one line\n", "App\t12\tmaybe\tx\n"])
def test_unexpected_output_is_an_error(output: str) -> None:
    with pytest.raises(ValueError):
        parse_frontmost_output(output)


def test_hid_idle_time_from_ioreg() -> None:
    output = (SAMPLES / "ioreg_iohidsystem.txt").read_text(encoding="utf-8")
    assert parse_hid_idle_seconds(output) == pytest.approx(83.250125125)


def test_ioreg_without_hid_idle_time_means_unknown() -> None:
    assert (
        parse_hid_idle_seconds('+-o IOResources  <class IOResources>\n  "IOClass" = "x"\n') is None
    )


@pytest.mark.skipif(sys.platform == "darwin", reason="checks the refusal on other systems")
def test_probes_refuse_outside_macos() -> None:
    with pytest.raises(ProbeUnavailable, match="only on macOS"):
        MacFocusProbe()
    with pytest.raises(ProbeUnavailable, match="only on macOS"):
        MacIdleProbe()
