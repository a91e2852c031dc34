"""The mood journal's rules, shared by the CLI and the TUI: dimension names, tags, finding an entry.

Everything here checks input before anything is stored, so a bad value leaves the journal as it was.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, TypeVar, get_args

from detox.errors import InputError
from detox.i18n import N_, _
from detox.models import Dimension, MoodEntry, Record
from detox.store import Store

R = TypeVar("R", bound=Record)

DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)
# English, marked for the catalogs: shown through `_`.
DIMENSION_LABELS: dict[Dimension, str] = {
    "anxiety": N_("anxiety"),
    "loneliness": N_("loneliness"),
    "self_esteem": N_("self-esteem"),
    "sleep_quality": N_("sleep quality"),
    "focus": N_("focus"),
}
# What people type: the CLI option names, the stored names, and spellings in between.
_DIMENSION_ALIASES: dict[str, Dimension] = {
    "anxiety": "anxiety",
    "loneliness": "loneliness",
    "self-esteem": "self_esteem",
    "self_esteem": "self_esteem",
    "selfesteem": "self_esteem",
    "esteem": "self_esteem",
    "sleep": "sleep_quality",
    "sleep-quality": "sleep_quality",
    "sleep_quality": "sleep_quality",
    "focus": "focus",
}
_TAG = re.compile(r"^[^\s,#]+$")
SCORE_RANGE = (1, 10)
# A clock a little ahead on another device must not make an entry of "now" look future.
FUTURE_SLACK = timedelta(minutes=1)


def dimension_choices() -> str:
    return "anxiety, loneliness, self-esteem, sleep, focus"


def parse_dimension_name(text: str) -> Dimension:
    key = text.strip().lower()
    found = _DIMENSION_ALIASES.get(key)
    if found is None:
        close = difflib.get_close_matches(key, _DIMENSION_ALIASES, n=1)
        if close:
            raise InputError(
                _("unknown dimension {value}: did you mean {name}? choose from {names}").format(
                    value=repr(text), name=close[0], names=dimension_choices()
                )
            )
        raise InputError(
            _("unknown dimension {value}: choose from {names}").format(
                value=repr(text), names=dimension_choices()
            )
        )
    return found


def check_score(value: int, what: str) -> int:
    low, high = SCORE_RANGE
    if not low <= value <= high:
        raise InputError(
            _("{what} must be from {low} to {high}, not {value}").format(
                what=_(what), low=low, high=high, value=value
            )
        )
    return value


def parse_dimension_setting(text: str) -> tuple[Dimension, int]:
    """`anxiety=4` (or `anxiety:4`) as typed after --dim."""
    name, separator, value = text.replace(":", "=", 1).partition("=")
    if not separator:
        raise InputError(
            _("cannot read {value}: write a dimension and a score, e.g. anxiety=4").format(
                value=repr(text)
            )
        )
    dimension = parse_dimension_name(name)
    try:
        score = int(value.strip())
    except ValueError:
        raise InputError(
            _("{what} needs a whole number, not {value}").format(
                what=_(DIMENSION_LABELS[dimension]), value=repr(value)
            )
        ) from None
    return dimension, check_score(score, DIMENSION_LABELS[dimension])


def collect_dimensions(
    named: dict[Dimension, int | None], settings: Iterable[str]
) -> dict[Dimension, int]:
    """Dimension scores from the named options and any `--dim NAME=N`; a clash is refused."""
    chosen: dict[Dimension, int] = {}
    for dimension, score in named.items():
        if score is not None:
            chosen[dimension] = check_score(score, DIMENSION_LABELS[dimension])
    for text in settings:
        dimension, score = parse_dimension_setting(text)
        if chosen.get(dimension, score) != score:
            raise InputError(
                _("{what} given twice: {first} and {second}").format(
                    what=_(DIMENSION_LABELS[dimension]), first=chosen[dimension], second=score
                )
            )
        chosen[dimension] = score
    return dict(sorted(chosen.items(), key=lambda item: DIMENSIONS.index(item[0])))


def clean_tags(raw: Iterable[str]) -> list[str]:
    """Tags as stored: lower case, one word each, no duplicates, sorted.

    `--tag walk,friends` gives two tags; an empty tag or one with spaces is refused, not dropped,
    so a typo never silently loses what the user meant to record.
    """
    tags: set[str] = set()
    for text in raw:
        for part in text.split(","):
            tag = part.strip().lower().removeprefix("#")
            if not tag:
                raise InputError(_("a tag cannot be empty: write e.g. --tag walk"))
            if not _TAG.match(tag):
                suggestion = "-".join(tag.split())
                raise InputError(
                    _("a tag is one word: {value} could be {word}").format(
                        value=repr(part.strip()), word=repr(suggestion)
                    )
                )
            tags.add(tag)
    return sorted(tags)


def find_record(store: Store, kind: type[R], prefix: str, noun: str) -> R:
    """The one live record of a kind whose id starts with prefix; clear errors otherwise.
    `noun` names the kind ("reading"), marked with N_ and translated here."""
    wanted = prefix.strip().lower()
    if not wanted:
        raise InputError(_("give the id of a {noun} (see the list command)").format(noun=_(noun)))
    matches = [r for r in store.records(kind) if r.id.startswith(wanted)]
    if not matches:
        raise InputError(_("no {noun} with id {value}").format(noun=_(noun), value=repr(prefix)))
    if len(matches) > 1:
        shown = ", ".join(sorted(r.id[:12] for r in matches)[:5])
        raise InputError(
            _("id {value} matches {n} entries ({shown}); type more of it").format(
                value=repr(prefix), n=len(matches), shown=shown
            )
        )
    return matches[0]


def edited_dimensions(
    entry: MoodEntry, given: dict[Dimension, int], dropped: Iterable[str]
) -> dict[Dimension, int]:
    """The entry's dimensions with `given` scores set and the `dropped` names removed."""
    removed = {parse_dimension_name(name) for name in dropped}
    clash = removed & given.keys()
    if clash:
        raise InputError(
            _("{what} is both set and dropped").format(what=_(DIMENSION_LABELS[min(clash)]))
        )
    merged = {d: s for d, s in entry.dimensions.items() if d not in removed} | given
    return {d: merged[d] for d in DIMENSIONS if d in merged}


def edited_tags(
    entry: MoodEntry,
    tags: Iterable[str],
    added: Iterable[str],
    removed: Iterable[str],
    no_tags: bool,
) -> list[str]:
    """The entry's tags after a change: `tags` replace them (`no_tags` clears them), then
    `added` and `removed` apply."""
    tags = list(tags)
    if no_tags and tags:
        raise InputError(_("give --tag or --no-tags, not both"))
    current = set() if no_tags else set(clean_tags(tags) if tags else entry.tags)
    current |= set(clean_tags(added))
    current -= set(clean_tags(removed))
    return sorted(current)


# -- writing: the one owner of mood entries, for the CLI and the app ---------------------------


def record_mood(
    store: Store,
    device: str,
    now: datetime,
    score: int,
    *,
    at: datetime | None = None,
    dimensions: dict[Dimension, int] | None = None,
    tags: Iterable[str] = (),
    note: str | None = None,
) -> MoodEntry:
    """Store a new mood entry (at `now` unless `at` says when); inputs are checked first."""
    entry = MoodEntry(
        device=device,
        updated_at=now,
        at=at or now,
        score=check_score(score, N_("the score")),
        dimensions={d: check_score(v, DIMENSION_LABELS[d]) for d, v in (dimensions or {}).items()},
        tags=clean_tags(tags),
        note=(note or "").strip() or None,
    )
    store.put(entry)
    return entry


def revise_mood(
    store: Store, device: str, now: datetime, entry: MoodEntry, **changes: Any
) -> MoodEntry:
    """A new revision of an entry (the old one is kept in the journal); no change is refused."""
    if "note" in changes:
        changes["note"] = (changes["note"] or "").strip() or None
    if "tags" in changes:
        changes["tags"] = clean_tags(changes["tags"])
    if "score" in changes:
        check_score(changes["score"], N_("the score"))
    if "at" in changes and changes["at"] > now + FUTURE_SLACK:
        raise InputError(_("a mood entry cannot be in the future"))
    if all(getattr(entry, key) == value for key, value in changes.items()):
        raise InputError(_("nothing to change"))
    revised = entry.revise(device, now, **changes)
    store.put(revised)
    return revised


def delete_mood(store: Store, device: str, now: datetime, entry: MoodEntry) -> MoodEntry:
    """Delete an entry (a tombstone, so the delete reaches other devices too)."""
    gone = entry.tombstone(device, now)
    store.put(gone)
    return gone
