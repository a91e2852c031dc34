"""`detox --help` reads whole, and shell completion works as README says to enable it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from detox.cli import cli
from tests.conftest import need_program
from tests.installed import SOURCE_ROOT

DETOX = Path(sys.executable).parent / "detox"
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.")


def all_commands() -> Iterator[tuple[str, click.Command]]:
    """Every command and subcommand by its full name ("detox fast start")."""
    context = click.Context(cli)

    def walk(path: str, group: click.Group) -> Iterator[tuple[str, click.Command]]:
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            assert command is not None
            yield f"{path} {name}", command
            if isinstance(command, click.Group):
                yield from walk(f"{path} {name}", command)

    yield from walk("detox", cli)


def help_of(*args: str) -> str:
    result = subprocess.run(
        [str(DETOX), *args, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=True,
    )
    return result.stdout


def listed_summaries(help_text: str) -> dict[str, str]:
    """The command list of a help page: name -> its summary, wrapped lines joined."""
    section = help_text.split("Commands:\n", 1)[1]
    summaries: dict[str, str] = {}
    name = ""
    for line in section.splitlines():
        found = re.match(r"^  (\S+)\s+(.*)$", line)
        if found:
            name = found.group(1)
            summaries[name] = found.group(2).strip()
        elif line.strip() and name:
            summaries[name] += " " + line.strip()
    return summaries


def test_every_summary_is_one_whole_sentence() -> None:
    problems = []
    for name, command in all_commands():
        summary = command.get_short_help_str(limit=80)
        words = summary.split()
        if not words:
            problems.append(f"{name}: no summary")
            continue
        first_paragraph = " ".join((command.help or "").split("\n\n")[0].split())
        if (
            not summary.endswith((".", "?", "!"))
            or words[-1].lower() in ABBREVIATIONS
            or summary.endswith("...")
            or not summary[0].isupper()
            or not first_paragraph.startswith(summary)
        ):
            problems.append(f"{name}: {summary!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("group", [(), ("fast",), ("budget",), ("remind",), ("service",)])
def test_help_lists_show_each_summary_whole(group: tuple[str, ...]) -> None:
    shown = listed_summaries(help_of(*group))
    context = click.Context(cli)
    parent: click.Command | None = cli
    for name in group:
        assert isinstance(parent, click.Group)
        parent = parent.get_command(context, name)
    assert isinstance(parent, click.Group)
    expected = {
        name: " ".join(command.get_short_help_str().split())
        for name in parent.list_commands(context)
        if (command := parent.get_command(context, name)) is not None
    }
    assert shown == expected
    assert not any(summary.endswith("...") for summary in shown.values())


def test_log_reads_whole_where_it_used_to_stop_at_eg() -> None:
    shown = listed_summaries(help_of())
    assert shown["log"] == "Record use that the tracker cannot see, e.g. `detox log instagram 25m`."


def readme_line(shell: str) -> str:
    readme = (SOURCE_ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"^.*_DETOX_COMPLETE={shell}_source detox.*$", readme, re.MULTILINE)
    assert found, f"README has no line enabling {shell} completion"
    return found.group(0).split("#")[0].strip()


def bash_complete(words: str) -> list[str]:
    script = (
        f"{readme_line('bash')}\n"
        f"COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n"
        '_detox_completion detox; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": f"{DETOX.parent}:{os.environ['PATH']}"},
        check=True,
    )
    return result.stdout.split()


def test_bash_completion_from_the_readme_line_completes_commands_and_options() -> None:
    need_program("bash")
    assert bash_complete("detox sta") == ["status"]
    fast = bash_complete("detox fast st")
    assert "start" in fast and all(word.startswith("st") for word in fast)
    assert bash_complete("detox report --for") == ["--format"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_come_from_the_readme_line(shell: str) -> None:
    line = readme_line(shell)
    assert line.startswith(("eval", "_DETOX_COMPLETE")), line
    source = subprocess.run(
        [str(DETOX)],
        env={**os.environ, "_DETOX_COMPLETE": f"{shell}_source"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"_DETOX_COMPLETE={shell}_complete" in source
    # What the script asks detox for when the user presses Tab after "detox sta".
    answer = subprocess.run(
        [str(DETOX)],
        env={
            **os.environ,
            "_DETOX_COMPLETE": f"{shell}_complete",
            "COMP_WORDS": "detox sta",
            "COMP_CWORD": "1" if shell == "zsh" else "sta",
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "status" in answer


def test_every_command_module_is_listed_with_each_of_its_commands() -> None:
    # The lazy CLI loads a command's module by the name in _MODULE_OF: a module or a command
    # left out would be missing from `detox --help` or load every module to be found.
    import importlib
    import pkgutil

    import detox.commands
    from detox.cli import _MODULE_OF

    found: dict[str, str] = {}
    for module in pkgutil.iter_modules(detox.commands.__path__):
        commands = getattr(importlib.import_module(f"detox.commands.{module.name}"), "COMMANDS", ())
        found.update({command.name: module.name for command in commands})
    assert found == _MODULE_OF


def test_the_registry_summary_of_each_command_is_the_first_sentence_of_its_help() -> None:
    # `detox --help` shows the registry's summaries without importing the commands: they must
    # say what `detox COMMAND --help` says.
    from detox.commands.registry import ENTRIES
    from detox.helptext import first_sentence

    context = click.Context(cli)
    for name, entry in ENTRIES.items():
        command = cli.get_command(context, name)
        assert command is not None and command.help is not None, name
        assert entry.summary == first_sentence(command.help), name


def test_the_command_list_heading_follows_the_language() -> None:
    assert "\nPolecenia:\n" in help_of("--lang", "pl")
    assert "\nCommands:\n" in help_of("--lang", "en")
