"""A fast's rules: what each covers, how it reads, which combinations make sense, and the rules
in force on a given day. Also the parsing of rule options as users type them."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, time
from itertools import combinations

from detox.catalog import CATEGORIES, Catalog, category_name
from detox.durations import format_duration, parse_duration
from detox.errors import InputError
from detox.i18n import N_, _, listing
from detox.models import Fast, Rule
from detox.weekdays import parse_weekday

CATEGORY_PREFIX = "category:"
_CURFEW = re.compile(r"^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")


def covers_everything(rule: Rule) -> bool:
    return not rule.apps and not rule.categories


def covers(rule: Rule, app_id: str, category: str | None) -> bool:
    """Whether time on an app counts against this rule."""
    if covers_everything(rule):
        return True
    return app_id in rule.apps or (category is not None and category in rule.categories)


def covered_apps(rule: Rule, catalog: Catalog) -> frozenset[str]:
    """The catalog apps a rule covers (what strict mode may close)."""
    return frozenset(app.id for app in catalog.apps if covers(rule, app.id, app.category))


def rule_key(rule: Rule) -> str:
    """A short stable name for a rule's content, the same on every device and every run."""
    canonical = json.dumps(
        {
            "kind": rule.kind,
            "apps": sorted(rule.apps),
            "categories": sorted(rule.categories),
            "limit": rule.limit_seconds,
            "curfew": [
                rule.curfew_start.isoformat() if rule.curfew_start else None,
                rule.curfew_end.isoformat() if rule.curfew_end else None,
            ],
        },
        sort_keys=True,
    )
    return hashlib.sha1(canonical.encode()).hexdigest()[:12]


def targets_text(rule: Rule, name_of: Callable[[str], str] = str) -> str:
    if covers_everything(rule):
        return _("social media")
    parts = [name_of(app) for app in rule.apps]
    parts += [
        _("category {category}").format(category=category_name(category))
        for category in rule.categories
    ]
    return listing(parts)


def curfew_text(rule: Rule) -> str:
    assert rule.curfew_start is not None and rule.curfew_end is not None
    return f"{rule.curfew_start.strftime('%H:%M')}-{rule.curfew_end.strftime('%H:%M')}"


def rule_sentence(rule: Rule, name_of: Callable[[str], str] = str) -> str:
    """A rule in plain words: "no Facebook", "at most 15m a day of category video"."""
    what = targets_text(rule, name_of)
    if rule.kind == "abstain":
        return _("no {what}").format(what=what)
    if rule.kind == "limit":
        assert rule.limit_seconds is not None
        return _("at most {duration} a day of {what}").format(
            duration=format_duration(rule.limit_seconds), what=what
        )
    assert rule.curfew_start is not None and rule.curfew_end is not None
    return _("no {what} between {start} and {end}").format(
        what=what,
        start=rule.curfew_start.strftime("%H:%M"),
        end=rule.curfew_end.strftime("%H:%M"),
    )


def rule_json(rule: Rule, name_of: Callable[[str], str] = str) -> dict[str, object]:
    return {
        "kind": rule.kind,
        "apps": list(rule.apps),
        "categories": list(rule.categories),
        "limit_seconds": rule.limit_seconds,
        "curfew": curfew_text(rule) if rule.kind == "curfew" else None,
        "description": rule_sentence(rule, name_of),
    }


def rules_on(fast: Fast, day: date) -> tuple[list[Rule], list[int]]:
    """The rules and days off that judge a day: earlier eras for days before a change."""
    for era in sorted(fast.history, key=lambda era: era.until):
        if day < era.until:
            return list(era.rules), list(era.days_off)
    return list(fast.rules), list(fast.days_off)


# -- checking ---------------------------------------------------------------------------------


def check_overlaps(rules: Sequence[Rule], catalog: Catalog) -> None:
    """Refuse two abstain/limit rules that both cover some app: which one would count?"""
    category_of = {app.id: app.category for app in catalog.apps}
    budgets = [rule for rule in rules if rule.kind in ("abstain", "limit")]
    for first, second in combinations(budgets, 2):
        shared = _shared(first, second, category_of)
        if shared is not None:
            raise InputError(
                _(
                    "rules overlap on {what}: '{first}' and '{second}'; give each app one "
                    "abstain or limit rule"
                ).format(what=shared, first=rule_sentence(first), second=rule_sentence(second))
            )


def _shared(first: Rule, second: Rule, category_of: dict[str, str]) -> str | None:
    if covers_everything(first) or covers_everything(second):
        return _("every app")
    for app in first.apps:
        if covers(second, app, category_of.get(app)):
            return app
    for app in second.apps:
        if covers(first, app, category_of.get(app)):
            return app
    common = set(first.categories) & set(second.categories)
    return _("category {name}").format(name=sorted(common)[0]) if common else None


# -- parsing what users type ------------------------------------------------------------------


def resolve_app(catalog: Catalog, text: str) -> str:
    app = catalog.get(text)
    if app is None:
        close = catalog.suggest(text)
        if close:
            raise InputError(
                _("unknown app {value}; did you mean {names}?").format(
                    value=repr(text), names=", ".join(close)
                )
            )
        raise InputError(_("unknown app {value}; see `detox apps list`").format(value=repr(text)))
    return app.id


def resolve_category(text: str) -> str:
    category = text.strip().lower().removeprefix(CATEGORY_PREFIX)
    if category not in CATEGORIES:
        raise InputError(
            _("unknown category {value}; choose one of {names}").format(
                value=repr(text), names=", ".join(CATEGORIES)
            )
        )
    return category


def split_list(values: Iterable[str]) -> list[str]:
    """ "a,b" and repeated options alike, blanks dropped."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


_BAD_CURFEW = N_("cannot read curfew {value}: write HH:MM-HH:MM, e.g. 21:00-07:00")


def parse_curfew(text: str) -> tuple[time, time]:
    found = _CURFEW.match(text)
    if found is None:
        raise InputError(_(_BAD_CURFEW).format(value=repr(text)))
    try:
        start, end = (time.fromisoformat(part.zfill(5)) for part in found.groups())
    except ValueError:
        raise InputError(_(_BAD_CURFEW).format(value=repr(text))) from None
    if start == end:
        raise InputError(
            _("curfew {value} starts and ends at the same time").format(value=repr(text))
        )
    return start, end


def parse_days_off(text: str) -> list[int]:
    """ "sun", "sat,sun", "Saturdays Sundays" or "none" -> weekday numbers, Monday = 0; days
    and "none" also in the language of the run, as the fast form shows them ("sáb, dom")."""
    whole = text.strip().casefold()
    if whole in ("none", _("none").casefold()):
        return []
    days: set[int] = set()
    for part in re.split(r"[,\s]+", whole):
        if part:
            days.add(_weekday(part))
    return sorted(days)


def _weekday(part: str) -> int:
    return parse_weekday(part, N_("write mon, tue, ... sun (or none)"))


def parse_limit(catalog: Catalog, text: str) -> tuple[tuple[list[str], list[str]] | None, int]:
    """ "15m" (for the fast's apps) or "TARGET=15m"; TARGET is an app, a category or category:X."""
    if "=" not in text:
        return None, parse_duration(text)
    target, _equals, amount = text.partition("=")
    seconds = parse_duration(amount)
    target = target.strip()
    lowered = target.lower()
    if lowered.startswith(CATEGORY_PREFIX) or (
        lowered in CATEGORIES and catalog.get(lowered) is None
    ):
        return ([], [resolve_category(lowered)]), seconds
    return ([resolve_app(catalog, target)], []), seconds


def build_rules(
    catalog: Catalog,
    apps: Sequence[str] = (),
    categories: Sequence[str] = (),
    limits: Sequence[str] = (),
    curfews: Sequence[str] = (),
) -> list[Rule]:
    """Rules from command options.

    The apps and categories given (none: every social app) are abstained from, unless a bare
    `--limit 15m` limits them or `--curfew` puts them under a curfew instead. `--limit X=15m`
    adds a limit of its own for X. Overlapping abstain/limit rules are refused.
    """
    app_ids = sorted(set(resolve_app(catalog, text) for text in split_list(apps)))
    category_ids = sorted(set(resolve_category(text) for text in split_list(categories)))
    rules: list[Rule] = []
    bare_limits: list[int] = []
    for text in limits:
        target, seconds = parse_limit(catalog, text)
        if target is None:
            bare_limits.append(seconds)
        else:
            rules.append(
                Rule(kind="limit", apps=target[0], categories=target[1], limit_seconds=seconds)
            )
    if len(bare_limits) > 1:
        raise InputError(_("give one --limit for the fast's apps (or write --limit APP=15m)"))
    for text in curfews:
        start, end = parse_curfew(text)
        rules.append(
            Rule(
                kind="curfew",
                apps=app_ids,
                categories=category_ids,
                curfew_start=start,
                curfew_end=end,
            )
        )
    if bare_limits:
        rules.insert(
            0,
            Rule(kind="limit", apps=app_ids, categories=category_ids, limit_seconds=bare_limits[0]),
        )
    elif not curfews and (app_ids or category_ids or not rules):
        rules.insert(0, Rule(kind="abstain", apps=app_ids, categories=category_ids))
    check_overlaps(rules, catalog)
    return rules
