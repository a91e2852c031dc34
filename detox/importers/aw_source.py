"""ActivityWatch data as its server holds it: buckets of events, read from an export file or
fetched from a server the user names (nothing else is contacted).

The export is `{"buckets": {BUCKET_ID: {"type", "client", "hostname", "events": [...]}}}`; some
tools write the buckets as a list. Every event of a bucket detox uses is checked, and a file with
mistakes is refused whole, each mistake named by bucket and event number.
"""

from __future__ import annotations

import json
import math
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote, urlsplit

from detox.errors import DetoxError, InputError
from detox.importers.problems import ImportFormatError, Problems

SERVER_TIMEOUT_SECONDS = 30.0


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
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        document = json.loads(raw)
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a text file (an ActivityWatch export is JSON)") from None
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: not JSON: line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    return parse_export(document, str(path))


def parse_export(document: object, source: str) -> AwData:
    """The usable buckets of an export document; raises ImportFormatError naming every mistake."""
    if not isinstance(document, dict) or "buckets" not in document:
        raise ImportFormatError(source, ['no "buckets": this is not an ActivityWatch export'])
    raw_buckets = document["buckets"]
    if isinstance(raw_buckets, dict):
        entries = [(str(key), value) for key, value in raw_buckets.items()]
    elif isinstance(raw_buckets, list):
        entries = [(_field_text(b, "id") or f"#{n + 1}", b) for n, b in enumerate(raw_buckets)]
    else:
        raise ImportFormatError(source, ['"buckets" must be an object of buckets by id'])
    problems = Problems(source)
    buckets: list[AwBucket] = []
    skipped: list[str] = []
    for key, raw in entries:
        where = f"bucket {key}"
        if not isinstance(raw, dict):
            problems.add(where, "is not an object")
            continue
        bucket_id = _field_text(raw, "id") or key
        kind = bucket_kind(bucket_id, _field_text(raw, "type"), _field_text(raw, "client"))
        if kind is None:
            skipped.append(bucket_id)
            continue
        events = _events(raw.get("events"), where, problems)
        buckets.append(AwBucket(bucket_id, kind, _host(raw, bucket_id), tuple(events)))
    problems.raise_if_any()
    return AwData(tuple(buckets), tuple(skipped))


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
        problems.add(where, '"events" must be a list')
        return []
    events: list[AwEvent] = []
    for number, item in enumerate(raw, start=1):
        here = f"{where}, event {number}"
        if not isinstance(item, dict):
            problems.add(here, "is not an object")
            continue
        start = _timestamp(item.get("timestamp"), here, problems)
        duration = item.get("duration")
        data = item.get("data")
        if isinstance(duration, bool) or not isinstance(duration, int | float):
            problems.add(here, f"duration {duration!r} is not a number of seconds")
            continue
        if not math.isfinite(duration) or duration < 0:
            problems.add(here, f"duration {duration!r} is negative or not finite")
            continue
        if not isinstance(data, dict):
            problems.add(here, '"data" must be an object')
            continue
        if start is not None:
            events.append(AwEvent(start, start + timedelta(seconds=duration), data))
    return events


def _timestamp(value: object, where: str, problems: Problems) -> datetime | None:
    if not isinstance(value, str):
        problems.add(where, f"timestamp {value!r} is not an ISO 8601 time")
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        problems.add(where, f"timestamp {value!r} is not an ISO 8601 time")
        return None
    # ActivityWatch stores UTC; a time without a zone is UTC too.
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


# -- the server ---------------------------------------------------------------------------------


def server_base(url: str) -> str:
    """The server's base address, checked: http(s) with a host, no path beyond the root."""
    text = url.strip().rstrip("/")
    if "://" not in text:
        text = f"http://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"cannot use server address {url!r}: write e.g. http://localhost:5600")
    try:
        parts.port  # noqa: B018 - a bad port raises here, not half-way through the import
    except ValueError:
        raise InputError(f"cannot use server address {url!r}: bad port") from None
    return text


def fetch_from_server(url: str, timeout: float = SERVER_TIMEOUT_SECONDS) -> AwData:
    """Every usable bucket with all its events, from a running ActivityWatch server."""
    base = server_base(url)
    listing = _get_json(f"{base}/api/0/buckets/", base, timeout)
    if not isinstance(listing, dict):
        raise DetoxError(f"{base} did not answer like an ActivityWatch server (bucket list)")
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
            events = _get_json(f"{address}?limit=-1", base, timeout)  # -1: every event
        except _Refused:
            # A server whose limit is unsigned refuses -1; without a limit it sends them all.
            events = _get_json(address, base, timeout)
        buckets[str(bucket_id)] = {**meta, "events": events}
    return parse_export({"buckets": buckets}, base)


class _Refused(DetoxError):
    """The server understood the request and refused it (a 4xx answer)."""


def _get_json(address: str, base: str, timeout: float) -> object:
    # No proxy: the address the user named is the only place this talks to.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(address, headers={"Accept": "application/json"})
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        message = f"ActivityWatch at {base} answered {error.code} {error.reason}"
        raise (_Refused if 400 <= error.code < 500 else DetoxError)(message) from None
    except urllib.error.URLError as error:
        reason = error.reason
        why = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
        raise DetoxError(
            f"cannot reach ActivityWatch at {base}: {why} (is its server running?)"
        ) from None
    except (TimeoutError, OSError) as error:
        raise DetoxError(f"cannot reach ActivityWatch at {base}: {error}") from None
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise DetoxError(f"{address} did not answer with JSON") from None
