"""Writing imported spans so that importing the same data again adds nothing.

Imported spans carry stable ids (device, app, start, "import"): a span seen again replaces its
stored copy, so a re-import only adds what is new and extends what grew.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from detox.importers.summary import Counts
from detox.models import UsageSpan
from detox.store import Store

# Stored durations are floats; a re-import recomputing the same span must count as the same.
_SAME_SECONDS = 1e-3


def span_changes(
    store: Store, spans: Sequence[UsageSpan], within: tuple[datetime, datetime] | None = None
) -> tuple[list[UsageSpan], Counts]:
    """The spans that are new or differ from their stored copy, and the counts; `within` is
    when they all start, if the caller knows it (else it is worked out from the spans)."""
    counts = Counts()
    if not spans:
        return [], counts
    if within is None:
        start = min(s.start for s in spans)
        end = max(s.end for s in spans)
    else:  # spans start inside it and last at most a day
        start, end = within[0], within[1] + timedelta(days=1)
    # keep=False: an import reads each month once; holding every decoded file was its peak.
    stored = {s.id: s for s in store.spans(start, end + timedelta(seconds=1), keep=False)}
    changed: list[UsageSpan] = []
    for span in spans:
        current = stored.get(span.id)
        if current is None:
            counts.new += 1
            changed.append(span)
        elif _same(current, span):
            counts.unchanged += 1
        else:
            counts.updated += 1
            changed.append(span)
    return changed, counts


def _same(a: UsageSpan, b: UsageSpan) -> bool:
    return (
        a.app == b.app
        and a.device == b.device
        and a.start == b.start
        and abs(a.duration - b.duration) < _SAME_SECONDS
        and a.title == b.title
    )


def first_tracked(store: Store, devices: Iterable[str]) -> dict[str, datetime]:
    """When detox's own tracker first recorded each of these devices (if it ever did)."""
    wanted = set(devices)
    found: dict[str, datetime] = {}
    for month in store.all_span_months():
        if not wanted - found.keys():
            break
        start = datetime.fromisoformat(f"{month}-01T00:00:00+00:00")
        end = (start + timedelta(days=32)).replace(day=1)
        for span in store.spans(start, end):
            if span.source == "tracker" and span.device in wanted and span.device not in found:
                found[span.device] = span.start
    return found
