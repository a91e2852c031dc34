"""Decode X11 COMPOUND_TEXT, the ISO 2022 subset xterm and other Xlib clients put in WM_NAME.

COMPOUND_TEXT keeps two graphic sets in force: G0 for bytes 0x21-0x7E (GL) and G1 for bytes
0xA0-0xFF (GR). Escape sequences designate a new set into either half; extended segments embed
text in another encoding (UTF-8, Big5, ...). Every set is decoded by handing its bytes, with the
high bit set, to the matching Python codec (an ISO 8859 right half, or EUC for the 94x94 sets).
Anything unknown or malformed becomes U+FFFD: a window title must never raise.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass

REPLACEMENT = "\ufffd"
ESC = 0x1B
CSI = 0x9B
STX = 0x02


@dataclass(frozen=True)
class _Charset:
    width: int  # bytes per character
    decode: Callable[[bytes], str]  # takes the bytes with the high bit set (GR form)


def _codec(name: str) -> Callable[[bytes], str]:
    def decode(data: bytes) -> str:
        return data.decode(name, errors="replace")

    return decode


def _ascii(data: bytes) -> str:
    return bytes(byte & 0x7F for byte in data).decode("ascii")


def _jis_roman(data: bytes) -> str:
    # JIS X 0201 Roman is ASCII except for the yen sign and the overline.
    return _ascii(data).replace("\\", "\u00a5").replace("~", "\u203e")


def _jis_katakana(data: bytes) -> str:
    # JIS X 0201 katakana 0x21-0x5F map in order onto the half-width forms from U+FF61.
    return "".join(
        chr(0xFF61 + (byte & 0x7F) - 0x21) if 0x21 <= byte & 0x7F <= 0x5F else REPLACEMENT
        for byte in data
    )


def _jis_x0212(data: bytes) -> str:
    # EUC-JP reaches JIS X 0212 through the single shift SS3 (0x8F) before each pair.
    with_shifts = b"".join(b"\x8f" + data[i : i + 2] for i in range(0, len(data), 2))
    return with_shifts.decode("euc_jp", errors="replace")


def _unknown(width: int) -> _Charset:
    """A set we cannot decode: one U+FFFD per character, so the title keeps its shape."""
    return _Charset(width, lambda data: REPLACEMENT * (len(data) // width))


ASCII = _Charset(1, _ascii)
LATIN1 = _Charset(1, _codec("latin-1"))

# Final byte of ESC ( F or ESC ) F.
_SETS_94 = {
    ord("B"): ASCII,
    ord("J"): _Charset(1, _jis_roman),
    ord("I"): _Charset(1, _jis_katakana),
}

# Final byte of ESC - F: the right halves of ISO 8859 (the registered ISO-IR finals).
_SETS_96 = {
    ord(final): _Charset(1, _codec(codec))
    for final, codec in {
        "A": "iso8859-1",
        "B": "iso8859-2",
        "C": "iso8859-3",
        "D": "iso8859-4",
        "L": "iso8859-5",
        "G": "iso8859-6",
        "F": "iso8859-7",
        "H": "iso8859-8",
        "M": "iso8859-9",
        "V": "iso8859-10",
        "T": "iso8859-11",
        "Y": "iso8859-13",
        "_": "iso8859-14",
        "b": "iso8859-15",
        "f": "iso8859-16",
    }.items()
}

# Final byte of ESC $ ( F or ESC $ ) F: 94x94 sets, decoded through their EUC form.
_SETS_94N = {
    ord("A"): _Charset(2, _codec("gb2312")),
    ord("B"): _Charset(2, _codec("euc_jp")),
    ord("@"): _Charset(2, _codec("euc_jp")),  # JIS C 6226-1978, close enough to JIS X 0208
    ord("C"): _Charset(2, _codec("euc_kr")),
    ord("D"): _Charset(2, _jis_x0212),
}

# Names used in ESC % / extended segments, mapped to Python codecs.
_SEGMENT_CODECS = {
    "iso10646-1": "utf-8",
    "utf-8": "utf-8",
    "big5-0": "big5",
    "big5.eten-0": "big5",
    "big5hkscs-0": "big5hkscs",
    "gbk-0": "gbk",
    "gb18030-0": "gb18030",
    "koi8-r": "koi8_r",
    "koi8-u": "koi8_u",
    "tcvn-5712": "cp1258",
}


def decode(data: bytes) -> str:
    """The text a COMPOUND_TEXT property holds; unknown parts become U+FFFD."""
    return _Decoder(data).run()


class _Decoder:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.gl = ASCII
        self.gr = LATIN1
        self.out: list[str] = []

    def run(self) -> str:
        data = self.data
        while self.pos < len(data):
            byte = data[self.pos]
            if byte == ESC:
                self._escape()
            elif byte == CSI:
                self._skip_csi(self.pos + 1)
            elif byte == 0x20:  # space stays a space whatever G0 holds
                self.out.append(" ")
                self.pos += 1
            elif 0x21 <= byte <= 0x7E:
                self._run_of(lambda b: 0x21 <= b <= 0x7E, self.gl)
            elif byte >= 0xA0:
                self._run_of(lambda b: b >= 0xA0, self.gr)
            else:
                self.out.append(_control(byte))
                self.pos += 1
        return "".join(self.out)

    def _run_of(self, belongs: Callable[[int], bool], charset: _Charset) -> None:
        end = self.pos
        while end < len(self.data) and belongs(self.data[end]):
            end += 1
        chunk = bytes(byte | 0x80 for byte in self.data[self.pos : end])
        whole = len(chunk) - len(chunk) % charset.width
        self.out.append(charset.decode(chunk[:whole]))
        if whole < len(chunk):  # half a double-byte character
            self.out.append(REPLACEMENT)
        self.pos = end

    def _escape(self) -> None:
        """Act on the escape sequence at pos: ESC, intermediates 0x20-0x2F, a final 0x30-0x7E."""
        data = self.data
        end = self.pos + 1
        while end < len(data) and 0x20 <= data[end] <= 0x2F:
            end += 1
        if end >= len(data) or not 0x30 <= data[end] <= 0x7E:
            self.out.append(REPLACEMENT)  # truncated or broken sequence
            self.pos = end
            return
        intermediates, final = data[self.pos + 1 : end], data[end]
        self.pos = end + 1
        if intermediates == b"%" and final == ord("G"):
            self._utf8_segment()
        elif intermediates == b"%/" and 0x30 <= final <= 0x34:
            self._extended_segment()
        elif not intermediates and final == ord("["):  # 7-bit CSI (text direction)
            self._skip_csi(self.pos)
        else:
            self._designate(intermediates, final)

    def _designate(self, intermediates: bytes, final: int) -> None:
        if intermediates == b"(":
            self.gl = _SETS_94.get(final, _unknown(1))
        elif intermediates == b")":
            self.gr = _SETS_94.get(final, _unknown(1))
        elif intermediates == b"-":
            self.gr = _SETS_96.get(final, _unknown(1))
        elif intermediates in (b"$(", b"$"):
            self.gl = _SETS_94N.get(final, _unknown(2))
        elif intermediates == b"$)":
            self.gr = _SETS_94N.get(final, _unknown(2))
        # Anything else (ESC % @ outside a segment, unsupported controls) changes nothing.

    def _utf8_segment(self) -> None:
        end = self.data.find(b"\x1b%@", self.pos)
        stop = len(self.data) if end < 0 else end
        self.out.append(self.data[self.pos : stop].decode("utf-8", errors="replace"))
        self.pos = len(self.data) if end < 0 else end + 3

    def _extended_segment(self) -> None:
        """ESC % / F M L name STX text: M and L give the length of name, STX and text."""
        data = self.data
        if self.pos + 2 > len(data) or data[self.pos] < 0x80 or data[self.pos + 1] < 0x80:
            self.out.append(REPLACEMENT)
            return
        length = (data[self.pos] - 0x80) * 0x80 + (data[self.pos + 1] - 0x80)
        start = self.pos + 2
        segment = data[start : start + length]
        self.pos = start + length
        name, separator, text = segment.partition(bytes([STX]))
        if not separator:
            self.out.append(REPLACEMENT)
            return
        self.out.append(_decode_named(name.decode("latin-1").lower(), text))

    def _skip_csi(self, start: int) -> None:
        """Skip a control sequence: parameters and intermediates up to a final 0x40-0x7E."""
        end = start
        while end < len(self.data) and not 0x40 <= self.data[end] <= 0x7E:
            end += 1
        self.pos = end + 1


def _decode_named(name: str, text: bytes) -> str:
    codec = _SEGMENT_CODECS.get(name)
    if codec is None and name.startswith("iso8859-"):
        codec = name.removesuffix("-0")  # "iso8859-5" is also the Python codec name
    if codec is None:
        return REPLACEMENT * len(text) if text else ""
    try:
        codecs.lookup(codec)
    except LookupError:
        return REPLACEMENT * len(text) if text else ""
    return text.decode(codec, errors="replace")


def _control(byte: int) -> str:
    # COMPOUND_TEXT allows only tab and newline among the controls.
    return chr(byte) if byte in (0x09, 0x0A) else REPLACEMENT
