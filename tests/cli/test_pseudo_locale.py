"""The pseudo-language: with --lang qps every translated text is wrapped in [[...]], so English
left outside the brackets is text that escaped the catalogs. Each command's output is read for
such words; commands not yet translated are listed as known gaps (strict: once one is
translated, the test says to take it off the list)."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from pathlib import Path

import click
import pytest

from detox.balance.presets import PRESETS
from detox.catalog import Catalog
from detox.commands.registry import ENTRIES
from detox.reminders.kinds import BUILTIN_KINDS
from tests.cli.home import Home

# Commands, options, ids (8 hex digits, "fca1b2c3") and the capitals help writes for what to type
# (SYS/DIA, [OPTIONS]) are what the user types, not prose.
CODE = re.compile(
    r"`[^`]*`|--[a-z-]+|\bdetox [a-z]+(?: [a-z]+)?|\b[0-9a-f]{8}\b|\b[A-Z][A-Z_]+\b"
    r"|\[[A-Za-z_|-]+\]|\b\w+(?:\|\w+)+"  # what an option takes: [left|right], now|tomorrow|D
)
WORD = re.compile(r"[A-Za-z][A-Za-z']{2,}")
# Words that are data or CLDR's, not messages: names of days and months (Babel's, in the
# pseudo-language's English), units, zone names, the program's name.
_DAYS_AND_MONTHS = """Mon Tue Wed Thu Fri Sat Sun Monday Tuesday Wednesday Thursday Friday Saturday
Sunday Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec January February March April June July
August September October November December"""
ALLOWED = {
    *_DAYS_AND_MONTHS.split(),
    *("detox", "Europe", "Warsaw", "UTC", "min", "phone", "laptop", "mmHg", "csv"),
}


def unwrapped(text: str) -> str:
    """The text outside every [[...]], nested or not ("[[[[2 [[days]]]] and x]]" -> "")."""
    out, depth, index = [], 0, 0
    while index < len(text):
        pair = text[index : index + 2]
        if pair == "[[":
            depth, index = depth + 1, index + 2
        elif pair == "]]" and depth:
            depth, index = depth - 1, index + 2
            out.append(" ")
        else:
            if not depth:
                out.append(text[index])
            index += 1
    return "".join(out)


def leftovers(text: str, extra: AbstractSet[str] = frozenset()) -> list[str]:
    """English words outside [[...]] and outside commands and names."""
    text = CODE.sub(" ", unwrapped(text))
    return sorted({word for word in WORD.findall(text) if word not in ALLOWED | extra})


def _names() -> set[str]:
    words: set[str] = set()
    for preset in PRESETS:  # ids, typed as they are ("great-lent")
        words.update(WORD.findall(preset.id))
    words.update(BUILTIN_KINDS)  # reminder kinds, typed as they are (`remind disable nudge`)
    words.update(_command_names())  # in the help's lists of commands
    words.update(
        ("walk", "friends", "done", "call", "more", "Tea", "Walk")
    )  # the fixture's offline activity, typed as it is
    words.add("cli")  # the program's name in the test runner's usage line
    for app in Catalog.load({}).apps:
        words.update(WORD.findall(app.name))
        words.update(WORD.findall(app.id))
        for domain in app.domains:
            words.update(WORD.findall(domain))
    return words


def _command_names() -> set[str]:
    from detox.cli import cli

    names: set[str] = set()
    groups = [cli.get_command(click.Context(cli), name) for name in ENTRIES]
    while groups:
        command = groups.pop()
        if command is None:
            continue
        names.update(WORD.findall(command.name or ""))
        if isinstance(command, click.Group):
            groups.extend(command.commands.values())
    return names


@pytest.fixture
def home(tmp_path: Path) -> Home:
    home = Home(tmp_path / "home")
    home.ok("log", "instagram", "65m")
    home.ok("log", "tiktok", "20m", "--date", "yesterday")
    home.ok("mood", "7")
    home.ok("budget", "set", "instagram", "30m")
    # Started in the pseudo-language, so the fast's stored name is wrapped like every message.
    home.ok("--lang", "qps", "fast", "start", "week", "--apps", "tiktok", "--strict")
    home.ok("baseline", "--from", "2026-10-05", "--to", "2026-10-11")
    home.ok("remind", "add", "Tea", "--at", "21:30", "--days", "mon-fri")
    home.ok("health", "bp", "128/82", "--pulse", "71", "--arm", "left", "--date", "yesterday")
    home.ok("health", "bp", "126/80", "--date", "yesterday", "--at", "20:05")
    home.ok("health", "sleep", "7h30m")
    home.ok("offline", "walk", "1h", "--with", "friends")
    home.ok(
        "checkin",
        "--life-satisfaction",
        "7",
        "--lack-companionship",
        "1",
        "--left-out",
        "2",
        "--isolated",
        "1",
    )
    (home.root / "phone.csv").write_text("2026-01-01,instagram,45,phone\n", encoding="utf-8")
    (home.root / "bp.csv").write_text(
        "date,time,systolic,diastolic,pulse\n2026-01-01,07:30,121,79,66\n", encoding="utf-8"
    )
    return home


# Each: the command line, and whether its output is translated yet.
COMMANDS: dict[str, tuple[list[str], bool]] = {
    "report": (["report"], True),
    "report md": (["report", "--format", "md"], True),
    "report html": (["report", "--format", "html"], True),
    "report csv translated": (["report", "--format", "csv", "--table", "days", "--csv-header",
                               "translated"], True),
    "status": (["status"], True),
    "insights": (["insights"], True),
    "fast presets": (["fast", "presets"], True),
    "fast list": (["fast", "list"], True),
    "budget list": (["budget", "list"], True),
    "mood list": (["mood", "list"], True),
    "remind list": (["remind", "list"], True),
    "apps list": (["apps", "list"], True),
    "config list": (["config", "list"], True),
    # The probes' and notification backends' own reasons and advice are still English.
    "doctor": (["doctor"], True),
    "config set": (["config", "set", "day_start", "05:00"], True),
    "apps add": (["apps", "add", "my-forum", "--name", "Forum", "--category", "forum"], True),
    "purge": (["purge", "--yes"], True),
    "baseline": (["baseline", "--from", "2026-10-19", "--to", "2026-10-25"], True),
    "baseline list": (["baseline", "list"], True),
    "fast show": (["fast", "show", "{fast}"], True),
    "fast end": (["fast", "end", "{fast}", "--reason", "done"], True),
    "fast override": (["fast", "override", "--minutes", "10", "--reason", "call"], True),
    "fast add": (["fast", "add", "--from", "2026-10-01", "--to", "2026-10-03"], True),
    "fast edit": (["fast", "edit", "{fast}", "--apps", "instagram", "--reason", "more"], True),
    "budget set": (["budget", "set", "tiktok", "20m", "--weekend", "40m"], True),
    "budget clear": (["budget", "clear", "instagram"], True),
    "remind add": (["remind", "add", "Walk", "--at", "18:00"], True),
    "remind enable": (["remind", "enable", "mood", "--at", "20:30"], True),
    "remind disable": (["remind", "disable", "nudge"], True),
    "remind pause": (["remind", "pause", "--until", "2h"], True),
    "remind resume": (["remind", "resume"], True),
    "devices": (["devices"], True),
    "help": (["--help"], True),
    "help of a command": (["health", "bp", "--help"], True),
    "help of a group": (["import", "--help"], True),
    "health list": (["health", "list"], True),
    "health bp": (["health", "bp", "131/85", "--pulse", "70"], True),
    "offline list": (["offline", "list"], True),
    "checkin list": (["checkin", "list"], True),
    "import csv": (["import", "csv", "{root}/phone.csv"], True),
    "import csv again": (["import", "csv", "{root}/phone.csv", "--dry-run"], True),
    "import health-csv": (["import", "health-csv", "{root}/bp.csv"], True),
}  # fmt: skip
# Commands that fail: the one line on stderr.
ERRORS: dict[str, tuple[list[str], bool]] = {
    "no such option": (["health", "--nope"], True),
    "missing argument": (["health", "bp"], True),
    "a value out of range": (["health", "bp", "300/82"], True),
    "no such reading": (["health", "delete", "0000abcd"], True),
    "a file that is not there": (["import", "csv", "{root}/none.csv"], True),
    "a bad row": (["import", "csv", "{root}/bp.csv"], True),
    "a bad setting": (["config", "set", "day_start", "99"], True),
    "an unknown setting": (["config", "set", "nope", "1"], True),
    "a built-in app": (["apps", "remove", "instagram"], True),
    "an overlapping baseline": (["baseline", "--from", "2026-10-08", "--to", "2026-10-09"], True),
    "no such fast": (["fast", "show", "0000abcd"], True),
    "a fast in the past": (["fast", "start", "week", "--start", "2026-01-01"], True),
    "a bad curfew": (["fast", "start", "week", "--curfew", "22:00"], True),
    "a bad week": (["report", "--week", "2026-W99"], True),
    "a reminder without text": (["remind", "add", " ", "--at", "18:00"], True),
    "a bad day": (["remind", "add", "Tea", "--at", "18:00", "--days", "xx"], True),
}  # fmt: skip
KNOWN_GAPS = sorted(name for name, (_args, done) in COMMANDS.items() if not done)


def _filled(home: Home, args: list[str]) -> list[str]:
    """The command line with the fixture's folder ({root}) and its running fast's id ({fast})."""
    fast = home.json("fast", "list")[0]["id"][:8] if any("{fast}" in a for a in args) else ""
    return [arg.replace("{root}", str(home.root)).replace("{fast}", fast) for arg in args]


def _cases(table: dict[str, tuple[list[str], bool]]) -> list[object]:
    """Each command by name; one not translated yet is a known gap (strict xfail)."""
    gap = pytest.mark.xfail(strict=True, reason="not translated yet (a known gap)")
    return [pytest.param(name, marks=[] if done else [gap]) for name, (_a, done) in table.items()]


@pytest.mark.parametrize("name", _cases(COMMANDS))
def test_no_english_escapes_the_catalogs(home: Home, name: str) -> None:
    args, _done = COMMANDS[name]
    root = str(home.root)
    result = home.ok("--lang", "qps", *_filled(home, args))
    text = re.sub(r"\S*/\S*", " ", result.stdout.replace(root, "/"))  # paths are data
    if args[0] == "doctor":  # ids of the display server and the notification backends
        text = re.sub(r"\b(?:none|terminal|dbus|notify-send|plyer|x11|wayland)\b", " ", text)
    if args[0] == "config":  # each line starts with a key and its value, as they are typed
        text = re.sub(r"(?m)^(?!\[\[)\S+\s+\S+", " ", text)
    report = args[0] == "report"
    if report and "html" in args:
        text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", text, flags=re.DOTALL)
    if report and "md" in args:
        text = re.sub(r"</?sub>", " ", text)
    if report and "csv" in args:
        text = text.split("\n", 1)[0]  # the header row; the rest is data
    left = leftovers(text, _names())
    assert not left, f"{name}: English outside the catalogs: {left}"


def test_the_checker_finds_english_and_passes_wrapped_text() -> None:
    assert leftovers("[[Total]] 1h [[of social media [[this week]]]]") == []
    assert leftovers("[[Total]] Left out") == ["Left", "out"]
    assert leftovers("[[run]] `detox track` or detox log instagram") == []
    assert leftovers("[[[[0 [[days]]]] and [[1 [[day]]]]]] left") == ["left"]


@pytest.mark.parametrize("name", _cases(ERRORS))
def test_no_english_escapes_the_catalogs_in_errors(home: Home, name: str) -> None:
    args, _done = ERRORS[name]
    root = str(home.root)
    result = home("--lang", "qps", *_filled(home, args))
    assert result.exit_code == 2, (result.stdout, result.stderr)
    # "detox:" starts every error line; the program's name in the usage hint is the runner's.
    text = result.stderr.replace(root, " ")
    left = leftovers(text, _names())
    assert not left, f"{name}: English outside the catalogs: {left}"


def test_every_help_page_is_translated(home: Home) -> None:
    # Every command's and subcommand's --help: a docstring or an option's help that escaped the
    # extractor shows here. Example blocks (click's \b paragraphs) are commands as typed.
    from detox.cli import cli

    context = click.Context(cli)
    pages: list[list[str]] = []
    for name in ENTRIES:
        command = cli.get_command(context, name)
        pages.append([name])
        if isinstance(command, click.Group):
            pages.extend([name, sub] for sub in command.commands)
    typed = {"total", "Www", "sun"}  # in metavars: [APP|total], YYYY-Www, --days-off sun
    for page in pages:
        text = home.ok("--lang", "qps", *page, "--help").stdout
        text = re.sub(r"(?m)^\s+detox (?!.*\[\[).*$", " ", text)  # the examples, as typed
        left = leftovers(text, _names() | typed)
        assert not left, f"{' '.join(page)} --help: English outside the catalogs: {left}"
