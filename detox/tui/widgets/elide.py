"""Text cut to a width in terminal cells, at a word boundary, ending with "…" (no Textual: the
bars on Today use it without loading the tables' DataTable)."""

from __future__ import annotations

from rich.cells import cell_len

ELLIPSIS = "…"


def _cut_cells(text: str, width: int) -> str:
    """The longest prefix of `text` that is at most `width` cells wide (CJK counts 2)."""
    out = []
    used = 0
    for char in text:
        size = cell_len(char)
        if used + size > width:
            break
        out.append(char)
        used += size
    return "".join(out)


def elide(text: str, width: int) -> str:
    """`text` if it fits in `width` cells, else a prefix ending at a word boundary plus "…"."""
    text = " ".join(text.split())  # a newline would be drawn as a cut line
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    room = _cut_cells(text, width - 1)
    boundary = max(room.rfind(" "), room.rfind(","), room.rfind("/"))
    # Cut at the last word boundary unless that throws away most of the room (one long word,
    # or text without spaces such as Chinese, is cut between characters).
    if boundary >= len(room) // 2:
        room = room[:boundary]
    return room.rstrip(" ,;:/(-") + ELLIPSIS
