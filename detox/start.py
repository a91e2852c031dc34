"""What every start of detox does, bare or with a command: the language of the run, config.toml
on first use, and opening the terminal app. Free of click, for detox.entry's bare start."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from detox.context import Context


def open_app(context: Context) -> int:
    """Run the terminal app; its exit status. An invalid config.toml stops it before the screen
    changes, with the error every command raises for it."""
    context.settings  # noqa: B018
    from detox.tui.run import run_app

    return run_app(context)


def known_language(value: str) -> bool:
    """Whether --lang accepts `value`: a language detox speaks, or auto."""
    from detox.i18n import normalize

    return value.lower() == "auto" or normalize(value) is not None


def choose_language(args: list[str], config_file: Path | None = None) -> None:
    """Choose the language before any command module is imported or any help is built: --lang
    (before the command's name), else `language` in config.toml, else the environment."""
    from detox import i18n

    chosen: str | None = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            chosen = args[index + 1]
            break
        if arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
            break
        if not arg.startswith("-"):
            break  # the command's name: later options are the command's own
    if chosen is None:
        chosen = _configured_language(config_file)
    i18n.activate(i18n.choose(chosen))


def _configured_language(config_file: Path | None) -> str | None:
    # Only this key, and silently: a broken config.toml is reported by the command that loads
    # the settings, in the language chosen without it.
    import tomllib

    from detox.paths import Paths

    try:
        path = config_file or Paths.from_env().config_file
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("language")
    except (OSError, ValueError, RecursionError):
        return None
    return value if isinstance(value, str) else None


def write_config_on_first_use(context: Context) -> None:
    """README promises a commented config.toml from the first command on, and `detox doctor`
    points at it; a read-only config folder must not stop the command the user asked for."""
    if context.paths.config_file.exists():
        return
    from detox.config import write_default_config
    from detox.logs import log

    try:
        write_default_config(context.paths.config_file)
    except OSError as error:
        log.warning("could not write %s: %s", context.paths.config_file, error)
