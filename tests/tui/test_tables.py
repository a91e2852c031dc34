"""Tables use the width they get and never cut a cell silently: a cut cell ends with "…" and the
highlighted row is shown whole under the table."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from detox.tui.app import DetoxApp
from detox.tui.widgets.elide import ELLIPSIS, elide
from detox.tui.widgets.tables import Column, FitTable, fit_widths
from tests.tui.helpers import settle

from .conftest import LONG_NOTE


def test_elide_cuts_at_a_word_and_marks_it() -> None:
    assert elide("starts 2027-03-15 (in 10 days)", 20) == "starts 2027-03-15…"
    assert elide("short", 20) == "short"
    assert elide("微博上看了太久，头疼", 9) == "微博上看…"  # CJK counts two cells a character
    assert cell_len(elide("微博上看了太久，头疼", 9)) <= 9


def test_widths_fill_the_room_and_shrink_growing_columns_first() -> None:
    columns = [Column("When", 16, grow=0), Column("Note", 10, grow=1)]
    assert fit_widths(columns, [16, 20], 60) == [16, 44]
    three = [Column("A", 4, grow=1), Column("B", 4, grow=0), Column("C", 2, grow=0)]
    assert fit_widths(three, [10, 5, 2], 30) == [10, 5, 15]
    assert fit_widths(columns, [16, 90], 60) == [16, 44]


SCREENS = [
    ("o", "#mood-entries"),
    ("f", "#fast-list"),
    ("r", "#reminder-list"),
    ("s", "#catalog"),
    ("w", "#week-apps"),
]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
@pytest.mark.parametrize(("key", "table_id"), SCREENS)
async def test_no_cell_is_cut_mid_word_without_an_ellipsis(
    make_app: Callable[..., DetoxApp], size: tuple[int, int], key: str, table_id: str
) -> None:
    app = make_app(long=True)
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await settle(pilot)
        table = app.screen.query_one(table_id, FitTable)
        assert table.row_count > 0
        widths = [column.width for column in table.ordered_columns]
        # The table spans the screen (margins aside): columns use the width they have.
        assert sum(widths) + 2 * table.cell_padding * len(widths) >= table.size.width - 2
        for row in range(table.row_count):
            full = table.full_row(row)
            assert full is not None
            for column, value in enumerate(full):
                shown = str(table.get_row_at(row)[column])
                assert cell_len(shown) <= widths[column]  # DataTable itself never crops it
                whole = " ".join(value.split())
                if shown != whole:
                    assert shown.endswith(ELLIPSIS), (shown, whole)
                    kept = shown.removesuffix(ELLIPSIS)
                    assert whole.startswith(kept)
                    # cut at a word end, or inside a word too long for the column
                    following = whole[len(kept) :]
                    assert (
                        following[:1] in (" ", ",", "/", "(", "-")
                        or " " not in whole[: len(kept)]
                        or cell_len(kept) >= widths[column] // 2
                    ), (shown, whole)


async def test_the_highlighted_cut_row_is_shown_whole(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(long=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        table = app.screen.query_one("#mood-entries", FitTable)
        table.move_cursor(row=0)
        await pilot.pause()
        assert table.is_elided(0)
        detail = str(app.screen.query_one("#mood-entries-detail", Static).render())
        assert " ".join(LONG_NOTE.split()) in " ".join(detail.split())
