"""`detox devices`: every machine and phone detox has data from, and when it last had some."""

from __future__ import annotations

import click

from detox.clock import to_local
from detox.commands.common import echo, echo_json, pass_detox
from detox.context import Context
from detox.durations import format_duration
from detox.i18n import _, count, lazy
from detox.localized import pad

# How `detox devices` names each kind; JSON keeps the English kind.
KINDS = {
    "this machine": lazy("this machine"),
    "synced machine": lazy("synced machine"),
    "imported": lazy("imported"),
    "entered": lazy("entered"),
}


@click.command("devices")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def devices_command(context: Context, as_json: bool) -> None:
    """Devices with data here: machines (this one, and synced ones) and phones or imports."""
    from detox.devices import list_devices

    devices = list_devices(context.store)
    if as_json:
        echo_json([device.to_json() for device in devices])
        return
    if not devices:
        echo(_("No devices with data yet."))
        return
    zone = context.settings.zone
    header = (
        pad(_("DEVICE"), 24),
        pad(_("KIND"), 15),
        pad(_("LAST DATA"), 17),
        pad(_("SOCIAL TIME"), 11, right=True),
    )
    echo(" ".join(header) + "  ID")
    for device in devices:
        last = (
            to_local(device.last_data, zone).strftime("%Y-%m-%d %H:%M")
            if device.last_data
            else _("never")
        )
        kind = str(KINDS.get(device.kind, device.kind))
        echo(
            f"{pad(device.name[:24], 24)} {pad(kind, 15)} {pad(last, 17)} "
            f"{pad(format_duration(device.seconds), 11, right=True)}  {device.key}"
        )
    for device in devices:
        if device.sync_copies:
            copies = count(device.sync_copies, "copy", "copies")
            echo(
                _("{device}: {copies} left by a sync tool, read and merged (nothing lost)").format(
                    device=device.name, copies=copies
                )
            )


COMMANDS = [devices_command]
