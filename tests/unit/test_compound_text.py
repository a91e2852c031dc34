"""COMPOUND_TEXT decoding, checked against bytes real xterm wrote into WM_NAME."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detox.tracker.probes.compound_text import decode

# Captured from xterm 390 (Debian) under Xvfb with LANG=C.UTF-8: `xterm -T TITLE` and, for the
# second group, `printf '\033]2;%s\007' TITLE` inside xterm; WM_NAME then read raw with
# python-xlib (get_full_property(WM_NAME, AnyPropertyType)). Every one had type COMPOUND_TEXT.
# Note how xterm's Xlib picks JIS X 0208 for the Hanzi it has and GB2312 only for 页.
XTERM_TITLES = {
    "微博 - 微博首页": b"\x1b$(BHyGn\x1b(B - \x1b$(BHyGn<s\x1b$(AR3",
    "카카오톡": b"\x1b$(CD+D+?@Ee",
    "ВКонтакте": b"\x1b-L\xb2\xba\xde\xdd\xe2\xd0\xda\xe2\xd5",
    "日本語のタイトル — テスト": (
        b"\x1b$(BF|K\\8l$N%?%$%H%k\x1b(B \x1b%G\xe2\x80\x94\x1b%@ \x1b$(B%F%9%H"
    ),
    "r/python - Reddit — Mozilla Firefox": (
        b"r/python - Reddit \x1b%G\xe2\x80\x94\x1b%@ Mozilla Firefox"
    ),
    "Ελληνικά": b"\x1b-F\xc5\xeb\xeb\xe7\xed\xe9\xea\xdc",
    # via OSC 2
    "ВКонтакте — Mozilla Firefox": (
        b"\x1b-L\xb2\xba\xde\xdd\xe2\xd0\xda\xe2\xd5 \x1b%G\xe2\x80\x94\x1b%@ Mozilla Firefox"
    ),
    "微信": b"\x1b$(BHy?.",
    "مرحبا": b"\x1b%G\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7\x1b%@",
    "smile 😀 ok": b"smile \x1b%G\xf0\x9f\x98\x80\x1b%@ ok",
    "Łódź Čeština": b"\x1b-B\xa3\x1b-A\xf3d\x1b-B\xbc \xc8e\xb9tina",
    "¡Hola! ñ — Æ": b"\xa1Hola! \xf1 \x1b%G\xe2\x80\x94\x1b%@ \xc6",
    "Hello\u00a0world €": b"Hello\xa0world \x1b-b\xa4",
}


@pytest.mark.parametrize("title", list(XTERM_TITLES))
def test_titles_written_by_real_xterm_decode_exactly(title: str) -> None:
    assert decode(XTERM_TITLES[title]) == title


def _segment(name: str, text: bytes, octets_per_char: int = 0) -> bytes:
    """An extended segment: ESC % / F, a two-byte length, the name, STX, the text."""
    body = name.encode("latin-1") + b"\x02" + text
    length = bytes([0x80 + len(body) // 0x80, 0x80 + len(body) % 0x80])
    return b"\x1b%/" + bytes([0x30 + octets_per_char]) + length + body


# What Xlib writes in other locales and other toolkits: GR designations, other ISO 8859 halves.
@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\x1b$)A" + "微博".encode("gb2312"), "微博"),
        (b"\x1b$)B" + "日本語".encode("euc_jp"), "日本語"),
        (b"\x1b$)C" + "카카오톡".encode("euc_kr"), "카카오톡"),
        (b"\x1b$(A" + bytes(b & 0x7F for b in "首页".encode("gb2312")), "首页"),
        (b"\x1b-H" + "שלום".encode("iso8859-8"), "שלום"),
        (b"\x1b-G" + "مرحبا".encode("iso8859-6"), "مرحبا"),
        (b"\x1b-M" + "İstanbul".encode("iso8859-9"), "İstanbul"),
        (b"\x1b-C" + "Ħal".encode("iso8859-3"), "Ħal"),
        (b"\x1b-D" + "Ķīla".encode("iso8859-4"), "Ķīla"),
        (b"\x1b)I\xb1\xb2\xb3", "ｱｲｳ"),
        (b"caf\xe9", "café"),  # GR starts as Latin-1 without any designation
        (_segment("big5-0", "微博".encode("big5"), 2), "微博"),
        (_segment("BIG5-0", "臉書".encode("big5"), 2), "臉書"),
        (_segment("iso10646-1", "카카오톡".encode()), "카카오톡"),
        (_segment("iso8859-5", "ВК".encode("iso8859-5"), 1), "ВК"),
        (b"a\x9b2]b\x9b]c", "abc"),  # direction controls carry no text
        (b"a\x1b[1]b", "ab"),
        (b"tab\there\nnext", "tab\there\nnext"),
    ],
)
def test_other_designations_and_segments(data: bytes, text: str) -> None:
    assert decode(data) == text


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"ok \x1b(Zxy", "ok \ufffd\ufffd"),  # unknown 94-set: one U+FFFD per character
        (b"ok \x1b$(Zxyzw", "ok \ufffd\ufffd"),  # unknown 94x94 set: two bytes per character
        (b"\x1b$(BHyG", "微\ufffd"),  # half a character at the end
        (_segment("x-unknown-0", b"\x01\x02\x03"), "\ufffd\ufffd\ufffd"),
        (b"\x1b%/2\x80\x85big5", "\ufffd"),  # no STX: the name never ends
        (b"\x1b%G\xe2\x80\x94 unterminated", "— unterminated"),
        (b"end\x1b", "end\ufffd"),
        (b"end\x1b$", "end\ufffd"),
        (b"bell\x07", "bell\ufffd"),
    ],
)
def test_unknown_and_broken_parts_become_replacement_characters(data: bytes, text: str) -> None:
    assert decode(data) == text


def test_designations_persist_across_a_utf8_segment() -> None:
    data = b"\x1b-L\xb2\xba \x1b%G\xe2\x80\x94\x1b%@ \xb2\xba"
    assert decode(data) == "ВК — ВК"


@given(st.binary(max_size=200))
def test_any_bytes_decode_without_raising(data: bytes) -> None:
    assert isinstance(decode(data), str)


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_printable_ascii_is_itself(text: str) -> None:
    assert decode(text.encode("ascii")) == text
