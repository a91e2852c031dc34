"""Time spent offline: a walk, sport, family, reading... Activities are the user's own tags.

Every entry is written by `save_offline`, whether typed, edited or logged in the app.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, tzinfo
from typing import Any

from detox.clock import local_day
from detox.errors import InputError
from detox.i18n import _
from detox.models import OfflineEntry
from detox.store import Store

# Letters (any script), digits, - and _: a word that no report format needs to escape.
_TAG = re.compile(r"^[\w-]+$")
MAX_TAG_LENGTH = 40


def clean_activity(text: str) -> str:
    """An activity as stored: one lower-case word (walk, sport, board-games)."""
    tag = text.strip().lower().removeprefix("#")
    if not tag:
        raise InputError(_("name the activity, e.g. `detox offline walk 1h`"))
    if not _TAG.match(tag):
        if len(tag.split()) > 1:
            raise InputError(
                _("an activity is one word: {value} could be {word}").format(
                    value=repr(text.strip()), word=repr("-".join(tag.split()))
                )
            )
        raise InputError(
            _("an activity is letters, digits, - and _ only, not {value}").format(
                value=repr(text.strip())
            )
        )
    if len(tag) > MAX_TAG_LENGTH:
        raise InputError(_("an activity name is at most {n} characters").format(n=MAX_TAG_LENGTH))
    return tag


def clean_company(raw: Iterable[str]) -> list[str]:
    """`--with friends --with family` or `--with friends,family`: sorted, without repeats."""
    found: set[str] = set()
    for text in raw:
        for part in text.split(","):
            if not part.strip():
                raise InputError(_("--with needs a word, e.g. --with friends"))
            found.add(clean_activity(part))
    return sorted(found)


def new_offline(
    *,
    device: str,
    now: datetime,
    at: datetime,
    activity: str,
    seconds: float,
    company: Iterable[str] = (),
    note: str | None = None,
) -> OfflineEntry:
    if at > now:
        raise InputError(_("offline time cannot begin in the future"))
    return OfflineEntry(
        device=device,
        updated_at=now,
        at=at,
        activity=clean_activity(activity),
        duration=seconds,
        company=clean_company(company),
        note=(note or "").strip() or None,
    )


def revised_offline(
    entry: OfflineEntry, device: str, now: datetime, **changes: Any
) -> OfflineEntry:
    if "activity" in changes:
        changes["activity"] = clean_activity(changes["activity"])
    if "company" in changes:
        changes["company"] = clean_company(changes["company"])
    if changes.get("at", entry.at) > now:
        raise InputError(_("offline time cannot begin in the future"))
    return entry.revise(device, now, **changes)


def save_offline(store: Store, entry: OfflineEntry) -> OfflineEntry:
    """The one place offline entries are written (new, revised or tombstoned)."""
    store.put(entry)
    return entry


def delete_offline(store: Store, entry: OfflineEntry, device: str, now: datetime) -> None:
    save_offline(store, entry.tombstone(device, now))


def all_offline(store: Store) -> list[OfflineEntry]:
    return sorted(store.records(OfflineEntry), key=lambda e: (e.at, e.id))


def activities(entries: Iterable[OfflineEntry]) -> list[str]:
    """The activities used so far, most used first: what the app offers to pick from."""
    seconds: dict[str, float] = defaultdict(float)
    for entry in entries:
        seconds[entry.activity] += entry.duration
    return sorted(seconds, key=lambda name: (-seconds[name], name))


def offline_by_day(
    entries: Iterable[OfflineEntry], day_start: time, zone: tzinfo | None
) -> dict[date, dict[str, float]]:
    """Seconds per activity on each local day an entry began."""
    found: dict[date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for entry in entries:
        found[local_day(entry.at, day_start, zone)][entry.activity] += entry.duration
    return {day: dict(by_activity) for day, by_activity in found.items()}
