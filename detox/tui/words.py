"""Key labels in the user's language. Textual copies a class's bindings when the class is
defined, before detox has chosen a language, so each screen (and the app) puts translated
copies in place when it is made; the English is marked for the catalogs with `N_`."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from detox import i18n
from detox.i18n import _


def translate_bindings(node: DOMNode) -> None:
    """Replace the node's key labels by their translations (once per node)."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(binding, description=_(binding.description)) if binding.description else binding
            for binding in bindings
        ]


def language_options() -> list[tuple[str, str]]:
    """The language picker's choices, each language named in itself (a reader who cannot read
    the current language still finds their own)."""
    names = ((name, code) for code, name in i18n.LANGUAGES.items())
    return [(_("Automatic (from the system)"), "auto"), *names]
