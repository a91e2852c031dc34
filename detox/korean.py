"""Korean particles after a value: "Lent 2027을", "YouTube는", "페이스북으로".

A Korean particle changes with the sound that ends the word before it (을/를, 은/는, 이/가,
과/와, 으로/로). A translated sentence cannot know the value it will hold, so the catalog writes
both forms ("{name}을(를)", the convention of Korean software) and the sentence is mended here
once the value is in: by the final consonant of a Hangul syllable, by how a digit is read, and by
a careful guess for Latin words. Where the sound cannot be told (Chinese characters, symbols) the
catalog's double form stays, which is never wrong, only clumsy.
"""

from __future__ import annotations

import re
from typing import Any

# A particle written both ways -> (after a final consonant, after a vowel); "(으)로" keeps 로
# after ㄹ as well.
_FORMS: dict[str, tuple[str, str]] = {
    "을(를)": ("을", "를"),
    "은(는)": ("은", "는"),
    "이(가)": ("이", "가"),
    "과(와)": ("과", "와"),
    "(으)로": ("으로", "로"),
}
_PATTERN = re.compile("|".join(re.escape(form) for form in _FORMS))

NONE, CONSONANT, RIEUL = 0, 1, 2
# How the last digit of a number is read: 영, 일, 이, 삼, 사, 오, 육, 칠, 팔, 구 (10 and its
# powers, 십 백 천 만, all end in a consonant other than ㄹ, as 영 does).
_DIGITS = (CONSONANT, RIEUL, NONE, CONSONANT, NONE, NONE, CONSONANT, RIEUL, RIEUL, NONE)
# Letters read by their names when a word is an acronym ("VK" 브이케이, "URL" 유알엘).
_LETTER_NAMES = {"L": RIEUL, "R": RIEUL, "M": CONSONANT, "N": CONSONANT}
_VOWELS = frozenset("aeiouy")
# Marks not read aloud that may close a value: quotes, a closing backtick.
_SILENT = frozenset("'\"`’”」』》〉")
_OPENING = {")": "(", "]": "[", "）": "（"}


def final_sound(text: str) -> int | None:
    """How `text` ends when read aloud: NONE (a vowel), CONSONANT, RIEUL (ㄹ), or None when it
    cannot be told."""
    end = len(text)
    while end > 0:
        char = text[end - 1]
        if char in _SILENT or char.isspace():
            end -= 1
        elif char in _OPENING:
            # "이름(abc)" is read by the word before the brackets, and "[/b]" is markup.
            start = text.rfind(_OPENING[char], 0, end - 1)
            if start <= 0:
                return None
            end = start
        else:
            break
    if end == 0:
        return None
    return _sound_of(text[:end])


def _sound_of(word: str) -> int | None:
    last = word[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return NONE if final == 0 else RIEUL if final == 8 else CONSONANT
    if last.isdigit() and last.isascii():
        return _DIGITS[int(last)]
    if last.isascii() and last.isalpha():
        return _latin_sound(word)
    return None


def _latin_sound(word: str) -> int:
    capitals = len(word) - len(word.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    run = word[len(word) - capitals :]
    whole_word = run and (capitals == len(word) or not word[-capitals - 1].isalpha())
    if whole_word and (capitals <= 2 or not set(run) & set("AEIOU")):
        # Read letter by letter ("VK" 브이케이, "HTML" 에이치티엠엘); "NAVER" is a word.
        return _LETTER_NAMES.get(run[-1], NONE)
    tail = word[-3:].lower()
    last = tail[-1]
    before = tail[-2] if len(tail) > 1 else ""
    if last == "e" and before:
        # A silent e: "Line" 라인, "Chrome" 크롬, "Google" 구글; "YouTube" 유튜브 ends in a vowel.
        if before in "mn":
            return CONSONANT
        return RIEUL if before == "l" else NONE
    if last == "l":
        return RIEUL
    if last in "mn" or tail.endswith("ng"):
        return CONSONANT
    if last in "kpt" and (before in _VOWELS or before == last or tail[-2:] in ("ck", "lk")):
        # "TikTok" 틱톡, "WhatsApp" 왓츠앱, "KakaoTalk" 카카오톡; "Pinterest" 핀터레스트 does not.
        return CONSONANT
    return NONE


def attach_particles(text: str) -> str:
    """`text` with each double-form particle replaced by the one its preceding word takes."""
    if "(" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        sound = final_sound(text[: match.start()])
        if sound is None:
            return match.group()
        after_consonant, after_vowel = _FORMS[match.group()]
        if match.group() == "(으)로" and sound == RIEUL:
            return after_vowel
        return after_consonant if sound != NONE else after_vowel

    return _PATTERN.sub(one, text)


class KoreanText(str):
    """A translated Korean sentence whose particles are mended once its values are filled in."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        return attach_particles(str.format(self, *args, **kwargs))

    def format_map(self, mapping: Any) -> str:
        return attach_particles(str.format_map(self, mapping))

    def __mod__(self, values: Any) -> str:
        return attach_particles(str.__mod__(self, values))
