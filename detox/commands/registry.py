"""Every `detox` command: the module that defines it and the summary `detox --help` lists.

`detox --help` lists the commands from here, so it imports no command module (it imported all
twelve and their services, most of its start); running a command imports only its own module.
A test checks that each summary is the first sentence of its command's help, so the two cannot
drift apart, and that every command of every module is here.
"""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    module: str  # under detox.commands
    summary: str


ENTRIES: dict[str, Entry] = {
    "apps": Entry("apps", "The social apps and sites detox recognises."),
    "baseline": Entry(
        "balance", "A period of ordinary use that insights compares your fasts with."
    ),
    "budget": Entry(
        "balance",
        "Daily budgets per app, per category, or in total (`detox budget set facebook 30m`).",
    ),
    "checkin": Entry(
        "checkin", "Weekly check-in: life satisfaction and three loneliness questions."
    ),
    "config": Entry(
        "config", "Read and change settings in config.toml (comments in the file are kept)."
    ),
    "devices": Entry(
        "devices",
        "Devices with data here: machines (this one, and synced ones) and phones or imports.",
    ),
    "doctor": Entry(
        "tracking", "What works on this machine, what does not, and what to do about it."
    ),
    "export": Entry("data", "Export everything detox knows, merged from all your devices."),
    "fast": Entry(
        "balance", "Fasts: a named period with rules (Lent, Great Lent, a week off, your own)."
    ),
    "health": Entry("health", "Blood pressure, resting pulse and sleep readings."),
    "import": Entry(
        "imports",
        "Bring in history: ActivityWatch, day totals from a CSV, a detox export, or health "
        "readings (Apple Health, a blood-pressure monitor's CSV).",
    ),
    "insights": Entry(
        "insights",
        "Mood on fast days vs other days, social media time vs mood, and your tags.",
    ),
    "log": Entry(
        "entries", "Record use that the tracker cannot see, e.g. `detox log instagram 25m`."
    ),
    "mood": Entry(
        "mood",
        'Log how you feel (1-10): `detox mood 7 --anxiety 4 --tag walk --note "slept well"`.',
    ),
    "offline": Entry(
        "health",
        "Time spent offline (a walk, sport, family, reading), beside the time a fast gave back.",
    ),
    "purge": Entry(
        "data",
        "Delete all your detox data: every device's files, report rollups, reminder and "
        "tracker state.",
    ),
    "remind": Entry(
        "remind",
        "Reminders and nudges: mood check-in, weekly report, fasts, budgets, breaks, your own.",
    ),
    "report": Entry(
        "report",
        "Your social media use, mood, budgets and fasts for a week (this one by default), a "
        "month or any range of days, compared with the period before.",
    ),
    "service": Entry(
        "tracking",
        "Start the tracker at login (systemd user unit, launchd agent or Startup entry; no root).",
    ),
    "status": Entry(
        "entries",
        "Social time, budgets, the running fast and mood for a detox day (today by default).",
    ),
    "track": Entry(
        "tracking", "Track which social app or site is in front of you (runs until stopped)."
    ),
}
