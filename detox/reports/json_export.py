"""`detox report --format json`: the documented keys, nothing else at the top level.

    period            {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"} (both days included)
    previous_period   the same, for the period compared with
    total_seconds, previous_total_seconds
    days              [{"date", "seconds", "mood"}]: mood is the day's mean score or null
    apps              [{"app", "name", "seconds", "sessions", "longest_session_seconds"}]
    categories        [{"category", "seconds", "previous_seconds"}], most used first
    devices           [{"device", "kind", "name", "seconds", "previous_seconds"}]: kind is
                      tracker, manual or import
    heatmap           7 rows (Monday first, by local day) x 24 wall-clock hours, in seconds
    budgets           {"days_judged", "days_within_all", "includes_today", "budgets": [...]}
    fasts             [{"id", "name", "start", "end", "state", "days_kept", "days_slipped",
                        "days_off", "streak", "longest_streak", "log": [{"at", "type",
                        "message"}]}]
    mood              {"entries", "days_logged", "mean", "previous_mean", "trend", "trend_word"}
    insights          {"sentences": [...], "caveat": "..."}
    three_reasons     {"self_esteem", "blood_pressure": {"morning_systolic", ...}, "resting_pulse",
                       "sleep_hours", "offline_seconds", "offline_by_activity", "weeks": [{"start",
                       "end", "fast_days", "baseline_seconds", "reclaimed_seconds",
                       "offline_seconds", "offline_by_activity"}], "days": [...], "sentences",
                       "caveat"}
Seconds are whole numbers (each rounded once from the exact sum, half up, so the minutes worked out
from them are the ones the other formats print); a day's local bounds follow the day start setting.
"""

from __future__ import annotations

import json
from typing import Any

from detox.durations import whole
from detox.reports.model import Report
from detox.reports.periods import Period
from detox.reports.reasons import three_reasons_json


def _period(period: Period) -> dict[str, str]:
    return {"start": period.first.isoformat(), "end": period.last.isoformat()}


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def report_json(report: Report) -> dict[str, Any]:
    budgets = report.budgets
    return {
        "period": _period(report.period),
        "previous_period": _period(report.previous),
        "total_seconds": whole(report.total_seconds),
        "previous_total_seconds": whole(report.previous_total_seconds),
        "days": [
            {
                "date": line.day.isoformat(),
                "seconds": whole(line.seconds),
                "mood": _score(line.mood),
            }
            for line in report.days
        ],
        "apps": [
            {
                "app": line.app,
                "name": line.name,
                "seconds": whole(line.seconds),
                "sessions": line.sessions,
                "longest_session_seconds": whole(line.longest_session),
            }
            for line in report.apps
        ],
        "categories": [
            {
                "category": line.category,
                "seconds": whole(line.seconds),
                "previous_seconds": whole(line.previous_seconds),
            }
            for line in report.categories
        ],
        "devices": [
            {
                "device": line.key,
                "kind": line.kind,
                "name": line.name,
                "seconds": whole(line.seconds),
                "previous_seconds": whole(line.previous_seconds),
            }
            for line in report.devices
        ],
        "heatmap": [[whole(value) for value in row] for row in report.heatmap.cells],
        "budgets": {
            "days_judged": budgets.days_judged,
            "days_within_all": budgets.days_within_all,
            "includes_today": budgets.includes_today,
            "budgets": [
                {
                    "target": line.target,
                    "name": line.name,
                    "weekday_seconds": line.weekday_seconds,
                    "weekend_seconds": line.weekend_seconds,
                    "days_within": line.days_within,
                    "days_over": [day.isoformat() for day in line.days_over],
                    "average_seconds": whole(line.average_seconds),
                }
                for line in budgets.lines
            ],
        },
        "fasts": [
            {
                "id": fast.id,
                "name": fast.name,
                "start": fast.first.isoformat(),
                "end": fast.last.isoformat(),
                "state": fast.state,
                "days_kept": fast.days_kept,
                "days_slipped": fast.days_slipped,
                "days_off": fast.days_off,
                "streak": fast.streak,
                "longest_streak": fast.longest_streak,
                "log": [
                    {"at": entry.at.isoformat(), "type": entry.type, "message": entry.message}
                    for entry in fast.log
                ],
            }
            for fast in report.fasts
        ],
        "mood": {
            "entries": report.mood.entries,
            "days_logged": report.mood.days_logged,
            "mean": _score(report.mood.mean),
            "previous_mean": _score(report.mood.previous_mean),
            "trend": _score(report.mood.trend),
            "trend_word": report.mood.trend_word,
        },
        "insights": {
            "sentences": list(report.insights.sentences),
            "caveat": report.insights.caveat,
        },
        "three_reasons": three_reasons_json(report.three_reasons),
    }


def render_json(report: Report) -> str:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"
