"""Tables with fixed column widths.

A DataTable sizes auto-width columns on a refresh after its rows arrive, so a table first appears
with header-wide columns and then jumps; fixed widths (chosen to fit 80 columns) draw it right
the first time.
"""

from __future__ import annotations

from textual.widgets import DataTable


def add_columns(table: DataTable[object], *columns: tuple[str, int]) -> None:
    for label, width in columns:
        table.add_column(label, width=width)
