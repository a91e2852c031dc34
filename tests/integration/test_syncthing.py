"""Two machines sharing detox's data folder through the real sync engine (Debian's syncthing).

Two Syncthing instances run on 127.0.0.1 with their own config folders and ports. Their config is
written before they start with global and local discovery, relays, NAT traversal, STUN, usage
reporting, crash reporting and upgrade checks all off, and each knows the other only by a
127.0.0.1 address, so no packet leaves the machine (the test checks their sockets too). Each side
logs usage and mood into its own DETOX_HOME; once synced, both report the same merged day.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import psutil
import pytest
from click.testing import CliRunner

from detox.cli import cli
from detox.clock import FixedClock
from detox.context import Context
from detox.models import UsageSpan
from detox.paths import Paths
from tests.clock_fixtures import NOW
from tests.conftest import need_program

pytestmark = pytest.mark.slow

FOLDER_ID = "detox-data"
SYNC_TIMEOUT = 45.0
# Detox renames each write into place from a hidden temp file; the temp file is not worth sending.
STIGNORE = "(?d).*.tmp-*\n"


@dataclass
class Machine:
    name: str
    home: Path
    st_home: Path
    listen_port: int
    gui_port: int
    api_key: str
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def paths(self) -> Paths:
        return Paths(config_dir=self.home, data_dir=self.home / "data", state_dir=self.home / "st")

    def detox(self, *args: str) -> str:
        context = Context(paths=self.paths, clock_override=FixedClock(NOW))
        result = CliRunner().invoke(cli, list(args), obj=context)
        assert result.exit_code == 0, (result.output, result.exception)
        return result.stdout

    def status(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.detox("status", "--json"))
        return data

    def rest(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            method=method,
            headers={"X-API-Key": self.api_key},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=5) as response:
            body = response.read()
        return json.loads(body) if body.strip() else None


def _free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.lower().endswith("_proxy") and not key.startswith("ST")
    }
    env.update(
        HOME=str(tmp_path / "user-home"),
        STNODEFAULTFOLDER="1",
        STNOUPGRADE="1",
        STNORESTART="1",
    )
    return env


def _config(machine: Machine, peer: Machine) -> str:
    folder_devices = "".join(
        f'<device id="{m.device_id}" introducedBy=""></device>' for m in (machine, peer)
    )
    devices = "".join(
        f'<device id="{m.device_id}" name="{m.name}" compression="metadata" introducer="false">'
        f"<address>tcp://127.0.0.1:{m.listen_port}</address><paused>false</paused>"
        f"<autoAcceptFolders>false</autoAcceptFolders></device>"
        for m in (machine, peer)
    )
    return f"""<configuration version="36">
    <folder id="{FOLDER_ID}" label="detox" path="{machine.paths.data_dir}" type="sendreceive"
            rescanIntervalS="60" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false">
        <filesystemType>basic</filesystemType>
        {folder_devices}
        <markerName>.stfolder</markerName>
    </folder>
    {devices}
    <gui enabled="true" tls="false">
        <address>127.0.0.1:{machine.gui_port}</address>
        <apikey>{machine.api_key}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{machine.listen_port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunKeepaliveMinS>0</stunKeepaliveMinS>
        <announceLANAddresses>false</announceLANAddresses>
        <startBrowser>false</startBrowser>
        <restartOnWakeup>false</restartOnWakeup>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
"""


def _generate(machine: Machine, env: dict[str, str]) -> None:
    done = subprocess.run(
        ["syncthing", "generate", f"--home={machine.st_home}", "--no-default-folder"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    found = re.search(r"Device ID:\s*([A-Z0-9-]{63})", done.stdout + done.stderr)
    assert found, done.stdout + done.stderr
    machine.device_id = found.group(1)


@contextlib.contextmanager
def _running(machines: list[Machine], env: dict[str, str]) -> Iterator[None]:
    try:
        for machine in machines:
            log = (machine.st_home / "syncthing.log").open("wb")
            machine.process = subprocess.Popen(
                [
                    "syncthing",
                    "serve",
                    f"--home={machine.st_home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--logflags=0",
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            log.close()
        yield
    finally:
        for machine in machines:
            if machine.process is not None and machine.process.poll() is None:
                machine.process.terminate()
        for machine in machines:
            if machine.process is None:
                continue
            try:
                machine.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                machine.process.kill()
                machine.process.wait(timeout=10)


def _wait_for(what: str, check: Any, machines: list[Machine], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for machine in machines:
            assert machine.process is not None
            if machine.process.poll() is not None:
                log = (machine.st_home / "syncthing.log").read_text(errors="replace")
                pytest.fail(f"syncthing {machine.name} exited:\n{log[-3000:]}")
        with contextlib.suppress(OSError, ValueError):
            if check():
                return
        time.sleep(0.3)
    logs = "\n".join(
        (m.st_home / "syncthing.log").read_text(errors="replace")[-2000:] for m in machines
    )
    pytest.fail(f"timed out waiting for {what}\n{logs}")


def _only_loopback(process: subprocess.Popen[bytes]) -> None:
    """Every socket of the process is bound to, and talks to, 127.0.0.1 alone."""
    watched = psutil.Process(process.pid)
    sockets = getattr(watched, "net_connections", None) or watched.connections  # psutil < 6
    for conn in sockets(kind="inet"):
        assert conn.laddr.ip in ("127.0.0.1", "::1"), conn
        if conn.raddr:
            assert conn.raddr.ip in ("127.0.0.1", "::1"), conn


def test_two_syncthing_instances_merge_two_detox_homes(tmp_path: Path) -> None:
    need_program("syncthing")
    env = _env(tmp_path)
    ports = _free_ports(4)
    a, b = (
        Machine(
            name,
            tmp_path / f"home-{name}",
            tmp_path / f"syncthing-{name}",
            ports[2 * i],
            ports[2 * i + 1],
            secrets.token_hex(16),
        )
        for i, name in enumerate(("laptop", "desktop"))
    )
    for machine in (a, b):
        machine.home.mkdir()
        (machine.home / "config.toml").write_text(
            f'timezone = "Europe/Warsaw"\ndevice_name = "{machine.name}"\n', encoding="utf-8"
        )
        data = machine.paths.data_dir
        (data / ".stfolder").mkdir(parents=True)
        (data / ".stignore").write_text(STIGNORE, encoding="utf-8")
        machine.st_home.mkdir()
        _generate(machine, env)
    for machine, peer in ((a, b), (b, a)):
        (machine.st_home / "config.xml").write_text(_config(machine, peer), encoding="utf-8")

    # Each machine records its own day before the engines start.
    a.detox("log", "instagram", "25m", "--at", "09:00")
    a.detox("mood", "7")
    tracked_start = NOW - timedelta(hours=1)
    b_context = Context(paths=b.paths, clock_override=FixedClock(NOW))
    b_device = b_context.device.id
    b_context.store.add_spans(
        [
            UsageSpan(
                id=UsageSpan.stable_id(b_device, "reddit", tracked_start, "tracker"),
                app="reddit",
                device=b_device,
                source="tracker",
                start=tracked_start,
                duration=600,
            )
        ]
    )
    b.detox("log", "tiktok", "40m", "--at", "10:00", "--device", "tablet")
    b.detox("mood", "4")

    machines = [a, b]

    def merged(apps: dict[str, int], moods: int) -> bool:
        days = [m.status() for m in machines]
        found = [{x["app"]: x["seconds"] for x in day["apps"]} for day in days]
        return found[0] == found[1] == apps and all(len(d["mood"]) == moods for d in days)

    with _running(machines, env):

        def connected() -> bool:
            found = a.rest("GET", "/rest/system/connections")["connections"]
            return bool(found.get(b.device_id, {}).get("connected"))

        _wait_for("the two instances to connect", connected, machines, SYNC_TIMEOUT)
        for machine in machines:
            machine.rest("POST", f"/rest/db/scan?folder={FOLDER_ID}")
        expected = {"instagram": 1500, "tiktok": 2400, "reddit": 600}
        _wait_for("the first merge", lambda: merged(expected, 2), machines, SYNC_TIMEOUT)

        # While both run, each machine writes again; the engines' file watchers carry it over.
        a.detox("log", "youtube", "10m", "--at", "11:00")
        b.detox("mood", "6")
        expected["youtube"] = 600
        _wait_for("the second merge", lambda: merged(expected, 3), machines, SYNC_TIMEOUT)
        for machine in machines:
            assert machine.process is not None
            _only_loopback(machine.process)

    day_a, day_b = a.status(), b.status()
    assert day_a == day_b
    assert day_a["total_seconds"] == sum(expected.values())
    assert sorted(m["score"] for m in day_a["mood"]) == [4, 6, 7]
    for machine in machines:
        devices = {d["name"]: d for d in json.loads(machine.detox("devices", "--json"))}
        assert {"laptop", "desktop", "phone", "tablet"} <= set(devices)
        assert devices[machine.name]["kind"] == "this machine"
        other = "desktop" if machine is a else "laptop"
        assert devices[other]["kind"] == "synced machine"
