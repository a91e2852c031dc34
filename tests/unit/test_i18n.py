"""Words that change with a number, and the language chosen from --lang, config or environment."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from detox import i18n
from detox.i18n import count


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.activate("en")


@pytest.mark.parametrize(
    ("n", "shown"), [(0, "0 days"), (1, "1 day"), (2, "2 days"), (-1, "-1 days")]
)
def test_count_picks_the_form_for_the_number(n: int, shown: str) -> None:
    assert count(n, "day", "days") == shown


def test_irregular_plurals_are_given_not_guessed() -> None:
    assert count(3, "entry", "entries") == "3 entries"
    assert count(1, "entry", "entries") == "1 entry"


@pytest.mark.parametrize(
    ("n", "shown"), [(1, "1 dzień"), (2, "2 dni"), (5, "5 dni"), (22, "22 dni"), (12, "12 dni")]
)
def test_polish_has_three_forms(n: int, shown: str) -> None:
    i18n.activate("pl")
    assert count(n, "day", "days") == shown


def test_polish_genitive_plural_differs_from_the_few_form() -> None:
    i18n.activate("pl")
    assert [count(n, "file", "files") for n in (1, 3, 5, 22, 25)] == [
        "1 plik",
        "3 pliki",
        "5 plików",
        "22 pliki",
        "25 plików",
    ]


@pytest.mark.parametrize(
    ("language", "shown"),
    [("ko", "3일"), ("zh_Hans", "3 天"), ("zh_Hant", "3 天"), ("es", "3 días")],
)
def test_counts_in_the_other_languages(language: str, shown: str) -> None:
    i18n.activate(language)
    assert count(3, "day", "days") == shown


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "pl_PL.UTF-8"}, "pl"),
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LANG": "zh_CN.UTF-8"}, "zh_Hans"),
        ({"LANG": "zh_SG"}, "zh_Hans"),
        ({"LANG": "zh"}, "zh_Hans"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_Hant"),
        ({"LANG": "zh_HK.UTF-8"}, "zh_Hant"),
        ({"LANG": "zh_MO"}, "zh_Hant"),
        ({"LC_ALL": "zh_Hant_TW.UTF-8"}, "zh_Hant"),
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "pl_PL.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "es"),
        ({"LANG": "pl_PL.UTF-8", "LC_MESSAGES": "es_ES", "LC_ALL": "ko_KR"}, "ko"),
        ({}, "en"),
    ],
)
def test_auto_reads_the_environment_as_gettext_does(environ: dict[str, str], language: str) -> None:
    assert i18n.choose("auto", environ) == language


def test_a_setting_wins_over_the_environment() -> None:
    assert i18n.choose("pl", {"LANG": "ko_KR.UTF-8"}) == "pl"
    assert i18n.choose("zh-CN", {}) == "zh_Hans"
    assert i18n.choose("zh-TW", {"LANG": "zh_CN.UTF-8"}) == "zh_Hant"
    assert i18n.choose("zh_Hant", {}) == "zh_Hant"


def test_an_unknown_or_missing_catalog_falls_back_to_english() -> None:
    i18n.activate("xx")
    assert (i18n.current(), count(2, "day", "days")) == ("en", "2 days")
    assert i18n._("A message nobody translated") == "A message nobody translated"


def test_a_message_missing_from_a_catalog_is_english_and_the_rest_translated() -> None:
    i18n.activate("pl")
    assert i18n._("A message nobody translated") == "A message nobody translated"
    assert count(2, "day", "days") == "2 dni"


def test_the_pseudo_language_wraps_every_message() -> None:
    i18n.activate("qps")
    assert i18n._("Today") == "[[Today]]"
    assert count(2, "day", "days") == "[[2 [[days]]]]"


def test_lazy_text_follows_the_language_chosen_later() -> None:
    label = i18n.lazy("day")
    i18n.activate("qps")
    assert str(label) == "[[day]]"
    i18n.activate("en")
    assert f"{label}" == "day"


@pytest.mark.parametrize(
    ("language", "lent", "great_lent"),
    [
        ("pl", "Wielki Post", "Wielki Post (prawosławny)"),
        ("es", "Cuaresma", "Gran Cuaresma (ortodoxa)"),
        ("ko", "사순절", "대사순절(정교회)"),
        ("zh_Hans", "大斋期", "东正教大斋期"),
        ("zh_Hant", "大齋期", "東正教大齋期"),
        ("en", "Lent", "Great Lent"),
    ],
)
def test_fast_presets_are_named_in_each_language(language: str, lent: str, great_lent: str) -> None:
    from detox.balance.presets import find_preset

    i18n.activate(language)
    assert (find_preset("lent").name, find_preset("great-lent").name) == (lent, great_lent)


def test_reminders_speak_the_language() -> None:
    from datetime import date

    from detox.reminders import messages

    i18n.activate("pl")
    title, body = messages.fast_day("Wielki Post 2027", date(2027, 2, 10), date(2027, 3, 27),
                                    date(2027, 2, 11))  # fmt: skip
    assert title == "Wielki Post 2027: dzień 2 z 46"
    assert body == "Po dzisiejszym dniu zostało: 44 dni."
    i18n.activate("ko")
    assert messages.nudge("카카오톡", 20)[0] == "카카오톡 20분"


def test_traditional_chinese_writes_taiwans_dates_and_durations() -> None:
    from datetime import date

    from detox import localized

    i18n.activate("zh_Hant")
    assert localized.duration(1, 5) == "1 小時 5 分鐘"
    assert localized.day_label(date(2026, 12, 3)) == "12月3日週四"  # CLDR zh_Hant_TW
    assert i18n._("Settings") == "設定"
    i18n.activate("zh_Hans")
    assert localized.duration(1, 5) == "1小时5分钟"


def test_the_language_pickers_offer_traditional_chinese() -> None:
    from detox.tui.words import language_options

    options = language_options()
    assert ("繁體中文", "zh_Hant") in options and ("简体中文", "zh_Hans") in options


def test_todays_title_writes_the_day_as_english_does() -> None:
    # The Today screen's title read "Friday 04 December 2026", the report's dates "04 Dec".
    from detox.localized import long_date, medium_date

    i18n.activate("en")
    assert long_date(date(2026, 12, 4)) == "Friday 4 December 2026"
    assert long_date(date(2026, 11, 10)) == "Tuesday 10 November 2026"
    assert medium_date(date(2026, 12, 4)) == "4 Dec 2026"
