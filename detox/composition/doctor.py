"""`detox doctor`: what detox can see on this machine, and concrete advice where it cannot."""

from __future__ import annotations

import os
from typing import Any

from detox.context import Context
from detox.errors import DetoxError
from detox.i18n import N_, NC_, _, listing, pgettext
from detox.localized import cells, pad
from detox.logs import tracker_log_file
from detox.tracker.presence import read_status, tracker_is_running
from detox.tracker.probes.base import WatchingFocusProbe
from detox.tracker.probes.factory import make_probes
from detox.tracker.probes.process import ProcessProbe


def _notification_backend() -> dict[str, Any]:
    from detox.notify import describe_backend

    return describe_backend()


def diagnose(context: Context) -> dict[str, Any]:
    advice: list[str] = []
    config: dict[str, Any] = {"file": str(context.paths.config_file), "ok": True}
    try:
        context.settings  # noqa: B018 - loading is the check
    except DetoxError as error:
        config.update(ok=False, error=str(error))
        advice.append(_("fix {path}: {error}").format(path=context.paths.config_file, error=error))

    probes = make_probes()
    try:
        reports = [
            {"kind": r.kind, "name": r.name, "ok": r.ok, "reason": r.reason, "advice": r.advice}
            for r in probes.reports
        ]
        advice.extend(r.advice for r in probes.reports if r.advice)
        focus_name = probes.focus.name if probes.focus else None
        watching = isinstance(probes.focus, WatchingFocusProbe)
        idle_name = probes.idle.name if probes.idle else None
        display = probes.display_server
    finally:
        probes.close()

    running_apps: list[str] = []
    process_probe: dict[str, Any] = {"ok": True}
    if config["ok"]:
        try:
            processes = ProcessProbe(context.catalog.app_for_process)
            processes.refresh()
            running_apps = sorted(processes.running_apps())
        except Exception as error:  # a broken /proc must not stop the rest of the report
            process_probe = {"ok": False, "reason": str(error)}
    process_probe["running_social_apps"] = running_apps

    status = read_status(context.paths)
    running = tracker_is_running(context.paths)
    log_file = tracker_log_file(context.paths.state_dir)
    tracker: dict[str, Any] = {
        "running": running,
        "log": str(log_file),
        "log_exists": log_file.exists(),
    }
    if status:
        tracker.update(
            pid=status.get("pid"),
            started=status.get("started"),
            last_sample=status.get("last_sample"),
            flushed_at=status.get("flushed_at"),
            switch_timing=status.get("switch_timing"),
            last_switch=status.get("last_switch"),
        )
    if not running:
        advice.append(
            _(
                "the tracker is not running: start it with `detox track` "
                "or at login with `detox service install`"
            )
        )

    data: dict[str, Any] = {"folder": str(context.paths.data_dir)}
    if config["ok"]:
        data.update(
            device_id=context.device.id,
            device_name=context.device.name,
            devices=len(context.store.device_dirs()),
            writable=os.access(context.store.own_dir, os.W_OK),
        )
    notifications = _notification_backend()
    if notifications.get("advice"):
        advice.append(str(notifications["advice"]))
    return {
        "display_server": display,
        "mode": "focused window" if focus_name else "process-only",
        "focus_probe": focus_name,
        "idle_probe": idle_name,
        "switch_times": _switch_times(watching, focus_name, status if running else None),
        "probes": reports,
        "processes": process_probe,
        "notifications": notifications,
        "config": config,
        "data": data,
        "tracker": tracker,
        "advice": advice,
    }


def _switch_times(
    watching: bool, focus_name: str | None, status: dict[str, Any] | None
) -> dict[str, Any]:
    """How exactly this machine places the moment you switch apps, measured by the running
    tracker where there is one."""
    timing = (status or {}).get("switch_timing") or {}
    mode = timing.get("mode") or ("events" if watching else "polling" if focus_name else "none")
    interval = timing.get("interval")
    if mode == "events":
        median, worst = timing.get("delay_median_ms"), timing.get("delay_max_ms")
        if median is None:
            summary = _("from display events, to the moment (no switch measured yet)")
        else:
            summary = _(
                "from display events: each switch read {median} ms after it happened "
                "(worst {worst} ms, over {events} events)"
            ).format(median=f"{median:g}", worst=f"{worst:g}", events=timing.get("events", 0))
    elif mode == "polling":
        summary = (
            _("by polling: a switch is placed up to {seconds} s late").format(
                seconds=f"{interval:g}"
            )
            if interval
            else _("by polling: a switch is placed up to one interval late")
        )
    else:
        summary = _("not measured: no focus probe works here")
    return {"mode": mode, "summary": summary, **timing}


# The kinds of probe, as the report names them.
_PROBE_KINDS = (NC_("probe", "focus"), NC_("probe", "idle"))
_MODES = {"focused window": N_("focused window mode"), "process-only": N_("process-only mode")}


def _row(label: str, text: str) -> str:
    # The labels line up in a column of 16 cells, whatever their language.
    return f"{pad(_(label), 16)} {text}".rstrip()


def render_text(report: dict[str, Any]) -> str:
    def mark(ok: bool) -> str:
        return _("ok  ") if ok else _("FAIL")

    mode = _(_MODES.get(report["mode"], report["mode"]))
    lines = [_row(N_("display server"), f"{report['display_server']}  ({mode})")]
    width = max(cells(pgettext("probe", kind)) for kind in _PROBE_KINDS)
    for probe in report["probes"]:
        kind = pgettext("probe", probe["kind"])
        # No probe of the kind works here: the kind alone ("focus focus:" read as a typo).
        what = f"{pad(kind, width)} {probe['name']}" if probe["name"] else kind
        lines.append(f"  [{mark(probe['ok'])}] {what}: {probe['reason']}")
    processes = report["processes"]
    running = listing(processes["running_social_apps"]) or _("none")
    lines.append(
        f"  [{mark(processes['ok'])}] "
        + _("processes psutil: social apps running: {apps}").format(apps=running)
    )
    lines.append(_row(N_("switch times"), report["switch_times"]["summary"]))
    notes = report["notifications"]
    lines.append(_row(N_("notifications"), f"{notes['backend']}: {notes['reason']}".rstrip(": ")))
    config = report["config"]
    problem = "" if config["ok"] else f"  ({config['error']})"
    lines.append(_row(N_("config"), f"{config['file']}{problem}"))
    data = report["data"]
    device = (
        "  " + _("device {name} ({id})").format(name=data["device_name"], id=data["device_id"])
        if "device_id" in data
        else ""
    )
    lines.append(_row(N_("data"), f"{data['folder']}{device}"))
    tracker = report["tracker"]
    if tracker["running"]:
        last = tracker.get("last_sample") or {}
        app = last.get("app") or _("nothing social")
        seen = _("last sample {when}: {app}").format(when=last.get("at"), app=app) if last else ""
        running_text = _("running (pid {pid})").format(pid=tracker.get("pid"))
        lines.append(_row(N_("tracker"), f"{running_text} {seen}"))
        switch = tracker.get("last_switch")
        if switch:
            to = switch.get("app") or _("nothing social")
            when, by = switch.get("at"), switch.get("by")
            lines.append(
                " " * 17 + _("last switch {when} to {app}: {by}").format(when=when, app=to, by=by)
            )
    else:
        lines.append(_row(N_("tracker"), _("not running")))
    # Problems of a tracker running as a service have no terminal: they are kept in this file.
    empty = "" if tracker["log_exists"] else " " + _("(empty)")
    lines.append(_row(N_("tracker log"), f"{tracker['log']}{empty}"))
    if report["advice"]:
        lines.append("")
        lines.append(_("What to do:"))
        lines.extend(f"  - {item}" for item in report["advice"])
    return "\n".join(lines)
