"""Tables whose columns use the width they are given, and whose cells are never cut silently.

A column is as wide as its longest cell when everything fits; when it does not, columns that may
shrink give up width, and a cell that is still too long is cut at a word boundary and ends with
"…". The full text of the highlighted row is one keypress away: screens show it in a detail line
(see `full_row`), so nothing is hidden for good.

Widths are set explicitly (not `auto`): an auto-width DataTable sizes its columns on the refresh
after its rows arrive, so it first appears with header-wide columns and then jumps.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.css.query import NoMatches
from textual.widgets import DataTable, Static

from detox.tui.widgets.elide import elide


@dataclass(frozen=True)
class Column:
    label: str
    min_width: int  # never narrower than this (the header is cut with "…" below it)
    grow: int = 1  # share of the width left over; 0: never wider than min_width needs


def fit_widths(columns: Sequence[Column], natural: Sequence[int], available: int) -> list[int]:
    """Column widths for `available` cells of content (padding already taken off)."""
    if sum(natural) <= available:
        # Everything fits: columns stay as wide as their text (close together, easy to follow
        # across) and the last one takes the rest, so the table still spans the screen.
        widths = list(natural)
        widths[-1] += available - sum(natural)
        return widths
    widths = [min(n, c.min_width) for n, c in zip(natural, columns, strict=True)]
    left = available - sum(widths)
    wanting = {i: natural[i] - widths[i] for i in range(len(columns)) if columns[i].grow}
    while left > 0 and any(wanting.values()):
        shares = sum(columns[i].grow for i, want in wanting.items() if want)
        given = 0
        for i, want in wanting.items():
            if not want:
                continue
            portion = min(want, max(1, left * columns[i].grow // shares), left - given)
            widths[i] += portion
            wanting[i] -= portion
            given += portion
            if given >= left:
                break
        left -= given
        if not given:
            break
    return widths


class FitTable(DataTable[Any]):
    """A DataTable that fits its columns to its width and elides long cells with "…"."""

    DEFAULT_CSS = "FitTable { height: auto; max-height: 100%; }"

    def __init__(self, *columns: Column, **kwargs: Any) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self.columns_spec = columns
        self._raw: list[tuple[tuple[str, ...], Hashable | None]] = []
        self._laid_out_for = -1

    def on_mount(self) -> None:
        self._lay_out(force=True)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def set_rows(
        self, rows: Sequence[Sequence[str]], keys: Sequence[Hashable] | None = None
    ) -> None:
        """Replace every row, keeping the cursor on the same position where it can."""
        self._raw = [
            (tuple(row), keys[n] if keys is not None else None) for n, row in enumerate(rows)
        ]
        self._lay_out(force=True)

    def full_row(self, index: int) -> tuple[str, ...] | None:
        """The unabridged cells of a row, for a detail line."""
        return self._raw[index][0] if 0 <= index < len(self._raw) else None

    def is_elided(self, index: int) -> bool:
        row = self.full_row(index)
        if row is None:
            return False
        return any(
            str(self.get_cell_at(Coordinate(index, n))) != " ".join(cell.split())
            for n, cell in enumerate(row)
        )

    def _available(self) -> int:
        width = self.scrollable_content_region.width or self.size.width or 80
        return max(len(self.columns_spec), width - 2 * self.cell_padding * len(self.columns_spec))

    def _lay_out(self, force: bool = False) -> None:
        available = self._available()
        if not force and available == self._laid_out_for:
            return
        self._laid_out_for = available
        natural = [
            max(
                [cell_len(column.label)]
                + [cell_len(" ".join(row[n].split())) for row, _ in self._raw]
            )
            for n, column in enumerate(self.columns_spec)
        ]
        widths = fit_widths(self.columns_spec, natural, available)
        cursor = self.cursor_row
        self.clear(columns=True)
        for column, width in zip(self.columns_spec, widths, strict=True):
            self.add_column(Text(elide(column.label, width), no_wrap=True), width=width)
        for raw, key in self._raw:
            cells = [Text(elide(cell, widths[n]), no_wrap=True) for n, cell in enumerate(raw)]
            self.add_row(*cells, key=None if key is None else str(key))
        # A height of our own: DataTable works its height out when the app is next idle, so
        # the page below it would otherwise jump once that happens.
        self.styles.height = len(self._raw) + (self.header_height if self.show_header else 0)
        if self._raw:
            # No scrolling: new data must not move the page under the reader.
            self.move_cursor(row=min(max(cursor, 0), len(self._raw) - 1), scroll=False)
        # Now, not on the highlight message: moving to the row it was already on posts none, and
        # a message handled later would leave the screen drawn for a moment without the line.
        self.show_detail(self.cursor_row)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(event.cursor_row)

    def show_detail(self, index: int) -> None:
        """Fill the line under the table (`#<id>-detail`, if the screen has one) with the
        highlighted row in full when a cell of it is cut; hide it otherwise."""
        if self.id is None or not self.is_attached:
            return
        try:
            detail = self.screen.query_one(f"#{self.id}-detail", Static)
        except NoMatches:
            return
        text = row_detail(self, index) if self.is_elided(index) else ""
        detail.update(text)
        detail.display = bool(text)


def row_detail(table: FitTable, index: int) -> str:
    """The highlighted row in full, "label: value" per column, for the line under a table."""
    row = table.full_row(index)
    if row is None:
        return ""
    parts = [
        f"{column.label}: {' '.join(value.split())}"
        for column, value in zip(table.columns_spec, row, strict=True)
        if value.strip()
    ]
    return " · ".join(parts)
