"""The message catalogs as tests read them: what the code asks for (extracted by Babel exactly
as tools/catalogs does) and what each language's .po holds."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "detox" / "locale"
LANGUAGES = ("es", "ko", "pl", "zh_Hans", "zh_Hant")
KEYWORDS = {
    "_": None,
    "pgettext": ((1, "c"), 2),
    "count": (2, 3),
    "plural": (2, 3),
    "lazy": None,
    "N_": None,
    "nouns": (1, 2),
    "NC_": ((1, "c"), 2),
}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@cache
def extracted() -> frozenset[tuple[str | None, str | tuple[str, ...]]]:
    """(context, msgid) of every message in the code; msgid is (singular, plural) for plurals."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT / "detox"),
        method_map=[("**.py", "detox.i18n_extract:extract")],
        keywords=KEYWORDS,
        comment_tags=(),
    ):
        found.add((context, message))
    return frozenset(found)


@cache
def catalog(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "detox.po").open("rb") as file:
        return read_po(file, locale=language.replace("_Hans", "_Hans_CN"))


def placeholders(text: str) -> list[str]:
    """The names in a message's {placeholders}, sorted ("{n} {word}" -> ["n", "word"])."""
    return sorted(PLACEHOLDER.findall(text))
