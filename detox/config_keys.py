"""Settings by name, for `detox config get/set/list`: which keys exist, what each holds, and how
a value typed on the command line becomes a checked value in config.toml.

Every value goes through the Settings model before anything is written, so `config set` accepts
exactly what config.toml accepts; the file is edited with tomlkit, so comments stay.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from detox.config import Settings, read_toml, set_config_value, setting_descriptions
from detox.errors import ConfigError, InputError
from detox.i18n import N_, _
from detox.validation_text import problem_text, where

# Tables whose entries are keys of their own ("budgets.instagram"); apps have their own command.
BUDGETS = "budgets"
NOT_HERE = {"apps": N_("`detox apps add` and `detox apps remove` change apps")}
BUDGET_MEANING = N_("Daily budget (a duration)")


@dataclass(frozen=True)
class KeyValue:
    key: str
    value: Any  # as the settings hold it (a time, a list, None...)
    default: Any
    is_set: bool  # written in config.toml, rather than the default
    description: str  # in the active language


def _raw(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    return read_toml(path)


def _check_key(key: str) -> tuple[str, ...]:
    parts = tuple(key.split("."))
    head = parts[0]
    if head in NOT_HERE:
        raise InputError(f"{key}: {_(NOT_HERE[head])}")
    if head == BUDGETS and len(parts) == 2 and parts[1]:
        return parts
    if len(parts) != 1 or head not in Settings.model_fields or head == BUDGETS:
        if head == BUDGETS:
            raise InputError(
                _(
                    "unknown setting {key}: `detox config list` shows them (a budget is "
                    '"budgets.APP", "budgets.category:NAME" or "budgets.total")'
                ).format(key=repr(key))
            )
        raise InputError(
            _("unknown setting {key}: `detox config list` shows them").format(key=repr(key))
        )
    return parts


def shown(value: Any) -> str:
    """A value as a person types it: 04:00, monday, 180, false, [10, 20, 30]; empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    return str(value)


def plain(value: Any) -> Any:
    """A value as JSON and TOML write it: times as "HH:MM", everything else as it is."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def entries(path: Path) -> list[KeyValue]:
    """Every setting with its value, default and meaning; budgets one by one."""
    raw = _raw(path)
    settings = _validated(path, raw)
    found: list[KeyValue] = []
    descriptions = setting_descriptions()
    for name, field in Settings.model_fields.items():
        if name in NOT_HERE or name == BUDGETS:
            continue
        found.append(
            KeyValue(
                name,
                getattr(settings, name),
                field.get_default(call_default_factory=True),
                name in raw,
                _(descriptions[name]) if name in descriptions else "",
            )
        )
    budgets = raw.get(BUDGETS, {})
    for target in sorted(settings.budgets):
        found.append(
            KeyValue(
                f"{BUDGETS}.{target}",
                budgets.get(target, settings.budgets[target]),
                None,
                True,
                _(BUDGET_MEANING),
            )
        )
    return found


def get(path: Path, key: str) -> KeyValue:
    parts = _check_key(key)
    if parts[0] == BUDGETS:
        for entry in entries(path):
            if entry.key == key:
                return entry
        return KeyValue(key, None, None, False, _(BUDGET_MEANING))
    return next(entry for entry in entries(path) if entry.key == key)


def _validated(path: Path, raw: dict[str, Any]) -> Settings:
    try:
        return Settings.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        raise ConfigError(path, where(first), problem_text(first)) from None


def _candidates(text: str) -> Iterator[Any]:
    """What a typed value may mean, most literal first: the text itself, a TOML value
    ("[10, 20]", "true", "2.5"), and a comma-separated list ("messaging, video")."""
    yield text
    # A TOMLDecodeError is a ValueError, as is Python's refusal of a 4,300-digit integer.
    with contextlib.suppress(ValueError, RecursionError):
        yield tomllib.loads(f"value = {text}")["value"]
    yield [part.strip() for part in text.split(",") if part.strip()]


def set_value(path: Path, key: str, text: str) -> KeyValue:
    """Check `text` as the value of `key` against the settings model, then write it."""
    parts = _check_key(key)
    raw = _raw(path)
    errors: list[ValidationError] = []
    for candidate in _candidates(text):
        trial = dict(raw)
        if parts[0] == BUDGETS:
            trial[BUDGETS] = {**raw.get(BUDGETS, {}), parts[1]: candidate}
        else:
            trial[parts[0]] = candidate
        try:
            settings = Settings.model_validate(trial)
        except ValidationError as error:
            errors.append(error)
            continue
        if parts[0] == BUDGETS:
            value: Any = candidate  # "30m" stays as typed, as config.toml examples write it
        else:
            value = plain(getattr(settings, parts[0]))
            if value is None:
                value = ""  # a field that may be empty: "" reads back as not set
        set_config_value(path, parts, value)
        return get(path, key)
    ours = [error for error in errors if _names(error, parts)]
    if not ours:  # the value is fine; something else in config.toml is not
        _validated(path, raw)
    # A list setting is best explained by the error about its items, anything else by the
    # error about the text as typed.
    wants_list = parts[0] != BUDGETS and isinstance(
        Settings.model_fields[parts[0]].get_default(call_default_factory=True), list
    )
    explained = ours[-1] if wants_list else ours[0]
    raise InputError(
        _("cannot set {key} to {value}: {problem}").format(
            key=key, value=repr(text), problem=_problem(explained)
        )
    )


def _names(error: ValidationError, parts: tuple[str, ...]) -> bool:
    loc = tuple(str(part) for part in error.errors()[0]["loc"])
    return loc[: len(parts)] == parts


def _problem(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        return _("{key}: unknown setting in config.toml").format(key=loc)
    return problem_text(first)
