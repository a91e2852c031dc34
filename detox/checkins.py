"""The weekly check-in: the questions the abstinence studies asked, worded for one person.

Life satisfaction on 1-10 (as in Tromholt 2016) and the three-item UCLA loneliness scale
(Hughes et al. 2004; used by Hunt et al. 2018), each item answered 1-3, total 3-9.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from detox.i18n import N_, _, listing
from detox.models import CheckIn
from detox.store import Store

# The questions and scales are English here, marked for the catalogs: show them through `_`.
LIFE_SATISFACTION_QUESTION = N_(
    "All things considered, how satisfied are you with your life as a whole these days?"
)
LIFE_SATISFACTION_SCALE = N_("1 = not at all satisfied, 10 = completely satisfied")
UCLA_ANSWERS: dict[int, str] = {
    1: N_("hardly ever"),
    2: N_("some of the time"),
    3: N_("often"),
}
CHECKIN_INTERVAL = timedelta(days=7)


@dataclass(frozen=True)
class UclaItem:
    field: str  # the CheckIn field that stores the answer
    option: str  # the CLI flag that answers it
    question: str


UCLA_ITEMS: tuple[UclaItem, ...] = (
    UclaItem(
        "lack_companionship",
        "--lack-companionship",
        N_("How often do you feel that you lack companionship?"),
    ),
    UclaItem("left_out", "--left-out", N_("How often do you feel left out?")),
    UclaItem("isolated", "--isolated", N_("How often do you feel isolated from others?")),
)


def ucla_scale() -> str:
    """ "1 = hardly ever, 2 = some of the time, 3 = often" in the active language."""
    return listing(f"{value} = {_(label)}" for value, label in UCLA_ANSWERS.items())


def latest_checkin(store: Store, before: datetime | None = None) -> CheckIn | None:
    found = [c for c in store.records(CheckIn) if before is None or c.at < before]
    return max(found, key=lambda c: (c.at, c.id), default=None)


def checkin_summary(checkin: CheckIn) -> str:
    return _(
        "life satisfaction {life}/10, loneliness {loneliness} (3-9, lower is less lonely)"
    ).format(life=checkin.life_satisfaction, loneliness=checkin.loneliness)


def record_checkin(
    store: Store,
    device: str,
    now: datetime,
    life_satisfaction: int,
    answers: dict[str, int],
    note: str | None = None,
    at: datetime | None = None,
) -> CheckIn:
    """Store a check-in; `answers` holds the three UCLA items by their field names."""
    checkin = CheckIn.model_validate(
        {
            "device": device,
            "updated_at": now,
            "at": at or now,
            "life_satisfaction": life_satisfaction,
            **{item.field: answers[item.field] for item in UCLA_ITEMS},
            "note": (note or "").strip() or None,
        }
    )
    store.put(checkin)
    return checkin


def delete_checkin(store: Store, device: str, now: datetime, checkin: CheckIn) -> CheckIn:
    """Delete a check-in (a tombstone, so the delete reaches other devices too)."""
    gone = checkin.tombstone(device, now)
    store.put(gone)
    return gone
