"""Every page title in tests/data/catalog_titles.tsv, as Chromium and Firefox show it, maps to
the app the corpus names, and every negative (an article or a search that only mentions a
network) maps to nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from detox.catalog import Catalog

CORPUS = Path(__file__).resolve().parent.parent / "data" / "catalog_titles.tsv"
LINUX = Catalog.load(os_name="linux")
NEGATIVE = "-"
# How the two browsers the X11 tests drive dress a page title, and the processes they run as.
BROWSERS = {
    "chromium": "{} - Chromium",
    "firefox-esr": "{} — Mozilla Firefox",
}
# Languages the corpus must cover, by a script or word only that language's titles have.
LANGUAGE_MARKERS = {
    "ko": "네이버",
    "zh": "微博",
    "ja": "ホーム",
    "pl": "Powiadomienia",
    "es": "Notificaciones",
    "ru": "Уведомления",
    "pt": "Notificações",
    "de": "Benachrichtigungen",
}
REGIONAL = (
    "naver", "daum", "kakaostory", "weibo", "douyin", "bilibili", "xiaohongshu", "zhihu",
    "tieba", "wykop", "vk", "odnoklassniki", "taringa", "line", "threads", "bluesky", "mastodon",
)  # fmt: skip


def load_corpus() -> list[tuple[str | None, str]]:
    entries: list[tuple[str | None, str]] = []
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        expected, separator, title = line.partition("\t")
        if not separator or not title.strip():
            raise ValueError(f"{CORPUS.name}:{number}: expected 'app<TAB>title': {line!r}")
        entries.append((None if expected == NEGATIVE else expected, title))
    return entries


ENTRIES = load_corpus()


def test_the_corpus_is_large_and_covers_languages_and_regional_networks() -> None:
    positives = [title for app, title in ENTRIES if app is not None]
    negatives = [title for app, title in ENTRIES if app is None]
    assert len(positives) >= 300
    assert len(negatives) >= 100
    assert len({title for _, title in ENTRIES}) == len(ENTRIES), "a title is listed twice"
    per_app = Counter(app for app, _ in ENTRIES if app is not None)
    for app in REGIONAL:
        assert per_app[app] >= 1, f"no titles for {app}"
    for language, marker in LANGUAGE_MARKERS.items():
        assert any(marker in title for title in positives), f"no {language} titles"
    assert sum(title.startswith("(") for title in positives) >= 30, "few unread counters"


def test_every_app_in_the_corpus_exists() -> None:
    unknown = {app for app, _ in ENTRIES if app is not None and LINUX.get(app) is None}
    assert not unknown


@pytest.mark.parametrize("browser", sorted(BROWSERS))
def test_every_corpus_title_maps_to_its_app_in_both_browsers(browser: str) -> None:
    form = BROWSERS[browser]
    wrong = [
        (title, expected, found)
        for expected, title in ENTRIES
        if (found := LINUX.match(browser, form.format(title))) != expected
    ]
    # All mistakes at once: fixing patterns one failure per run is slow.
    assert not wrong, "\n".join(f"{t!r}: expected {e}, got {f}" for t, e, f in wrong)
