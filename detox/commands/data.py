"""Your data as a whole: `detox export` and `detox purge`."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

import click

from detox.commands.common import echo, pass_detox
from detox.context import Context
from detox.fileio import atomic_write_bytes
from detox.models import SCHEMA_VERSION, ManualUsage


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
    atomic_write_bytes(output, (text + "\n").encode("utf-8"))
    echo(f"Exported to {output}.", err=True)


@click.command("purge")
@click.option("--yes", is_flag=True, help="Do not ask.")
@pass_detox
def purge_command(context: Context, yes: bool) -> None:
    """Delete all detox data (every device's files in the data folder). Settings stay."""
    store = context.store
    files = store.data_files()
    where = context.paths.devices_dir
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("purge deletes everything; confirm with --yes")
        click.confirm(
            f"Delete {len(files)} data files of {len(store.device_dirs())} device(s) in {where}? "
            "If this folder is synced, your other machines lose them too",
            abort=True,
        )
    count = store.purge()
    echo(f"Deleted {count} data files from {where}.")


COMMANDS = [export_command, purge_command]
