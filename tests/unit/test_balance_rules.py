"""Rules from command options: what they cover, how they read, and what is refused."""

from __future__ import annotations

from datetime import time

import pytest

from detox import i18n
from detox.balance.rules import (
    build_rules,
    covered_apps,
    parse_curfew,
    parse_days_off,
    rule_key,
    rule_sentence,
)
from detox.catalog import Catalog
from detox.errors import InputError
from detox.i18n import _
from detox.models import Rule


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(os_name="linux")


def test_no_options_means_no_social_media_at_all(catalog: Catalog) -> None:
    (rule,) = build_rules(catalog)
    assert rule == Rule(kind="abstain")
    assert rule_sentence(rule) == "no social media"
    assert covered_apps(rule, catalog) == {app.id for app in catalog.apps}


def test_apps_by_name_or_alias_and_categories(catalog: Catalog) -> None:
    (rule,) = build_rules(catalog, apps=["Facebook,instagram"], categories=["video"])
    assert (rule.kind, rule.apps, rule.categories) == (
        "abstain",
        ["facebook", "instagram"],
        ["video"],
    )
    covered = covered_apps(rule, catalog)
    assert {"facebook", "instagram", "youtube"} <= covered
    assert "discord" not in covered


def test_a_bare_limit_and_a_curfew_apply_to_the_fast_apps(catalog: Catalog) -> None:
    limit, curfew = build_rules(
        catalog, categories=["social"], limits=["45m"], curfews=["22:00-07:00"]
    )
    assert (limit.kind, limit.categories, limit.limit_seconds) == ("limit", ["social"], 2700)
    assert (curfew.kind, curfew.curfew_start, curfew.curfew_end) == ("curfew", time(22), time(7))
    assert rule_sentence(limit) == "at most 45m a day of category social"
    assert rule_sentence(curfew) == "no category social between 22:00 and 07:00"


def test_targeted_limits_sit_beside_an_abstain_rule(catalog: Catalog) -> None:
    rules = build_rules(catalog, apps=["tiktok"], limits=["youtube=30m", "category:forum=1h"])
    assert [(r.kind, r.apps, r.categories, r.limit_seconds) for r in rules] == [
        ("abstain", ["tiktok"], [], None),
        ("limit", ["youtube"], [], 1800),
        ("limit", [], ["forum"], 3600),
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"limits": ["instagram=15m", "category:social=1h"]}, "rules overlap on instagram"),
        ({"limits": ["facebook=15m", "facebook=20m"]}, "rules overlap on facebook"),
        ({"apps": ["facebook"], "limits": ["facebook=20m"]}, "rules overlap on facebook"),
        ({"limits": ["15m", "youtube=30m"]}, "rules overlap on every app"),
        ({"categories": ["video"], "limits": ["video=1h"]}, "rules overlap on category video"),
        ({"limits": ["15m", "20m"]}, "give one --limit"),
        ({"apps": ["facebok"]}, r"unknown app 'facebok'; did you mean facebook"),
        ({"categories": ["games"]}, "unknown category 'games'"),
        ({"limits": ["lots"]}, "cannot read duration 'lots'"),
        ({"curfews": ["9pm-7am"]}, "cannot read curfew"),
        ({"curfews": ["25:00-07:00"]}, "cannot read curfew"),
        ({"curfews": ["21:00-21:00"]}, "starts and ends at the same time"),
    ],
)
def test_bad_rule_options_get_a_clear_error(
    catalog: Catalog, options: dict[str, list[str]], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        build_rules(catalog, **options)


def test_curfews_and_days_off_as_people_type_them() -> None:
    assert parse_curfew("9:30-7:00") == (time(9, 30), time(7, 0))
    assert parse_curfew(" 21:00 - 06:30 ") == (time(21), time(6, 30))
    assert parse_days_off("sun") == [6]
    assert parse_days_off("Saturdays, Sundays") == [5, 6]
    assert parse_days_off("mon tue thurs") == [0, 1, 3]
    assert parse_days_off("none") == []
    for bad in ("s", "funday", "t"):
        with pytest.raises(InputError, match="cannot read day"):
            parse_days_off(bad)


def test_rule_keys_ignore_order_but_not_content() -> None:
    one = Rule(kind="abstain", apps=["facebook", "instagram"])
    same = Rule(kind="abstain", apps=["instagram", "facebook"])
    other = Rule(kind="limit", apps=["facebook", "instagram"], limit_seconds=60)
    assert rule_key(one) == rule_key(same) != rule_key(other)


@pytest.mark.parametrize("language", ["en", "es", "pl", "ko", "zh_Hans", "zh_Hant"])
def test_days_off_as_the_fast_form_shows_them_read_back(language: str) -> None:
    # The edit form fills in the days off as shown ("sáb, dom", "토, 일") and its placeholder
    # says "none" in the language: both must be taken back as they stand.
    from detox.tui.modals.fasts import typed_days

    i18n.activate(language)
    try:
        for days in ([6], [5, 6], [0, 2, 4]):
            assert parse_days_off(typed_days(days)) == days
        assert parse_days_off(_("none")) == []
    finally:
        i18n.activate("en")
