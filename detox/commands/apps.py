"""The app catalog: `detox apps list`, `detox apps add` and `detox apps remove`."""

from __future__ import annotations

import re

import click

from detox.catalog import category_name
from detox.commands.common import echo, echo_json, pass_detox
from detox.config import remove_config_key, set_config_value
from detox.context import Context
from detox.errors import InputError
from detox.i18n import _
from detox.localized import pad

CATEGORIES = ("social", "messaging", "video", "forum", "professional")


@click.group("apps")
def apps_group() -> None:
    """The social apps and sites detox recognises."""


@apps_group.command("list")
@click.option("--category", type=click.Choice(CATEGORIES), help="Only this category.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def apps_list(context: Context, category: str | None, as_json: bool) -> None:
    """List the catalog (built in, plus your own entries from config.toml)."""
    apps = [a for a in context.catalog.apps if category is None or a.category == category]
    if as_json:
        echo_json(
            [
                {
                    "id": a.id,
                    "name": a.name,
                    "category": a.category,
                    "processes": {os_name: list(names) for os_name, names in a.processes.items()},
                    "domains": list(a.domains),
                }
                for a in apps
            ]
        )
        return
    for app in apps:
        domains = ", ".join(app.domains[:2])
        echo(f"{app.id:<16} {pad(app.name, 22)} {pad(category_name(app.category), 13)} {domains}")


@apps_group.command("add")
@click.argument("app_id")
@click.option("--name", help="Display name (required for a new app).")
@click.option(
    "--category", type=click.Choice(CATEGORIES), help="Category (required for a new app)."
)
@click.option("--process", "processes", multiple=True, help="Desktop process name (repeatable).")
@click.option(
    "--title-pattern",
    "title_patterns",
    multiple=True,
    help="Regular expression matched against browser window titles (repeatable).",
)
@click.option(
    "--domain", "domains", multiple=True, help="Web domain such as example.com (repeatable)."
)
@pass_detox
def apps_add(
    context: Context,
    app_id: str,
    name: str | None,
    category: str | None,
    processes: tuple[str, ...],
    title_patterns: tuple[str, ...],
    domains: tuple[str, ...],
) -> None:
    """Add an app to the catalog, or change a built-in one, in config.toml."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", app_id):
        raise InputError(
            _("app id {value}: use lowercase letters, digits, - and _").format(value=repr(app_id))
        )
    existing = context.catalog.get(app_id)
    if existing is None and (name is None or category is None):
        raise InputError(_("{app} is a new app: give --name and --category").format(app=app_id))
    changes: dict[str, object] = {}
    if name:
        changes["name"] = name
    if category:
        changes["category"] = category
    if processes:
        changes["processes"] = [p.lower() for p in processes]
    if title_patterns:
        for pattern in title_patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise InputError(
                    _("title pattern {value} is not a regular expression: {error}").format(
                        value=repr(pattern), error=error
                    )
                ) from None
        changes["title_patterns"] = list(title_patterns)
    if domains:
        changes["domains"] = [d.lower() for d in domains]
    if not changes:
        raise InputError(
            _("nothing to add: give --name, --category, --process, --title-pattern or --domain")
        )
    for key, value in changes.items():
        set_config_value(context.paths.config_file, ("apps", app_id, key), value)
    done = _("Changed {app} in {path}.") if existing else _("Added {app} in {path}.")
    echo(done.format(app=app_id, path=context.paths.config_file))


@apps_group.command("remove")
@click.argument("app_id")
@pass_detox
def apps_remove(context: Context, app_id: str) -> None:
    """Remove an app you added with `detox apps add` (built-in apps cannot be removed)."""
    from detox.catalog import Catalog

    path = context.paths.config_file
    yours = {key.lower(): key for key in context.settings.apps}
    builtin = Catalog.load({}).get(app_id)
    if builtin is not None:
        changed = next(
            (key for key in yours.values() if Catalog.load({}).get(key) is builtin), None
        )
        where = (
            _("; your changes to it are the [apps.{key}] table in {path}").format(
                key=changed, path=path
            )
            if changed
            else ""
        )
        raise InputError(
            _(
                "{name} ({id}) is built into detox and cannot be removed{where}. To stop counting "
                "a kind of app: detox config set ignore_categories {category}"
            ).format(name=builtin.name, id=builtin.id, where=where, category=builtin.category)
        )
    key = yours.get(app_id.lower())
    if key is None:
        raise InputError(
            _("no app {value} was added by you; `detox apps list` shows the catalog").format(
                value=repr(app_id)
            )
        )
    remove_config_key(path, ("apps", key))
    context.reload_settings()
    echo(
        _(
            "Removed {app} from {path}. Time already recorded for it stays in your history, "
            "shown by its id."
        ).format(app=key, path=path)
    )


COMMANDS = [apps_group]
