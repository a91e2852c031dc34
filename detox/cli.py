"""The `detox` command. Commands live in detox.commands.*; this file only wires them up and turns
every domain error into one line on stderr with exit code 2 (never a traceback)."""

from __future__ import annotations

import errno
import importlib
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from detox.commands.registry import ENTRIES as REGISTRY
from detox.errors import DetoxError
from detox.exitcodes import ExitCode
from detox.logs import show_on_stderr
from detox.printable import printable
from detox.start import choose_language, known_language, open_app, write_config_on_first_use

EXIT_USER_ERROR = ExitCode.USER_ERROR
EXIT_INTERNAL_ERROR = ExitCode.INTERNAL_ERROR


def _is_validation_error(error: Exception) -> bool:
    # pydantic is imported only by commands that validate something (not by `--help`): when it
    # was never imported, no ValidationError can have been raised.
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(error, pydantic.ValidationError)


def _one_line(error: Any) -> str:
    from detox.validation_text import first_problem

    return first_problem(error)


# The module of each command, so that `detox mood 7` imports one command module and its
# services instead of all of them (that was about a third of a start). A command of a listed
# module that is missing here still works: every module is then loaded to find it.
_MODULE_OF = {name: entry.module for name, entry in REGISTRY.items()}


class UsageFormatter(click.HelpFormatter):
    """Help and usage lines whose "[OPTIONS]" and "COMMAND [ARGS]..." are in the run's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from detox.click_messages import usage_words

        super().write_usage(prog, usage_words(args), prefix)


class HelpContext(click.Context):
    """A context whose help page is in the language of the run (see detox.helptext)."""

    formatter_class = UsageFormatter

    def get_help(self) -> str:
        from detox.helptext import shown_in_language

        with shown_in_language(self.command, self):
            return super().get_help()


class DetoxGroup(click.Group):
    context_class = HelpContext

    command_modules: tuple[str, ...] = ()

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        known = _MODULE_OF.get(cmd_name)
        if cmd_name not in self.commands and known in self.command_modules:
            self._load(known)
        if cmd_name not in self.commands:  # not mapped, or moved to another module
            for module in self.command_modules:
                self._load(module)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        # Names only: completion and help import a module when they need one of its commands.
        named = (name for name, entry in REGISTRY.items() if entry.module in self.command_modules)
        return sorted({*self.commands, *named})

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the registry's summaries: `detox --help` imports no command."""
        from detox.i18n import _

        rows: list[tuple[str, str]] = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None:
                rows.append((name, _(REGISTRY[name].summary)))
            elif not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width)))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def _load(self, module_name: str) -> None:
        module = importlib.import_module(f"detox.commands.{module_name}")
        for command in module.COMMANDS:
            if command.name not in self.commands:
                summarise(command)
                self.add_command(command)

    def main(  # type: ignore[override]
        self, args: list[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        show_on_stderr()  # the `detox` logger's warnings, one line each
        paths = getattr(extra.get("obj"), "paths", None)  # a Context the caller (a test) made
        use_language(
            sys.argv[1:] if args is None else list(args),
            paths.config_file if paths is not None else None,
        )
        try:
            result = super().main(args, prog_name, standalone_mode=False, **extra)
            if isinstance(result, int):  # `ctx.exit(code)` returns its code in this mode
                sys.exit(result)
            return result
        except (Exception, KeyboardInterrupt) as error:
            _end_with(error)


def end_bare_command(error: Exception | KeyboardInterrupt) -> NoReturn:
    """End bare `detox` (started by detox.entry without click's parser) as this group ends it:
    click's parser turns an interrupt into a blank line on stderr and Abort."""
    if isinstance(error, EOFError | KeyboardInterrupt):
        click.echo(file=sys.stderr)
        _end_with(click.exceptions.Abort())
    _end_with(error)


def _end_with(error: Exception | KeyboardInterrupt) -> NoReturn:
    """Every error as one line on stderr and its exit status (never a traceback)."""
    if isinstance(error, click.exceptions.Abort):
        from detox.i18n import _

        click.echo(_("Aborted."), err=True)
        sys.exit(EXIT_INTERNAL_ERROR)
    if isinstance(error, click.exceptions.NoArgsIsHelpError):  # `detox mood`: help is the answer
        error.show()
        sys.exit(error.exit_code)
    if isinstance(error, click.UsageError):
        # click's own form takes four lines (usage, hint, blank, error); one line and a hint
        # is what every other detox error looks like.
        command = error.ctx.command_path if error.ctx is not None else "detox"
        message = printable(error.format_message()).rstrip(". ")
        _fail(_usage_hint(message, command), error.exit_code)
    if isinstance(error, click.ClickException):
        _fail(error.format_message(), error.exit_code)
    if isinstance(error, click.exceptions.Exit):
        sys.exit(error.exit_code)
    if isinstance(error, DetoxError):
        _fail(error.lines(), EXIT_USER_ERROR)
    if isinstance(error, KeyboardInterrupt):
        sys.exit(ExitCode.INTERRUPTED)
    if isinstance(error, OSError):
        # The machine refused (no permission, read-only, disk full, not a folder): nothing
        # the program did wrong, and nothing a traceback would help the user with.
        _fail(_os_problem(error), EXIT_USER_ERROR)
    # A bug: still one line, details on request.
    if _is_validation_error(error):
        _fail(_one_line(error), EXIT_USER_ERROR)
    if os.environ.get("DETOX_DEBUG"):
        raise error
    from detox.i18n import _

    _fail(
        _("internal error: {kind}: {error} (set DETOX_DEBUG=1 to see details)").format(
            kind=type(error).__name__, error=error
        ),
        EXIT_INTERNAL_ERROR,
    )


def _usage_hint(message: str, command: str) -> str:
    from detox.i18n import _

    return _("{message} (see '{command} --help')").format(message=message, command=command)


def use_language(args: list[str], config_file: Path | None = None) -> None:
    """click's messages from detox's catalogs, in the language of the run (see
    detox.start.choose_language)."""
    from detox import click_messages

    click_messages.install()
    choose_language(args, config_file)


def _check_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from detox.i18n import LANGUAGES, _

    if value is not None and not known_language(value):
        known = ", ".join([*LANGUAGES, "auto"])
        raise click.BadParameter(
            _("unknown language {value}: one of {known}").format(value=repr(value), known=known)
        )
    return value


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    # click's own version option makes its message when the command is defined, before the
    # language is chosen; this one says it in the language of the run.
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    from detox.i18n import _

    click.echo(_("%(prog)s, version %(version)s") % {"prog": "detox", "version": version("detox")})
    ctx.exit()


def _fail(message: str | list[str], code: int) -> NoReturn:
    # Messages quote what the user or a file gave (a name, a path, a value): each line is shown
    # without the escape sequences a terminal would obey, and a line break in a quoted value
    # does not start a new line.
    first, *rest = [message] if isinstance(message, str) else message
    click.echo("\n".join([f"detox: {printable(first)}", *map(printable, rest)]), err=True)
    sys.exit(code)


def _os_problem(error: OSError) -> str:
    where = f": {error.filename}" if error.filename else ""
    if error.errno == errno.ENOSPC:
        from detox.i18n import _

        return _("no space left on the disk{where}; nothing more was written").format(where=where)
    reason = error.strerror or type(error).__name__
    return f"{reason[:1].lower()}{reason[1:]}{where}"


def summarise(command: click.Command) -> None:
    """Give `command` and its subcommands their whole first sentence as short help, and help
    pages in the language of the run."""
    from detox.helptext import first_sentence

    command.context_class = HelpContext
    if command.short_help is None and command.help:
        command.short_help = first_sentence(command.help)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            summarise(sub)


@click.group(cls=DetoxGroup, invoke_without_command=True)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
@click.option(
    "--lang",
    metavar="LANG",
    expose_value=False,
    is_eager=True,
    callback=_check_language,
    help="Language for this run: en, es, ko, pl, zh_Hans, zh_Hant or auto (overrides config.toml).",
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """detox: see and balance your social-media use. Everything stays on this machine."""
    from detox.context import Context  # pydantic's settings model: not needed for `--help`

    context = ctx.ensure_object(Context)
    if ctx.invoked_subcommand != "purge":  # purge would delete it again
        write_config_on_first_use(context)
    if ctx.invoked_subcommand is None:
        if not sys.stdout.isatty():
            click.echo(ctx.get_help())
            return
        code = open_app(context)  # only the bare command pays for Textual
        if code:
            ctx.exit(code)


# Command modules are named, not imported: each is imported when one of its commands runs.
# Listed once, in _MODULE_OF (tests/cli/test_help_and_completion.py checks it covers them all).
cli.command_modules = tuple(dict.fromkeys(_MODULE_OF.values()))


def main() -> None:
    cli(prog_name="detox")
