"""Korean particles chosen by the word before them once a sentence's values are filled in."""

from __future__ import annotations

import pytest

from detox import i18n
from detox.korean import attach_particles


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        ("페이스북을(를) 닫았습니다", "페이스북을 닫았습니다"),  # 북 ends in ㄱ
        ("유튜브을(를) 닫았습니다", "유튜브를 닫았습니다"),
        ("서울(으)로", "서울로"),  # ㄹ takes 로, like a vowel
        ("부산(으)로", "부산으로"),
        ("Lent 2027은(는)", "Lent 2027은"),  # 칠
        ("7/10을(를)", "7/10을"),  # 십
        ("2개이(가)", "2개가"),
        ("3이(가)", "3이"),  # 삼
        ("YouTube은(는)", "YouTube는"),
        ("Instagram과(와)", "Instagram과"),
        ("KakaoTalk을(를)", "KakaoTalk을"),
        ("Discord이(가)", "Discord가"),
        ("Pinterest을(를)", "Pinterest를"),
        ("LINE을(를)", "LINE을"),
        ("NAVER을(를)", "NAVER를"),
        ("VK을(를)", "VK를"),
        ("HTML(으)로", "HTML로"),  # 엘
        ("'Wielki Post'을(를)", "'Wielki Post'를"),  # quotes are not read
        ("[b]틱톡[/b]을(를)", "[b]틱톡[/b]을"),  # nor markup
        ("데이터(data.json)을(를)", "데이터(data.json)를"),  # the word before the brackets
        ("微博을(를) 열기", "微博을(를) 열기"),  # cannot tell: the double form stays
        ("(으)로", "(으)로"),
    ],
)
def test_a_particle_follows_the_sound_before_it(text: str, mended: str) -> None:
    assert attach_particles(text) == mended


def test_only_korean_sentences_are_mended_and_only_once_formatted() -> None:
    try:
        i18n.activate("ko")
        template = i18n._("Cancelled '{name}' (planned from {day}). Logged.")
        assert "을(를)" in template  # the catalog's form, until a name is in
        assert template.format(name="TikTok", day="12월 5일").startswith("'TikTok'을 ")
        assert template.format(name="YouTube", day="12월 5일").startswith("'YouTube'를 ")
        i18n.activate("pl")
        assert type(i18n._("Cancelled '{name}' (planned from {day}). Logged.")) is str
    finally:
        i18n.activate("en")
