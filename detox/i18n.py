"""Words in the user's language: gettext catalogs under detox/locale, chosen once per process.

Every text a person reads goes through `_` (a sentence with `{name}` placeholders, formatted
after translation), `count` or `plural` (words that change with a number: Polish has three
forms, Korean and Chinese one), or `lazy` for module-level constants read after the language is
chosen. A message missing from a catalog is shown in English: a partial catalog never breaks a
command. The catalogs are built from the code by Babel (see README, "Translations").
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

# Language codes as the catalogs are named, and each language's name in itself (the picker).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "pl": "Polski",
    "ko": "한국어",
    "zh_Hans": "简体中文",
    "zh_Hant": "繁體中文",
}
# Every translated text wrapped in [[...]]: tests find English that escaped the catalogs.
PSEUDO = "qps"
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "detox"

_ALIASES = {"zh": "zh_Hans", "zh_cn": "zh_Hans", "zh_sg": "zh_Hans", "zh_hans": "zh_Hans"}
_TRADITIONAL = ("zh_tw", "zh_hk", "zh_mo", "zh_hant")


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"[[{message}]]"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"[[{msgid1 if n == 1 else msgid2}]]"

    def pgettext(self, context: str, message: str) -> str:
        return f"[[{message}]]"


_language = "en"
_territory: str | None = None
_translation: gettext.NullTranslations = gettext.NullTranslations()
_loaded: dict[str, gettext.NullTranslations] = {}


def normalize(code: str) -> str | None:
    """A catalog's code for what a person or the environment names ("pl_PL.UTF-8" -> "pl",
    "zh_CN" -> "zh_Hans", "ko" -> "ko"); None when detox has no such language."""
    raw = code.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    lower = raw.lower()
    if lower == PSEUDO:
        return PSEUDO
    if lower in ("c", "posix", ""):
        return "en" if lower else None
    if lower in _ALIASES:
        return _ALIASES[lower]
    if lower.startswith(_TRADITIONAL) or lower.startswith("zh_hant"):
        return "zh_Hant"
    base = lower.split("_", 1)[0]
    if base == "zh":
        return "zh_Hans"
    return base if base in LANGUAGES else None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language of the session: the first of LC_ALL, LC_MESSAGES, LANG that is set (as
    gettext reads them), English when it names a language detox does not speak."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            # LANGUAGE may list several ("pl:en"); LC_* name one locale.
            return normalize(value) or "en"
    return _system_language() or "en"


def _system_language() -> str | None:
    # Windows and macOS keep the UI language outside the environment; locale reads it there.
    if os.name != "nt" and not _is_macos():
        return None
    import locale

    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        return None
    return normalize(code)


def _is_macos() -> bool:
    import sys

    return sys.platform == "darwin"


def choose(setting: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language to use for a setting ("auto", a code, or None for auto)."""
    if setting is None or setting.strip().lower() in ("", "auto"):
        return from_environment(environ)
    return normalize(setting) or "en"


def activate(language: str, environ: Mapping[str, str] | None = None) -> None:
    """Use `language` from now on in this process (catalogs are read once each). The region of
    the session's locale is kept when it is a region of that language (es_MX, zh_HK): it
    decides the week's first day."""
    global _language, _territory, _translation
    code = normalize(language) or "en"
    _language = code
    _territory = territory_of(code, os.environ if environ is None else environ)
    _translation = _load(code)


def territory_of(language: str, environ: Mapping[str, str]) -> str | None:
    """The region ("MX", "HK") of the session's locale for dates (LC_ALL, LC_TIME, LANG), when
    that locale is in `language`; None otherwise (a Korean run on a pl_PL system)."""
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = environ.get(name, "")
        if value:
            parts = value.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_")
            region = parts[-1] if len(parts) > 1 else ""
            if normalize(value) == language and (
                (len(region) == 2 and region.isalpha()) or (len(region) == 3 and region.isdigit())
            ):
                return region.upper()
            return None
    return None


def territory() -> str | None:
    """The region kept by `activate` (None: the language's usual one)."""
    return _territory


def current() -> str:
    """The active language's code ("en", "pl", "ko", "zh_Hans", "zh_Hant", "es" or "qps")."""
    return _language


def _load(code: str) -> gettext.NullTranslations:
    if code not in _loaded:
        if code == PSEUDO:
            _loaded[code] = _Pseudo()
        elif code == "en":
            _loaded[code] = gettext.NullTranslations()
        else:
            path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
            try:
                with path.open("rb") as file:
                    _loaded[code] = gettext.GNUTranslations(file)
            except (OSError, ValueError):  # missing, or not a catalog
                _loaded[code] = gettext.NullTranslations()  # English, message by message
    return _loaded[code]


def _(message: str) -> str:
    """`message` in the active language (itself when untranslated)."""
    return _mended(_translation.gettext(message))


def pgettext(context: str, message: str) -> str:
    """`message` in the active language, told apart from the same English in another context."""
    return _mended(_translation.pgettext(context, message))


def plural(n: int, singular: str, plural_form: str) -> str:
    """The form of a word for n in the active language (ngettext)."""
    return _mended(_translation.ngettext(singular, plural_form, n))


def _mended(text: str) -> str:
    # Korean sentences choose "을" or "를" once their values are in (detox/korean.py).
    if _language == "ko" and "(" in text:
        from detox.korean import KoreanText

        return KoreanText(text)
    return text


def count(n: int, singular: str, plural_form: str) -> str:
    """ "1 day", "2 days", "5 dni", "3일": the number and its word."""
    # Translators: a number and the word counted ("3 days"); Korean and Chinese write no space.
    return pgettext("count", "{n} {word}").format(n=n, word=plural(n, singular, plural_form))


def listing(items: Iterable[str]) -> str:
    """Words or names one after another: "Sat, Sun", "周六、周日"."""
    # Translators: what stands between the items of a list of words, names or numbers
    # ("Sat, Sun"); Chinese writes "、".
    return pgettext("list", ", ").join(items)


def clauses(items: Iterable[str]) -> str:
    """Phrases that each say something, one after another: "kept; next Fri 21:00"."""
    # Translators: what stands between phrases that each say something ("kept 3; slipped 1");
    # Chinese writes "；".
    return pgettext("list", "; ").join(items)


class LazyText:
    """A message translated each time it is shown, for constants made before the language is
    chosen (module level): str(lazy("Today")) follows the active language."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return _(self.message)

    def __repr__(self) -> str:
        return f"lazy({self.message!r})"

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.message)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def N_(message: str) -> str:
    """Marks a message for the catalogs where it must stay a plain str until shown (a key's
    label, a screen's title made when a class is defined); show it through `_`."""
    return message


def NC_(context: str, message: str) -> str:
    """Marks a message with a context (see `pgettext`) for the catalogs; show it through
    `pgettext(context, message)`."""
    return message


def nouns(singular: str, plural_form: str) -> tuple[str, str]:
    """A word's two English forms, marked for the catalogs, to be counted later by `count`."""
    return singular, plural_form


def lazy(message: str) -> LazyText:
    """A translatable constant, translated when it is shown."""
    return LazyText(message)


def babel_locale(language: str | None = None) -> str:
    """The CLDR locale for formatting dates and numbers in a language (with its usual region,
    which decides the first weekday)."""
    code = language or _language
    return {
        "ko": "ko_KR",
        "zh_Hans": "zh_Hans_CN",
        "zh_Hant": "zh_Hant_TW",
        "pl": "pl_PL",
        "es": "es_ES",
    }.get(code, "en_GB")
