"""`detox devices`: every machine and phone detox has data from, and when it last had some."""

from __future__ import annotations

import click

from detox.clock import to_local
from detox.commands.common import echo, echo_json, pass_detox
from detox.context import Context
from detox.durations import format_duration
from detox.i18n import count


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
        echo("No devices with data yet.")
        return
    zone = context.settings.zone
    echo(f"{'DEVICE':<24} {'KIND':<15} {'LAST DATA':<17} {'SOCIAL TIME':>11}  ID")
    for device in devices:
        last = (
            to_local(device.last_data, zone).strftime("%Y-%m-%d %H:%M")
            if device.last_data
            else "never"
        )
        echo(
            f"{device.name[:24]:<24} {device.kind:<15} {last:<17} "
            f"{format_duration(device.seconds):>11}  {device.key}"
        )
    for device in devices:
        if device.sync_copies:
            copies = count(device.sync_copies, "copy", "copies")
            echo(f"{device.name}: {copies} left by a sync tool, read and merged (nothing lost)")


COMMANDS = [devices_command]
