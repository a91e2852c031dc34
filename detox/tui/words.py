"""Key labels in the user's language. Textual copies a class's bindings when the class is
defined, before detox has chosen a language, and its own widgets' labels are English: the
labels are translated when a screen lists its keys (the footer, the keys panel), detox's marked
for the catalogs with `N_` where they are bound and Textual's below."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding

from detox import i18n
from detox.i18n import N_, _

# The labels of the keys Textual's widgets bind (textual 8: Screen, Input, DataTable, Select,
# OptionList, RadioSet, Checkbox, Button and scrolling containers), shown by the keys panel
# for the focused widget, and the commands it adds to the command palette.
TEXTUAL_WORDS = (
    N_("Bottom"),
    N_("Copy selected text"),
    N_("Cursor down"),
    N_("Cursor left"),
    N_("Cursor right"),
    N_("Cursor up"),
    N_("Cut selected text"),
    N_("Delete all to the left"),
    N_("Delete all to the right"),
    N_("Delete character left"),
    N_("Delete character right"),
    N_("Delete left to start of word"),
    N_("Delete right to start of word"),
    N_("Dismiss menu"),
    N_("Down"),
    N_("End"),
    N_("First"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Go to end"),
    N_("Go to start"),
    N_("Home"),
    N_("Last"),
    N_("Move cursor left"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor left and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Move cursor right and select"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Next option"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Page Up"),
    N_("Page down"),
    N_("Page up"),
    N_("Paste text from the clipboard"),
    N_("Press button"),
    N_("Previous option"),
    N_("Quit"),
    N_("Scroll Down"),
    N_("Scroll End"),
    N_("Scroll Home"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Up"),
    N_("Select"),
    N_("Select all"),
    N_("Select line end"),
    N_("Select line start"),
    N_("Show menu"),
    N_("Submit"),
    N_("Toggle"),
    N_("Top"),
    N_("Up"),
    N_("Quit the app and return to the command prompt."),  # a tooltip
    # The command palette's own commands (App.get_system_commands) and search fields.
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
    N_("Search for commands…"),
    N_("Search for themes…"),
)


def in_language(found: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """A screen's active keys with their labels (and tooltips) in the user's language."""
    return {key: _translated(active) for key, active in found.items()}


def _translated(active: ActiveBinding) -> ActiveBinding:
    binding = active.binding
    tooltip = _(active.tooltip) if active.tooltip else ""
    return active._replace(
        binding=replace(
            binding,
            description=_(binding.description) if binding.description else "",
            tooltip=_(binding.tooltip) if binding.tooltip else "",
        ),
        tooltip=tooltip,
    )


def language_options() -> list[tuple[str, str]]:
    """The language picker's choices, each language named in itself (a reader who cannot read
    the current language still finds their own)."""
    names = ((name, code) for code, name in i18n.LANGUAGES.items())
    return [(_("Automatic (from the system)"), "auto"), *names]
