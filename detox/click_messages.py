"""click's own messages (usage errors, help headings) in the chosen language.

click asks gettext's global "messages" domain, whose language comes from the environment, not
from --lang or config.toml, and which ships no Korean or Polish for click. So the click modules
that show text are pointed at detox's catalogs instead, which hold the messages below (the ones a
detox user can meet); any other click message stays English.
"""

from __future__ import annotations

from types import ModuleType

from detox import i18n
from detox.i18n import N_, NC_, nouns

MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("No such command {name!r}."),
    N_("No such option {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    # What a path names in "file 'x.csv' does not exist" ("file" alone is also a counted word).
    NC_("click", "file"),
    NC_("click", "directory"),
    NC_("click", "path"),
    N_("default: {default}"),
    N_("required"),
    N_("Do you want to continue?"),
    N_("%(prog)s, version %(version)s"),
    # Translators: the placeholders of a usage line ("Usage: detox fast start [OPTIONS] PRESET").
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("[COMMAND] [ARGS]..."),
    nouns("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    nouns("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    nouns("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    nouns("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
)


def _gettext(message: str) -> str:
    if message in _PATH_NAMES:
        return i18n.pgettext("click", message)
    return i18n._(message)


_PATH_NAMES = frozenset({"file", "directory", "path"})


def usage_words(args: str) -> str:
    """A usage line's arguments with click's own placeholders in the active language (names of
    detox's arguments, such as PRESET, are left as they are typed in the help)."""
    for placeholder in ("[COMMAND] [ARGS]...", "COMMAND [ARGS]...", "[OPTIONS]"):
        if placeholder in args:
            args = args.replace(placeholder, i18n._(placeholder))
    return args


def _ngettext(singular: str, plural_form: str, n: int) -> str:
    return i18n.plural(n, singular, plural_form)


def install() -> None:
    """From now on click's messages come from detox's catalogs in the active language."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    modules: tuple[ModuleType, ...] = (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    )
    for module in modules:
        names = vars(module)
        if "_" in names:
            names["_"] = _gettext
        if "ngettext" in names:
            names["ngettext"] = _ngettext
