"""Your data as a whole: `detox export` and `detox purge`."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from detox.commands.common import echo, pass_detox
from detox.context import Context
from detox.fileio import write_output
from detox.i18n import _, clauses, count, listing
from detox.models import SCHEMA_VERSION, ManualUsage

if TYPE_CHECKING:
    from detox.purge import Removal


def export_document(context: Context) -> dict[str, object]:
    """Everything, merged across devices: the latest revision of each entry, every span."""
    store = context.store
    journal = store.journal()
    # Entered use (by hand or from a CSV) lives in the journal; its span copies would outlive a
    # later delete of the entry if exported twice.
    entered = {r.id for r in journal if isinstance(r, ManualUsage)}
    months = store.all_span_months()
    spans = []
    if months:
        first = datetime.fromisoformat(f"{months[0]}-01T00:00:00+00:00")
        last = datetime.fromisoformat(f"{months[-1]}-01T00:00:00+00:00")
        # Files are per month of a span's start and a span lasts at most a day. A far-off end
        # (year 9999) makes the store look for files of every month until then: many seconds.
        end = last + timedelta(days=33)
        spans = [s for s in store.spans(first, end) if s.id not in entered]
    return {
        "schema_version": SCHEMA_VERSION,
        "exported_at": context.clock.now().isoformat(),
        "devices": [d.model_dump(mode="json") for d in store.devices()],
        "spans": [s.model_dump(mode="json") for s in spans],
        "journal": [r.model_dump(mode="json") for r in journal],
    }


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (private to you) instead of the screen.",
)
@pass_detox
def export_command(context: Context, fmt: str, output: Path | None) -> None:
    """Export everything detox knows, merged from all your devices."""
    text = json.dumps(export_document(context), ensure_ascii=False, indent=2)
    if output is None:
        click.echo(text)  # JSON: every control character in it is escaped
        return
    write_output(output, (text + "\n").encode("utf-8"))
    echo(_("Exported to {path}.").format(path=output), err=True)


@click.command("purge")
@click.option("--yes", is_flag=True, help="Do not ask.")
@click.option(
    "--config",
    "include_config",
    is_flag=True,
    help="Delete your settings (config.toml) and this machine's device id too.",
)
@pass_detox
def purge_command(context: Context, yes: bool, include_config: bool) -> None:
    """Delete all your detox data: every device's files, report rollups, reminder and tracker
    state. Settings stay unless --config is given."""
    from detox import purge

    paths = context.paths
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError(_("purge deletes everything; confirm with --yes"))
        planned = purge.plan(paths, include_config)
        click.confirm(
            _(
                "Delete {files} ({summary})? If the data folder is synced, your other machines "
                "lose them too"
            ).format(
                files=count(sum(len(r.files) for r in planned), "file", "files"),
                summary=clauses(_summary(r) for r in planned),
            ),
            abort=True,
        )
    removals = purge.purge(paths, include_config)
    for removal in removals:
        echo(_("Deleted {summary}.").format(summary=_summary(removal)))
        for note in removal.kept:
            echo(_("Left {note}.").format(note=note))
    if not include_config:
        echo(
            _("Kept your settings in {path} (`purge --config` deletes them).").format(
                path=paths.config_dir
            )
        )


def _summary(removal: Removal) -> str:
    files = count(len(removal.files), "file", "files")
    if removal.label == "data":
        return _("{files} of {devices} from {folder}").format(
            files=files, devices=count(removal.devices, "device", "devices"), folder=removal.folder
        )
    if not removal.files:
        return _("nothing from {folder}").format(folder=removal.folder)
    return _("{files} from {folder}: {names}").format(
        files=files, folder=removal.folder, names=listing(removal.names)
    )


COMMANDS = [export_command, purge_command]
