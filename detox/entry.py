"""The `detox` command as installed, and `python -m detox`.

Bare `detox` in a terminal (with or without `--lang`) opens the app without importing click and
the command registry, which it never used (30 M instructions of the 2,090 M to a painted Today
screen). Everything else (a command, `--help`, `--version`, an unknown language, shell
completion, output that is not a terminal) goes to detox.cli, which parses it as it always has.
An error while the app starts or runs is turned into its one line and exit status by detox.cli,
as for any command.
"""

from __future__ import annotations

import os
import sys

from detox.start import choose_language, known_language, open_app, write_config_on_first_use

# click's variable for shell completion of a program named `detox`.
COMPLETION_VARIABLE = "_DETOX_COMPLETE"


def main() -> None:
    args = sys.argv[1:]
    if not opens_the_app(args):
        from detox.cli import main as cli_main

        cli_main()
        return
    import gc

    # Start-up makes a few hundred thousand objects that live as long as the app; Python's
    # cycle collector would walk them again and again as they come (4 % of the instructions
    # to the first paint). The app turns it back on once Today shows its data (DetoxApp).
    gc.disable()
    from detox.logs import show_on_stderr

    show_on_stderr()  # as detox.cli does before anything can go wrong
    choose_language(args)
    try:
        from detox.context import Context

        context = Context()
        write_config_on_first_use(context)
        code = open_app(context)
    except (Exception, KeyboardInterrupt) as error:
        from detox.cli import end_bare_command  # click, only once something went wrong

        end_bare_command(error)
    if code:
        sys.exit(code)


def opens_the_app(args: list[str]) -> bool:
    """Whether these arguments, here, are the bare command that opens the app (the one case
    detox.cli would not need its parser for)."""
    if COMPLETION_VARIABLE in os.environ or not sys.stdout.isatty():
        return False  # completion, or the help printed instead of an app nobody could see
    if not args:
        return True
    if len(args) == 2 and args[0] == "--lang":
        return known_language(args[1])  # else detox.cli's message for it
    if len(args) == 1 and args[0].startswith("--lang="):
        return known_language(args[0].partition("=")[2])
    return False
