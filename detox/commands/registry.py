"""Every `detox` command: the module that defines it and the summary `detox --help` lists.

`detox --help` lists the commands from here, so it imports no command module (it imported all
twelve and their services, most of its start); running a command imports only its own module.
A test checks that each summary is the first sentence of its command's help, so the two cannot
drift apart, and that every command of every module is here.
"""

from __future__ import annotations

from typing import NamedTuple

from detox.i18n import N_


class Entry(NamedTuple):
    module: str  # under detox.commands
    summary: str  # English, marked for the catalogs; shown through `_`


ENTRIES: dict[str, Entry] = {
    "apps": Entry("apps", N_("The social apps and sites detox recognises.")),
    "baseline": Entry(
        "balance", N_("A period of ordinary use that insights compares your fasts with.")
    ),
    "budget": Entry(
        "balance",
        N_("Daily budgets per app, per category, or in total (`detox budget set facebook 30m`)."),
    ),
    "checkin": Entry(
        "checkin", N_("Weekly check-in: life satisfaction and three loneliness questions.")
    ),
    "config": Entry(
        "config", N_("Read and change settings in config.toml (comments in the file are kept).")
    ),
    "devices": Entry(
        "devices",
        N_("Devices with data here: machines (this one, and synced ones) and phones or imports."),
    ),
    "doctor": Entry(
        "tracking", N_("What works on this machine, what does not, and what to do about it.")
    ),
    "export": Entry("data", N_("Export everything detox knows, merged from all your devices.")),
    "fast": Entry(
        "balance", N_("Fasts: a named period with rules (Lent, Great Lent, a week off, your own).")
    ),
    "health": Entry("health", N_("Blood pressure, resting pulse and sleep readings.")),
    "import": Entry(
        "imports",
        N_(
            "Bring in history: ActivityWatch, day totals from a CSV, a detox export, or health "
            "readings (Apple Health, a blood-pressure monitor's CSV)."
        ),
    ),
    "insights": Entry(
        "insights",
        N_("Mood on fast days vs other days, social media time vs mood, and your tags."),
    ),
    "log": Entry(
        "entries", N_("Record use that the tracker cannot see, e.g. `detox log instagram 25m`.")
    ),
    "mood": Entry(
        "mood",
        N_('Log how you feel (1-10): `detox mood 7 --anxiety 4 --tag walk --note "slept well"`.'),
    ),
    "offline": Entry(
        "health",
        N_(
            "Time spent offline (a walk, sport, family, reading), beside the time a fast gave back."
        ),
    ),
    "purge": Entry(
        "data",
        N_(
            "Delete all your detox data: every device's files, report rollups, reminder and "
            "tracker state."
        ),
    ),
    "remind": Entry(
        "remind",
        N_("Reminders and nudges: mood check-in, weekly report, fasts, budgets, breaks, your own."),
    ),
    "report": Entry(
        "report",
        N_(
            "Your social media use, mood, budgets and fasts for a week (this one by default), a "
            "month or any range of days, compared with the period before."
        ),
    ),
    "service": Entry(
        "tracking",
        N_(
            "Start the tracker at login (systemd user unit, launchd agent or Startup entry; "
            "no root)."
        ),
    ),
    "status": Entry(
        "entries",
        N_("Social time, budgets, the running fast and mood for a detox day (today by default)."),
    ),
    "track": Entry(
        "tracking", N_("Track which social app or site is in front of you (runs until stopped).")
    ),
}
