"""How a fast is going: each local day kept, slipped, pending, a day off or cut by an early end;
day N of M; the current and the longest streak.

Days are local days (they begin at the configured day start in the user's zone), so use at 01:00
counts to the evening before. Curfews are wall-clock windows on calendar dates and may cross
midnight; the part of a curfew night before the day start belongs to the day before. All sums are
taken over UTC instants, so days around a DST change (23 or 25 hours) are measured exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal, NamedTuple

from detox.balance.rules import covers, rules_on
from detox.clock import day_bounds, local_datetime, local_day, to_local
from detox.durations import whole_minutes
from detox.models import Fast, Rule, UsageSpan

DayStatus = Literal["kept", "slipped", "pending", "day_off", "ended"]
FastState = Literal["planned", "active", "finished", "ended"]

# Under a minute over is not a slip: a stray click on a link should not break a streak. The tracker
# never records less than one sampling interval anyway.
SLIP_THRESHOLD_SECONDS = 60


# RuleCheck and DayResult are named tuples rather than frozen dataclasses: a dataclass compiles
# its methods when the module is imported, and these two were some 8 M instructions of every
# command that judges a fast (a report with one: a twentieth of its extra cost).


class RuleCheck(NamedTuple):
    """One rule on one day: the time it counted, and what it allowed."""

    rule: Rule
    used_seconds: float
    allowed_seconds: float

    @property
    def over_seconds(self) -> float:
        return max(0.0, self.used_seconds - self.allowed_seconds)

    @property
    def over_minutes(self) -> int:
        return whole_minutes(self.over_seconds)

    @property
    def slipped(self) -> bool:
        return self.over_seconds >= SLIP_THRESHOLD_SECONDS


class DayResult(NamedTuple):
    day: date
    status: DayStatus
    checks: tuple[RuleCheck, ...] = ()
    complete: bool = False  # the day is over, so its figures will not change

    @property
    def slips(self) -> tuple[RuleCheck, ...]:
        return tuple(check for check in self.checks if check.slipped)


class Compliance:
    """A fast's days judged as of `today`. A plain class: a frozen dataclass compiles its methods
    on import, some 4 M instructions of every command that judges a fast."""

    __slots__ = ("days", "fast", "last_day", "today")
    fast: Fast
    today: date
    last_day: date  # the end date, or the day the fast was ended early
    days: tuple[DayResult, ...]

    def __init__(
        self, fast: Fast, today: date, last_day: date, days: tuple[DayResult, ...]
    ) -> None:
        # Read-only, as the frozen dataclass it was: judged days are shared between readers.
        object.__setattr__(self, "fast", fast)
        object.__setattr__(self, "today", today)
        object.__setattr__(self, "last_day", last_day)
        object.__setattr__(self, "days", days)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Compliance is read-only: cannot set {name}")

    def __repr__(self) -> str:
        return (
            f"Compliance(fast={self.fast!r}, today={self.today!r}, "
            f"last_day={self.last_day!r}, days={self.days!r})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Compliance):
            return NotImplemented
        return (self.fast, self.today, self.last_day, self.days) == (
            other.fast,
            other.today,
            other.last_day,
            other.days,
        )

    def __hash__(self) -> int:
        return hash((self.fast.id, self.today, self.last_day, self.days))

    @property
    def state(self) -> FastState:
        if self.fast.ended_at is not None:
            return "ended"  # ended early (or called off before it began)
        if self.today < self.fast.start:
            return "planned"
        return "finished" if self.today > self.fast.end else "active"

    @property
    def day_count(self) -> int:
        return len(self.days)

    @property
    def day_number(self) -> int | None:
        """Day N of the fast today, counting from 1; None unless the fast is running."""
        if self.state != "active":
            return None
        return (self.today - self.fast.start).days + 1

    @property
    def counted_days(self) -> int:
        """Days the rules apply to: the fast's days without its days off."""
        return sum(1 for day in self.days if day.status != "day_off")

    @property
    def counted_day_number(self) -> int | None:
        """Day N among the counted days (Lent's 40 without its Sundays); None unless running."""
        if self.state != "active":
            return None
        return sum(1 for d in self.days if d.day <= self.today and d.status != "day_off")

    def count(self, status: DayStatus) -> int:
        return sum(1 for day in self.days if day.status == status)

    @property
    def current_streak(self) -> int:
        return _streaks(self.days, self.today)[0]

    @property
    def longest_streak(self) -> int:
        return _streaks(self.days, self.today)[1]

    def day(self, day: date) -> DayResult | None:
        index = (day - self.fast.start).days
        return self.days[index] if 0 <= index < len(self.days) else None


def _streaks(days: Iterable[DayResult], today: date) -> tuple[int, int]:
    """Kept days in a row, days off neither counting nor breaking; today waits until it is over."""
    run = longest = 0
    for result in days:
        if result.day > today or result.status == "ended":
            break
        if result.status == "kept":
            run += 1
            longest = max(longest, run)
        elif result.status == "slipped":
            run = 0
    return run, longest


def last_day(fast: Fast, day_start: time, zone: tzinfo | None) -> date:
    if fast.ended_at is None:
        return fast.end
    return min(fast.end, local_day(fast.ended_at, day_start, zone))


def curfew_windows(
    rule: Rule, start: datetime, end: datetime, zone: tzinfo | None
) -> list[tuple[datetime, datetime]]:
    """The parts of [start, end) inside the rule's curfew, as UTC intervals."""
    assert rule.curfew_start is not None and rule.curfew_end is not None
    crosses_midnight = rule.curfew_end <= rule.curfew_start
    first = to_local(start, zone).date() - timedelta(days=1)
    last = to_local(end, zone).date()
    windows: list[tuple[datetime, datetime]] = []
    calendar_day = first
    while calendar_day <= last:
        closing_day = calendar_day + timedelta(days=1) if crosses_midnight else calendar_day
        lo = max(start, local_datetime(calendar_day, rule.curfew_start, zone))
        hi = min(end, local_datetime(closing_day, rule.curfew_end, zone))
        if lo < hi:
            windows.append((lo, hi))
        calendar_day += timedelta(days=1)
    return windows


def _check(
    rule: Rule,
    spans: list[UsageSpan],
    start: datetime,
    end: datetime,
    category_of: Callable[[str], str | None],
    zone: tzinfo | None,
) -> RuleCheck:
    counts: dict[str, bool] = {}  # an app's few hundred spans ask the same question
    counted = []
    for span in spans:
        app = span.app
        counts_it = counts.get(app)
        if counts_it is None:
            counts_it = counts[app] = covers(rule, app, category_of(app))
        if counts_it:
            counted.append(span)
    if rule.kind == "curfew":
        windows = curfew_windows(rule, start, end, zone)
        used = sum(span.overlap_seconds(lo, hi) for span in counted for lo, hi in windows)
    else:
        used = sum(span.overlap_seconds(start, end) for span in counted)
    allowed = float(rule.limit_seconds or 0) if rule.kind == "limit" else 0.0
    return RuleCheck(rule, used, allowed)


def _check_seconds(
    rule: Rule, seconds: dict[str, float], category_of: Callable[[str], str | None]
) -> RuleCheck:
    used = sum(value for app, value in seconds.items() if covers(rule, app, category_of(app)))
    allowed = float(rule.limit_seconds or 0) if rule.kind == "limit" else 0.0
    return RuleCheck(rule, used, allowed)


def evaluate(
    fast: Fast,
    spans: list[UsageSpan],
    category_of: Callable[[str], str | None],
    day_start: time,
    zone: tzinfo | None,
    now: datetime,
) -> Compliance:
    """Judge every day of a fast against the spans of its period (from every device)."""
    return evaluate_days(
        fast, spans_by_day(spans, day_start, zone), category_of, day_start, zone, now
    )


def evaluate_days(
    fast: Fast,
    by_day: dict[date, list[UsageSpan]],
    category_of: Callable[[str], str | None],
    day_start: time,
    zone: tzinfo | None,
    now: datetime,
    whole_days: dict[date, dict[str, float]] | None = None,
    known: dict[date, DayResult] | None = None,
) -> Compliance:
    """`evaluate` with the spans already grouped by day: many fasts over one period share the
    grouping instead of each redoing it.

    `whole_days` (seconds per app of whole local days, from the daily rollups) judges the days
    that `needs_spans` says need none; `by_day` then only needs the spans of the others. `known`
    holds days judged before (kept across processes by judged_cache), taken as they are."""
    today = local_day(now, day_start, zone)
    final = last_day(fast, day_start, zone)
    results: list[DayResult] = []
    day = fast.start
    while day <= fast.end:
        if known is not None and day in known:
            results.append(known[day])
            day += timedelta(days=1)
            continue
        day_spans = by_day.get(day, [])
        seconds = None
        if whole_days is not None and not needs_spans(fast, day, today, day_start, zone):
            seconds = whole_days.get(day, {})
        results.append(
            _judge_day(fast, day, today, final, day_spans, category_of, day_start, zone, seconds)
        )
        day += timedelta(days=1)
    return Compliance(fast=fast, today=today, last_day=final, days=tuple(results))


def needs_spans(fast: Fast, day: date, today: date, day_start: time, zone: tzinfo | None) -> bool:
    """Whether judging a day of a fast needs its spans, not only its seconds per app: today
    (it is not over), a day the fast began or was ended within, and a day with a curfew (its
    window is a part of the day). Days that need nothing (pending, days off, after an early end)
    count as needing none."""
    if day > today or day > last_day(fast, day_start, zone):
        return False
    if day == today:
        return True
    rules, days_off = rules_on(fast, day)
    if day.weekday() in days_off:
        return False
    start, end = day_bounds(day, day_start, zone)
    if fast.starts_at is not None and fast.starts_at > start:
        return True
    if fast.ended_at is not None and fast.ended_at < end:
        return True
    return any(rule.kind == "curfew" for rule in rules)


def spans_by_day(
    spans: list[UsageSpan], day_start: time, zone: tzinfo | None
) -> dict[date, list[UsageSpan]]:
    """Each span under every local day it touches, so a day looks only at its own spans."""
    by_day: dict[date, list[UsageSpan]] = {}
    # Spans come sorted and mostly lie inside one day: once a span was placed in a day whose
    # wall clock runs evenly, the next ones inside its bounds go there without the zone
    # arithmetic (two conversions a span, most of judging today).
    within: tuple[datetime, datetime, list[UsageSpan]] | None = None
    for span in spans:
        if within is not None and within[0] <= span.start < within[1] and span.end <= within[1]:
            within[2].append(span)
            continue
        first = local_day(span.start, day_start, zone)
        last = local_day(max(span.start, span.end - _INSTANT), day_start, zone)
        day = first
        while day <= last:
            by_day.setdefault(day, []).append(span)
            day += timedelta(days=1)
        if first == last:
            within = _even_day(first, day_start, zone, by_day[first])
    return by_day


_INSTANT = timedelta(microseconds=1)


def _even_day(
    day: date, day_start: time, zone: tzinfo | None, spans: list[UsageSpan]
) -> tuple[datetime, datetime, list[UsageSpan]] | None:
    """A day's bounds when every instant inside them is of that day by `local_day`: no change
    of UTC offset between them (so its wall clock runs evenly), and both ends of that day."""
    start, end = day_bounds(day, day_start, zone)
    if to_local(start, zone).utcoffset() != to_local(end, zone).utcoffset():
        return None
    if {local_day(start, day_start, zone), local_day(end - _INSTANT, day_start, zone)} != {day}:
        return None
    return start, end, spans


def _judge_day(
    fast: Fast,
    day: date,
    today: date,
    final: date,
    spans: list[UsageSpan],
    category_of: Callable[[str], str | None],
    day_start: time,
    zone: tzinfo | None,
    seconds: dict[str, float] | None = None,
) -> DayResult:
    if day > final:
        return DayResult(day, "ended", complete=True)
    rules, days_off = rules_on(fast, day)
    if day.weekday() in days_off:
        return DayResult(day, "day_off", complete=day < today)
    if day > today:
        return DayResult(day, "pending")
    start, end = day_bounds(day, day_start, zone)
    if fast.starts_at is not None:  # use before the fast existed never counts against it
        start = min(end, max(start, fast.starts_at))
    cut_short = fast.ended_at is not None and fast.ended_at < end
    if cut_short and fast.ended_at is not None:
        end = max(start, fast.ended_at)
    if seconds is not None:  # a whole day, no curfew: its seconds per app say it all
        checks = tuple(_check_seconds(rule, seconds, category_of) for rule in rules)
    else:
        checks = tuple(_check(rule, spans, start, end, category_of, zone) for rule in rules)
    complete = day < today or cut_short
    if any(check.slipped for check in checks):
        return DayResult(day, "slipped", checks, complete)
    if cut_short:
        return DayResult(day, "ended", checks, complete)
    return DayResult(day, "kept" if day < today else "pending", checks, complete)
