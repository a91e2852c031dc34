"""`detox report --format csv`: one row per local day, app and device.

    date,app,device,seconds,sessions
Days and apps without use have no row; seconds are whole numbers. A spreadsheet's pivot table
over these rows gives the same totals as the other formats.
"""

from __future__ import annotations

import csv
import io

from detox.durations import whole
from detox.reports.model import Report

HEADER = ("date", "app", "device", "seconds", "sessions")


def render_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in report.rows:
        writer.writerow(
            (row.day.isoformat(), row.app, row.device, whole(row.seconds), row.sessions)
        )
    return out.getvalue()
