"""ActivityWatch data as its server holds it: buckets of events, read from an export file or
fetched from a server the user names (nothing else is contacted).

The export is `{"buckets": {BUCKET_ID: {"type", "client", "hostname", "events": [...]}}}`; some
tools write the buckets as a list. Every event of a bucket detox uses is checked, and a file with
mistakes is refused whole, each mistake named by bucket and event number.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote, urlsplit

from detox.errors import DetoxError, InputError, too_long_number
from detox.i18n import N_, _
from detox.importers.problems import ImportFormatError, Problems, not_json, read_bytes

if TYPE_CHECKING:
    from detox.importers.bounded_http import Budget

# One deadline for a whole server import, and a cap on each answer: a server sending a byte every
# 20 s held the import for minutes, and a 1.5 GB answer took 3.2 GB of memory. A year of
# ActivityWatch window events is some 30 MB.
SERVER_DEADLINE_SECONDS = 120.0
SERVER_MAX_BYTES = 256 << 20


class BucketKind(Enum):
    WINDOW = "window"
    AFK = "afk"
    WEB = "web"
    ANDROID = "android"
    ANDROID_WEB = "android-web"


class AwEvent(NamedTuple):
    start: datetime
    end: datetime
    data: Mapping[str, Any]


@dataclass(frozen=True)
class AwBucket:
    id: str
    kind: BucketKind
    host: str
    events: tuple[AwEvent, ...]

    @property
    def browser(self) -> str | None:
        """The browser a web bucket watches: "firefox" of "aw-watcher-web-firefox_host"."""
        prefix = "aw-watcher-web-"
        if self.kind is not BucketKind.WEB or not self.id.startswith(prefix):
            return None
        return self.id[len(prefix) :].split("_", 1)[0].lower() or None


@dataclass(frozen=True)
class AwData:
    buckets: tuple[AwBucket, ...]
    skipped: tuple[str, ...]  # ids of buckets detox has no use for (input, editors, unlocks...)


def bucket_kind(bucket_id: str, bucket_type: str, client: str) -> BucketKind | None:
    android = bucket_id.startswith("aw-watcher-android") or client.startswith("aw-android")
    if bucket_type == "currentwindow":
        return BucketKind.ANDROID if android else BucketKind.WINDOW
    if bucket_type == "web.tab.current":
        return BucketKind.ANDROID_WEB if android else BucketKind.WEB
    if bucket_type == "afkstatus" and not android:
        return BucketKind.AFK
    return None


def load_export_file(path: Path) -> AwData:
    raw = read_bytes(path)
    try:
        # What json.loads does with bytes: UTF-8, -16 or -32, told by the first bytes.
        text = raw.decode(json.detect_encoding(raw), "surrogatepass")
        del raw  # the decoded text is all that is read from here on
        # Event by event: decoding the whole document first took 6 times the file's size.
        from detox.importers.aw_stream import stream_export

        return stream_export(text, str(path))
    except UnicodeDecodeError:
        raise InputError(
            _("{path}: not a text file (an ActivityWatch export is JSON)").format(path=path)
        ) from None
    except (ValueError, RecursionError) as error:
        raise not_json(path, error) from None


def parse_export(document: object, source: str) -> AwData:
    """The usable buckets of an export document; raises ImportFormatError naming every mistake."""
    if not isinstance(document, dict) or "buckets" not in document:
        raise ImportFormatError(source, [_('no "buckets": this is not an ActivityWatch export')])
    raw_buckets = document["buckets"]
    if isinstance(raw_buckets, dict):
        entries = [(str(key), value) for key, value in raw_buckets.items()]
    elif isinstance(raw_buckets, list):
        entries = [(_field_text(b, "id") or f"#{n + 1}", b) for n, b in enumerate(raw_buckets)]
    else:
        raise ImportFormatError(source, [_('"buckets" must be an object of buckets by id')])
    collected = Collected(Problems(source))
    for key, raw in entries:
        collected.add(key, raw)
    return collected.data()


@dataclass
class Collected:
    """The usable buckets so far, the skipped ones, and every mistake with its place."""

    problems: Problems
    buckets: list[AwBucket] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def add(
        self, key: str, raw: object, parsed: tuple[list[AwEvent], list[str]] | None = None
    ) -> None:
        """One bucket; `parsed` is its events already checked (and their mistakes), when a
        streaming reader turned them into events as it went."""
        where = _("bucket {key}").format(key=key)
        if not isinstance(raw, dict):
            self.problems.add(where, _("is not an object"))
            return
        bucket_id = _field_text(raw, "id") or key
        kind = bucket_kind(bucket_id, _field_text(raw, "type"), _field_text(raw, "client"))
        if kind is None:
            self.skipped.append(bucket_id)
            return
        if parsed is None:
            events = _events(raw.get("events"), where, self.problems)
        else:
            events, mistakes = parsed
            self.problems.found.extend(mistakes)
        self.buckets.append(AwBucket(bucket_id, kind, _host(raw, bucket_id), tuple(events)))

    def data(self) -> AwData:
        self.problems.raise_if_any()
        return AwData(tuple(self.buckets), tuple(self.skipped))


def _field_text(raw: object, name: str) -> str:
    value = raw.get(name) if isinstance(raw, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _host(raw: dict[str, Any], bucket_id: str) -> str:
    hostname = _field_text(raw, "hostname")
    if hostname and hostname.lower() != "unknown":
        return hostname
    # "aw-watcher-window_laptop": the host is what follows the watcher's name.
    return bucket_id.split("_", 1)[1] if "_" in bucket_id else hostname or "unknown"


def _events(raw: object, where: str, problems: Problems) -> list[AwEvent]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add(where, _('"events" must be a list'))
        return []
    events: list[AwEvent] = []
    add_events(raw, _("{where}, event").format(where=where), 1, problems, {}, events)
    return events


def to_event(
    item: object,
    where: str,
    number: int,
    problems: Problems,
    shared: dict[tuple[tuple[str, Any], ...], dict[str, Any]],
) -> AwEvent | None:
    """Event `number` of `where` ("bucket x, event"), checked; events with the same data share
    one dict of it (a year of history repeats a few thousand windows and pages, and a dict per
    event was most of the memory). Runs once per event: the place is only spelled out for a
    problem."""
    if not isinstance(item, dict):
        problems.add(f"{where} {number}", _("is not an object"))
        return None
    start = _timestamp(item.get("timestamp"), where, number, problems)
    duration = item.get("duration")
    data = item.get("data")
    if isinstance(duration, bool) or not isinstance(duration, (int, float)):
        problems.add(
            f"{where} {number}",
            _("duration {value} is not a number of seconds").format(value=repr(duration)),
        )
        return None
    if not math.isfinite(duration) or duration < 0:
        problems.add(
            f"{where} {number}",
            _("duration {value} is negative or not finite").format(value=repr(duration)),
        )
        return None
    if not isinstance(data, dict):
        problems.add(f"{where} {number}", _('"data" must be an object'))
        return None
    if start is None:
        return None
    try:
        end = start + timedelta(seconds=duration)
    except OverflowError:  # 1e15 s: past the year 9999
        problems.add(f"{where} {number}", f"duration {duration!r} is too long")
        return None
    return AwEvent(start, end, _shared_data(data, shared))


def add_events(
    items: list[Any],
    where: str,
    first: int,
    problems: Problems,
    shared: dict[tuple[tuple[str, Any], ...], dict[str, Any]],
    events: list[AwEvent],
) -> None:
    """Append to `events` what to_event makes of each item (numbered from `first`), noting its
    mistakes in `problems`. Items of the usual shape (a UTC timestamp, a finite duration of
    seconds, a data object) are taken here without to_event's general checks; anything else goes
    to to_event, which checks and names it. Nearly every event of a real export is usual, so this
    loop is the one measured: one call per event through to_event took 3 s for half a million,
    and a call per event even to a quick check a fifth of the reading."""
    usual = _all_usual(items, shared)
    if usual is not None:
        events.extend(usual)
        return
    append = events.append
    number = first - 1
    for item in items:
        number += 1
        if type(item) is dict:
            stamp: Any = item.get("timestamp")
            duration: Any = item.get("duration")
            data: Any = item.get("data")
            kind = type(duration)
            if (
                type(stamp) is str
                and type(data) is dict
                and (kind is float or kind is int)
                and 0 <= duration < _LONGEST  # NaN fails too
            ):
                try:
                    start = datetime.fromisoformat(stamp)
                except ValueError:
                    pass
                else:
                    if start.tzinfo is not UTC:
                        start = (
                            start.replace(tzinfo=UTC)
                            if start.tzinfo is None
                            else start.astimezone(UTC)
                        )
                    if start.year <= _LAST_USUAL_YEAR:  # else to_event's checked sum
                        try:
                            kept = shared[tuple(data.items())]
                        except (KeyError, TypeError):
                            kept = _shared_data(data, shared)
                        # tuple.__new__ is AwEvent(...) without its Python-level __new__.
                        append(_new_tuple(AwEvent, (start, start + timedelta(0, duration), kept)))
                        continue
        event = to_event(item, where, number, problems, shared)
        if event is not None:
            append(event)


def _all_usual(
    items: list[Any], shared: dict[tuple[tuple[str, Any], ...], dict[str, Any]]
) -> list[AwEvent] | None:
    """The events of `items` when every one has the usual shape, with the checks of
    add_events's loop made a list at a time (map, set, min and max run in C, and a run of 300
    events is one call each); None when any item is not usual, for the loop to take one by one.
    The events and the shared data dicts are those the loop would give."""
    if not items or set(map(type, items)) != _DICT:
        return None
    try:
        stamps = list(map(_TIMESTAMP, items))
        durations = list(map(_DURATION, items))
        datas = list(map(_DATA, items))
    except KeyError:
        return None
    if (
        set(map(type, stamps)) != _STR
        or set(map(type, datas)) != _DICT
        or not set(map(type, durations)) <= _NUMBER
        or not all(map(operator.eq, durations, durations))  # NaN is not equal to itself
        or min(durations) < 0
        or max(durations) >= _LONGEST
    ):
        return None
    try:
        starts = list(map(datetime.fromisoformat, stamps))
    except ValueError:
        return None
    if (
        not all(map(operator.is_, map(_TZINFO, starts), repeat(UTC)))
        or max(starts).year > _LAST_USUAL_YEAR
    ):
        return None
    try:
        kept = list(map(shared.get, map(tuple, map(dict.items, datas))))
    except TypeError:  # a list or an object among a data's values
        return None
    if None in kept:  # data not seen before: shared as the loop would, in order
        for index in range(kept.index(None), len(kept)):
            if kept[index] is None:
                kept[index] = _shared_data(datas[index], shared)
    ends = map(operator.add, starts, map(timedelta, repeat(0), durations))
    return list(map(_new_tuple, repeat(AwEvent), zip(starts, ends, kept, strict=True)))


_TIMESTAMP, _DURATION, _DATA = (operator.itemgetter(k) for k in ("timestamp", "duration", "data"))
_TZINFO = operator.attrgetter("tzinfo")
_DICT, _STR, _NUMBER = {dict}, {str}, {float, int}


# A duration no watcher records (a century); longer ones go through to_event's checks, as do
# events in the calendar's last century, where start + duration could pass the year 9999.
_LONGEST = 100 * 366 * 86_400
_LAST_USUAL_YEAR = 9_800
_new_tuple: Any = tuple.__new__


def _shared_data(
    data: dict[str, Any], shared: dict[tuple[tuple[str, Any], ...], dict[str, Any]]
) -> dict[str, Any]:
    # The usual data holds only fields detox reads, so its own items find the shared copy at
    # once; other data is cut to the fields read first (its other values are let go).
    try:
        return shared[whole := tuple(data.items())]
    except (KeyError, TypeError):  # new, or a list or an object among its values
        pass
    used = tuple([(key, data[key]) for key in _USED_KEYS if key in data])
    try:
        found = shared[used]
    except KeyError:
        found = shared[used] = dict(used)
    except TypeError:  # a list or an object as a value read: kept as it came
        return data
    if len(used) == len(whole):
        shared[whole] = found
    return found


# The fields of an event's data detox reads (window, AFK, web and Android watchers).
_USED_KEYS = ("app", "title", "status", "url", "tabUrl", "package")


def _timestamp(value: object, where: str, number: int, problems: Problems) -> datetime | None:
    if not isinstance(value, str):
        problems.add(
            f"{where} {number}",
            _("timestamp {value} is not an ISO 8601 time").format(value=repr(value)),
        )
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        problems.add(
            f"{where} {number}",
            _("timestamp {value} is not an ISO 8601 time").format(value=repr(value)),
        )
        return None
    # ActivityWatch stores UTC; a time without a zone is UTC too.
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


# -- the server ---------------------------------------------------------------------------------


_BAD_ADDRESS = N_("cannot use server address {value}: write e.g. http://localhost:5600")


def server_base(url: str) -> str:
    """The server's base address, checked: http(s) with a host, no path beyond the root."""
    text = url.strip().rstrip("/")
    if "://" not in text:
        text = f"http://{text}"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - a bad port raises here, not half-way through the import
    except ValueError:  # "http://[::1" or a port that is no number
        raise InputError(_(_BAD_ADDRESS).format(value=repr(url))) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(_(_BAD_ADDRESS).format(value=repr(url)))
    if any(ord(char) <= 32 or ord(char) == 127 for char in text):
        raise InputError(
            _("cannot use server address {value}: it holds spaces or controls").format(
                value=repr(url)
            )
        )
    return text


def fetch_from_server(
    url: str, seconds: float | None = None, max_bytes: int | None = None
) -> AwData:
    """Every usable bucket with all its events, from a running ActivityWatch server, within one
    deadline and a size cap for each answer."""
    # Here, not at the top: http.client and the email package it brings are some 20 ms that
    # an import of an export file never uses.
    from detox.importers.bounded_http import Budget, HttpRefused

    base = server_base(url)
    budget = Budget(
        SERVER_DEADLINE_SECONDS if seconds is None else seconds,
        SERVER_MAX_BYTES if max_bytes is None else max_bytes,
    )
    listing = _get_json(f"{base}/api/0/buckets/", base, budget)
    if not isinstance(listing, dict):
        raise DetoxError(
            _("{address} did not answer like an ActivityWatch server (bucket list)").format(
                address=base
            )
        )
    buckets: dict[str, Any] = {}
    for bucket_id, meta in listing.items():
        if not isinstance(meta, dict):
            continue
        kind = bucket_kind(str(bucket_id), _field_text(meta, "type"), _field_text(meta, "client"))
        if kind is None:
            buckets[str(bucket_id)] = meta
            continue
        address = f"{base}/api/0/buckets/{quote(str(bucket_id), safe='')}/events"
        try:
            events = _get_json(f"{address}?limit=-1", base, budget)  # -1: every event
        except HttpRefused as refused:
            if not 400 <= refused.status < 500:
                raise
            # A server whose limit is unsigned refuses -1; without a limit it sends them all.
            events = _get_json(address, base, budget)
        buckets[str(bucket_id)] = {**meta, "events": events}
    return parse_export({"buckets": buckets}, base)


def _get_json(address: str, base: str, budget: Budget) -> object:
    from detox.importers.bounded_http import get

    body = get(address, budget, base)
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise DetoxError(_("{address} did not answer with JSON").format(address=address)) from None
    except ValueError:
        raise DetoxError(
            _("{address} answered with JSON this importer cannot read: {reason}").format(
                address=address, reason=too_long_number()
            )
        ) from None
    except RecursionError:
        raise DetoxError(
            _("{address} answered with JSON nested too deeply").format(address=address)
        ) from None
