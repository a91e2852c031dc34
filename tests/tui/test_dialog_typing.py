"""Every dialog at 80x24: what is typed into a field is on screen, not only saved."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.widgets import Collapsible, DataTable, Input

from detox.tui.app import DetoxApp

from .helpers import screen_text, settle, type_into


def assert_shown(app: DetoxApp, label: str, value: str) -> None:
    """The value is drawn on the line of its label (or, for a long one, somewhere)."""
    lines = screen_text(app).splitlines()
    with_label = [line for line in lines if label in line]
    assert with_label, f"{label!r} not on screen:\n" + "\n".join(lines)
    assert any(value in line.split(label, 1)[1] for line in with_label), (
        f"{value!r} typed after {label!r} is not visible:\n" + "\n".join(lines)
    )


async def test_mood_dimensions_show_what_is_typed(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "6")
        app.screen.query_one("#mood-more", Collapsible).collapsed = False
        await pilot.pause()
        for ident, label, value in (
            ("#dim-anxiety", "Anxiety 1-10", "4"),
            ("#dim-loneliness", "Loneliness 1-10", "3"),
            ("#dim-self_esteem", "Self-esteem 1-10", "7"),
            ("#dim-sleep_quality", "Sleep 1-10", "8"),
            ("#dim-focus", "Focus 1-10", "10"),
        ):
            await type_into(pilot, ident, value)
            assert_shown(app, label, value)
        await type_into(pilot, "#mood-tags", "walk 朋友")
        await type_into(pilot, "#mood-note", "long walk")
        text = screen_text(app)
        assert "walk 朋友" in text and "long walk" in text


DIALOGS = [
    # (keys to open it, [(input id, label on its line, typed value)])
    (
        ("f", "n"),
        [
            ("#year", "Year", "2027"),
            ("#from", "From / to", "2027-02-10"),
            ("#apps", "Apps", "facebook"),
            ("#limit", "Limit a day", "15m"),
            ("#days-off", "Days off", "sun"),
        ],
    ),
    (("r", "a"), [("#reminder-text", "Text", "Walk 散步"), ("#reminder-at", "At", "18:30")]),
    (
        ("t", "l"),
        [
            ("#log-app", "App", "微博"),
            ("#log-duration", "How long", "25m"),
            ("#log-ended", "Ended at", "18:00"),
            ("#log-device", "Device", "tablet"),
        ],
    ),
    (
        ("o", "c"),
        [
            ("#checkin-life", "Your answer", "7"),
            ("#checkin-lack_companionship", "lack companionship", "2"),
            ("#checkin-left_out", "left out", "1"),
            ("#checkin-isolated", "isolated from others", "3"),
            ("#checkin-note", "Note", "good week"),
        ],
    ),
    (("s", "b"), [("#budget-weekday", "Mon-Fri", "45m"), ("#budget-weekend", "Sat-Sun", "1h")]),
    (
        ("w", "x"),
        [("#export-folder", "Folder", "/tmp"), ("#export-name", "File name", "week.md")],
    ),
    (
        ("f", "c"),
        [
            ("#edit-apps", "Apps", "tiktok"),
            ("#edit-limit", "Limit a day", "20m"),
            ("#edit-curfew", "Curfew", "21:00-07:00"),
            ("#edit-days-off", "Days off", "sat"),
            ("#edit-reason", "Why", "exams"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("keys", "fields"), DIALOGS, ids=lambda v: "-".join(v) if isinstance(v, tuple) else None
)
async def test_typed_values_are_visible(
    make_app: Callable[..., DetoxApp],
    keys: tuple[str, ...],
    fields: list[tuple[str, str, str]],
) -> None:
    app = make_app(long=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(keys[0])
        await settle(pilot)
        await pilot.press(*keys[1:])
        await settle(pilot)
        for ident, label, value in fields:
            widget = app.screen.query_one(ident, Input)
            widget.scroll_visible(animate=False)
            await type_into(pilot, ident, value)
            assert widget.value == value
            assert_shown(app, label, value)


async def test_end_early_reason_is_visible(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(long=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#fast-list", DataTable).move_cursor(row=1)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"family trip")
        await pilot.pause()
        assert "family trip" in screen_text(app)


async def test_onboarding_fields_are_visible(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False, onboarded=False, config=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_into(pilot, "#budget", "1h30m")
        assert_shown(app, "Daily budget", "1h30m")
        await type_into(pilot, "#reminder", "20:30")
        assert_shown(app, "Mood reminder", "20:30")


async def test_fast_typing_after_tab_lands_in_the_next_field(
    make_app: Callable[..., DetoxApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#apps", Input).focus()
        await pilot.press(*"facebook", "tab", *"15m")  # no pause between keys
        await pilot.pause()
        assert app.screen.query_one("#apps", Input).value == "facebook"
        assert app.screen.query_one("#limit", Input).value == "15m"


async def test_keys_in_one_burst_after_tab_go_to_the_next_field(
    make_app: Callable[..., DetoxApp],
) -> None:
    """A terminal delivers fast typing (or a slow link) as one read: "7<Tab>2" arrives at once."""
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        for key, character in (("7", "7"), ("tab", "\t"), ("2", "2"), ("tab", "\t"), ("1", "1")):
            app.post_message(events.Key(key, character))  # no waiting between them
        await pilot.pause()
        values = [app.screen.query_one(f"#checkin-{name}", Input).value for name in FIELDS]
        assert values == ["7", "2", "1"]


FIELDS = ("life", "lack_companionship", "left_out")
