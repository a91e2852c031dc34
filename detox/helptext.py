"""`--help` in the chosen language.

click keeps each command's help (its docstring) and each option's help as written when the
command is defined, once per process, in English. The catalogs hold each paragraph of a command's
help (spaces collapsed: click wraps paragraphs again), its first sentence (the summary in a
command list) and each option's help; `shown_in_language` puts their translations in place only
while a help page is written, so the page follows the language of that run (--lang, config.toml
or the environment) whenever it was imported. detox/i18n_extract.py finds these texts for the
catalogs with the same `paragraphs` and `first_sentence`.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from detox import i18n

if TYPE_CHECKING:
    import click

# A word ending in "." that does not end a sentence.
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.")


def first_sentence(text: str) -> str:
    """The first sentence of a help text's first paragraph, whole however long.

    click's own summary stops at the first word ending in "." and then cuts to the width
    ("Record use that the tracker cannot see, e.g."); help lists wrap this one instead.
    """
    paragraph = inspect.cleandoc(text).split("\n\n", 1)[0]
    words = paragraph.replace("\b", "").split()
    for index, word in enumerate(words):
        if word.endswith((".", "?", "!")) and word.lower() not in _ABBREVIATIONS:
            return " ".join(words[: index + 1])
    return " ".join(words)


def paragraphs(text: str) -> list[str]:
    """A command's help as the catalogs hold it: paragraphs up to click's form feed, each on one
    line, except those marked with \\b (examples), which click prints as they are."""
    shown = inspect.cleandoc(text).partition("\f")[0]
    found = []
    for block in shown.split("\n\n"):
        block = block.strip("\n")
        if block.strip():
            found.append(block if block.startswith("\b") else " ".join(block.split()))
    return found


def is_prose(paragraph: str) -> bool:
    """Examples (a \\b block of `detox ...` lines only) are shown as they are, untranslated."""
    lines = [line.strip() for line in paragraph.removeprefix("\b").splitlines() if line.strip()]
    return not all(line.startswith("detox ") for line in lines)


def translated(text: str) -> str:
    """A command's help in the active language, paragraph by paragraph."""
    return "\n\n".join(
        i18n._(paragraph) if is_prose(paragraph) else paragraph for paragraph in paragraphs(text)
    )


@contextmanager
def shown_in_language(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """While the block runs, `command`'s help, its options' help and its subcommands' summaries
    are in the active language; the English originals are back afterwards."""
    # English is shown as written (click's own wrapping of the docstring); only the help option,
    # which click makes once, in the language of that run, is made again.
    english = i18n.current() == "en"
    saved: list[tuple[object, str, object]] = []

    def put(owner: object, name: str, value: object) -> None:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    if command.help and not english:
        put(command, "help", translated(command.help))
    for param in command.params:
        help_text = getattr(param, "help", None)
        if help_text and not english:
            put(param, "help", i18n._(help_text))
    for sub in getattr(command, "commands", {}).values():
        if sub.short_help and not english:
            put(sub, "short_help", i18n._(sub.short_help))
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        put(help_option, "help", i18n._("Show this message and exit."))
    try:
        yield
    finally:
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)
