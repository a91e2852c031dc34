"""Settings: a pydantic model read from and written to config.toml, comments kept (tomlkit)."""

from __future__ import annotations

import functools
import tomllib
from datetime import time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from detox.durations import parse_duration
from detox.errors import ConfigError, InputError, too_long_number
from detox.fileio import atomic_write_bytes
from detox.i18n import _
from detox.models import DAY_SECONDS, check_wall_time, empty_dict, empty_list
from detox.paths import ensure_private_dir
from detox.weekdays import WEEKDAYS, Weekday, WeekStart

if TYPE_CHECKING:
    import tomlkit


def _duration_seconds(value: object) -> object:
    if isinstance(value, str):
        try:
            return parse_duration(value)
        except InputError as error:
            raise ValueError(str(error)) from None
    return value


BudgetSeconds = Annotated[int, BeforeValidator(_duration_seconds), Field(gt=0, le=DAY_SECONDS)]


class Settings(BaseModel):
    """Everything a user can set in config.toml. Unknown keys are refused, so typos show."""

    # The docstrings under the fields are read by setting_descriptions() when asked for, not by
    # pydantic's use_attribute_docstrings: that searched every loaded module for this class's
    # source on every start, half of this module's import (`detox status` reads no description).
    model_config = ConfigDict(extra="forbid", frozen=True)

    day_start: Annotated[time, AfterValidator(check_wall_time)] = time(4, 0)
    """Local time at which a new day begins; use before it counts to the previous day ("04:00")."""

    week_start: WeekStart = "auto"
    """First day of the week (reports, the Week view, the weekly reminder); auto: the language's."""

    timezone: str | None = None
    """IANA zone such as "Europe/Warsaw" for days and reports; empty means the system's zone."""

    idle_threshold: int = Field(default=180, ge=10, le=3600)
    """Seconds without keyboard or mouse input after which you count as away (10-3600)."""

    tracker_interval: float = Field(default=2.0, ge=0.2, le=60.0, allow_inf_nan=False)
    """Seconds between two looks at the focused window (0.2-60)."""

    flush_interval: float = Field(default=30.0, ge=1.0, le=600.0, allow_inf_nan=False)
    """Seconds between two writes of tracked time to disk; a crash loses at most this much."""

    store_titles: bool = False
    """Keep window titles with tracked time. Off: titles are matched in memory and forgotten."""

    ignore_categories: list[Literal["social", "messaging", "video", "forum", "professional"]] = (
        Field(default_factory=empty_list)
    )
    """Kinds of apps detox does not count, e.g. ["messaging", "professional"] for work chat."""

    device_name: str | None = None
    """Name of this machine in reports; empty means the host name."""

    language: str = "auto"
    """Language: "auto" (from LC_ALL, LC_MESSAGES or LANG), en, es, ko, pl, zh_Hans or zh_Hant."""

    theme: str = "textual-dark"
    """Colour theme of the terminal app (any Textual theme, e.g. "nord", "gruvbox")."""

    budgets: dict[str, BudgetSeconds] = Field(default_factory=empty_dict)
    """Daily budgets: app id, "category:NAME" or "total" = a duration ("30m", "1h30m")."""

    apps: dict[str, dict[str, Any]] = Field(default_factory=empty_dict)
    """Your own catalog entries or changes to built-in ones, as [apps.ID] tables."""

    quiet_hours: str = "22:00-08:00"
    """Hours without reminders, except custom ones you add ("22:00-08:00"); empty for none."""

    nudge_minutes: list[Annotated[int, Field(ge=1, le=720)]] = Field(
        default_factory=lambda: [10, 20, 30]
    )
    """Minutes of continuous use of one social app after which a nudge is shown ([] for none)."""

    @field_validator("day_start", mode="before")
    @classmethod
    def _read_day_start(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return time.fromisoformat(value)
            except ValueError:
                raise ValueError(_('must be a time of day such as "04:00"')) from None
        if not isinstance(value, time):  # pydantic would read 5 as five seconds past midnight UTC
            raise ValueError(_('must be a time of day such as "04:00"'))
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _read_quiet_hours(cls, value: str) -> str:
        window = parse_quiet_hours(value)
        return "" if window is None else f"{window[0]:%H:%M}-{window[1]:%H:%M}"

    @field_validator("nudge_minutes")
    @classmethod
    def _sort_nudges(cls, value: list[int]) -> list[int]:
        return sorted(set(value))

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        from detox.i18n import LANGUAGES, normalize

        cleaned = value.strip()
        if cleaned.lower() in ("", "auto"):
            return "auto"
        code = normalize(cleaned)
        if code is None:
            known = ", ".join(LANGUAGES)
            raise ValueError(
                _("unknown language {value}: auto or one of {known}").format(
                    value=repr(value), known=known
                )
            )
        return code

    @field_validator("week_start", mode="before")
    @classmethod
    def _lower_week_start(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(_("unknown time zone {value}").format(value=repr(value))) from None
        return value or None

    @field_validator("device_name")
    @classmethod
    def _blank_name_is_host_name(cls, value: str | None) -> str | None:
        # The default config.toml shows `device_name = ""`; uncommenting it must mean "not set".
        return value.strip() or None if value is not None else None

    @property
    def first_day_of_week(self) -> Weekday:
        """week_start as a day: a day set in config.toml wins; auto is the first weekday of the
        active language and the session's region (Sunday in Korea and Taiwan, Monday in
        Poland, Spain and mainland China, Monday in detox's English)."""
        if self.week_start != "auto":
            return self.week_start
        from detox.localized import first_weekday

        return WEEKDAYS[first_weekday()]

    @property
    def zone(self) -> tzinfo | None:
        return ZoneInfo(self.timezone) if self.timezone else None

    @property
    def quiet_window(self) -> tuple[time, time] | None:
        """Quiet hours as (start, end) wall times; the window may cross midnight."""
        return parse_quiet_hours(self.quiet_hours)


def _wall_time(text: str) -> time:
    cleaned = text.strip()
    return time.fromisoformat("0" + cleaned if len(cleaned) == 4 else cleaned)  # 7:00 too


def parse_quiet_hours(text: str) -> tuple[time, time] | None:
    """ "22:00-08:00" -> (22:00, 08:00); "", "off" or "none" -> None; ValueError otherwise."""
    cleaned = text.strip().lower()
    if cleaned in ("", "off", "none"):
        return None
    start, separator, end = cleaned.partition("-")
    try:
        if not separator:
            raise ValueError
        window = (_wall_time(start), _wall_time(end))
    except ValueError:
        raise ValueError(_('must be two times of day such as "22:00-08:00", or empty')) from None
    if window[0] == window[1]:
        raise ValueError(_("quiet hours must not start and end at the same time"))
    return window


def load_settings(path: Path) -> Settings:
    """Settings from a file; defaults when it does not exist; ConfigError naming what is wrong."""
    if not path.exists():
        return Settings()
    raw = read_toml(path)
    try:
        return Settings.model_validate(raw)
    except ValidationError as error:
        raise _config_error(path, error) from None


def read_toml(path: Path) -> dict[str, Any]:
    """config.toml as a dict; ConfigError (one line) when it is not TOML detox can read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise _not_toml(path, str(error)) from None
    except ValueError:  # not a TOMLDecodeError: Python's limit on an integer's digits
        raise _not_toml(path, too_long_number()) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise _not_toml(path, _("nested too deeply")) from None


def _not_toml(path: Path, why: str) -> ConfigError:
    return ConfigError(path, "", _("not valid TOML ({error})").format(error=why))


def _document(path: Path) -> Any:
    """config.toml as tomlkit keeps it (comments and layout), for a change to be written back."""
    import tomlkit  # only writing needs it: reading settings stays fast
    import tomlkit.exceptions

    try:
        return tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else None
    except (tomlkit.exceptions.ParseError, UnicodeDecodeError) as error:
        raise _not_toml(path, str(error)) from None
    except ValueError:
        raise _not_toml(path, too_long_number()) from None
    except RecursionError:
        raise _not_toml(path, _("nested too deeply")) from None


def _config_error(path: Path, error: ValidationError) -> ConfigError:
    from detox.validation_text import problem_text, where

    first = error.errors()[0]
    return ConfigError(path, where(first), problem_text(first))


def set_config_value(path: Path, keys: tuple[str, ...], value: Any) -> Settings:
    """Change one value in config.toml, keeping the user's comments and layout; validate first."""
    import tomlkit

    document = _document(path)
    if document is None:
        document = _new_document()
    table: Any = document
    for key in keys[:-1]:
        if key not in table:
            table[key] = tomlkit.table()
        table = table[key]
    table[keys[-1]] = value
    text = tomlkit.dumps(document)
    try:
        settings = Settings.model_validate(tomllib.loads(text))
    except ValidationError as error:
        raise _config_error(path, error) from None
    ensure_private_dir(path.parent)
    atomic_write_bytes(path, text.encode("utf-8"))
    return settings


def remove_config_key(path: Path, keys: tuple[str, ...]) -> bool:
    """Remove one key or table from config.toml, keeping the rest of the file as it is; False
    when it was not there. The result is validated before it is written."""
    document = _document(path)
    if document is None:
        return False
    table: Any = document
    for key in keys[:-1]:
        if key not in table:
            return False
        table = table[key]
    if keys[-1] not in table:
        return False
    del table[keys[-1]]
    text = document.as_string()
    try:
        Settings.model_validate(tomllib.loads(text))
    except ValidationError as error:
        raise _config_error(path, error) from None
    atomic_write_bytes(path, text.encode("utf-8"))
    return True


@functools.cache
def setting_descriptions() -> dict[str, str]:
    """What each setting means: the docstring under its field in Settings."""
    import ast
    import inspect

    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    [settings] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Settings"]
    found: dict[str, str] = {}
    for field, after in zip(settings.body, settings.body[1:], strict=False):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            found[field.target.id] = inspect.cleandoc(after.value.value)
    return found


def _new_document() -> tomlkit.TOMLDocument:
    import tomlkit

    document = tomlkit.document()
    document.add(tomlkit.comment("detox settings. Every key is optional; defaults are shown."))
    for name, field in Settings.model_fields.items():
        if name in ("budgets", "apps"):
            continue
        default = field.get_default(call_default_factory=True)
        shown = default.strftime("%H:%M") if isinstance(default, time) else default
        rendered = tomlkit.item(shown).as_string() if shown is not None else '""'
        document.add(tomlkit.comment(setting_descriptions()[name]))
        document.add(tomlkit.comment(f"{name} = {rendered}"))
    document.add(tomlkit.nl())
    for line in (
        "Daily budgets by app id, category or in total, e.g.:",
        "  [budgets]",
        '  facebook = "30m"',
        '  total = "2h"',
        "Your own apps, or changes to built-in ones (see `detox apps list`), e.g.:",
        "  [apps.myforum]",
        '  name = "My Forum"',
        '  category = "forum"',
        '  domains = ["forum.example.org"]',
    ):
        document.add(tomlkit.comment(line))
    return document


def write_default_config(path: Path) -> None:
    """A commented config.toml on first run, so users find every setting and its meaning."""
    if path.exists():
        return
    import tomlkit

    ensure_private_dir(path.parent)
    atomic_write_bytes(path, tomlkit.dumps(_new_document()).encode("utf-8"))
