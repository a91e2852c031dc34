"""A reminder sent from the tracker's thread while detox is open shows as a toast too."""

from __future__ import annotations

import threading
from collections.abc import Callable

from detox.notify import Notifier, NotifierChain
from detox.notify.terminal import TerminalBackend
from detox.tui.app import DetoxApp


async def test_a_reminder_from_the_tracker_thread_becomes_a_toast(
    make_app: Callable[..., DetoxApp],
) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(100, 30)) as pilot:
        notifier = Notifier(
            NotifierChain([], last_resort=TerminalBackend()), listeners=[app._toast]
        )
        sender = threading.Thread(
            target=notifier.send, args=("20 minutes of TikTok", "Time for a break? [look away]")
        )
        sender.start()
        sender.join(timeout=5)
        await pilot.pause()
        await pilot.pause()
        # Textual keeps the toasts it shows in App._notifications.
        shown = [(n.title, n.message, n.markup) for n in app._notifications]
        assert shown == [("20 minutes of TikTok", "Time for a break? [look away]", False)]
