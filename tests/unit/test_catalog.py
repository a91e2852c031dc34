"""The app catalog: which window is which social app, and what users may change."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detox.catalog import (
    CATEGORIES,
    COMPILED,
    OS_NAMES,
    SOURCE,
    App,
    Catalog,
    _builtin,
    _parse_source,
    compiled_text,
    current_os,
    host_of,
    normalize_process_name,
)
from detox.errors import ConfigError

LINUX = Catalog.load(os_name="linux")
WINDOWS = Catalog.load(os_name="windows")
MACOS = Catalog.load(os_name="macos")

EDGE = "Microsoft\u200b Edge"  # Edge really puts a zero-width space in its name
# How each browser dresses a page title "P"; "" is Safari, GNOME Web and macOS Chrome/Firefox.
BROWSER_FORMS = [
    "{} - Chromium",
    "{} - Google Chrome",
    "{} - Google Chrome - Work",
    "{} — Mozilla Firefox",
    "{} - Mozilla Firefox",
    "{} — Mozilla Firefox Private Browsing",
    "{} - (Private Browsing)",
    "{} - Brave",
    "{} - " + EDGE,
    "{} - Personal - " + EDGE,
    "{} and 3 more pages - Work - " + EDGE,
    "{} - Opera",
    "{} - Vivaldi",
    "{} - Falkon",
    "{} - qutebrowser",
    "{} — LibreWolf",
    "{}",
]

# Titles as the sites themselves write them.
REAL_TITLES = [
    ("Facebook", "facebook"),
    ("(3) Facebook", "facebook"),
    ("(20+) Marketplace | Facebook", "facebook"),
    ("Facebook – log in or sign up", "facebook"),
    ("Instagram", "instagram"),
    ("NASA (@nasa) • Instagram photos and videos", "instagram"),
    ("Login • Instagram", "instagram"),
    ('NASA on Instagram: "Liftoff!"', "instagram"),
    ("Home / X", "x"),
    ("(3) Home / X", "x"),
    ("Elon Musk (@elonmusk) / X", "x"),
    ('NASA on X: "We have liftoff" / X', "x"),
    ("Home / Twitter", "x"),
    ("TikTok - Make Your Day", "tiktok"),
    ("Khaby Lame (@khaby.lame) | TikTok", "tiktok"),
    ("Snapchat", "snapchat"),
    ("(2) Pinterest", "pinterest"),
    ("(3) Feed | LinkedIn", "linkedin"),
    ("LinkedIn Login, Sign in | LinkedIn", "linkedin"),
    ("Reddit - Dive into anything", "reddit"),
    ("r/python - Reddit", "reddit"),
    ("r/learnpython", "reddit"),
    ("How do I learn Python? : r/learnpython", "reddit"),
    ("r/learnpython on Reddit: How do I learn Python?", "reddit"),
    ("YouTube", "youtube"),
    ("(12) YouTube", "youtube"),
    ("Rick Astley - Never Gonna Give You Up (Official Music Video) - YouTube", "youtube"),
    ("Twitch", "twitch"),
    ("shroud - Twitch", "twitch"),
    ("Tumblr", "tumblr"),
    ("Threads", "threads"),
    ("Mark Zuckerberg (@zuck) • Threads, Say more", "threads"),
    ("Home — Bluesky", "bluesky"),
    ("(2) Notifications — Bluesky", "bluesky"),
    ("Home - Mastodon", "mastodon"),
    ("Home - mastodon.social", "mastodon"),
    ("Discord", "discord"),
    ("Discord | #general | Python", "discord"),
    ("(1) Discord | Friends", "discord"),
    ("• Discord | #announcements | Server", "discord"),
    ("WhatsApp", "whatsapp"),
    ("(5) WhatsApp", "whatsapp"),
    ("Telegram Web", "telegram"),
    ("Telegram: Contact @durov", "telegram"),
    ("(2) Messenger", "messenger"),
    ("Messenger | Facebook", "messenger"),
    ("general (Channel) - Acme - Slack", "slack"),
    ("Chat | Microsoft Teams", "teams"),
    ("What is the meaning of life? - Quora", "quora"),
    ("Show HN: My weekend project | Hacker News", "hackernews"),
    ("9GAG - Best Funny Memes and Breaking News", "9gag"),
    ("Cats in boxes - 9GAG", "9gag"),
    ("xQc Stream - Watch Live on Kick", "kick"),
    ("Sunset on Vimeo", "vimeo"),
    ("Explore | Flickr", "flickr"),
    ("微博-随时随地发现新鲜事", "weibo"),
    ("抖音-记录美好生活", "douyin"),
    ("【4K】城市夜景_哔哩哔哩_bilibili", "bilibili"),
    ("小红书 - 你的生活指南", "xiaohongshu"),
    ("如何学习 Python？ - 知乎", "zhihu"),
    ("肖申克的救赎 (豆瓣)", "douban"),
    ("python吧-百度贴吧", "tieba"),
    ("QQ空间-分享生活，留住感动", "qq"),
    ("맛집 리뷰 : 네이버 블로그", "naver"),
    ("【初音ミク】メルト - ニコニコ動画", "niconico"),
    ("[問卦] 有沒有八卦 - 看板 Gossiping - 批踢踢實業坊", "ptt"),
    ("Павел Дуров | ВКонтакте", "vk"),
    ("Wykop.pl - newsy, aktualności, gry, wiadomości, muzyka, ciekawostki, filmiki", "wykop"),
    ("Dlaczego kot - Wykop.pl", "wykop"),
    ("閒聊 | Dcard", "dcard"),
    ("Landscape by artist on DeviantArt", "deviantart"),
]

FALSE_POSITIVES = [
    "Why I quit Facebook - The Guardian",
    "Facebook - The Guardian",
    "Facebook shares fall | Business | The Guardian",
    "How to delete your Instagram account - The Verge",
    "Xcode",
    "Linux / X11 - Stack Overflow",
    "Plot of y = 1 / x - Desmos",
    "X-Men (film) - Wikipedia",
    "Reddit - Wikipedia",
    "YouTube Music",
    "Channel content - YouTube Studio",
    "Discord raises $500M | TechCrunch",
    "WhatsApp privacy policy explained - BBC News",
    "Telegram founder arrested - Reuters",
    "Royal Rumble 2024 results - ESPN",
    "Free kick technique - Coaching Manual",
    "The band played on - Wikipedia",
    "Threads in Python: a tutorial - Real Python",
    "notfacebook.com",
    "Slack off: why rest matters - The Atlantic",
    "Inbox (3) - someone@example.com - Gmail",
    "Untitled - Notepad",
    "",
]


def _dressed(title: str) -> list[str]:
    return [form.format(title) for form in BROWSER_FORMS]


# -- data ---------------------------------------------------------------------------------------


def test_catalog_has_at_least_45_apps_with_unique_ids() -> None:
    ids = [app.id for app in LINUX.apps]
    assert len(ids) >= 45
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("app", LINUX.apps, ids=lambda app: app.id)
def test_every_app_is_complete_and_findable(app: App) -> None:
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", app.id)
    assert app.name.strip()
    assert app.category in CATEGORIES
    has_desktop = any(app.processes.get(os_name) for os_name in OS_NAMES)
    assert has_desktop or app.title_patterns or app.domains
    assert set(app.processes) == set(OS_NAMES)
    for os_name in OS_NAMES:
        for name in app.processes[os_name]:
            assert name == normalize_process_name(name), f"{app.id}: {name!r} is not normalised"
    for domain in app.domains:
        assert host_of(domain) == domain
    assert LINUX.get(app.id) == app
    assert LINUX.get(app.name) == app


def test_browsers_have_processes_and_valid_suffixes() -> None:
    assert {"chrome", "chromium", "firefox", "edge", "brave", "safari"} <= {
        browser.id for browser in LINUX.browsers
    }
    for browser in LINUX.browsers:
        assert any(browser.processes.get(os_name) for os_name in OS_NAMES), browser.id
        for suffix in browser.title_suffixes:
            re.compile(suffix)


def test_global_and_regional_services_are_present() -> None:
    for key in (
        "facebook", "instagram", "x", "tiktok", "youtube", "reddit", "discord", "whatsapp",
        "telegram", "wechat", "weibo", "douyin", "bilibili", "xiaohongshu", "kakaotalk", "line",
        "vk", "odnoklassniki", "wykop", "zhihu", "niconico", "dcard", "ptt", "sharechat",
    ):  # fmt: skip
        assert LINUX.get(key) is not None, key


# -- titles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("page", "expected"), REAL_TITLES)
def test_real_titles_match_in_every_browser(page: str, expected: str) -> None:
    for title in _dressed(page):
        assert LINUX.match_title(title) == expected, title


@pytest.mark.parametrize("page", FALSE_POSITIVES)
def test_titles_that_merely_mention_a_site_do_not_match(page: str) -> None:
    # Edge without a profile name is left out: in "A - B - Microsoft Edge" B may be a profile
    # or the end of the page title, and the catalog tries both (see the Edge test below).
    for title in _dressed(page):
        if title == f"{page} - {EDGE}":
            continue
        assert LINUX.match_title(title) is None, title


def test_edge_profile_name_is_removed_but_a_site_suffix_is_kept() -> None:
    # Edge writes "Page and 3 more pages - <profile> - Microsoft​ Edge", profile nearly always.
    assert LINUX.match_title(f"Video - YouTube - Jane Doe - {EDGE}") == "youtube"
    assert LINUX.match_title(f"Video - YouTube and 1 more page - Profile 1 - {EDGE}") == "youtube"
    assert LINUX.match_title(f"Video - YouTube and 12 more pages - {EDGE}") == "youtube"
    assert LINUX.match_title(f"Video - YouTube - {EDGE}") == "youtube"
    assert LINUX.match_title(f"Facebook - The Guardian - Personal - {EDGE}") is None
    assert LINUX.match_title("Why I quit Facebook - The Guardian - Microsoft Edge") is None


def test_a_title_that_is_an_address_matches_by_domain() -> None:
    assert LINUX.match_title("www.reddit.com/r/python - Chromium") == "reddit"
    assert LINUX.match_title("https://m.facebook.com/login — Mozilla Firefox") == "facebook"
    assert LINUX.match_title("example.com - Chromium") is None


def test_first_matching_app_wins_where_titles_overlap() -> None:
    # facebook.com/messages says "Messenger | Facebook": that is Messenger, not the feed.
    assert LINUX.match_title("Messenger | Facebook - Google Chrome") == "messenger"


# -- processes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("Discord.exe", "discord"),
        ("DISCORD.EXE", "discord"),
        ("Telegram", "telegram"),
        ("Discord Helper (Renderer)", "discord"),
        ("slack helper", "slack"),
        ("Google Chrome Helper (GPU)", "google chrome"),
        ("Brave Browser Helper (Plugin)", "brave browser"),
        ("Microsoft Teams WebView Helper", "microsoft teams"),
        (r"C:\Program Files\Slack\slack.exe", "slack"),
        ("/usr/lib/firefox/firefox", "firefox"),
        ("  firefox-esr  ", "firefox-esr"),
    ],
)
def test_process_names_are_normalised(raw: str, normalised: str) -> None:
    assert normalize_process_name(raw) == normalised


def test_desktop_apps_are_known_by_process_on_each_os() -> None:
    assert LINUX.app_for_process("telegram-desktop") == "telegram"
    assert LINUX.app_for_process("signal-desktop") == "signal"
    assert WINDOWS.app_for_process("Telegram.exe") == "telegram"
    assert WINDOWS.app_for_process("WhatsApp.exe") == "whatsapp"
    assert WINDOWS.app_for_process("KakaoTalk.exe") == "kakaotalk"
    assert WINDOWS.app_for_process("WeChat.exe") == "wechat"
    assert WINDOWS.app_for_process("Weixin.exe") == "wechat"
    assert MACOS.app_for_process("Discord Helper (Renderer)") == "discord"
    assert MACOS.app_for_process("Slack") == "slack"
    assert MACOS.app_for_process("Signal") == "signal"
    for catalog in (LINUX, WINDOWS, MACOS):
        assert catalog.app_for_process("Discord") == "discord"
        assert catalog.app_for_process("bash") is None
        assert catalog.app_for_process("") is None


def test_a_truncated_linux_comm_name_matches_the_full_name() -> None:
    assert LINUX.app_for_process("telegram-deskto") == "telegram"
    assert LINUX.app_for_process("whatsapp-for-li") == "whatsapp"
    assert LINUX.is_browser("chromium-browse")
    # only a 15-character name is a truncation; a shorter one is just another program
    assert LINUX.app_for_process("telegram-d") is None
    assert LINUX.app_for_process("zzzzzzzzzzzzzzz") is None


def test_browsers_are_recognised_per_os() -> None:
    for name in ("chrome", "chromium", "firefox", "firefox-esr", "brave", "msedge", "vivaldi-bin"):
        assert LINUX.is_browser(name), name
    for name in ("chrome.exe", "firefox.exe", "msedge.exe", "brave.exe", "opera.exe"):
        assert WINDOWS.is_browser(name), name
    for name in ("Google Chrome", "Google Chrome Helper (Renderer)", "Safari", "Firefox"):
        assert MACOS.is_browser(name), name
    assert not LINUX.is_browser("discord")
    assert not LINUX.is_browser("safari")  # not a Linux program


# -- the one matching function ------------------------------------------------------------------


def test_match_reads_titles_only_of_browsers_or_unknown_owners() -> None:
    assert LINUX.match("firefox", "Home / X — Mozilla Firefox") == "x"
    assert LINUX.match("chrome", "Some video - YouTube - Google Chrome") == "youtube"
    assert LINUX.match("firefox", "Python docs — Mozilla Firefox") is None
    assert LINUX.match("firefox", None) is None
    # A desktop app counts whatever its window says.
    assert LINUX.match("Discord", "Friends") == "discord"
    assert LINUX.match("slack", None) == "slack"
    # An editor showing a file named "YouTube" is not YouTube.
    assert LINUX.match("gedit", "YouTube") is None
    # Owner unknown (some Wayland compositors): the title is all there is.
    assert LINUX.match(None, "(3) Facebook") == "facebook"
    assert LINUX.match(None, None) is None


# -- domains, packages, names -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://www.reddit.com/r/x", "reddit"),
        ("old.reddit.com", "reddit"),
        ("https://m.facebook.com/", "facebook"),
        ("FACEBOOK.COM", "facebook"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube"),
        ("https://user@www.youtube.com:443/watch?v=1", "youtube"),
        ("news.ycombinator.com", "hackernews"),
        ("https://mp.weixin.qq.com/s/abc", "wechat"),
        ("notfacebook.com", None),
        ("facebook.com.evil.example", None),
        ("ycombinator.com", None),
        ("com", None),
        ("", None),
        ("not a url at all", None),
    ],
)
def test_domains(address: str, expected: str | None) -> None:
    assert LINUX.app_for_domain(address) == expected


def test_android_packages() -> None:
    assert LINUX.app_for_android_package("com.facebook.katana") == "facebook"
    assert LINUX.app_for_android_package("com.instagram.android") == "instagram"
    assert LINUX.app_for_android_package("com.zhiliaoapp.musically") == "tiktok"
    assert LINUX.app_for_android_package("com.ss.android.ugc.trill") == "tiktok"
    assert LINUX.app_for_android_package("com.ss.android.ugc.aweme") == "douyin"
    assert LINUX.app_for_android_package("com.Slack") == "slack"
    assert LINUX.app_for_android_package("com.example.notes") is None


def test_get_accepts_id_name_and_alias_in_any_case() -> None:
    youtube = LINUX.get("youtube")
    assert youtube is not None
    assert LINUX.get("YouTube") == youtube
    assert LINUX.get(" YOUTUBE ") == youtube
    x = LINUX.get("x")
    assert x is not None
    assert LINUX.get("Twitter") == x
    assert LINUX.get("hacker news") == LINUX.get("HackerNews") == LINUX.get("hackernews")
    assert LINUX.get("微信") == LINUX.get("wechat")
    assert LINUX.get("myspace") is None


def test_suggest_offers_close_names() -> None:
    assert LINUX.suggest("youtub")[0] == "youtube"
    assert LINUX.suggest("facebok")[0] == "facebook"
    assert "telegram" in LINUX.suggest("telegam")
    assert len(LINUX.suggest("e", limit=2)) <= 2
    assert LINUX.suggest("") == []


def test_current_os_is_one_of_the_three() -> None:
    assert current_os() in OS_NAMES
    assert Catalog.load().os_name == current_os()


# -- overrides from config.toml -----------------------------------------------------------------


def test_an_override_adds_a_new_app() -> None:
    catalog = Catalog.load(
        {
            "myforum": {
                "name": "My Forum",
                "category": "forum",
                "title_patterns": [r"\| My Forum$"],
                "domains": ["forum.example.org"],
                "processes": ["MyForum.exe"],
            }
        },
        os_name="windows",
    )
    app = catalog.get("My Forum")
    assert app is not None
    assert app.id == "myforum"
    assert catalog.match_title("Thread 12 | My Forum - Google Chrome") == "myforum"
    assert catalog.app_for_domain("https://forum.example.org/t/1") == "myforum"
    assert catalog.match("MyForum.exe", "anything") == "myforum"
    assert len(catalog.apps) == len(LINUX.apps) + 1


def test_an_override_changes_only_the_fields_it_names() -> None:
    catalog = Catalog.load(
        {"youtube": {"category": "social"}, "Twitter": {"domains": ["x.com"]}}, os_name="linux"
    )
    youtube = catalog.get("youtube")
    builtin = LINUX.get("youtube")
    assert youtube is not None and builtin is not None
    assert youtube.category == "social"
    assert youtube.title_patterns == builtin.title_patterns
    x = catalog.get("x")
    assert x is not None and x.domains == ("x.com",)
    assert catalog.app_for_domain("twitter.com") is None
    assert len(catalog.apps) == len(LINUX.apps)


def test_a_per_os_process_override_keeps_the_other_systems() -> None:
    catalog = Catalog.load({"signal": {"processes": {"linux": ["signal-fork"]}}}, os_name="linux")
    signal = catalog.get("signal")
    assert signal is not None
    assert signal.processes["linux"] == ("signal-fork",)
    assert signal.processes["windows"] == ("signal",)
    assert catalog.app_for_process("signal-fork") == "signal"
    assert catalog.app_for_process("signal-desktop") is None


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"newapp": {"category": "social"}}, "apps.newapp.name"),
        ({"newapp": {"name": "New"}}, "apps.newapp.category"),
        ({"newapp": {"name": "New", "category": "games"}}, "apps.newapp.category"),
        ({"youtube": {"title_patterns": ["(unclosed"]}}, "apps.youtube.title_patterns"),
        ({"youtube": {"title_patterns": "- YouTube$"}}, "apps.youtube.title_patterns"),
        ({"youtube": {"colour": "red"}}, "apps.youtube.colour"),
        ({"youtube": {"domains": ["not a domain"]}}, "apps.youtube.domains"),
        ({"youtube": {"processes": {"amiga": ["yt"]}}}, "apps.youtube.processes"),
        ({"Bad Id!": {"name": "x", "category": "social"}}, "apps.Bad Id!"),
    ],
)
def test_invalid_overrides_name_the_config_key(
    overrides: dict[str, dict[str, object]], key: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        Catalog.load(overrides, os_name="linux")
    assert raised.value.key == key
    assert raised.value.path == "config.toml"
    assert key in str(raised.value)


# -- properties ---------------------------------------------------------------------------------

BROWSER_PROCESSES = ["firefox", "chrome", "chromium", "msedge", None, "Discord", "unknown-app"]


@settings(max_examples=300, deadline=None)
@given(
    process=st.one_of(st.sampled_from(BROWSER_PROCESSES), st.text(max_size=40)),
    title=st.one_of(st.none(), st.text(max_size=300)),
)
def test_match_never_raises(process: str | None, title: str | None) -> None:
    result = LINUX.match(process, title)
    assert result is None or LINUX.get(result) is not None


NAMED_APPS = [app for app in LINUX.apps if LINUX.match_title(app.name) == app.id]


def test_most_apps_are_recognised_by_their_name_alone() -> None:
    assert len(NAMED_APPS) >= 35


@settings(max_examples=300, deadline=None)
@given(
    app=st.sampled_from(NAMED_APPS),
    form=st.sampled_from(BROWSER_FORMS),
    unread=st.sampled_from(["", "(1) ", "(99+) ", "• "]),
)
def test_an_app_name_in_any_browser_matches_that_app(app: App, form: str, unread: str) -> None:
    title = form.format(unread + app.name)
    assert LINUX.match_title(title) == app.id
    assert LINUX.match("chrome", title) == app.id


def test_the_shipped_json_is_catalog_toml_compiled() -> None:
    # detox starts from catalog.json; after editing catalog.toml, run tools/appcatalog.
    source = SOURCE.read_text(encoding="utf-8")
    assert COMPILED.read_text(encoding="utf-8") == compiled_text(source), "run tools/appcatalog"
    assert _builtin() == _parse_source(source)
