"""An ActivityWatch export built to the documented format, with its totals worked out by hand.

Laptop (host "aw-laptop-test"), Monday 9 November 2026, UTC:

window  08:00:00 +297 s firefox "Facebook — Mozilla Firefox"   gap 3 s, filled -> 08:05:00
        08:05:00 +603 s firefox "Mozilla Firefox"              (names no site)
        08:15:03 +0 s   XTerm                                  zero length, filled -> 08:15:05
        08:15:05 +895 s discord                                -> 08:30:00
        08:30:00 +1800  firefox "Home - YouTube — Mozilla Firefox" -> 09:00:00
        09:00:20 +600 s telegram-desktop                       gap 20 s, not filled -> 09:10:20
afk     07:59 not-afk 25 min; 08:20 afk 5 min (starts inside the not-afk before, and wins);
        08:25 not-afk 35 min; 08:40 not-afk 10 min (overlaps the one before); 09:00 afk 5 min;
        09:05 not-afk 10 min.  Active: 07:59-08:20, 08:25-09:00, 09:05-09:15.
firefox 08:00 +300 facebook.com; 08:05 +420 facebook.com/groups; 08:12 +480 docs.python.org;
web     08:30 +600 youtube.com; 08:40:00 +0 reddit.com (filled -> 08:40:04);
        08:40:04 +596 news.example.com; 09:30 +600 instagram.com (no browser focused then)
chrome  08:01 +480 x.com (Chrome was not the window in front: ignored)

=> facebook 300 (window and web agree: once) + 420 (window names no site: by URL) = 720
   youtube  600 by URL + 600 by title (08:50-09:00, no web event) = 1200
   reddit   4;  discord 08:15:05-08:20 + 08:25-08:30 = 595;  telegram 09:05-09:10:20 = 320
   docs.python.org, news.example.com, XTerm: not social.

Phone (Android buckets, host "Pixel 7"), 10:00-10:25 UTC:
apps    10:00 +600 Instagram; 10:10 +300 Chrome; 10:15:00 +0 TikTok (filled -> 10:15:02);
        10:15:02 +120 Maps; 10:20 +300 app "com.twitter.android" (a package as the app)
web     10:10 +300 m.facebook.com (in Chrome); 10:00 +60 reddit.com (Instagram was in front)
=> instagram 600, facebook 300, tiktok 2, x 300.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

LAPTOP_HOST = "aw-laptop-test"
PHONE_HOST = "Pixel 7"
DAY = datetime(2026, 11, 9, tzinfo=UTC)

LAPTOP_SECONDS = {"facebook": 720, "youtube": 1200, "reddit": 4, "discord": 595, "telegram": 320}
PHONE_SECONDS = {"instagram": 600, "facebook": 300, "tiktok": 2, "x": 300}
TOTAL_SECONDS = sum(LAPTOP_SECONDS.values()) + sum(PHONE_SECONDS.values())


def at(clock: str) -> datetime:
    hours, minutes, *seconds = (int(part) for part in clock.split(":"))
    return DAY + timedelta(hours=hours, minutes=minutes, seconds=seconds[0] if seconds else 0)


def event(clock: str, seconds: float, rust: bool = False, **data: Any) -> dict[str, Any]:
    stamp = at(clock).isoformat()
    if rust:  # the Rust server writes "Z" and keeps fractions
        stamp = at(clock).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    return {"timestamp": stamp, "duration": seconds, "data": data}


def bucket(bucket_id: str, kind: str, host: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    client = "aw-android" if "android" in bucket_id else bucket_id.split("_")[0]
    return {
        "id": bucket_id,
        "created": "2026-10-01T08:00:00+00:00",
        "name": None,
        "type": kind,
        "client": client,
        "hostname": host,
        "data": {},
        # ActivityWatch lists events newest first.
        "events": sorted(events, key=lambda e: e["timestamp"], reverse=True),
    }


def window_events() -> list[dict[str, Any]]:
    return [
        event("08:00", 297, app="firefox", title="Facebook — Mozilla Firefox"),
        event("08:05", 603, app="firefox", title="Mozilla Firefox"),
        event("08:15:03", 0, app="XTerm", title="bash"),
        event("08:15:05", 895, rust=True, app="discord", title="#general - Discord"),
        event("08:30", 1800, app="firefox", title="Home - YouTube — Mozilla Firefox"),
        event("09:00:20", 600, app="telegram-desktop", title="Telegram"),
    ]


def afk_events() -> list[dict[str, Any]]:
    return [
        event("07:59", 1500, status="not-afk"),
        event("08:20", 300, status="afk"),
        event("08:25", 2100, status="not-afk"),
        event("08:40", 600, status="not-afk"),
        event("09:00", 300, status="afk"),
        event("09:05", 600, status="not-afk"),
    ]


def web_events() -> list[dict[str, Any]]:
    def page(clock: str, seconds: float, url: str) -> dict[str, Any]:
        return event(clock, seconds, url=url, title="", audible=False, incognito=False)

    return [
        page("08:00", 300, "https://www.facebook.com/"),
        page("08:05", 420, "https://www.facebook.com/groups/feed/"),
        page("08:12", 480, "https://docs.python.org/3/"),
        page("08:30", 600, "https://www.youtube.com/watch?v=abc"),
        page("08:40", 0, "https://www.reddit.com/r/python/"),
        page("08:40:04", 596, "https://news.example.com/today"),
        page("09:30", 600, "https://www.instagram.com/"),
    ]


def android_events() -> list[dict[str, Any]]:
    return [
        event("10:00", 600, app="Instagram", package="com.instagram.android", classname="x"),
        event("10:10", 300, app="Chrome", package="com.android.chrome", classname="x"),
        event("10:15", 0, app="TikTok", package="com.zhiliaoapp.musically", classname="x"),
        event("10:15:02", 120, app="Maps", package="com.google.android.apps.maps"),
        event("10:20", 300, app="com.twitter.android"),
    ]


def export() -> dict[str, Any]:
    """The whole export: a dict of buckets by id, as the servers write it."""
    host = LAPTOP_HOST
    buckets = [
        bucket(f"aw-watcher-window_{host}", "currentwindow", host, window_events()),
        bucket(f"aw-watcher-afk_{host}", "afkstatus", host, afk_events()),
        bucket(f"aw-watcher-web-firefox_{host}", "web.tab.current", host, web_events()),
        bucket(
            f"aw-watcher-web-chrome_{host}",
            "web.tab.current",
            host,
            [event("08:01", 480, url="https://x.com/home", title="Home / X")],
        ),
        bucket(
            f"aw-watcher-input_{host}",
            "os.hid.input",
            host,
            [event("08:00", 5, presses=3, clicks=1)],
        ),
        bucket("aw-watcher-android-test", "currentwindow", PHONE_HOST, android_events()),
        bucket(
            "aw-watcher-android-web",
            "web.tab.current",
            PHONE_HOST,
            [
                event("10:10", 300, url="https://m.facebook.com/", title="Facebook"),
                event("10:00", 60, url="https://www.reddit.com/", title="Reddit"),
            ],
        ),
        bucket("aw-watcher-android-unlock", "os.lockscreen.unlocks", PHONE_HOST, []),
    ]
    return {"buckets": {b["id"]: b for b in buckets}}
