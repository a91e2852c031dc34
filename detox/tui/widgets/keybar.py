"""A one-line key bar that shows whole labels only: the keys of the screen first, then the keys
that work everywhere, as many as fit. `? Keys` is always shown; it lists every key.

Textual's Footer gives every binding an equal grid cell, so at 80 columns labels are cut
("Mood lo▏") and the last keys (Quit, Keys) fall off the edge.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.cells import cell_len
from textual.app import App
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

GAP = "  "
# App keys in the order they are worth the room; keys missing here come last.
APP_ORDER = (
    "quick-mood",
    "quit",
    "log-reading",
    "today",
    "week",
    "fasts",
    "mood",
    "reminders",
    "settings",
)
ALWAYS = "keys"


class Item(NamedTuple):  # not a dataclass: nothing compiled before the first paint
    key: str
    label: str
    action: str  # namespaced, for a click


def _items(screen: Screen[Any]) -> tuple[list[Item], Item | None]:
    app = screen.app
    local: list[Item] = []
    global_by_id: dict[str, Item] = {}
    always: Item | None = None
    for node, binding, enabled, _tooltip in screen.active_bindings.values():
        if not binding.show or not enabled or not binding.description:
            continue
        namespace = "app" if isinstance(node, App) else "screen" if node is screen else ""
        item = Item(app.get_key_display(binding), binding.description, binding.action)
        item = Item(item.key, item.label, f"{namespace}.{item.action}" if namespace else "")
        if binding.id == ALWAYS:
            always = item
        elif isinstance(node, App):
            global_by_id[binding.id or binding.action] = item
        else:
            local.append(item)
    ordered = [global_by_id.pop(name) for name in APP_ORDER if name in global_by_id]
    return local + ordered + list(global_by_id.values()), always


def fit_items(items: list[Item], always: Item | None, width: int) -> list[Item]:
    """Whole items, in order, that fit in `width` cells together with `always` at the end."""

    def size(item: Item) -> int:
        return cell_len(f"{item.key} {item.label}")

    room = width - (size(always) + len(GAP) if always else 0)
    shown: list[Item] = []
    used = 0
    for item in items:
        needed = size(item) + (len(GAP) if shown else 0)
        if used + needed > room:
            continue  # a shorter one further on may still fit
        shown.append(item)
        used += needed
    return shown + ([always] if always else [])


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def render(self) -> Content:
        items, always = _items(self.screen)
        parts: list[Content] = []
        for item in fit_items(items, always, max(1, self.size.width - 2)):
            key = Content.styled(item.key, "bold $footer-key-foreground")
            text = Content.assemble(key, " ", item.label)
            if item.action:
                text = text.stylize(f"@click={item.action}")
            parts.append(text)
        return Content(" ").join([Content(""), Content(GAP).join(parts)])
