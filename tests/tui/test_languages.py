"""The app in the user's language: the pseudo-locale finds English that escaped the catalogs,
and Korean and Chinese screens at 80x24 keep wide characters whole and columns aligned.

Update the snapshots after an intended change with:
    pytest tests/tui/test_languages.py --snapshot-update
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Select, Static

from detox import i18n
from detox.config import load_settings
from detox.models import Fast
from detox.tui.app import DetoxApp
from detox.tui.widgets.tables import FitTable
from tests.tui.helpers import screen_text
from tests.tui.test_snapshots import SnapCompare, settled

# Screens whose every word goes through the catalogs. A screen still partly English would be
# listed here, its test expected to fail, until its strings are wrapped and translated.
KNOWN_GAPS: dict[str, str] = {}
SCREENS = [
    ("today", ()),
    ("week", ("w",)),
    ("month", ("w", "right_square_bracket")),
    ("export", ("w", "x")),
    ("mood", ("o",)),
    ("reminders", ("r",)),
    ("fasts", ("f",)),
    ("settings", ("s",)),
    ("onboarding", ()),
    ("mood-modal", ("m",)),
    ("log-use", ("l",)),
    ("blood-pressure", ("b",)),
    ("new-fast", ("f", "n")),
    # The keys panel lists Textual's own keys too (scrolling, copying, a table's cursor, a
    # field's editing keys), and the command palette Textual's own commands.
    ("keys", ("question_mark",)),
    ("keys-week", ("w", "question_mark")),
    ("keys-settings", ("s", "question_mark")),
    ("keys-in-a-form", ("f", "n", "ctrl+p", *"keys", "enter")),
    ("command-palette", ("ctrl+p",)),
]
# Words on screen that are data or names, not detox's sentences: app names from the test's
# history, English dates (the pseudo-locale keeps English formats), folder names.
DATA_WORDS = {
    "detox",
    "facebook",
    "youtube",
    "weibo",
    "kakaotalk",
    "wednesday",
    "november",
    "december",
    "nov",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "walk",  # a mood tag typed by the user
    "dec",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "mo",  # two-letter weekday heads of the month calendar
    "tu",
    "we",
    "th",
    "fr",
    "sa",
    "su",
    "html",
    "json",
    "csv",
    "text",
    "pid",
    "phone",  # the device label typed in by default, stored as data
    "instagram",  # app names as examples in a field
    "tiktok",
    "hh",  # the HH:MM of a time field
    "mm",
    "md",
    "january",  # the pseudo-locale's months in full (a fast's calendar)
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "space",  # key caps, as printed on keyboards
    "del",
    "tab",
    "shift",
    "esc",
    "home",
    "end",
    "pgup",
    "pgdn",
    "super",
}


def data_words(app: DetoxApp) -> set[str]:
    """Words that are the user's data or names, not detox's sentences: the catalog's app ids,
    names, aliases and web domains, the names of fasts (typed by the user, or made from a
    preset and a date when started, then stored), the theme's name."""
    texts = [app.theme]
    for entry in app.context.catalog.apps:
        texts += [entry.id, entry.name, *entry.aliases, *entry.domains]
    texts += [fast.name for fast in app.context.store.records(Fast)]
    return {word.lower() for text in texts for word in re.findall(r"[A-Za-z]{2,}", text)}


def unwrapped_words(text: str) -> set[str]:
    """English words outside every [[...]], line by line (a dialog drawn over a cut line must
    not hide its words): a "]]" that closes nothing on its line ends a sentence wrapped from the
    line before, so what precedes it is inside; a lone "[" or "]" (a key's name) is text."""
    outside: list[str] = []
    for line in text.splitlines():
        kept: list[str] = []
        depth = 0
        index = 0
        while index < len(line):
            pair = line[index : index + 2]
            if pair == "[[":
                depth += 1
                index += 2
            elif pair == "]]":
                if depth:
                    depth -= 1
                else:
                    kept = []
                index += 2
            else:
                kept.append(line[index] if depth == 0 else " ")
                index += 1
        outside.append("".join(kept))
    # Paths and file names are the user's, not detox's words.
    rest = re.sub(r"\S*/\S*|\S+\.(?:html|txt|md|csv|json)\b", " ", "\n".join(outside))
    words = {word.lower() for word in re.findall(r"[A-Za-z]{2,}", rest)}
    return words - DATA_WORDS


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        pytest.param(
            name,
            keys,
            marks=[pytest.mark.xfail(reason=f"not translated yet: {KNOWN_GAPS[name]}", strict=True)]
            if name in KNOWN_GAPS
            else [],
            id=name,
        )
        for name, keys in SCREENS
    ],
)
async def test_pseudo_locale_leaves_no_english(
    make_app: Callable[..., DetoxApp],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    keys: tuple[str, ...],
) -> None:
    monkeypatch.setattr(
        "detox.tui.screens.week.default_export_folder", lambda: Path("/home/someone/Documents")
    )
    i18n.activate(i18n.PSEUDO)
    new_user = name == "onboarding"
    # The fasts screen needs fasts to show more than "No fasts yet".
    app = make_app(
        seed=not new_user, onboarded=not new_user, config=not new_user, long=name == "fasts"
    )
    async with app.run_test(size=(160, 50)) as pilot:
        await settled(*keys)(pilot)
        text = screen_text(app)
    assert unwrapped_words(text) - data_words(app) == set(), text


@pytest.mark.parametrize("language", ["ko", "zh_Hans", "zh_Hant"])
@pytest.mark.parametrize(("name", "keys"), [("today", ()), ("week", ("w",))])
def test_cjk_screens_at_80x24(
    snap_compare: SnapCompare,
    make_app: Callable[..., DetoxApp],
    language: str,
    name: str,
    keys: tuple[str, ...],
) -> None:
    i18n.activate(language)
    app = make_app(long=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled(*keys))


async def test_korean_today_says_it_in_korean(make_app: Callable[..., DetoxApp]) -> None:
    i18n.activate("ko")
    app = make_app(long=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled()(pilot)
        text = screen_text(app)
    assert "오늘 소셜 미디어" in text
    assert "2026년 11월 25일 수요일" in text
    assert "종료" in text  # the key bar: q Quit


@pytest.mark.parametrize("needle", ["微博", "카카오톡", "ВКонтакте", "Wykop"])
async def test_catalog_search_finds_apps_by_native_names(
    make_app: Callable[..., DetoxApp], needle: str
) -> None:
    i18n.activate("ko")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settled()(pilot)
        app.screen.query_one("#search", Input).value = needle
        await settled()(pilot)
        rows = app.screen.query_one("#catalog", FitTable).row_count
        text = screen_text(app)
    assert rows == 1, text
    assert "앱 및 설정" in text  # the screen's title, in Korean


async def test_language_picked_in_settings_is_saved(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settled()(pilot)
        app.screen.query_one("#language", Select).value = "pl"
        app.screen.query_one("#save", Button).press()
        await settled()(pilot)
        message = str(app.screen.query_one("#settings-message", Static).render())
    assert load_settings(app.context.paths.config_file).language == "pl"
    assert i18n.current() == "pl"
    assert message == "Zapisano."


async def test_onboarding_turns_to_the_language_picked(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False, onboarded=False, config=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled()(pilot)
        app.screen.query_one("#language", Select).value = "es"
        await settled()(pilot)
        assert "Te damos la bienvenida a detox" in screen_text(app)
        app.screen.query_one("#done", Button).press()
        await settled()(pilot)
    assert load_settings(app.context.paths.config_file).language == "es"
