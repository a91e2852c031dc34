"""Hostile load: thousands of fasts and of custom reminders (issue 13 items 18 and 20).

    python benchmarks/load_bench.py            # 10,000 fasts, 10,000 reminders
    python benchmarks/load_bench.py --quick    # 1,000 of each

Prints, for one home holding N fasts (all running, each broken on 9 days):
- `detox fast list` the first time (it records every slip: N x 9 events) and the second time;
- `detox report` (this week);
- the tracker's fast watch: how many ticks one full pass takes and the longest single tick,
  which bounds how late a SIGTERM/SIGINT is answered;
and, for N custom reminders, the reminder hook's cost per tracker tick: the first tick (which
plans them all) and the median of the next 50 (which plan only what is due).
Everything runs in-process under a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as wall
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from click.testing import CliRunner  # noqa: E402

from detox.balance.slip_watch import SlipWatch  # noqa: E402
from detox.cli import cli  # noqa: E402
from detox.clock import FixedClock  # noqa: E402
from detox.context import Context  # noqa: E402
from detox.models import Fast, Reminder, Rule, UsageSpan  # noqa: E402
from detox.notify import Delivery, Notifier, NotifierChain  # noqa: E402
from detox.notify.delivery import ready  # noqa: E402
from detox.paths import Paths  # noqa: E402
from detox.reminders.hook import ReminderHook  # noqa: E402

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


class Silent:
    """A desktop that shows nothing, so the figures are the hook's own."""

    name = "silent"

    def unavailable(self) -> str | None:
        return None

    def check(self) -> Delivery:
        return ready(self)

    def send(self, title: str, message: str) -> Delivery:
        return Delivery(self.name, True, "shown")


def timed(action: object) -> float:
    began = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - began


def home(root: Path) -> tuple[Paths, FixedClock]:
    paths = Paths(config_dir=root, data_dir=root / "data", state_dir=root / "state")
    return paths, FixedClock(NOW)


def fasts(count: int, root: Path) -> None:
    paths, clock = home(root)
    store = Context(paths=paths, clock_override=clock).store
    me = store.device.id
    store.put_many(
        Fast(
            device=me,
            updated_at=NOW,
            name=f"fast {n}",
            start=date(2026, 11, 1),
            end=date(2026, 11, 20),
            rules=[Rule(kind="abstain", apps=["facebook"])],
        )
        for n in range(count)
    )
    store.add_spans(
        UsageSpan(
            id=UsageSpan.stable_id(me, "facebook", NOW - timedelta(days=d, hours=1), "tracker"),
            app="facebook",
            device=me,
            source="tracker",
            start=NOW - timedelta(days=d, hours=1),
            duration=600,
        )
        for d in range(9)
    )

    def run(*args: str) -> None:
        result = CliRunner().invoke(cli, list(args), obj=Context(paths=paths, clock_override=clock))
        assert result.exit_code == 0, result.output

    print(f"{count:,} fasts")
    print(f"  fast list, first (records the slips) {timed(lambda: run('fast', 'list')):7.1f} s")
    print(f"  fast list, again                     {timed(lambda: run('fast', 'list')):7.1f} s")
    print(f"  report                               {timed(lambda: run('report')):7.1f} s")
    slip_watch = SlipWatch(Context(paths=paths, clock_override=clock))
    ticks = [timed(lambda: slip_watch.on_tick(None, None))]  # type: ignore[arg-type]
    while slip_watch._queue:
        ticks.append(timed(lambda: slip_watch.on_tick(None, None)))  # type: ignore[arg-type]
    print(f"  tracker fast watch: one pass in {len(ticks)} ticks, longest tick {max(ticks):.2f} s")


def reminders(count: int, root: Path) -> None:
    paths, clock = home(root)
    context = Context(paths=paths, clock_override=clock)
    me = context.store.device.id
    context.store.put_many(
        Reminder(
            device=me,
            updated_at=NOW - timedelta(days=1),
            reminder_kind="custom",
            text=f"r{n}",
            at=wall(n % 24, n % 60),
        )
        for n in range(count)
    )
    hook = ReminderHook(context, Notifier(NotifierChain([Silent()]), context.store))
    first = timed(hook.check)
    later = []
    for _ in range(50):
        clock.advance(2.0)
        later.append(timed(hook.check))
    print(f"{count:,} custom reminders")
    print(f"  reminder hook, first tick            {first * 1000:7.1f} ms")
    print(f"  reminder hook, later ticks (median)  {statistics.median(later) * 1000:7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    count = 1_000 if parser.parse_args().quick else 10_000
    with tempfile.TemporaryDirectory() as folder:
        fasts(count, Path(folder) / "fasts")
        reminders(count, Path(folder) / "reminders")


if __name__ == "__main__":
    main()
