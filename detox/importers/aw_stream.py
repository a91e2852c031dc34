"""Reading an ActivityWatch export event by event, so memory follows the events kept, not the
whole decoded document (a 68 MB export decoded at once took 440 MB before a single event was
checked).

The reader walks the two levels it knows ({"buckets": {id: {..., "events": [...]}}}, or the
buckets as a list) with the standard library's JSON scanner and decodes every other value whole.
What it accepts, refuses and reports is what `json.loads` and `parse_export` would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from detox.i18n import _, pgettext
from detox.importers.aw_source import (
    AwData,
    AwEvent,
    Collected,
    add_events,
    parse_export,
)
from detox.importers.problems import Problems

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_BLANK = frozenset(" \t\n\r")


class _Cursor:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def peek(self) -> str:
        char = self.text[self.pos : self.pos + 1]
        if char in _BLANK:  # compact JSON (the usual export) has none: no regex then
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            char = self.text[self.pos : self.pos + 1]
        return char

    def fail(self, message: str) -> json.JSONDecodeError:
        return json.JSONDecodeError(message, self.text, self.pos)

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.fail(f"Expecting {char!r}")
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        value, self.pos = _DECODER.raw_decode(self.text, self.pos)
        return value

    def members(self) -> Iterator[str]:
        """The keys of the object at the cursor; the caller reads each value before the next."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self.fail("Expecting property name enclosed in double quotes")
            key = self.value()
            self.expect(":")
            yield key
            if not self._more("}"):
                return

    def elements(self) -> Iterator[int]:
        """The positions of the array at the cursor; the caller reads each element."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        number = 0
        while True:
            number += 1
            yield number
            if not self._more("]"):
                return

    def _more(self, closing: str) -> bool:
        char = self.peek()
        self.pos += 1
        if char == ",":
            return True
        if char == closing:
            return False
        self.pos -= 1
        raise self.fail("Expecting ',' delimiter")


def stream_export(text: str, source: str) -> AwData:
    cursor = _Cursor(text)
    if cursor.peek() != "{":  # not the usual shape: decoded whole, and refused as before
        return parse_export(json.loads(text), source)
    collected: Collected | None = None
    others: dict[str, Any] = {}
    for key in cursor.members():
        if key != "buckets":
            others[key] = cursor.value()
            continue
        collected = Collected(Problems(source))  # a repeated key: the last one counts
        if cursor.peek() == "{":
            for bucket_key in cursor.members():
                _bucket(cursor, collected, lambda _raw, k=bucket_key: k)
        elif cursor.peek() == "[":
            for number in cursor.elements():
                _bucket(cursor, collected, lambda raw, n=number: _list_key(raw, n))
        else:
            return parse_export({"buckets": cursor.value()}, source)
    if cursor.peek():
        raise cursor.fail("Extra data")
    if collected is None:
        return parse_export(others, source)
    return collected.data()


def _list_key(raw: object, number: int) -> str:
    value = raw.get("id") if isinstance(raw, dict) else None
    return (value.strip() if isinstance(value, str) else "") or f"#{number}"


def _bucket(cursor: _Cursor, collected: Collected, key_of: Any) -> None:
    if cursor.peek() != "{":
        raw = cursor.value()
        collected.add(key_of(raw), raw)
        return
    fields: dict[str, Any] = {}
    parsed: tuple[list[AwEvent], list[str]] | None = None
    for name in cursor.members():
        if name == "events" and cursor.peek() == "[":
            parsed = _events(cursor)
        else:
            fields[name] = cursor.value()
            if name == "events":
                parsed = None  # not a list: checked (and refused) as before
    key = key_of(fields)
    if parsed is not None:
        # Mistakes were noted before the bucket's key was known; they name it now.
        events, mistakes = parsed
        bucket = _("bucket {key}").format(key=key)
        parsed = (events, [f"{bucket}, {mistake}" for mistake in mistakes])
    collected.add(key, fields, parsed)


def _events(cursor: _Cursor) -> tuple[list[AwEvent], list[str]]:
    """The array of events at the cursor, decoded a run of events at a time (see _run) where it
    can be, else one event at a time: the same JSON scanner, the same errors at the same places."""
    problems = Problems("")
    shared: dict[tuple[tuple[str, Any], ...], dict[str, Any]] = {}
    events: list[AwEvent] = []
    cursor.expect("[")
    if cursor.peek() == "]":
        cursor.pos += 1
        return events, problems.found
    text, pos, number = cursor.text, cursor.pos, 0
    place = pgettext("import", "event")  # "event 12: ...", named once for the whole array
    # The scanner raw_decode calls, without raw_decode's Python-level frame per event.
    scan, space, blank = _DECODER.scan_once, _SPACE.match, _BLANK  # type: ignore[attr-defined]
    items: list[Any] = []
    retry = pos  # where a run is tried again after one could not be taken
    while True:
        if pos >= retry:
            run, retry = _run(text, pos)
            if run is not None:
                add_events(run, place, number + 1, problems, shared, events)
                number += len(run)
                pos = retry
                continue
        # One event at a time up to where the run would have ended: the spot a run could not
        # take (an event of another shape, a mistake to name, or the array's last events).
        number += 1
        if text[pos : pos + 1] in blank:
            pos = space(text, pos).end()  # type: ignore[union-attr]
        try:
            item, pos = scan(text, pos)
        except StopIteration as stop:
            raise json.JSONDecodeError("Expecting value", text, stop.value) from None
        items.append(item)
        add_events(items, place, number, problems, shared, events)
        items.clear()
        char = text[pos : pos + 1]
        if char in blank:
            pos = space(text, pos).end()  # type: ignore[union-attr]
            char = text[pos : pos + 1]
        pos += 1
        if char == ",":
            continue
        cursor.pos = pos if char == "]" else pos - 1
        if char == "]":
            return events, problems.found
        raise cursor.fail("Expecting ',' delimiter")


# A run of events is some 300 (50,000 characters); more made no faster reading, and the decoded
# run is all that is held beside the events kept.
_RUN_CHARS = 50_000
_RUN_END = re.compile(r"\}[ \t\n\r]*,")


def _run(text: str, pos: int) -> tuple[list[Any] | None, int]:
    """The elements from `pos` (the start of an array element) up to the end of an object
    followed by a comma some _RUN_CHARS on, decoded in one call of the scanner, and where the
    element after them starts; no elements when the run does not decode (then the position is
    where it would have ended).

    One call decodes the run as "[" + run + "]". That succeeds only when the run ends at the
    array's own level, after a whole element: a cut inside a string leaves the string open, and a
    cut inside an object or a nested array leaves more open than the one "]" closes. Values end
    where their text says (the run's last element is an object, never a number cut short), so
    the elements are those the array holds there. Anything else (an odd spot, a mistake, the end
    of the array within reach) is left to the event-at-a-time loop, which names it as before."""
    found = _RUN_END.search(text, pos + _RUN_CHARS)
    if found is None:
        return None, len(text)
    end = found.start() + 1
    wrapped = f"[{text[pos:end]}]"
    try:
        items, stop = _DECODER.scan_once(wrapped, 0)  # type: ignore[attr-defined]
    except (StopIteration, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return None, end
    if stop != len(wrapped):  # the array closed inside the run: its end is the loop's
        return None, end
    return items, found.end()
