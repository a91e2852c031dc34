"""pydantic's complaints in the person's language.

A value that fails validation (a setting in config.toml, a `config set`, an option click hands
to a model) is reported with pydantic's own sentence, which is English. The usual kinds of
complaint are worded here through the catalogs; a kind not listed keeps pydantic's sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from detox.i18n import LazyText, _, lazy

if TYPE_CHECKING:
    from pydantic import ValidationError

_PLAIN: dict[str, LazyText] = {
    "int_parsing": lazy("must be a whole number"),
    "int_type": lazy("must be a whole number"),
    "int_from_float": lazy("must be a whole number"),
    "float_parsing": lazy("must be a number"),
    "float_type": lazy("must be a number"),
    "finite_number": lazy("must be a finite number"),
    "bool_parsing": lazy("must be true or false"),
    "bool_type": lazy("must be true or false"),
    "string_type": lazy("must be text"),
    "missing": lazy("is required"),
    "time_parsing": lazy('must be a time of day like "04:00"'),
    "time_type": lazy('must be a time of day like "04:00"'),
    "date_parsing": lazy('must be a date like "2026-12-24"'),
    "date_from_datetime_parsing": lazy('must be a date like "2026-12-24"'),
    "date_type": lazy('must be a date like "2026-12-24"'),
    "list_type": lazy("must be a list"),
    "dict_type": lazy("must be a table"),
    "model_type": lazy("must be a table"),
    "model_attributes_type": lazy("must be a table"),
    "extra_forbidden": lazy("unknown setting"),
}
# Kinds whose sentence names a bound from the error's context.
_BOUNDED: dict[str, tuple[str, LazyText]] = {
    "greater_than_equal": ("ge", lazy("must be at least {bound}")),
    "greater_than": ("gt", lazy("must be more than {bound}")),
    "less_than_equal": ("le", lazy("must be at most {bound}")),
    "less_than": ("lt", lazy("must be less than {bound}")),
    "string_too_long": ("max_length", lazy("must be at most {bound} characters long")),
    "string_too_short": ("min_length", lazy("must be at least {bound} characters long")),
    "too_long": ("max_length", lazy("must have at most {bound} items")),
    "too_short": ("min_length", lazy("must have at least {bound} items")),
}


def problem_text(error: Mapping[str, Any]) -> str:
    """One pydantic error (an item of ValidationError.errors()) as a phrase in the language of
    the run; the validators' own messages ("Value error, ...") are detox's already."""
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind in _PLAIN:
        return str(_PLAIN[kind])
    if kind in _BOUNDED and _BOUNDED[kind][0] in context:
        key, sentence = _BOUNDED[kind]
        return str(sentence).format(bound=context[key])
    if kind in ("literal_error", "enum") and "expected" in context:
        # pydantic joins the choices with an English "or": listed with commas instead.
        choices = str(context["expected"]).replace(" or ", ", ")
        return _("must be one of {choices}").format(choices=choices)
    return str(error.get("msg", "")).removeprefix("Value error, ")


def where(error: Mapping[str, Any]) -> str:
    """The place a pydantic error names, dotted ("budgets.facebook", "spans.1.duration")."""
    return ".".join(str(part) for part in error.get("loc", ()))


def first_problem(error: ValidationError) -> str:
    """The first complaint of a failed validation as one line: "place: problem"."""
    first = error.errors()[0]
    place, problem = where(first), problem_text(first)
    return f"{place}: {problem}" if place else problem
