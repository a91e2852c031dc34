"""Babel's extractor for detox (tools/catalogs, tests/catalogs.py): the messages Babel's Python
extractor finds, and the help that click shows, which no `_` call marks: each command's docstring
(its summary and paragraphs, as detox.helptext shows them) and each `help="..."` of an option;
and the meaning of each setting (the docstrings of Settings' fields).
Used when building catalogs, never when detox runs."""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from detox.helptext import first_sentence, is_prose, paragraphs

# (line, function, message, comments[, context]), as Babel's extractors yield them.
Message = tuple[Any, ...]
_HELP_WORDS = ("command", "group")


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Any,
) -> Iterator[Message]:
    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    text = source.decode("utf-8")
    yield from help_texts(text)
    yield from setting_meanings(text)


def help_texts(source: str) -> Iterator[Message]:
    """(line, funcname, message, comments) of every help text in a module's source."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(
            _is_click_decorator(decorator) for decorator in node.decorator_list
        ):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield node.lineno, "_", first_sentence(doc), []
                for paragraph in paragraphs(doc):
                    if is_prose(paragraph):
                        yield node.lineno, "_", paragraph, []
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                value = keyword.value
                if (
                    keyword.arg in ("help", "short_help")
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                    and value.value.strip()
                ):
                    yield node.lineno, "_", value.value, []


def setting_meanings(source: str) -> Iterator[Message]:
    """What each setting means: the docstring under each field of a class named Settings
    (detox/config.py), as `config list --json` and `config get --json` show it."""
    import inspect

    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Settings":
            for field, after in zip(node.body, node.body[1:], strict=False):
                if (
                    isinstance(field, ast.AnnAssign)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)
                ):
                    yield after.lineno, "_", inspect.cleandoc(after.value.value), []


def _is_click_decorator(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return any(word in name for word in _HELP_WORDS)
