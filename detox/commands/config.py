"""`detox config list/get/set`: config.toml by key, every value checked by the settings model."""

from __future__ import annotations

import click

from detox.commands.common import echo, echo_json, pass_detox
from detox.config_keys import KeyValue, entries, get, plain, set_value, shown
from detox.context import Context
from detox.i18n import _


@click.group("config")
def config_group() -> None:
    """Read and change settings in config.toml (comments in the file are kept).

    \b
    Examples:
      detox config list
      detox config get day_start
      detox config set day_start 05:00
      detox config set ignore_categories messaging,professional
      detox config set budgets.instagram 30m
    """


def _json(entry: KeyValue) -> dict[str, object]:
    return {
        "key": entry.key,
        "value": plain(entry.value),
        "default": plain(entry.default),
        "set": entry.is_set,
        "description": entry.description,
    }


@config_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def config_list(context: Context, as_json: bool) -> None:
    """Every setting: its value, whether config.toml sets it, and what it means."""
    found = entries(context.paths.config_file)
    if as_json:
        echo_json([_json(entry) for entry in found])
        return
    for entry in found:
        where = "  " + _("(default)") if not entry.is_set else ""
        echo(f"{entry.key:<20} {shown(entry.value) or '-'}{where}")
    echo(
        "\n"
        + _(
            "File: {path}. `detox config get KEY --json` gives a key's meaning and default."
        ).format(path=context.paths.config_file)
    )


@config_group.command("get")
@click.argument("key")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def config_get(context: Context, key: str, as_json: bool) -> None:
    """Print one setting's value (empty when it has none)."""
    entry = get(context.paths.config_file, key)
    if as_json:
        echo_json(_json(entry))
        return
    echo(shown(entry.value))


@config_group.command("set")
@click.argument("key")
@click.argument("value")
@pass_detox
def config_set(context: Context, key: str, value: str) -> None:
    """Change one setting in config.toml, after checking the value.

    Lists take commas (messaging,video) or TOML ([10, 20]); an empty value ("") clears a
    setting that may be empty, such as timezone.
    """
    entry = set_value(context.paths.config_file, key, value)
    context.reload_settings()
    now = shown(entry.value) or _("(none)")
    echo(f"{entry.key} = {now}  " + _("(in {path})").format(path=context.paths.config_file))


COMMANDS = [config_group]
