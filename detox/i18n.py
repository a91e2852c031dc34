"""Words that change with a number.

Every count shown to a person goes through `count`, which takes the number and both English forms,
as gettext's ngettext does; the languages work can translate the forms here without touching the
callers.
"""

from __future__ import annotations


def plural(n: int, singular: str, plural_form: str) -> str:
    """The form of a word for n: ngettext(singular, plural_form, n) once translations exist."""
    return singular if n == 1 else plural_form


def count(n: int, singular: str, plural_form: str) -> str:
    """ "1 day", "2 days", "0 entries"."""
    return f"{n} {plural(n, singular, plural_form)}"
