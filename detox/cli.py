"""The `detox` command. Commands live in detox.commands.*; this file only wires them up and turns
every domain error into one line on stderr with exit code 2 (never a traceback)."""

from __future__ import annotations

import os
import sys
from typing import Any

import click
from pydantic import ValidationError

from detox import __version__
from detox.context import Context
from detox.errors import DetoxError

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


def _one_line(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


class DetoxGroup(click.Group):
    def main(  # type: ignore[override]
        self, args: list[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(EXIT_INTERNAL_ERROR)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except DetoxError as error:
            click.echo(f"detox: {error}", err=True)
            sys.exit(EXIT_USER_ERROR)
        except ValidationError as error:
            click.echo(f"detox: {_one_line(error)}", err=True)
            sys.exit(EXIT_USER_ERROR)
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as error:  # a bug: still one line, details on request
            if os.environ.get("DETOX_DEBUG"):
                raise
            click.echo(
                f"detox: internal error: {type(error).__name__}: {error} "
                "(set DETOX_DEBUG=1 to see details)",
                err=True,
            )
            sys.exit(EXIT_INTERNAL_ERROR)


@click.group(cls=DetoxGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="detox")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """detox: see and balance your social-media use. Everything stays on this machine."""
    context = ctx.ensure_object(Context)
    if ctx.invoked_subcommand is None:
        if not sys.stdout.isatty():
            click.echo(ctx.get_help())
            return
        from detox.tui.app import create_app  # only the bare command pays for Textual

        create_app(context).run()


def _register() -> None:
    from detox.commands import (
        apps,
        balance,
        checkin,
        data,
        devices,
        entries,
        imports,
        insights,
        mood,
        remind,
        report,
        tracking,
    )

    modules = (
        entries,
        mood,
        checkin,
        insights,
        data,
        apps,
        tracking,
        balance,
        imports,
        devices,
        report,
        remind,
    )
    for module in modules:
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="detox")
