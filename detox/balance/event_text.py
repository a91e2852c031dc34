"""The integrity log's lines in the reader's language.

An event keeps an English `message` (what older detox versions wrote and still read, and what
exports carry); events written since carry a code in `data["say"]` with the facts the sentence
needs, so the line is worded when it is shown, in the language of whoever reads it. An event
without a code, or with facts missing, is shown as its stored message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time
from typing import Any

from detox.balance.rules import rule_sentence
from detox.durations import format_duration
from detox.i18n import N_, _, clauses, count, listing
from detox.localized import day_label, weekday_name
from detox.models import Event, Rule

# Each kind of entry in words, shown before its line ("slip: ...").
_KINDS = {
    "slip": N_("slip"),
    "early_end": N_("early end"),
    "cancel": N_("called off"),
    "delete": N_("deleted"),
    "recorded": N_("recorded"),
    "baseline": N_("baseline"),
    "override": N_("override"),
    "rule_change": N_("rule change"),
    "strict": N_("strict mode"),
    "import": N_("import"),
    "notification": N_("notification"),
    "purge": N_("purge"),
}


def event_kind(kind: str) -> str:
    """An entry's kind in words ("slip", "미준수")."""
    return _(_KINDS[kind]) if kind in _KINDS else kind


def event_text(event: Event, name_of: Callable[[str], str] = str) -> str:
    """The event's line in the active language (its stored message when it has no code)."""
    say = event.data.get("say")
    wording = _WORDING.get(say) if isinstance(say, str) else None
    if wording is None:
        return event.message
    try:
        return wording(event.data, name_of)
    except (KeyError, TypeError, ValueError):  # facts missing or malformed: the stored words
        return event.message


def _day(text: str) -> str:
    return day_label(date.fromisoformat(text))


def _because(text: str, data: Mapping[str, Any], **facts: Any) -> str:
    """A sentence with its reason, or saying none was given."""
    reason = data.get("reason")
    if reason:
        return _("{what}: {reason}").format(what=text.format(**facts), reason=reason)
    return _("{what} (no reason given)").format(what=text.format(**facts))


def _slip(data: Mapping[str, Any], name_of: Callable[[str], str]) -> str:
    rule = Rule.model_validate(data["rule_fields"])
    used = format_duration(data["used_seconds"])
    if rule.kind == "limit":
        detail = _("{used} used, {over} over").format(
            used=used, over=format_duration(data["over_seconds"])
        )
    else:
        detail = _("{used} used").format(used=used)
    line = _("{name}, {day}: slipped: '{rule}': {detail}").format(
        name=data["name"], day=_day(data["day"]), rule=rule_sentence(rule, name_of), detail=detail
    )
    return line if data.get("final") else _("{line} (so far)").format(line=line)


def _early_end(data: Mapping[str, Any], _name_of: Callable[[str], str]) -> str:
    return _because(
        _("Ended '{name}' early, on day {number} of {total}"),
        data,
        name=data["name"],
        number=data["day_number"],
        total=data["day_count"],
    )


def _called_off(data: Mapping[str, Any], _name_of: Callable[[str], str]) -> str:
    return _because(_("Called off '{name}' before it began"), data, name=data["name"])


def _cancel(data: Mapping[str, Any], _name_of: Callable[[str], str]) -> str:
    return _because(
        _("Cancelled '{name}', planned for {first} to {last}"),
        data,
        name=data["name"],
        first=_day(data["start"]),
        last=_day(data["end"]),
    )


def _delete(data: Mapping[str, Any], _name_of: Callable[[str], str]) -> str:
    return _("Deleted '{name}' ({first} to {last})").format(
        name=data["name"], first=_day(data["start"]), last=_day(data["end"])
    )


def _recorded(data: Mapping[str, Any], _name_of: Callable[[str], str]) -> str:
    return _("Recorded '{name}' afterwards: {first} to {last}").format(
        name=data["name"], first=_day(data["start"]), last=_day(data["end"])
    )


def _baseline(data: Mapping[str, Any], _name_of: Callable[[str], str]) -> str:
    return _("Baseline {first} to {last}").format(first=_day(data["start"]), last=_day(data["end"]))


def _override(data: Mapping[str, Any], _name_of: Callable[[str], str]) -> str:
    return _("Strict mode paused for {minutes} min (until {until}) for {names}: {reason}").format(
        minutes=data["minutes"],
        until=data["until_local"],
        names=listing(f"'{name}'" for name in data["names"]),
        reason=data["reason"],
    )


def _strict(data: Mapping[str, Any], name_of: Callable[[str], str]) -> str:
    app, name, action = name_of(data["app"]), data["name"], data["action"]
    if action == "warned":
        return _(
            "{app} is blocked by your fast '{name}'. It will be closed in {seconds} s "
            "(pause: detox fast override)."
        ).format(app=app, name=name, seconds=data["seconds"])
    if action == "warned_browser":
        return _(
            "{app} in your browser is blocked by your fast '{name}'. Tabs are not closed for you."
        ).format(app=app, name=name)
    if action == "close_failed":
        still = int(data["still"])
        return _("Could not close {app}: {processes} still running.").format(
            app=app, processes=count(still, "process", "processes")
        )
    if action == "killed":
        return _(
            "{app} was killed after it ignored the request to quit: blocked by your fast '{name}'."
        ).format(app=app, name=name)
    return _("{app} was closed: blocked by your fast '{name}'.").format(app=app, name=name)


def _rule_change(data: Mapping[str, Any], name_of: Callable[[str], str]) -> str:
    before, after = data["before"], data["after"]
    parts: list[str] = []
    if before["rules"] != after["rules"]:
        parts.append(
            _("rules '{old}' -> '{new}'").format(
                old=_rules(before["rules"], name_of), new=_rules(after["rules"], name_of)
            )
        )
    if before["days_off"] != after["days_off"]:
        parts.append(
            _("days off {old} -> {new}").format(
                old=_days(before["days_off"]), new=_days(after["days_off"])
            )
        )
    if before["strict"] != after["strict"]:
        parts.append(_("strict mode on") if after["strict"] else _("strict mode off"))
    if before["end"] != after["end"]:
        parts.append(
            _("end {old} -> {new}").format(old=_day(before["end"]), new=_day(after["end"]))
        )
    return _because(
        _("Changed '{name}' from {day}: {changes}"),
        data,
        name=data["name"],
        day=_day(data["from_day"]),
        changes=listing(parts),
    )


def _rules(shapes: list[dict[str, Any]], name_of: Callable[[str], str]) -> str:
    return clauses(rule_sentence(_rule_of(shape), name_of) for shape in shapes)


def _rule_of(shape: Mapping[str, Any]) -> Rule:
    """A rule back from its stored shape (detox.balance.rules.rule_json)."""
    start = end = None
    if shape.get("curfew"):
        first, last = str(shape["curfew"]).split("-")
        start, end = time.fromisoformat(first), time.fromisoformat(last)
    return Rule(
        kind=shape["kind"],
        apps=list(shape["apps"]),
        categories=list(shape["categories"]),
        limit_seconds=shape.get("limit_seconds"),
        curfew_start=start,
        curfew_end=end,
    )


def _days(days: list[int]) -> str:
    return listing(weekday_name(day) for day in sorted(days)) or _("none")


_WORDING: dict[str, Callable[[Mapping[str, Any], Callable[[str], str]], str]] = {
    "slip": _slip,
    "early_end": _early_end,
    "called_off": _called_off,
    "cancel": _cancel,
    "delete": _delete,
    "recorded": _recorded,
    "baseline": _baseline,
    "override": _override,
    "strict": _strict,
    "rule_change": _rule_change,
}
