"""ActivityWatch history as detox spans: active social time per device and app.

How a moment counts, per machine (ActivityWatch host):
- the focused window (window buckets) during not-afk time (AFK buckets); where several events
  claim a moment the one that began last wins, and gaps up to 5 s are filled, as ActivityWatch's
  own summaries do;
- a desktop app by its process or window class, on any OS (an export may come from another one);
- a browser window by the page its web-extension bucket saw at that moment (the URL's domain), so
  a window titled just "Mozilla Firefox" still counts; without a web event, by the window title.
  Web events are only counted while a browser window is focused and you are active, so a moment
  seen by both a browser window and a web event counts once;
- Android buckets (the app's package, e.g. com.instagram.android) make a phone device; a phone's
  web events count where no social app was in front.
A machine detox itself tracks (same host name) is imported only up to its first tracked moment,
so history and tracking never count the same minute twice.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from itertools import repeat
from typing import Any, TypeVar

from detox.catalog import OS_NAMES, Catalog, normalize_process_name
from detox.clock import Clock
from detox.durations import whole
from detox.i18n import _, count, listing, plural
from detox.importers.aw_source import AwBucket, AwData, AwEvent, BucketKind
from detox.importers.intervals import (
    Interval,
    Piece,
    clip,
    new_tuple,
    split_by,
    subtract,
    timeline,
    union,
)
from detox.importers.summary import Counts, ImportSummary
from detox.importers.writing import first_tracked, span_changes
from detox.models import (
    EARLIEST_DATE,
    LATEST_DATE,
    DeviceInfo,
    Event,
    UsageSpan,
    made_spans,
    span_list_adapter,
)
from detox.store import Store

V = TypeVar("V")

PHONE = "phone"
MAX_SPAN_SECONDS = 86_400  # a stored span is at most a day long
_LONGEST_SPAN = timedelta(seconds=MAX_SPAN_SECONDS)
# The name of an app must be this long to be matched by name; "X" or "ig" as a window class
# would otherwise be taken for a social network.
_MIN_NAME_MATCH = 3


@dataclass
class _Host:
    name: str
    windows: list[AwBucket] = field(default_factory=list)
    afk: list[AwBucket] = field(default_factory=list)
    web: list[AwBucket] = field(default_factory=list)


@dataclass
class _Phone:
    name: str
    apps: list[AwBucket] = field(default_factory=list)
    web: list[AwBucket] = field(default_factory=list)


@dataclass(frozen=True)
class AwSpans:
    spans: list[UsageSpan]
    device_names: dict[str, str]
    notes: list[str]


class AppMatcher:
    """The catalog's answers for a window from any OS, since an export may come from another."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._catalogs = [catalog] + [
            Catalog(catalog.apps, catalog.browsers, os_name)
            for os_name in OS_NAMES
            if os_name != catalog.os_name
        ]
        self._browser_processes = {
            browser.id: {name for names in browser.processes.values() for name in names}
            for browser in catalog.browsers
        }
        # A year of history repeats a few hundred window classes and pages many thousand times.
        self.is_browser = functools.cache(self._is_browser)
        self.browsers_of = functools.cache(self._browsers_of)
        self.desktop_app = functools.cache(self._desktop_app)
        self.web_app = functools.cache(self._web_app)
        self.title_app = functools.cache(self._title_app)

    def _is_browser(self, app: str) -> bool:
        return any(c.is_browser(app) for c in self._catalogs)

    def _browsers_of(self, app: str) -> frozenset[str]:
        name = normalize_process_name(app)
        return frozenset(b for b, names in self._browser_processes.items() if name in names)

    def _desktop_app(self, app: str) -> str | None:
        for catalog in self._catalogs:
            found = catalog.app_for_process(app)
            if found is not None:
                return found
        return self._by_name(app)

    def android_app(self, data: Mapping[str, Any]) -> str | None:
        package, label = _text(data, "package"), _text(data, "app")
        for candidate in (package, label):
            if candidate:
                found = self.catalog.app_for_android_package(candidate)
                if found is not None:
                    return found
        return self._by_name(label)

    def _web_app(self, url: str, title: str) -> str | None:
        if url:
            return self.catalog.app_for_domain(url) if "://" in url or "." in url else None
        return self.catalog.match_title(title) if title else None

    def _title_app(self, title: str) -> str | None:
        return self.catalog.match_title(title)

    def _by_name(self, name: str) -> str | None:
        lowered = name.strip().lower()
        if len(lowered) < _MIN_NAME_MATCH:
            return None
        app = self.catalog.get(lowered)
        if app is not None and lowered in (app.id, app.name.lower()):
            return app.id
        return None


def time_from_activitywatch(
    data: AwData,
    catalog: Catalog,
    devices: Sequence[DeviceInfo] = (),
    tracked_since: Mapping[str, datetime] | None = None,
) -> AwTime:
    """Active time per (device, app); see spans_from_activitywatch."""
    matcher = AppMatcher(catalog)
    hosts, phones = _group(data.buckets)
    notes: list[str] = []
    names: dict[str, str] = {}
    per_label: dict[tuple[str, str], list[Interval]] = defaultdict(list)
    for phone in phones.values():
        label = PHONE if len(phones) == 1 else f"{PHONE}-{_slug(phone.name)}"
        names[label] = PHONE if phone.name in ("", "unknown") else f"{PHONE} ({phone.name})"
        for app, intervals in _by_week(phone, lambda part: _phone_time(part, matcher)):
            per_label[(label, app)].extend(intervals)
    for host in hosts.values():
        known = _known_device(host.name, devices)
        label = known.id if known else host.name
        names[label] = known.name if known else host.name
        if not host.afk and host.windows:
            notes.append(
                _("{name}: no AFK bucket, so all focused-window time counted as active").format(
                    name=host.name
                )
            )
        found: dict[str, list[Interval]] = defaultdict(list)
        for app, intervals in _by_week(host, lambda part: _desktop_time(part, matcher)):
            found[app].extend(intervals)
        cutoff = (tracked_since or {}).get(label)
        if cutoff is not None:
            cut = [(cutoff, datetime.max.replace(tzinfo=cutoff.tzinfo))]
            found = {app: subtract(intervals, cut) for app, intervals in found.items()}
            notes.append(
                _(
                    "{name}: detox tracks this machine itself, so only its history before "
                    "{when} was taken"
                ).format(name=names[label], when=cutoff.isoformat(timespec="minutes"))
            )
        for app, intervals in found.items():
            per_label[(label, app)].extend(intervals)
    time_of = {key: union(intervals) for key, intervals in sorted(per_label.items())}
    used_names = {label for (label, _), intervals in time_of.items() if intervals}
    return AwTime(time_of, {k: v for k, v in names.items() if k in used_names}, notes)


def spans_from_activitywatch(
    data: AwData,
    catalog: Catalog,
    devices: Sequence[DeviceInfo] = (),
    tracked_since: Mapping[str, datetime] | None = None,
) -> AwSpans:
    """Spans per (device, app) from ActivityWatch buckets; pure, so tests can check it by hand.

    `devices` are the machines detox knows: a host of the same name is labelled with that
    machine's id, and cut at `tracked_since[id]`, the first moment detox tracked it.
    """
    found = time_from_activitywatch(data, catalog, devices, tracked_since)
    spans = [span for month in found.months() for span in found.spans_of(month)]
    return AwSpans(spans, found.device_names, found.notes)


@dataclass(frozen=True)
class AwTime:
    """Active time per (device, app) as sorted, disjoint intervals; spans are made from it a
    month at a time (a span object is some 700 bytes: 120,000 of them at once was 90 MB)."""

    intervals: dict[tuple[str, str], list[Interval]]
    device_names: dict[str, str]
    notes: list[str]

    def months(self) -> list[str]:
        found: set[str] = set()
        for intervals in self.intervals.values():
            index = 0
            while index < len(intervals):  # a jump per month, as the intervals are sorted
                first, after = _month_of(intervals[index][0])
                found.add(f"{first.year:04d}-{first.month:02d}")
                index = bisect.bisect_left(intervals, after, lo=index, key=_start)
        return sorted(found)

    def spans_of(self, month: str) -> list[UsageSpan]:
        """The spans starting in `month` (YYYY-MM, UTC), by device and app."""
        first, after = _month_of(_first_of(month))
        fields: list[dict[str, Any]] = []
        for (label, app), found in self.intervals.items():
            low = bisect.bisect_left(found, first, key=_start)
            high = bisect.bisect_left(found, after, lo=low, key=_start)
            for start, end in found[low:high]:
                fields.extend(_spans(label, app, start, end))
        if first >= _EARLIEST and after <= _AFTER_LATEST:
            # Every value was worked out here from checked events: labels and app ids are
            # text, starts UTC within the dates a record may hold (events before 1970 and
            # after now were left out), durations more than 0 and at most a day (_spans).
            return made_spans(fields)
        return span_list_adapter().validate_python(fields)  # refuses as it always did


_EARLIEST = datetime.combine(EARLIEST_DATE, time(0), tzinfo=UTC)
_AFTER_LATEST = datetime.combine(LATEST_DATE + timedelta(days=1), time(0), tzinfo=UTC)


def _first_of(month: str) -> datetime:
    return datetime.fromisoformat(f"{month}-01T00:00:00+00:00")


def _start(interval: Interval) -> datetime:
    return interval[0]


def _month_of(instant: datetime) -> Interval:
    """The UTC month `instant` lies in, as [first moment, first moment of the next)."""
    first = datetime(instant.year, instant.month, 1, tzinfo=UTC)
    return first, (first + timedelta(days=32)).replace(day=1)


def import_activitywatch(
    data: AwData,
    source: str,
    store: Store,
    catalog: Catalog,
    clock: Clock,
    dry_run: bool = False,
) -> ImportSummary:
    """Import (or with dry_run only count) what an export or server holds; returns a summary."""
    data, outside = within_time(data, clock.now())
    devices = store.devices()
    hosts = {b.host for b in data.buckets}
    candidates = [d.id for d in devices if _known_device_matches(d, hosts)]
    found = time_from_activitywatch(data, catalog, devices, first_tracked(store, candidates))
    summary = ImportSummary(source, "activitywatch", dry_run, device_names=found.device_names)
    counts = summary.counts["spans"] = Counts()
    written = 0
    seconds = 0.0
    # A month at a time: compared with what is stored, written, and let go.
    for month in found.months():
        spans = found.spans_of(month)
        changed, month_counts = span_changes(store, spans, _month_of(_first_of(month)))
        counts.new += month_counts.new
        counts.updated += month_counts.updated
        counts.unchanged += month_counts.unchanged
        summary.add_spans(spans)
        if not dry_run and changed:
            store.add_spans(changed)
            written += len(changed)
            seconds += sum(s.duration for s in changed)
    summary.notes.extend(found.notes)
    if data.skipped:
        summary.notes.append(
            plural(
                len(data.skipped),
                "skipped {n} other bucket: {names}",
                "skipped {n} other buckets: {names}",
            ).format(n=len(data.skipped), names=listing(data.skipped))
        )
    if outside:
        summary.notes.append(
            _("skipped {events} dated in the future or before 1970").format(
                events=count(outside, "event", "events")
            )
        )
    if not written:
        return summary
    now = clock.now()
    store.put(
        Event(
            device=store.device.id,
            updated_at=now,
            at=now,
            type="import",
            message=f"Imported {written} spans from {source}",
            data={
                "source": "activitywatch",
                "spans": counts.written,
                "seconds": whole(seconds),
                "device_names": found.device_names,
            },
        )
    )
    return summary


def within_time(data: AwData, now: datetime) -> tuple[AwData, int]:
    """The events that happened: one dated later than now (a clock set to 2030) would show as
    the device's last data, and one before 1970 as a day no command can show. Such events are
    left out and counted; an event still running now is cut at now."""
    earliest = datetime.combine(EARLIEST_DATE, time(0), tzinfo=UTC)
    outside = 0
    buckets: list[AwBucket] = []
    for bucket in data.buckets:
        if not bucket.events or (
            min(map(_EVENT_START, bucket.events)) >= earliest
            and max(map(_EVENT_START, bucket.events)) < now
            and max(map(_EVENT_END, bucket.events)) <= now
        ):
            buckets.append(bucket)  # the usual: nothing to leave out or cut, nothing copied
            continue
        events: list[AwEvent] = []
        for event in bucket.events:
            if event.start >= now or event.start < earliest:
                outside += 1
            elif event.end > now:
                events.append(event._replace(end=now))
            else:
                events.append(event)
        buckets.append(replace(bucket, events=tuple(events)))
    return replace(data, buckets=tuple(buckets)), outside


_EVENT_START, _EVENT_END = operator.itemgetter(0), operator.itemgetter(1)


# -- a week at a time ---------------------------------------------------------------------------

# What holds a moment depends only on the events around it (the one that began last, gaps up to
# 5 s filled), so a host's time is worked out a week at a time from the events near that week and
# cut to it: the pieces of one week, not of the whole history, are in memory at once.
_WEEK = timedelta(days=7)
_NEAR = timedelta(minutes=10)
_Source = TypeVar("_Source", _Host, _Phone)


def _by_week(
    source: _Source, time_of: Callable[[_Source], dict[str, list[Interval]]]
) -> Iterable[tuple[str, list[Interval]]]:
    buckets = [*_buckets_of(source)]
    indexes = {bucket.id: _EventIndex(bucket.events) for bucket in buckets}
    first = min((i.first for i in indexes.values() if i.first is not None), default=None)
    last = max((i.last for i in indexes.values() if i.last is not None), default=None)
    if first is None or last is None:
        return
    week = datetime.combine(first.date(), time(0), tzinfo=UTC)
    while week <= last:
        window = (week, week + _WEEK)
        near: Interval = (week - _NEAR, week + _WEEK + _NEAR)

        def nearby(bucket: AwBucket, around: Interval = near) -> AwBucket:
            return replace(bucket, events=indexes[bucket.id].overlapping(*around))

        part = _map_buckets(source, nearby)
        for app, intervals in time_of(part).items():
            yield app, _cut(intervals, *window)
        week += _WEEK


def _cut(intervals: Iterable[Interval], start: datetime, end: datetime) -> list[Interval]:
    return [
        (a if a >= start else start, b if b <= end else end)
        for a, b in intervals
        if b > start and a < end
    ]


class _EventIndex:
    def __init__(self, events: Sequence[AwEvent]) -> None:
        self.events = sorted(events, key=_SORT_KEY[0])
        self.starts = list(map(_EVENT_START, self.events))
        ends = list(map(_EVENT_END, self.events))
        self.longest = max(map(operator.sub, ends, self.starts), default=timedelta(0))
        self.first = self.starts[0] if self.events else None
        self.last = max(ends, default=None)

    def overlapping(self, start: datetime, end: datetime) -> tuple[AwEvent, ...]:
        low = bisect.bisect_left(self.starts, start - self.longest)
        middle = bisect.bisect_left(self.starts, start, lo=low)
        high = bisect.bisect_left(self.starts, end, lo=middle)
        # Only the events begun before `start` can have ended before it.
        return (*[e for e in self.events[low:middle] if e.end >= start], *self.events[middle:high])


def _buckets_of(source: _Host | _Phone) -> list[AwBucket]:
    if isinstance(source, _Host):
        return [*source.windows, *source.afk, *source.web]
    return [*source.apps, *source.web]


def _map_buckets(source: _Source, change: Callable[[AwBucket], AwBucket]) -> _Source:
    if isinstance(source, _Host):
        return _Host(  # type: ignore[return-value]
            source.name,
            [change(b) for b in source.windows],
            [change(b) for b in source.afk],
            [change(b) for b in source.web],
        )
    return _Phone(  # type: ignore[return-value]
        source.name, [change(b) for b in source.apps], [change(b) for b in source.web]
    )


# -- per host ----------------------------------------------------------------------------------


def _group(buckets: Iterable[AwBucket]) -> tuple[dict[str, _Host], dict[str, _Phone]]:
    hosts: dict[str, _Host] = {}
    phones: dict[str, _Phone] = {}
    for bucket in buckets:
        if bucket.kind in (BucketKind.ANDROID, BucketKind.ANDROID_WEB):
            phone = phones.setdefault(bucket.host, _Phone(bucket.host))
            (phone.apps if bucket.kind is BucketKind.ANDROID else phone.web).append(bucket)
            continue
        host = hosts.setdefault(bucket.host, _Host(bucket.host))
        {BucketKind.WINDOW: host.windows, BucketKind.AFK: host.afk, BucketKind.WEB: host.web}[
            bucket.kind
        ].append(bucket)
    return hosts, phones


def _desktop_time(host: _Host, matcher: AppMatcher) -> dict[str, list[Interval]]:
    found: dict[str, list[Interval]] = defaultdict(list)
    active = _active_periods(host.afk) if host.afk else None
    webs = {bucket.id: _web_timeline([bucket]) for bucket in host.web}
    if not host.windows:  # a browser extension alone: its events are the only evidence
        pieces = _web_timeline(host.web)
        for piece in pieces if active is None else clip(pieces, active):
            app = matcher.web_app(*piece.value)
            if app is not None:
                found[app].append((piece.start, piece.end))
        return found
    windows = timeline(_pieces(_events(host.windows), _window_value))
    if active is not None:
        windows = clip(windows, active)
    browser_pieces: dict[tuple[str, ...], list[Piece[tuple[str, str]]]] = defaultdict(list)
    web_buckets: dict[str, tuple[str, ...]] = {}
    for piece in windows:
        app_name = piece.value[0]
        if matcher.is_browser(app_name):
            if app_name not in web_buckets:
                web_buckets[app_name] = _web_buckets_for(app_name, host.web, matcher)
            browser_pieces[web_buckets[app_name]].append(piece)
            continue
        app = matcher.desktop_app(app_name)
        if app is not None:
            found[app].append((piece.start, piece.end))
    for bucket_ids, pieces in browser_pieces.items():
        cover = (
            webs[bucket_ids[0]]
            if len(bucket_ids) == 1
            else _web_timeline([b for b in host.web if b.id in bucket_ids])
        )
        overlaps, rest = split_by(pieces, cover)
        for part, page in overlaps:
            app = matcher.web_app(*page.value)
            if app is not None:
                found[app].append((part.start, part.end))
        for part in rest:
            app = matcher.title_app(part.value[1])
            if app is not None:
                found[app].append((part.start, part.end))
    return found


def _phone_time(phone: _Phone, matcher: AppMatcher) -> dict[str, list[Interval]]:
    found: dict[str, list[Interval]] = defaultdict(list)
    for piece in timeline(_pieces(_events(phone.apps), _android_value)):
        package, label = piece.value
        app = matcher.android_app({"package": package, "app": label})
        if app is not None:
            found[app].append((piece.start, piece.end))
    in_apps = union(i for intervals in found.values() for i in intervals)
    for piece in _web_timeline(phone.web):
        app = matcher.web_app(*piece.value)
        if app is not None:
            found[app].extend(subtract([(piece.start, piece.end)], in_apps))
    return found


def _active_periods(buckets: Sequence[AwBucket]) -> list[Interval]:
    states = timeline(_pieces(_events(buckets), lambda data: _text(data, "status")))
    return union((p.start, p.end) for p in states if p.value == "not-afk")


def _web_timeline(buckets: Sequence[AwBucket]) -> list[Piece[tuple[str, str]]]:
    return timeline(_pieces(_events(buckets), _web_value))


def _web_buckets_for(
    app_name: str, web: Sequence[AwBucket], matcher: AppMatcher
) -> tuple[str, ...]:
    """The web buckets that watch this browser; all of them when none names it."""
    browsers = matcher.browsers_of(app_name)
    own = tuple(b.id for b in web if b.browser in browsers)
    return own or tuple(b.id for b in web)


def _events(buckets: Iterable[AwBucket]) -> list[AwEvent]:
    return [event for bucket in buckets for event in bucket.events]


def _pieces(
    events: Iterable[AwEvent], value_of: Callable[[Mapping[str, Any]], V]
) -> list[Piece[V]]:
    # Events of the same window or page share one data dict (see aw_source.to_event), so its
    # value is worked out once per dict, not once per event; the lists are made by map and zip
    # (a Python loop over half a million events was a sixth of working out the timelines).
    listed = events if isinstance(events, list) else list(events)
    datas = list(map(_DATA, listed))
    value_by_id = {
        key: value_of(data) for key, data in dict(zip(map(id, datas), datas, strict=True)).items()
    }
    values = list(map(value_by_id.__getitem__, map(id, datas)))
    starts = list(map(_EVENT_START, listed))
    ends = list(map(_EVENT_END, listed))
    pieces: list[Piece[V]] = list(
        map(new_tuple, repeat(Piece), zip(starts, ends, values, strict=True))
    )
    if all(map(operator.lt, starts, starts[1:])):
        return pieces  # one bucket's events, no two of one start: in order already
    # Sorted by content as well, so two events of one start resolve the same way whatever
    # order the file or the server listed them in (equal ones keep their order, as before).
    text_by_id = {key: repr(value) for key, value in value_by_id.items()}
    texts = map(text_by_id.__getitem__, map(id, datas))
    keyed = sorted(zip(starts, ends, texts, pieces, strict=True), key=_SORT_KEY[1])
    return [item[3] for item in keyed]


_DATA = operator.itemgetter(2)
_SORT_KEY = (operator.itemgetter(0), operator.itemgetter(0, 1, 2))


def _window_value(data: Mapping[str, Any]) -> tuple[str, str]:
    return (_text(data, "app"), _text(data, "title"))


def _android_value(data: Mapping[str, Any]) -> tuple[str, str]:
    return (_text(data, "package"), _text(data, "app"))


def _web_value(data: Mapping[str, Any]) -> tuple[str, str]:
    return (_text(data, "url") or _text(data, "tabUrl"), _text(data, "title"))


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


# -- labels and spans ----------------------------------------------------------------------------


def _known_device(host: str, devices: Sequence[DeviceInfo]) -> DeviceInfo | None:
    return next((d for d in devices if _known_device_matches(d, {host})), None)


def _known_device_matches(device: DeviceInfo, hosts: set[str]) -> bool:
    lowered = {h.lower() for h in hosts}
    return device.hostname.lower() in lowered or device.name.lower() in lowered


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "device"


def _spans(device: str, app: str, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """The fields of the spans of [start, end), each at most a day long, in the model's order
    (see models.made_spans)."""
    spans: list[dict[str, Any]] = []
    cursor = start
    while cursor < end:
        stop = min(end, cursor + _LONGEST_SPAN)
        spans.append(
            {
                "id": UsageSpan.stable_id(device, app, cursor, "import"),
                "app": app,
                "device": device,
                "source": "import",
                "start": cursor,
                "duration": (stop - cursor).total_seconds(),
                "title": None,
            }
        )
        cursor = stop
    return spans
