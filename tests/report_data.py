"""A fixed, small history for report tests, with every figure worked out by hand below.

Zone Europe/Warsaw (CET, UTC+1 in November), days start at 04:00, weeks on Monday.
Report: week 2026-W47, Mon 16 to Sun 22 November 2026; compared with Mon 9 to Sun 15 November.
"Now" is Wednesday 25 November, noon, so both weeks are over.

This week (local wall times):
  Mon 16  Instagram 09:00-09:10, 09:11-09:20 (one session: a 60 s gap), 09:25-09:30 (a second
          session: a 5 min gap)                                          1440 s, 2 sessions
          YouTube 21:30-22:30                                            3600 s
  Tue 17  TikTok 23:50-00:20 (past midnight, before the day start)     1800 s: 600 at 23, 1200 at 0
          Reddit 03:30-04:30 on the 18th: half before the day start   1800 s to Tue (hour 3)
  Wed 18  ... and half after it                                         1800 s to Wed (hour 4)
  Thu 19  TikTok on the phone, entered by hand, 12:00-12:20             1200 s
  Fri 20  YouTube imported from another computer, 18:00-18:45          2700 s
  Sat 21  nothing
  Sun 22  Instagram 10:00-10:05                                          300 s
  Total 14640 s (4h 04m). Per day 5040, 3600, 1800, 1200, 2700, 0, 300.
  Apps: YouTube 6300 (2 sessions, longest 3600), Reddit 3600 (2, 1800), TikTok 3000 (2, 1800),
        Instagram 1740 (3, longest 1140 = 600 + 540).
Previous week: Instagram Tue 10 10:00-10:30 (1800), WhatsApp Wed 11 12:00-12:10 (600),
  YouTube Sat 14 20:00-21:50 (6600). Total 9000 s. Change +5640 s = +94 min, +62.7 %.
Mood: Mon 16 scores 6 and 8 (mean 7), Wed 18: 5, Fri 20: 3; previous week Tue 10: 6.
  Mean 5.5 over 4 entries on 3 days; least-squares trend -1 a day over 4 days = -4.0 points.
Budgets: total 1h and Instagram 20m (config.toml), YouTube 30m weekdays / 1h weekends (journal).
  Total over on Mon only; Instagram over on Mon only; YouTube over on Mon and Fri; every budget
  held on 5 of 7 days.
Fast "No TikTok" (abstain from TikTok) Wed 18 to Tue 24: kept Wed, slipped Thu (the phone entry),
  kept Fri, Sat, Sun: 4 kept and 1 slipped this week, a streak of 3 at the end of it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from detox.clock import FixedClock
from detox.context import Context
from detox.models import Budget, Fast, ManualUsage, MoodEntry, Rule, Source, UsageSpan
from detox.paths import Paths
from detox.store import Store
from tests.clock_fixtures import WARSAW

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=WARSAW)
WEEK = "2026-W47"
IMPORTED_DEVICE = "aw-desktop"

TOTAL = 14640
PREVIOUS_TOTAL = 9000
PER_DAY = [5040, 3600, 1800, 1200, 2700, 0, 300]
APPS = {  # app: (seconds, sessions, longest session)
    "youtube": (6300, 2, 3600),
    "reddit": (3600, 2, 1800),
    "tiktok": (3000, 2, 1800),
    "instagram": (1740, 3, 1140),
}
CONFIG = 'timezone = "Europe/Warsaw"\n[budgets]\ntotal = "1h"\ninstagram = "20m"\n'


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WARSAW)


def make_paths(root: Path, config: str = CONFIG) -> Paths:
    root.mkdir(parents=True, exist_ok=True)
    paths = Paths(config_dir=root, data_dir=root / "data", state_dir=root / "state")
    paths.config_file.write_text(config, encoding="utf-8")
    return paths


def context(paths: Paths, now: datetime = NOW) -> Context:
    return Context(paths=paths, clock_override=FixedClock(now, zone=WARSAW))


def span(
    store: Store,
    app: str,
    start: datetime,
    end: datetime,
    source: Source = "tracker",
    device: str | None = None,
) -> UsageSpan:
    who = device or store.device.id
    return UsageSpan(
        id=UsageSpan.stable_id(who, app, start, source),
        app=app,
        device=who,
        source=source,
        start=start,
        duration=(end - start).total_seconds(),
    )


def fill(ctx: Context) -> None:
    store = ctx.store
    now = ctx.clock.now()
    store.add_spans(
        [
            span(store, "instagram", at(16, 9, 0), at(16, 9, 10)),
            span(store, "instagram", at(16, 9, 11), at(16, 9, 20)),
            span(store, "instagram", at(16, 9, 25), at(16, 9, 30)),
            span(store, "youtube", at(16, 21, 30), at(16, 22, 30)),
            span(store, "tiktok", at(17, 23, 50), at(18, 0, 20)),
            span(store, "reddit", at(18, 3, 30), at(18, 4, 30)),
            span(store, "youtube", at(20, 18, 0), at(20, 18, 45), "import", IMPORTED_DEVICE),
            span(store, "instagram", at(22, 10, 0), at(22, 10, 5)),
            # the previous week
            span(store, "instagram", at(10, 10, 0), at(10, 10, 30)),
            span(store, "whatsapp", at(11, 12, 0), at(11, 12, 10)),
            span(store, "youtube", at(14, 20, 0), at(14, 21, 50)),
        ]
    )
    device = ctx.device.id
    fast = Fast(
        device=device,
        updated_at=now,
        name="No TikTok",
        start=date(2026, 11, 18),
        end=date(2026, 11, 24),
        rules=[Rule(kind="abstain", apps=["tiktok"])],
    )
    store.put_many(
        [
            ManualUsage(
                device=device, updated_at=now, app="tiktok", start=at(19, 12), duration=1200
            ),
            *(
                MoodEntry(device=device, updated_at=now, at=when, score=score)
                for when, score in (
                    (at(16, 20), 6),
                    (at(16, 22), 8),
                    (at(18, 12), 5),
                    (at(20, 12), 3),
                    (at(10, 12), 6),
                )
            ),
            Budget(
                device=device,
                updated_at=now,
                target="youtube",
                weekday_seconds=1800,
                weekend_seconds=3600,
            ),
            fast,
        ]
    )
