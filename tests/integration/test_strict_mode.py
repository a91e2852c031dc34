"""Strict mode against real processes: copies of system programs named like catalog apps.

The probe is limited to the processes these tests start, so a developer's own Discord is safe.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time as time_module
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from detox.balance.fasts import override_strict, start_fast
from detox.balance.presets import Period
from detox.balance.strict import StrictHook
from detox.clock import FixedClock
from detox.composition.tracking import strict_closer
from detox.context import Context
from detox.models import Event, Rule
from detox.paths import Paths
from detox.tracker.heartbeat import Sample
from detox.tracker.observation import Observation
from detox.tracker.probes.process import ProcessProbe
from detox.tracker.sampler import Sampler
from tests.clock_fixtures import NOW, WARSAW
from tests.conftest import need_program

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="process names are read the Linux way here"
)


class Programs:
    """Copies of system programs under chosen names, and the processes started from them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, program: str, as_name: str, *args: str) -> subprocess.Popen[bytes]:
        need_program(program)
        source = shutil.which(program)
        assert source is not None
        target = self.folder / as_name
        shutil.copy2(source, target)
        process = subprocess.Popen([str(target), *args])
        self.started.append(process)
        return process

    def pids(self) -> list[int]:
        return [p.pid for p in self.started if p.poll() is None]

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.kill()
            process.wait()


@pytest.fixture
def programs(tmp_path: Path) -> Iterator[Programs]:
    started = Programs(tmp_path / "bin")
    started.folder.mkdir()
    yield started
    started.stop_all()


class Rig:
    def __init__(self, programs: Programs) -> None:
        paths = Paths.from_env()
        paths.config_file.write_text('timezone = "Europe/Warsaw"\n', encoding="utf-8")
        self.clock = FixedClock(NOW)
        self.context = Context(paths=paths, clock_override=self.clock)
        self.notices: list[str] = []
        catalog = self.context.catalog
        self.hook = StrictHook(
            self.context,
            strict_closer(catalog, terminate_wait_seconds=2.0),
            notify=lambda title, message: self.notices.append(message),
        )
        probe = ProcessProbe(catalog.app_for_process, list_pids=programs.pids)
        self.sampler = Sampler(catalog, self.clock, None, None, probe)

    def start_fast(self, rules: list[Rule], strict: bool = True) -> str:
        day = NOW.date()
        fast = start_fast(
            self.context,
            preset="week",
            period=Period(day, day.replace(day=16)),
            name="Quiet week",
            rules=rules,
            days_off=[],
            strict=strict,
        )
        return fast.id

    def tick(self, app: str | None = None, source: str = "none") -> None:
        self.sampler.processes.refresh()
        sample = Sample(self.clock.now(), self.clock.monotonic(), app, 0.0, source)
        self.hook.on_tick(Observation(sample, None, None), self.sampler.running_apps)

    def actions(self) -> list[tuple[str, str]]:
        events = [e for e in self.context.store.records(Event) if e.type == "strict"]
        return [(str(e.data["app"]), str(e.data["action"])) for e in events]


@pytest.fixture
def rig(detox_home: Path, programs: Programs) -> Rig:
    return Rig(programs)


def gone(process: subprocess.Popen[bytes]) -> bool:
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return False
    return True


def test_warns_then_closes_the_blocked_app_and_leaves_others_alone(
    rig: Rig, programs: Programs
) -> None:
    rig.start_fast([Rule(kind="abstain", apps=["discord"])])
    discord = programs.start("sleep", "discord", "60")
    telegram = programs.start("sleep", "telegram-desktop", "60")  # a catalog app, not blocked
    plain = programs.start("sleep", "sleep", "60")  # not in the catalog at all
    browser = programs.start("sleep", "firefox", "60")  # a browser is never closed

    rig.tick()
    assert rig.actions() == [("discord", "warned")]
    assert "Discord is blocked by your fast 'Quiet week'" in rig.notices[0]
    assert "closed in 60 s" in rig.notices[0]
    rig.clock.advance(30)
    rig.tick()
    assert discord.poll() is None, "closed before the grace period was over"

    rig.clock.advance(31)
    rig.tick()
    assert gone(discord)
    assert rig.actions() == [("discord", "warned"), ("discord", "closed")]
    assert "Discord was closed" in rig.notices[-1]
    assert telegram.poll() is None and plain.poll() is None and browser.poll() is None


def test_an_app_that_ignores_terminate_is_killed(rig: Rig, programs: Programs) -> None:
    rig.start_fast([Rule(kind="abstain", categories=["messaging"])])
    ready = programs.folder / "trap-set"
    stubborn = programs.start(
        "bash", "discord", "-c", f'trap "" TERM; touch {ready}; while :; do sleep 0.1; done'
    )
    # Closed before bash has set its trap, it would simply end on TERM (seen on a busy machine).
    deadline = time_module.monotonic() + 10
    while not ready.exists() and time_module.monotonic() < deadline:
        time_module.sleep(0.01)
    rig.tick()
    rig.clock.advance(60)
    rig.tick()
    assert gone(stubborn)
    assert rig.actions() == [("discord", "warned"), ("discord", "killed")]


def test_closing_it_in_time_or_an_override_spares_it(rig: Rig, programs: Programs) -> None:
    rig.start_fast([Rule(kind="abstain", apps=["discord"])])
    first = programs.start("sleep", "discord", "60")
    rig.tick()
    first.kill()  # the user closes it after the warning
    first.wait()
    rig.clock.advance(61)
    rig.tick()
    assert rig.actions() == [("discord", "warned")]

    override_strict(rig.context, 15, "a call with the team")
    rig.clock.advance(rig.hook.refresh_seconds)  # the hook re-reads the log
    second = programs.start("sleep", "discord", "60")
    rig.tick()
    rig.clock.advance(5 * 60)
    rig.tick()
    assert second.poll() is None and rig.actions() == [("discord", "warned")]

    rig.clock.advance(11 * 60)  # the override has run out: warned afresh, then closed
    rig.tick()
    rig.clock.advance(60)
    rig.tick()
    assert gone(second)
    assert rig.actions()[-2:] == [("discord", "warned"), ("discord", "closed")]


def test_browser_tabs_get_a_warning_only_and_lax_fasts_close_nothing(
    rig: Rig, programs: Programs
) -> None:
    rig.start_fast([Rule(kind="abstain", apps=["discord"])], strict=False)
    lax = programs.start("sleep", "discord", "60")
    rig.tick("discord", "window")
    rig.clock.advance(120)
    rig.tick("discord", "window")
    assert lax.poll() is None and rig.actions() == [] and rig.notices == []

    rig.start_fast([Rule(kind="abstain", apps=["instagram"])])
    browser = programs.start("sleep", "firefox", "60")
    rig.clock.advance(rig.hook.refresh_seconds)
    rig.tick("instagram", "browser")
    rig.clock.advance(120)
    rig.tick("instagram", "browser")
    assert browser.poll() is None and lax.poll() is None
    assert rig.actions() == [("instagram", "warned_browser")]
    assert "Tabs are not closed" in rig.notices[0]


def test_a_curfew_blocks_only_inside_its_window(rig: Rig, programs: Programs) -> None:
    rig.start_fast(
        [Rule(kind="curfew", apps=["discord"], curfew_start=time(21), curfew_end=time(7))]
    )
    discord = programs.start("sleep", "discord", "120")
    rig.tick()
    rig.clock.advance(120)
    rig.tick()
    assert discord.poll() is None and rig.actions() == []
    rig.clock.current = datetime(2026, 11, 10, 21, 0, 30, tzinfo=WARSAW).astimezone(UTC)
    rig.clock.advance(rig.hook.refresh_seconds)
    rig.tick()
    rig.clock.advance(60)
    rig.tick()
    assert gone(discord)
    assert rig.actions() == [("discord", "warned"), ("discord", "closed")]


def test_a_korean_user_is_warned_in_korean(rig: Rig, programs: Programs) -> None:
    from detox import i18n

    i18n.activate("ko")
    rig.start_fast([Rule(kind="abstain", apps=["discord"])])
    programs.start("sleep", "discord", "60")
    rig.tick()
    warning = "Discord는 단식 'Quiet week'에서 차단되어 있습니다. 60초 뒤에 닫힙니다"
    assert warning in rig.notices[0]
    [event] = [e for e in rig.context.store.records(Event) if e.type == "strict"]
    assert event.message.startswith("Discord is blocked")  # stored in English, worded when shown
