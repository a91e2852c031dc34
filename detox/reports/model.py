"""The Report: everything a report shows, computed once for a period; every format renders it.

Plain frozen dataclasses: renderers only read them, and building one needs no validation.
Seconds are kept as floats here; formats round them when they print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import Literal

from detox.reports.periods import Period
from detox.reports.reasons_model import ThreeReasons

PeriodState = Literal["past", "current", "future"]
DeviceKind = Literal["tracker", "manual", "import"]


@dataclass(frozen=True)
class Change:
    """This period against the previous one."""

    seconds: float
    percent: float | None  # None when the previous period had no use to compare with

    @classmethod
    def between(cls, now: float, before: float) -> Change:
        percent = None if before <= 0 else (now - before) / before * 100
        return cls(now - before, percent)


@dataclass(frozen=True)
class DayLine:
    day: date
    seconds: float
    mood: float | None  # the mean of the day's mood entries
    mood_entries: int
    state: PeriodState  # a day still to come shows as such, not as a day without use


@dataclass(frozen=True)
class AppLine:
    app: str
    name: str
    category: str
    seconds: float
    sessions: int
    longest_session: float
    previous_seconds: float

    @property
    def average_session(self) -> float:
        return self.seconds / self.sessions if self.sessions else 0.0

    @property
    def change(self) -> Change:
        return Change.between(self.seconds, self.previous_seconds)


@dataclass(frozen=True)
class CategoryLine:
    category: str
    seconds: float
    previous_seconds: float

    @property
    def change(self) -> Change:
        return Change.between(self.seconds, self.previous_seconds)


@dataclass(frozen=True)
class DeviceLine:
    key: str  # "tracker:<device id>", "manual:<label>", "import:<device>"
    kind: DeviceKind
    name: str  # "laptop", "phone"
    seconds: float
    previous_seconds: float

    @property
    def label(self) -> str:
        how = {"tracker": "tracked", "manual": "entered", "import": "imported"}[self.kind]
        return f"{self.name} ({how})"

    @property
    def shown(self) -> str:
        """The label in the active language ("phone (wpisane)"); `label` stays the data's name."""
        from detox.i18n import _

        how = {
            "tracker": _("{device} (tracked)"),
            "manual": _("{device} (entered)"),
            "import": _("{device} (imported)"),
        }[self.kind]
        return how.format(device=self.name)

    @property
    def change(self) -> Change:
        return Change.between(self.seconds, self.previous_seconds)


@dataclass(frozen=True)
class UsageRow:
    """One app on one device on one day: the CSV's rows."""

    day: date
    app: str
    device: str  # DeviceLine.label
    seconds: float
    sessions: int


@dataclass(frozen=True)
class MoodRow:
    """One mood entry, on the detox day it counts for: the CSV's moods table."""

    day: date
    at: datetime
    score: int
    dimensions: tuple[tuple[str, int], ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Heatmap:
    """Seconds per weekday (row 0 = Monday) and wall-clock hour (column 0 = 00:00-01:00).

    The weekday is that of the local day, so with a 04:00 day start the Monday row's 01:00 column
    holds the night after Monday.
    """

    cells: tuple[tuple[float, ...], ...]

    @property
    def peak(self) -> float:
        return max((value for row in self.cells for value in row), default=0.0)

    @property
    def total(self) -> float:
        return sum(value for row in self.cells for value in row)


@dataclass(frozen=True)
class MoodSummary:
    entries: int
    days_logged: int
    mean: float | None
    previous_mean: float | None
    trend: float | None  # fitted change over the logged days, in points; None under 3 days
    trend_days: int

    @property
    def trend_word(self) -> str | None:
        if self.trend is None:
            return None
        if self.trend >= 0.5:
            return "rising"
        if self.trend <= -0.5:
            return "falling"
        return "steady"


@dataclass(frozen=True)
class BudgetLine:
    target: str  # an app id, "category:NAME" or "total"
    name: str
    weekday_seconds: int
    weekend_seconds: int | None
    days_within: int
    days_over: tuple[date, ...]
    average_seconds: float  # mean daily use of what the budget covers, over the judged days

    @property
    def days_judged(self) -> int:
        return self.days_within + len(self.days_over)


@dataclass(frozen=True)
class BudgetSummary:
    lines: tuple[BudgetLine, ...]
    days_judged: int  # days of the period that have begun
    days_within_all: int  # days on which every budget held
    includes_today: bool  # today is still running, so its figures may change


@dataclass(frozen=True)
class LogLine:
    """An integrity-log entry: a slip, an early end, a rule change, an override."""

    at: datetime
    type: str
    message: str  # as stored (English), for JSON
    text: str = ""  # the line in the report's language (detox.balance.event_text)
    kind: str = ""  # the type in words


@dataclass(frozen=True)
class FastLine:
    id: str
    name: str
    first: date
    last: date  # its end, or the day it was ended early
    state: str  # planned, active, finished, ended
    days_kept: int  # within the report's period
    days_slipped: int
    days_off: int
    streak: int  # kept days in a row at the end of the period
    longest_streak: int
    log: tuple[LogLine, ...]


@dataclass(frozen=True)
class InsightsSummary:
    sentences: tuple[str, ...]
    caveat: str  # empty when there are no findings to qualify


@dataclass(frozen=True)
class Report:
    period: Period
    previous: Period  # the days compared with: for a running period, as many as have passed
    previous_partial: bool
    state: PeriodState
    today: date
    generated_at: datetime
    day_start: time
    week_start_index: int  # 0 = Monday
    zone: tzinfo | None  # the user's zone; None means the system's
    zone_name: str | None  # None: the system's zone (no timezone set)
    days: tuple[DayLine, ...]
    total_seconds: float
    previous_total_seconds: float
    apps: tuple[AppLine, ...]  # used in the period, most used first
    dropped_apps: tuple[AppLine, ...]  # used in the previous period only
    categories: tuple[CategoryLine, ...]
    devices: tuple[DeviceLine, ...]
    rows: tuple[UsageRow, ...]
    heatmap: Heatmap
    mood: MoodSummary
    budgets: BudgetSummary
    fasts: tuple[FastLine, ...]
    insights: InsightsSummary
    notes: tuple[str, ...] = field(default_factory=tuple)  # what a reader should know
    mood_rows: tuple[MoodRow, ...] = field(default_factory=tuple)  # the period's entries, in order
    three_reasons: ThreeReasons = field(
        default_factory=lambda: ThreeReasons((), (), (), "")
    )  # self-esteem, blood pressure, offline life

    @property
    def change(self) -> Change:
        return Change.between(self.total_seconds, self.previous_total_seconds)

    @property
    def days_elapsed(self) -> int:
        return sum(1 for line in self.days if line.state != "future")

    @property
    def daily_average(self) -> float:
        elapsed = self.days_elapsed
        return self.total_seconds / elapsed if elapsed else 0.0

    @property
    def sessions(self) -> int:
        return sum(app.sessions for app in self.apps)

    @property
    def empty(self) -> bool:
        return self.total_seconds <= 0

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone) if self.zone is not None else instant.astimezone()

    def weekday_order(self) -> list[int]:
        """Weekday indexes (0 = Monday) starting at the configured week start."""
        return [(self.week_start_index + offset) % 7 for offset in range(7)]

    def hour_order(self) -> list[int]:
        """Hours of the day starting at the day start, so a night reads left to right."""
        return [(self.day_start.hour + offset) % 24 for offset in range(24)]
