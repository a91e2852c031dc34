"""Domain records. Everything stored is one of these, dumped with `model_dump(mode="json")`.

Two families:
- UsageSpan: measured time, immutable, keyed by a stable id so writing it again replaces it.
- Journal records (what the user enters): each has an id and a revision. An edit stores a new
  revision, a delete stores a tombstone; readers keep the latest revision of every id. Records are
  never rewritten in place, which is what lets several devices share a synced folder.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import sys
import types
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, Literal, Self


def _without_plugin_discovery() -> None:
    """Build models without pydantic looking for plugins.

    When the first model is built, pydantic imports importlib.metadata to look for plugins among
    the entry points of every installed package: about a tenth of the CPU of `detox status`, for
    plugins detox never uses (PYDANTIC_DISABLE_PLUGINS still imports it). The loader is replaced
    by one that finds none; anything else asked of it comes from the real module.
    """
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    loader = types.ModuleType(name)

    def get_plugins() -> tuple[()]:
        return ()

    def real(attribute: str) -> Any:
        if attribute.startswith("__"):  # the import system asking whether it is a package
            raise AttributeError(attribute)
        sys.modules.pop(name, None)
        return getattr(importlib.import_module(name), attribute)

    setattr(loader, "get_plugins", get_plugins)  # noqa: B010 - a module made here
    setattr(loader, "__getattr__", real)  # noqa: B010
    sys.modules[name] = loader


_without_plugin_discovery()

from pydantic import (  # noqa: E402 - after the loader is replaced
    AfterValidator,
    AllowInfNan,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    model_validator,
)

from detox.clock import as_utc  # noqa: E402
from detox.i18n import _  # noqa: E402

SCHEMA_VERSION = 1

# Every date and instant a record holds lies in this span. Wider values were accepted once and
# then broke every later command (`year 0 is out of range` when a day was computed around them),
# and a synced device or an import can carry them as easily as the CLI; checking here covers all.
EARLIEST_DATE = date(1970, 1, 1)
LATEST_DATE = date(2100, 12, 31)
DAY_SECONDS = 86_400


def check_date(value: date) -> date:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(
            _("{day} is outside {first}-{last}").format(
                day=value.isoformat(), first=EARLIEST_DATE.year, last=LATEST_DATE.year
            )
        )
    return value


def _sane_instant(value: datetime) -> datetime:
    instant = as_utc(value)
    check_date(instant.date())
    return instant


def check_wall_time(value: time) -> time:
    """A time of day is local wall time: a zone on it (12:00Z, 12:00+05:00) made comparisons with
    naive times fail later, so it is refused."""
    if value.tzinfo is not None:
        raise ValueError(
            _("{time}: write a local time of day such as 21:30, no zone").format(
                time=value.isoformat()
            )
        )
    return value


UtcDatetime = Annotated[AwareDatetime, AfterValidator(_sane_instant)]
SaneDate = Annotated[date, AfterValidator(check_date)]
WallTime = Annotated[time, AfterValidator(check_wall_time)]
DaySeconds = Annotated[float, AllowInfNan(False), Field(ge=0, le=DAY_SECONDS)]
Source = Literal["tracker", "manual", "import"]
Score = Annotated[int, Field(ge=1, le=10)]
Dimension = Literal["anxiety", "loneliness", "self_esteem", "sleep_quality", "focus"]


# Models are built when first used, not when this module is imported: a command builds the ones
# it validates or writes (`detox mood 7` the mood entry, the journal kinds it reads), not all
# sixteen (building them all was a tenth of a start). Validation itself is unchanged.
LAZY = ConfigDict(defer_build=True)
FROZEN = ConfigDict(frozen=True, defer_build=True)


def empty_list() -> list[Any]:
    """A field's default of []. pydantic looks at a factory's signature; for the built-in
    `list` that means parsing its text signature (3 ms of every command's start)."""
    return []


def empty_dict() -> dict[Any, Any]:
    """A field's default of {} (see empty_list)."""
    return {}


def new_id() -> str:
    return uuid.uuid4().hex[:16]


class UsageSpan(BaseModel):
    """Time one app was in use on one device."""

    model_config = FROZEN

    id: str
    app: str
    device: str
    source: Source
    start: UtcDatetime
    duration: DaySeconds
    title: str | None = None  # only when the user opted in to storing titles

    @property
    def end(self) -> datetime:
        # timedelta(0, s) is timedelta(seconds=s) at two thirds of the cost; reads call this
        # for every span.
        return self.start + timedelta(0, self.duration)

    @staticmethod
    def stable_id(device: str, app: str, start: datetime, source: Source) -> str:
        """The same span seen twice (re-flush, re-import) gets the same id, so it is stored once."""
        utc = start if start.tzinfo is UTC else as_utc(start)
        key = f"{device}|{app}|{utc.isoformat()}|{source}"
        return hashlib.sha1(key.encode()).hexdigest()[:20]

    def overlap_seconds(self, start: datetime, end: datetime) -> float:
        lo, hi = max(self.start, start), min(self.end, end)
        return max(0.0, (hi - lo).total_seconds())


class Record(BaseModel):
    """A journal entry: an id, a revision, and who wrote it when."""

    model_config = FROZEN

    id: str = Field(default_factory=new_id)
    rev: int = Field(default=1, ge=1)
    device: str
    updated_at: UtcDatetime
    deleted: bool = False

    def revise(self, device: str, now: datetime, **changes: Any) -> Self:
        """A new revision with changes; validated like a new record."""
        data = (
            self.model_dump() | changes | {"rev": self.rev + 1, "updated_at": now, "device": device}
        )
        return type(self).model_validate(data)

    def tombstone(self, device: str, now: datetime) -> Self:
        return self.revise(device, now, deleted=True)


class ManualUsage(Record):
    """Use entered by hand (a phone's screen time) or imported."""

    kind: Literal["usage"] = "usage"
    app: str
    start: UtcDatetime
    duration: Annotated[DaySeconds, Field(gt=0)]
    device_label: str = "phone"
    source: Literal["manual", "import"] = "manual"

    def to_span(self) -> UsageSpan:
        return UsageSpan(
            id=self.id,
            app=self.app,
            device=self.device_label,
            source=self.source,
            start=self.start,
            duration=self.duration,
        )


class MoodEntry(Record):
    kind: Literal["mood"] = "mood"
    at: UtcDatetime
    score: Score
    dimensions: dict[Dimension, Score] = Field(default_factory=empty_dict)
    tags: list[str] = Field(default_factory=empty_list)
    note: str | None = None


UclaAnswer = Annotated[int, Field(ge=1, le=3)]  # 1 hardly ever, 2 some of the time, 3 often


class CheckIn(Record):
    """A weekly check-in: life satisfaction and the three-item UCLA loneliness scale."""

    kind: Literal["checkin"] = "checkin"
    at: UtcDatetime
    life_satisfaction: Score
    lack_companionship: UclaAnswer
    left_out: UclaAnswer
    isolated: UclaAnswer
    note: str | None = None

    @property
    def loneliness(self) -> int:
        """The UCLA-3 total, 3 (least lonely) to 9."""
        return self.lack_companionship + self.left_out + self.isolated


HealthMeasure = Literal["bp", "pulse", "sleep"]
# Ranges a home monitor can show for a living adult; outside them a typo is far likelier.
SYSTOLIC_RANGE = (60, 260)
DIASTOLIC_RANGE = (30, 160)
PULSE_RANGE = (25, 220)


class HealthReading(Record):
    """A blood-pressure reading (with its pulse, if the monitor showed one), a resting pulse, or
    a night's sleep. `import_key` names where an imported reading came from, so a second import
    of the same file finds it; hand-entered readings have none."""

    kind: Literal["health"] = "health"
    measure: HealthMeasure
    at: UtcDatetime
    systolic: int | None = Field(default=None, ge=SYSTOLIC_RANGE[0], le=SYSTOLIC_RANGE[1])
    diastolic: int | None = Field(default=None, ge=DIASTOLIC_RANGE[0], le=DIASTOLIC_RANGE[1])
    pulse: int | None = Field(default=None, ge=PULSE_RANGE[0], le=PULSE_RANGE[1])
    hours: float | None = Field(default=None, gt=0, le=24)
    arm: Literal["left", "right"] | None = None
    note: str | None = None
    source: Literal["manual", "import"] = "manual"
    import_key: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.measure == "bp":
            if self.systolic is None or self.diastolic is None:
                raise ValueError("a blood-pressure reading needs systolic and diastolic values")
            if self.systolic <= self.diastolic:
                raise ValueError("systolic must be higher than diastolic")
            if self.hours is not None:
                raise ValueError("a blood-pressure reading has no hours of sleep")
        elif self.measure == "pulse":
            if self.pulse is None or self.systolic is not None or self.diastolic is not None:
                raise ValueError("a pulse reading has a pulse and no blood pressure")
            if self.hours is not None:
                raise ValueError("a pulse reading has no hours of sleep")
        elif self.hours is None or any(
            v is not None for v in (self.systolic, self.diastolic, self.pulse)
        ):
            raise ValueError("a sleep entry has hours and nothing else")
        return self


class OfflineEntry(Record):
    """Time spent on something offline. The activity is a tag the user owns (walk, family...);
    `company` holds who it was with, also as tags."""

    kind: Literal["offline"] = "offline"
    at: UtcDatetime  # when it began
    activity: str = Field(min_length=1, max_length=40)
    duration: float = Field(gt=0, le=86_400)
    company: list[str] = Field(default_factory=empty_list)
    note: str | None = None


class Rule(BaseModel):
    """One rule of a fast: abstain from, limit, or keep a curfew on some apps or categories.

    A rule naming no app and no category covers every social app. A limit is shared by everything
    the rule covers; a curfew is a daily wall-clock window and may cross midnight (21:00-07:00).
    """

    model_config = FROZEN

    kind: Literal["abstain", "limit", "curfew"]
    apps: list[str] = Field(default_factory=empty_list)
    categories: list[str] = Field(default_factory=empty_list)
    limit_seconds: int | None = Field(default=None, gt=0, le=DAY_SECONDS)
    curfew_start: WallTime | None = None
    curfew_end: WallTime | None = None

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.kind == "limit" and self.limit_seconds is None:
            raise ValueError("a limit rule needs limit_seconds")
        if self.kind == "curfew" and (self.curfew_start is None or self.curfew_end is None):
            raise ValueError("a curfew rule needs curfew_start and curfew_end")
        return self


class RuleEra(BaseModel):
    """The rules a fast had before a change: they judge the days before `until`."""

    model_config = FROZEN

    until: SaneDate
    rules: list[Rule] = Field(default_factory=empty_list)
    days_off: list[Annotated[int, Field(ge=0, le=6)]] = Field(default_factory=empty_list)


class Fast(Record):
    """A named period with rules; start and end are local dates, both included."""

    kind: Literal["fast"] = "fast"
    name: str
    preset: str = "custom"
    start: SaneDate
    end: SaneDate
    rules: list[Rule] = Field(default_factory=empty_list)
    # 0 = Monday
    days_off: list[Annotated[int, Field(ge=0, le=6)]] = Field(default_factory=empty_list)
    strict: bool = False
    ended_at: UtcDatetime | None = None
    end_reason: str | None = None
    # The moment the rules began: a fast started "now" counts nothing used earlier that day.
    # None means from the day start of `start` (a fast planned for a later day).
    starts_at: UtcDatetime | None = None
    # Entered afterwards for a break that was already over (`detox fast add`).
    recorded: bool = False
    # Rule changes apply from the day they are made; earlier days keep being judged by the rules
    # they had, so loosening a fast never rewrites its past.
    history: list[RuleEra] = Field(default_factory=empty_list)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError("a fast cannot end before it starts")
        return self


class Baseline(Record):
    """A period of ordinary use that insights compares fasts with (the "baseline week")."""

    kind: Literal["baseline"] = "baseline"
    start: date
    end: date
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError("a baseline cannot end before it starts")
        return self


class Budget(Record):
    """A daily allowance for an app id, "category:NAME" or "total"."""

    kind: Literal["budget"] = "budget"
    target: str
    weekday_seconds: int = Field(gt=0, le=DAY_SECONDS)
    weekend_seconds: int | None = Field(default=None, gt=0, le=DAY_SECONDS)


ReminderKind = Literal["mood", "report", "fast", "budget", "nudge", "health", "custom", "all"]


class Reminder(Record):
    """A custom reminder, or the settings of a built-in kind (one record per kind, stable id).

    The kind "all" is the master switch: `enabled` turns every reminder on or off and
    `snoozed_until` pauses them all (`detox remind pause`).
    """

    kind: Literal["reminder"] = "reminder"
    reminder_kind: ReminderKind
    text: str = ""
    at: WallTime | None = None
    days: list[Annotated[int, Field(ge=0, le=6)]] = Field(default_factory=lambda: list(range(7)))
    enabled: bool = True
    snoozed_until: UtcDatetime | None = None


EventType = Literal[
    "slip",
    "early_end",
    "cancel",
    "delete",
    "recorded",
    "baseline",
    "override",
    "rule_change",
    "strict",
    "import",
    "notification",
    "purge",
]


class Event(Record):
    """A permanent fact for the integrity log: a slip, an early end, an override, an import..."""

    kind: Literal["event"] = "event"
    type: EventType
    at: UtcDatetime
    message: str
    data: dict[str, Any] = Field(default_factory=empty_dict)


JournalRecord = Annotated[
    ManualUsage
    | MoodEntry
    | CheckIn
    | HealthReading
    | OfflineEntry
    | Fast
    | Baseline
    | Budget
    | Reminder
    | Event,
    Field(discriminator="kind"),
]
JOURNAL_MODELS: dict[str, type[Record]] = {
    model.model_fields["kind"].default: model
    for model in (
        ManualUsage,
        MoodEntry,
        CheckIn,
        HealthReading,
        OfflineEntry,
        Fast,
        Baseline,
        Budget,
        Reminder,
        Event,
    )
}


def journal_record(doc: object) -> JournalRecord:
    """A stored journal entry, validated as the model its `kind` names: what the discriminated
    union does, without building every model of the union to read a journal of mood entries.
    Anything else (no kind, an unknown one, not a table) gets the union's own error."""
    kind = doc.get("kind") if isinstance(doc, dict) else None
    model = JOURNAL_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        return journal_adapter().validate_python(doc)
    return model.model_validate(doc)  # type: ignore[return-value]


@functools.cache
def journal_adapter() -> TypeAdapter[JournalRecord]:
    """The union of every journal model, built on first use (an import's error messages name
    the kind: `mood.score: ...`)."""
    return TypeAdapter(JournalRecord)


class DeviceInfo(BaseModel):
    """Written once into each device's folder so other machines can name it."""

    model_config = LAZY

    id: str
    name: str
    hostname: str
    created: UtcDatetime


@functools.cache
def span_list_adapter() -> TypeAdapter[list[UsageSpan]]:
    """Validates or dumps many spans in one call, at about two thirds of the cost of one call
    per span; built when first asked for, as most commands never need it."""
    return TypeAdapter(list[UsageSpan])


def made_spans(fields: Iterable[dict[str, Any]]) -> list[UsageSpan]:
    """Spans from values their maker has already checked, without validating them again: what
    model_construct makes, at a seventh of its cost (an import makes 122,000 spans, and checking
    values it had just worked out was a tenth of its time). Each dict holds every field in the
    model's order (id, app, device, source, start as a UTC datetime within EARLIEST_DATE and
    LATEST_DATE, duration as a float of at most a day, title None) and becomes the span's own;
    anything read from a file or typed by a person is validated instead."""
    make, put = object.__new__, object.__setattr__
    spans: list[UsageSpan] = []
    for values in fields:
        span = make(UsageSpan)
        put(span, "__dict__", values)
        put(span, "__pydantic_fields_set__", set(_GIVEN_SPAN_FIELDS))
        put(span, "__pydantic_extra__", None)
        put(span, "__pydantic_private__", None)
        spans.append(span)
    return spans


# The fields validation counts as given when a span's values come without a title.
_GIVEN_SPAN_FIELDS = frozenset({"id", "app", "device", "source", "start", "duration"})
