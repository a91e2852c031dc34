"""Daily budgets: minutes a day per app, per category, or in total, with a weekend value.

Two sources, one rule: the `[budgets]` table of config.toml holds defaults (`facebook = "30m"`,
`"category:social" = "1h"`, `total = "2h"`; one value for every day), and Budget records in the
journal (`detox budget set`, the TUI) override the config value for the same target. Clearing a
journal budget brings the config default back. Weekend values apply on Saturday and Sunday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from detox.balance.rules import CATEGORY_PREFIX, resolve_app, resolve_category
from detox.catalog import Catalog, category_name
from detox.clock import day_bounds
from detox.errors import InputError
from detox.ground import Ground
from detox.i18n import _
from detox.models import Budget
from detox.usage import per_app_seconds

TOTAL = "total"
WEEKEND = (5, 6)  # Saturday, Sunday


def is_weekend(day: date) -> bool:
    return day.weekday() in WEEKEND


@dataclass(frozen=True)
class BudgetEntry:
    target: str  # an app id, "category:NAME" or "total"
    weekday_seconds: int
    weekend_seconds: int | None
    source: Literal["journal", "config"]
    record: Budget | None = None

    def seconds_on(self, day: date) -> int:
        if is_weekend(day) and self.weekend_seconds is not None:
            return self.weekend_seconds
        return self.weekday_seconds

    @property
    def kind(self) -> Literal["app", "category", "total"]:
        if self.target == TOTAL:
            return "total"
        return "category" if self.target.startswith(CATEGORY_PREFIX) else "app"


@dataclass(frozen=True)
class BudgetUse:
    entry: BudgetEntry
    allowed_seconds: int
    used_seconds: float

    @property
    def left_seconds(self) -> float:
        return self.allowed_seconds - self.used_seconds

    @property
    def over(self) -> bool:
        return self.used_seconds > self.allowed_seconds


def target_for(catalog: Catalog, text: str | None, category: str | None, total: bool) -> str:
    """The stored target for what the user named: one of an app, --category or total."""
    given = sum((text is not None, category is not None, total))
    if given != 1:
        raise InputError(_("name one target: an app, --category NAME or total"))
    if total or (text is not None and text.strip().lower() == TOTAL):
        return TOTAL
    if category is not None:
        return CATEGORY_PREFIX + resolve_category(category)
    assert text is not None
    if text.strip().lower().startswith(CATEGORY_PREFIX):
        return CATEGORY_PREFIX + resolve_category(text)
    return resolve_app(catalog, text)


def label(catalog: Catalog, target: str) -> str:
    if target == TOTAL:
        return _("Total")
    if target.startswith(CATEGORY_PREFIX):
        return _("category {category}").format(
            category=category_name(target.removeprefix(CATEGORY_PREFIX))
        )
    return catalog.name_of(target)


def _config_target(catalog: Catalog, key: str) -> str:
    lowered = key.strip().lower()
    if lowered == TOTAL or lowered.startswith(CATEGORY_PREFIX):
        return lowered
    app = catalog.get(key)
    return app.id if app else lowered


def budget_entries(context: Ground) -> list[BudgetEntry]:
    """The budgets in force: journal records over config.toml defaults, by target."""
    entries: dict[str, BudgetEntry] = {}
    for key, seconds in context.settings.budgets.items():
        target = _config_target(context.catalog, key)
        entries[target] = BudgetEntry(target, seconds, None, "config")
    for record in context.store.records(Budget):  # oldest first: the latest of a target wins
        entries[record.target] = BudgetEntry(
            record.target, record.weekday_seconds, record.weekend_seconds, "journal", record
        )
    order = {"total": 0, "category": 1, "app": 2}
    return sorted(entries.values(), key=lambda e: (order[e.kind], e.target))


def effective_budgets(context: Ground, day: date) -> dict[str, int]:
    """Target -> seconds allowed on a local day (weekend values on Saturday and Sunday)."""
    return {entry.target: entry.seconds_on(day) for entry in budget_entries(context)}


def budget_usage(context: Ground, day: date) -> list[BudgetUse]:
    """Every budget with the time used against it on a local day, from every device."""
    entries = budget_entries(context)
    if not entries:
        return []
    settings = context.settings
    start, end = day_bounds(day, settings.day_start, settings.zone)
    spans = context.store.spans(start, end)
    per_app = {item.app: item.seconds for item in per_app_seconds(spans, start, end)}
    catalog = context.catalog
    uses: list[BudgetUse] = []
    for entry in entries:
        if entry.kind == "total":
            used = sum(per_app.values())
        elif entry.kind == "category":
            category = entry.target.removeprefix(CATEGORY_PREFIX)
            used = sum(
                seconds
                for app_id, seconds in per_app.items()
                if (app := catalog.get(app_id)) is not None and app.category == category
            )
        else:
            used = per_app.get(entry.target, 0.0)
        uses.append(BudgetUse(entry, entry.seconds_on(day), used))
    return uses


def set_budget(
    context: Ground, target: str, weekday_seconds: int, weekend_seconds: int | None
) -> Budget:
    """Store a budget; an existing journal budget for the target gets a new revision."""
    now = context.clock.now()
    device = context.store.device.id
    existing = [b for b in context.store.records(Budget) if b.target == target]
    if existing:
        budget = existing[-1].revise(
            device, now, weekday_seconds=weekday_seconds, weekend_seconds=weekend_seconds
        )
    else:
        budget = Budget(
            device=device,
            updated_at=now,
            target=target,
            weekday_seconds=weekday_seconds,
            weekend_seconds=weekend_seconds,
        )
    # Another device may have set the same target while apart: keep one record per target.
    context.store.put_many([budget, *(b.tombstone(device, now) for b in existing[:-1])])
    return budget


def clear_budget(context: Ground, target: str) -> list[Budget]:
    """Tombstone the journal budgets of a target; returns them (empty: nothing was stored)."""
    now = context.clock.now()
    device = context.store.device.id
    existing = [b for b in context.store.records(Budget) if b.target == target]
    context.store.put_many(b.tombstone(device, now) for b in existing)
    return existing


def config_default(context: Ground, target: str) -> int | None:
    """The config.toml budget for a target, which applies when no journal budget does."""
    for key, seconds in context.settings.budgets.items():
        if _config_target(context.catalog, key) == target:
            return seconds
    return None
