"""A property-based fuzz of every command's arguments: whatever a user types, `detox` answers with
exit 0, or exit 2 and one line on stderr; never `internal error`, never a traceback.

Commands run in-process through click's runner (fast enough for hundreds of cases) against one
private home, with a few real `python -m detox` processes to show the same holds outside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detox.cli import cli
from tests.cli.home import Home

# Commands that run until stopped, touch the system outside the home, ask for confirmation or
# send a desktop notification; their arguments are checked by their own tests.
LEFT_OUT = {
    ("track",),
    ("service", "install"),
    ("service", "uninstall"),
    ("purge",),
    ("remind", "test"),
}


def leaf_commands(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None:
                yield from leaf_commands(sub, (*path, name))
    elif path not in LEFT_OUT:
        yield path


def command_at(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    return command


COMMANDS = sorted(leaf_commands(cli))

HOSTILE = [
    "",
    " ",
    "-",
    "--",
    "0",
    "-1",
    "1",
    "7",
    "11",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "1e309",
    "9" * 400,
    "9" * 5000,
    "²",
    "٣",
    "0001-01-01",
    "9999-12-31",
    "1969-12-31",
    "2100-12-31",
    "2026-02-30",
    "2026-11-10",
    "today",
    "tomorrow",
    "yesterday",
    "friday",
    "12:00",
    "12:00Z",
    "12:00+05:00",
    "24:00",
    "25:99",
    "7:00",
    "21:00-07:00",
    "30m",
    "1h30m",
    "99999h",
    "-5m",
    "0m",
    "1:15",
    "facebook",
    "total",
    "category:social",
    "category:",
    "lent",
    "custom",
    "mood",
    "all",
    "2026-W47",
    "2026-W99",
    "2026-13",
    "this",
    "last",
    "phone",
    "anxiety=4",
    "anxiety=99",
    "facebook=30m",
    "facebook:30m",
    "mon,tue",
    "sat-sun",
    "\x1b]52;c;aGVsbG8=\x07",
    "\x1b[2J",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "x" * 3000,
    "a\nb",
    "\x00",
    "../../etc/passwd",
    "http://[::1",
    "http://127.0.0.1:1",
]
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.dates().map(lambda day: day.isoformat()),
)
SERVERS = st.sampled_from(["http://[::1", "ftp://x", "http://127.0.0.1:1", "", "\x1b[2J", "::"])


def _no_nul(value: str) -> str:
    # A NUL cannot be passed in a real argv; click's runner would take it, the OS never does.
    return value.replace("\x00", "")


@st.composite
def invocations(draw: st.DrawFn) -> list[str]:
    path = draw(st.sampled_from(COMMANDS))
    command = command_at(path)
    args = list(path)
    for param in command.params:
        if isinstance(param, click.Argument):
            count = param.nargs if param.nargs > 0 else draw(st.integers(0, 3))
            if not param.required and param.nargs > 0 and draw(st.booleans()):
                continue
            args += [_no_nul(draw(VALUES)) for _ in range(count)]
            continue
        assert isinstance(param, click.Option)
        if not draw(st.booleans()):
            continue
        name = param.opts[-1] if param.opts[-1].startswith("--") else param.opts[0]
        if param.is_flag:
            args.append(name)
        elif param.name == "server":
            args += [name, draw(SERVERS)]
        elif param.name == "output":
            args += [name, draw(st.sampled_from(["out.txt", "", "missing/out.txt", ".", "x.md"]))]
        else:
            args += [name, _no_nul(draw(VALUES))]
    return args


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    root = tmp_path_factory.mktemp("fuzz")
    home = Home(root / "home")
    home.ok("log", "facebook", "20m")
    home.ok("mood", "6", "--tag", "walk")
    home.ok("fast", "start", "custom", "--name", "week", "--apps", "tiktok", "--to", "2026-11-20")
    home.ok("remind", "add", "stretch", "--at", "18:00")
    home.ok("budget", "set", "total", "2h")
    return home


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(args=invocations())
def test_every_command_answers_bad_arguments_with_one_line_and_exit_2(
    home: Home, args: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    cwd = os.getcwd()
    os.chdir(home.paths.config_dir)  # -o writes land inside the home
    try:
        result = home(*args)
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exception,
    )
    assert result.exit_code in (0, 2), (args, result.exit_code, result.stderr)
    assert "internal error" not in result.stderr, (args, result.stderr)
    assert "Traceback" not in result.output, args
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, (args, result.stderr)
        assert lines[0].startswith("detox: "), (args, result.stderr)


REAL_RUNS = [
    ["report", "--format", "pdf"],
    ["track", "--interval", "NaN"],
    ["log", "facebook", "9" * 400],
    ["fast", "start", "custom", "--from", "0001-01-01", "--to", "2026-01-01"],
    ["remind", "add", "x", "--at", "12:00Z"],
    ["import", "activitywatch", "--server", "http://[::1"],
    ["nosuchcommand"],
]


@pytest.mark.parametrize("args", REAL_RUNS, ids=" ".join)
def test_a_real_process_gives_one_line_and_exit_2(args: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "DETOX_HOME": str(tmp_path / "home")}
    env.pop("DETOX_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "detox", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("detox: "), done.stderr
    assert "internal error" not in done.stderr
