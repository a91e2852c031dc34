"""Problems reach the person wherever detox runs: stderr for a command, a file for the tracker."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from detox.logs import (
    hide_from_stderr,
    keep_in_file,
    log,
    restore,
    show_on_stderr,
    stop_keeping,
    tracker_log_file,
)


def test_a_command_shows_a_warning_as_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    show_on_stderr()
    show_on_stderr()  # every command asks; the line still comes once
    log.warning("journal.json: skipped unreadable entries: 1")
    assert capsys.readouterr().err == "warning: journal.json: skipped unreadable entries: 1\n"


def test_the_terminal_app_takes_stderr_while_it_owns_the_screen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    show_on_stderr()
    taken = hide_from_stderr()
    try:
        log.warning("shown as a toast instead")
    finally:
        restore(taken)
    log.warning("back on stderr")
    err = capsys.readouterr().err
    assert "toast" not in err and "warning: back on stderr" in err


def test_the_tracker_keeps_its_problems_in_the_state_folder(tmp_path: Path) -> None:
    state = tmp_path / "state"
    handler = keep_in_file(state)
    try:
        log.warning("cannot save tracked time (No space left on device)")
        log.debug("not worth keeping")
    finally:
        stop_keeping(handler)
    log.warning("after the tracker stopped")
    kept = tracker_log_file(state).read_text(encoding="utf-8")
    assert "cannot save tracked time" in kept
    assert "not worth keeping" not in kept and "after the tracker stopped" not in kept


def test_the_tracker_log_is_private_also_after_a_rotation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    older = tracker_log_file(state)
    older.write_text("made by an older detox\n", encoding="utf-8")
    older.chmod(0o644)
    monkeypatch.setattr("detox.logs.TRACKER_LOG_BYTES", 200)
    handler = keep_in_file(state)
    try:
        for number in range(20):  # well past 200 bytes: the file is rotated and opened anew
            log.warning("cannot save tracked time, attempt %d of many", number)
    finally:
        stop_keeping(handler)
    logs = sorted(state.glob(f"{older.name}*"))
    assert len(logs) > 1, "the log was never rotated"
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in logs} == {
        path.name: 0o600 for path in logs
    }
