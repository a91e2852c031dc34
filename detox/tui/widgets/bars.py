"""Horizontal bars drawn with text: every bar carries its numbers, so nothing is told by colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from detox.durations import format_duration
from detox.i18n import _
from detox.tui.widgets.elide import elide

FULL = "█"
EMPTY = "·"


class Bar(NamedTuple):  # not a dataclass: nothing compiled before the first paint
    label: str
    seconds: float
    limit: float | None = None  # a budget, when there is one


def bar_text(bars: Sequence[Bar], width: int, empty_message: str | None = None) -> Text:
    """One line per bar: label, bar, time, and "of budget" with a marker when over."""
    text = Text()
    if not bars:
        text.append(empty_message or _("nothing yet"), style="dim")
        return text
    # Cells, not characters: 微博 or a Korean weekday is two cells a character.
    label_width = min(18, max(cell_len(b.label) for b in bars))
    numbers_width = 22
    bar_width = max(8, width - label_width - numbers_width - 3)
    scale = max(max(b.seconds for b in bars), max((b.limit or 0) for b in bars), 1.0)
    for index, bar in enumerate(bars):
        if index:
            text.append("\n")
        filled = round(bar_width * bar.seconds / scale)
        over = bar.limit is not None and bar.seconds > bar.limit
        label = elide(bar.label, label_width)
        text.append(label + " " * (label_width - cell_len(label) + 1))
        text.append(FULL * filled, style="bold red" if over else "bold")
        text.append(EMPTY * (bar_width - filled), style="dim")
        used = format_duration(bar.seconds)
        numbers = " " * max(1, 9 - cell_len(used)) + used
        if bar.limit is not None:
            numbers += f" / {format_duration(bar.limit)}"
            if over:
                numbers += " " + _("OVER")
        text.append(numbers)
    return text


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None], low: float = 1, high: float = 10) -> str:
    """Mood per day as block characters; a day without entries is a space-like dot."""
    out = []
    for value in values:
        if value is None:
            out.append("·")
            continue
        position = (value - low) / (high - low) if high > low else 0
        out.append(SPARK[max(0, min(len(SPARK) - 1, round(position * (len(SPARK) - 1))))])
    return "".join(out)


class BarChart(Widget):
    """Bars that redraw to the width they are given (a side panel opening narrows them)."""

    DEFAULT_CSS = "BarChart { height: auto; }"

    def __init__(self, empty_message: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.bars: list[Bar] = []
        self.empty_message = empty_message

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.bars))

    def render(self) -> Text:
        return bar_text(self.bars, max(20, self.content_size.width), self.empty_message)
