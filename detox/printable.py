"""Text from elsewhere (an ActivityWatch hostname, a synced device's name, an imported app name,
a value typed on the command line) made safe to show in a terminal.

A terminal obeys escape sequences in what it prints: `ESC ] 52 ; c ; ...` writes the clipboard,
`ESC [ 2 J` clears the screen, a bidi override reorders the rest of the line. So every untrusted
string passes through `printable` before it is echoed: whole escape sequences are removed, line
breaks and tabs become spaces (one record, one line), and any other control character is dropped.
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final byte), OSC/DCS/APC/PM/SOS strings up to BEL or ST, and two-byte escapes.
_SEQUENCE = re.compile(
    r"[\x1b]\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]"
)
_SPACES = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]+")
# C0 and C1 controls, DEL, and the invisible marks that reorder text (bidi overrides/isolates).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


_COLOUR = re.compile(r"(\x1b\[[0-9;]*m)")


def printable(text: str, keep_lines: bool = False) -> str:
    """`text` without terminal control sequences or control characters, on one line (or, with
    `keep_lines`, keeping its line breaks: a message that lists problems one per line)."""
    cleaned = _SEQUENCE.sub("", text)
    if keep_lines:
        return "\n".join(_CONTROL.sub("", _SPACES.sub(" ", line)) for line in cleaned.split("\n"))
    return _CONTROL.sub("", _SPACES.sub(" ", cleaned))


def printable_output(text: str) -> str:
    """A command's whole output made safe: lines kept, and the colour codes a report asked its
    renderer for kept too (a colour code does nothing but colour); everything else removed."""
    parts = _COLOUR.split(text)
    return "".join(
        part if index % 2 else printable(part, keep_lines=True) for index, part in enumerate(parts)
    )
