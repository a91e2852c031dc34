"""Choosing the language: --lang for one run, `language` in config.toml, the environment; a bad
choice is one line and exit code 2; JSON keys never change with the language."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from tests.cli.home import NOW, Home


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


def test_lang_option_changes_the_words_of_one_run(home: Home) -> None:
    home.ok("log", "instagram", "65m")
    assert "1h 05m" in home.ok("status").stdout
    assert "1 godz. 5 min" in home.ok("--lang", "pl", "status").stdout
    assert "1시간 5분" in home.ok("--lang=ko", "status").stdout
    assert "1h 05m" in home.ok("status").stdout  # the next run is English again


def test_language_in_config_and_lang_over_it(home: Home) -> None:
    home.ok("log", "instagram", "65m")
    home.ok("config", "set", "language", "zh_Hans")
    assert "1小时5分钟" in home.ok("status").stdout
    assert "1 h 5 min" in home.ok("--lang", "es", "status").stdout
    assert home.ok("config", "get", "language").stdout.strip() == "zh_Hans"


def test_auto_follows_lang_from_the_environment(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.ok("log", "instagram", "65m")
    monkeypatch.setenv("LANG", "pl_PL.UTF-8")
    assert "1 godz. 5 min" in home.ok("status").stdout


def test_json_keys_are_the_same_in_every_language(home: Home) -> None:
    home.ok("log", "instagram", "65m")
    english = home.json("status")
    polish = home.json("--lang", "pl", "status")
    assert sorted(english) == sorted(polish)
    assert english["total_seconds"] == polish["total_seconds"] == 3900


def test_an_unknown_language_is_one_line(home: Home) -> None:
    result = home("--lang", "klingon", "status")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "klingon" in result.stderr
    refused = home("config", "set", "language", "klingon")
    assert refused.exit_code == 2 and "unknown language" in refused.stderr


@pytest.mark.parametrize(
    ("language", "attribute", "heading"),
    [("en", "en", "Per day"), ("pl", "pl", "Dziennie"), ("zh_Hans", "zh-Hans", "每天"),
     ("zh-TW", "zh-Hant", "每天"),
     ("ko", "ko", "날짜별"), ("es", "es", "Por día")],
)  # fmt: skip
def test_the_html_report_says_its_language(
    home: Home, language: str, attribute: str, heading: str
) -> None:
    home.ok("log", "instagram", "65m")
    page = home.ok("--lang", language, "report", "--format", "html").stdout
    assert f'<html lang="{attribute}">' in page
    assert f">{heading}</h2>" in page


def test_csv_column_ids_stay_and_a_translated_header_is_asked_for(home: Home) -> None:
    home.ok("log", "instagram", "65m")
    ids = home.ok("--lang", "pl", "report", "--format", "csv", "--table", "days").stdout
    assert ids.splitlines()[0] == "date,seconds,minutes,mood,mood_entries"
    titles = home.ok(
        "--lang", "pl", "report", "--format", "csv", "--table", "days", "--csv-header",
        "translated",
    ).stdout  # fmt: skip
    assert titles.splitlines()[0] == "Data,Sekundy,Minuty,Nastrój,Wpisy nastroju"
    assert titles.splitlines()[1:] == ids.splitlines()[1:]


def test_a_polish_report_counts_days_with_polish_plurals(home: Home) -> None:
    home.ok("log", "instagram", "65m")
    text = home.ok("--lang", "pl", "report", "--month", "this").stdout
    assert "Raport o mediach społecznościowych: listopad 2026" in text
    assert "w tym miesiącu" in text and "łącznie 1 sesja" in text


@pytest.mark.parametrize(
    ("language", "words"),
    [("pl", "Korelacja to nie przyczynowość"), ("es", "Correlación no es causalidad"),
     ("ko", "상관관계는 인과관계가 아닙니다"), ("zh_Hans", "相关不等于因果"),
     ("zh_Hant", "相關不等於因果")],
)  # fmt: skip
def test_the_insights_caveat_says_the_same_numbers_in_each_language(
    home: Home, language: str, words: str
) -> None:
    home.ok("mood", "7")
    english = home.json("insights")["caveat"]
    caveat = home.json("--lang", language, "insights")["caveat"]
    assert words in caveat
    numbers = re.findall(r"\d+(?:[.,]\d+)?", english)
    assert [n.replace(",", ".") for n in re.findall(r"\d+(?:[.,]\d+)?", caveat)] == numbers


def test_a_fast_started_in_polish_is_named_in_polish(home: Home) -> None:
    fast = home.json("--lang", "pl", "fast", "start", "lent", "--year", "2027")
    assert fast["name"] == "Wielki Post 2027"


def test_status_in_korean_pads_by_terminal_cells(home: Home) -> None:
    home.ok("log", "instagram", "65m")
    home.ok("budget", "set", "instagram", "30m")
    lines = home.ok("--lang", "ko", "status").stdout.splitlines()
    assert lines[0].endswith("소셜 미디어 1시간 5분")
    assert "한도:" in lines and any("35분 초과" in line for line in lines)


def test_a_bad_duration_is_explained_in_the_language(home: Home) -> None:
    result = home("--lang", "es", "log", "instagram", "pronto")
    assert result.exit_code == 2
    assert "no se entiende la duración 'pronto'" in result.stderr
    assert "25m, 1h30m" in result.stderr  # the examples stay what is typed


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "ko",
            (
                "사용법:",
                "옵션:",
                "혈압, 안정 시 맥박, 수면 기록.",
                "이 도움말을 보여 주고 끝냅니다.",
            ),
        ),
        ("zh_Hans", ("用法:", "血压、静息脉搏和睡眠记录。", "显示此帮助并退出。")),
        ("pl", ("Użycie:", "Opcje:", "Pomiary ciśnienia, tętna spoczynkowego i snu.")),
        ("es", ("Uso:", "Opciones:", "Mediciones de tensión arterial, pulso en reposo y sueño.")),
    ],
)
def test_help_is_in_the_language_of_the_run(home: Home, language: str, words: tuple[str]) -> None:
    # The command list (registry summaries, no command imported) and a command's own page.
    listing = home.ok("--lang", language, "--help").stdout
    page = home.ok("--lang", language, "health", "--help").stdout
    for word in words:
        assert word in listing + page, (word, listing, page)
    assert "Show this message" not in listing + page
    # The same command objects speak English again in the next run.
    assert "Blood pressure, resting pulse and sleep readings." in home.ok("health", "--help").stdout
    assert "Show this message and exit." in home.ok("--help").stdout


def test_help_follows_lang_from_the_environment(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "pl_PL.UTF-8")
    page = home.ok("health", "bp", "--help").stdout
    assert "Zapisz pomiar ciśnienia w mmHg" in page
    assert "Tętno pokazane przez ciśnieniomierz (25-220)." in page


def test_click_usage_errors_are_in_the_language(home: Home) -> None:
    assert home.error("--lang", "pl", "health", "--nope") == (
        "detox: Nie ma opcji '--nope' (zob. 'cli health --help')"
    )
    assert "인수가 빠졌습니다 'SYS/DIA'" in home.error("--lang", "ko", "health", "bp")
    assert home.error("--lang", "es", "health", "lst").startswith(
        "detox: No existe el comando 'lst'. ¿Quisiste decir 'list'?"
    )


EVENING = ("--date", "yesterday", "--at", "19:00")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("pl", ("tętno 71, lewe ramię", "sen 7 godz. 30 min", "sesja wieczorna z 2 pomiarów")),
        ("ko", ("맥박 71, 왼팔", "수면 7시간 30분", "저녁 세션 2회: 평균 127/81")),
        ("zh_Hans", ("脉搏 71，左臂", "睡眠 7小时30分钟", "晚间测量组共 2 次")),
        ("es", ("pulso 71, brazo izquierdo", "sueño 7 h 30 min", "sesión de tarde de 2")),
    ],
)
def test_health_list_in_each_language(home: Home, language: str, words: tuple[str]) -> None:
    home.ok("health", "bp", "128/82", "--pulse", "71", "--arm", "left", *EVENING)
    home.ok("health", "bp", "126/80", "--date", "yesterday", "--at", "19:04")
    home.ok("health", "sleep", "7h30m")
    listing = home.ok("--lang", language, "health", "list").stdout
    for word in words:
        assert word in listing, (word, listing)


def test_import_summary_and_errors_in_polish(home: Home, tmp_path: Path) -> None:
    totals = tmp_path / "phone.csv"
    totals.write_text("2026-11-09,instagram,45,phone\n", encoding="utf-8")
    out = home.ok("--lang", "pl", "import", "csv", str(totals)).stdout
    assert "plik CSV phone.csv: 45 min w mediach społecznościowych w dniu 2026-11-09" in out
    assert "Zaimportowano: wpisy: nowe 1, zaktualizowane 0, już obecne 0." in out
    bad = tmp_path / "bad.csv"
    bad.write_text("2026-11-09,instagrm,45\n2026-11-09,tiktok,x\n", encoding="utf-8")
    result = home("--lang", "pl", "import", "csv", str(bad))
    assert result.exit_code == 2
    assert "2 problemy, nic nie zaimportowano:" in result.stderr
    assert "wiersz 1: nieznana aplikacja 'instagrm'; czy chodziło o instagram?" in result.stderr


def test_config_meanings_and_errors_in_the_language(home: Home) -> None:
    meaning = home.json("--lang", "ko", "config", "get", "day_start")["description"]
    assert meaning == '새 하루가 시작되는 현지 시각. 그 전의 사용은 전날로 셉니다 ("04:00").'
    assert home.json("config", "get", "day_start")["description"].startswith("Local time at which")
    assert home.error("--lang", "pl", "config", "set", "day_start", "99") == (
        "detox: nie można ustawić day_start na '99': musi być godziną, np. \"04:00\""
    )
    assert "(默认)" not in home.out("--lang", "zh_Hans", "config", "list")
    assert "（默认）" in home.out("--lang", "zh_Hans", "config", "list")


def test_fast_baseline_and_reminders_in_the_language(home: Home) -> None:
    home.ok("fast", "start", "week", "--apps", "tiktok")
    fast = home.json("fast", "list")[0]["id"][:8]
    shown = home.out("--lang", "pl", "fast", "show", fast)
    assert "Zasady:" in shown and "dni wolne: brak; tryb ścisły wyłączony" in shown
    assert "'Week off 2026-11-10'을 끝냈습니다. 기록에 남았습니다" in home.out(
        "--lang", "ko", "fast", "end", fast, "--reason", "x"
    )
    out = home.out("--lang", "es", "baseline", "--from", "2026-10-05", "--to", "2026-10-11")
    assert out.startswith("Periodo de referencia del ")
    assert "`detox insights` compara con él los días de ayuno." in out
    assert home.out("--lang", "zh_Hans", "remind", "disable", "nudge").endswith("：已关闭。\n")
    assert home.error("--lang", "pl", "fast", "show", "0000abcd") == (
        "detox: nie ma postu o id '0000abcd'; zob. `detox fast list`"
    )


def test_version_and_warnings_in_the_language(home: Home) -> None:
    assert home.out("--lang", "es", "--version").startswith("detox, versión ")
    assert home.out("--version").startswith("detox, version ")
    home.ok("log", "instagram", "5m")
    [data_file] = list(home.paths.data_dir.rglob("journal.json"))
    data_file.write_text("{not json", encoding="utf-8")
    warned = home.ok("--lang", "ko", "status").stderr
    assert warned.startswith("경고: ") and "해석할 수 없습니다" in warned, warned


def test_a_bad_value_in_config_toml_is_explained_in_the_language(home: Home) -> None:
    config = home.paths.config_file
    config.write_text(config.read_text(encoding="utf-8") + 'week_start = "funday"\n')
    choices = "'auto', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'"
    said = home.error("--lang", "pl", "status")
    assert said.endswith(f"week_start: musi być jedną z wartości: {choices}"), said
    said = home.error("--lang", "ko", "status")
    assert said.endswith(f"week_start: 다음 중 하나여야 합니다: {choices}"), said
    config.write_text(config.read_text(encoding="utf-8").replace('"funday"', '"sunday"'))
    config.write_text(config.read_text(encoding="utf-8") + "idle_threshold = 5\n")
    assert home.error("--lang", "zh_Hant", "status").endswith("idle_threshold：不能小於 10")
    assert home.error("--lang", "es", "status").endswith("idle_threshold: debe ser al menos 10")


def test_korean_particles_follow_the_name_they_come_after(home: Home) -> None:
    # "'Wielki Post'를" (포스트 ends in a vowel), "'디톡스 주간'을" (간 ends in ㄴ); a name whose
    # sound cannot be told keeps the catalog's double form, never a wrong particle.
    to = (NOW.date() + timedelta(days=5)).isoformat()
    said = {}
    for name in ("Wielki Post", "디톡스 주간", "大斋期"):
        home.ok("fast", "start", "custom", "--start", "tomorrow", "--to", to, "--name", name)
        fast_id = home.ok("fast", "list").stdout.split()[0]
        said[name] = home.ok("--lang", "ko", "fast", "cancel", fast_id).stdout
    assert "'Wielki Post'를 취소했습니다" in said["Wielki Post"]
    assert "'디톡스 주간'을 취소했습니다" in said["디톡스 주간"]
    assert "'大斋期'을(를) 취소했습니다" in said["大斋期"]


def test_usage_lines_name_options_and_commands_in_the_language(home: Home) -> None:
    assert home.out("--lang", "ko", "fast", "--help").startswith(
        "사용법: cli fast [옵션] 명령 [인수]..."
    )
    assert home.out("--lang", "pl", "fast", "start", "--help").startswith(
        "Użycie: cli fast start [OPCJE] PRESET"  # an argument's name stays as typed
    )
    assert home.out("--lang", "zh_Hant", "--help").startswith("用法: cli [選項] [命令] [引數]...")
    assert home.out("--help").startswith("Usage: cli [OPTIONS] [COMMAND] [ARGS]...")


@pytest.mark.parametrize(
    ("language", "zone"),
    [
        ("en", "system time zone"),
        ("es", "zona horaria del sistema"),
        ("pl", "strefa czasowa systemu"),
        ("ko", "시스템 시간대"),
        ("zh_Hant", "系統時區"),
    ],
)
def test_a_report_without_a_timezone_names_the_systems_in_the_language(
    tmp_path: Path, language: str, zone: str
) -> None:
    # No timezone in config.toml: days follow the system's zone, and the report's last line
    # says so in the reader's language (it said "system time zone" in every language).
    home = Home(tmp_path / "home", config="")
    home.ok("log", "instagram", "20m")
    for form in ("text", "md", "html"):
        shown = home.ok("--lang", language, "report", "--format", form).stdout
        # Text wraps lines: between words (a space) or, in Chinese, anywhere.
        flat = " ".join(shown.split())
        assert zone in flat or zone in shown.replace("\n", ""), form
        if language != "en":
            assert "system time zone" not in flat, form


@pytest.mark.parametrize(
    ("language", "days", "shown"),
    [
        ("es", "lun-vie", "lun-vie"),
        ("es", "a diario", "18:00 a diario"),
        ("ko", "매일", "18:00 매일"),
        ("es", "sáb,DOM", "sáb, dom"),
        ("es", "sab mie", "mié, sáb"),
        ("pl", "pon.-pt.", "pon.-pt."),
        ("pl", "środa", "śr."),
        ("ko", "월-금", "월-금"),
        ("zh_Hans", "周六,周日", "周六、周日"),
        ("zh_Hant", "星期一-星期五", "週一-週五"),
        ("en", "mon-fri", "Mon-Fri"),
    ],
)
def test_reminder_days_typed_in_the_language_they_are_shown_in(
    home: Home, language: str, days: str, shown: str
) -> None:
    # `remind list` shows days in the user's language ("18:00 dom"): what it shows is what
    # --days takes back, and the English forms keep working in every language.
    home.ok("--lang", language, "remind", "add", "Walk", "--at", "18:00", "--days", days)
    listed = home.ok("--lang", language, "remind", "list").stdout
    assert shown in listed, listed
    home.ok("--lang", language, "remind", "add", "Tea", "--at", "16:00", "--days", "sat,sun")


def test_days_off_of_a_fast_in_polish_and_a_day_no_language_has(home: Home) -> None:
    home.ok("--lang", "pl", "fast", "start", "week", "--apps", "tiktok", "--days-off", "niedz")
    assert home.json("fast", "list")[0]["days_off"] == ["sun"]
    refused = home("--lang", "es", "remind", "add", "X", "--at", "18:00", "--days", "lundi")
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1 and "lun, mar, ... dom" in refused.stderr


def test_durations_typed_as_they_are_shown(home: Home) -> None:
    # Status shows "1시간 5분", "1 godz. 5 min", "1小时5分钟": the same words are typed back.
    home.ok("--lang", "ko", "log", "instagram", "1시간 5분")
    home.ok("--lang", "pl", "log", "tiktok", "1 godz. 5 min")
    home.ok("--lang", "zh_Hans", "budget", "set", "instagram", "30分钟")
    home.ok("--lang", "es", "fast", "start", "week", "--limit", "tiktok=20 minutos")
    assert home.json("status")["total_seconds"] == 2 * 3900
    assert "1시간 5분" in home.ok("--lang", "ko", "status").stdout


@pytest.mark.parametrize(
    ("language", "yesterday", "today"),
    [
        ("es", "ayer", "Hoy"),
        ("pl", "wczoraj", "dziś"),
        ("ko", "어제", "오늘"),
        ("zh_Hant", "昨天", "今天"),
    ],
)
def test_today_and_yesterday_in_the_language(
    home: Home, language: str, yesterday: str, today: str
) -> None:
    home.ok("--lang", language, "log", "instagram", "20m", "--date", yesterday)
    home.ok("--lang", language, "mood", "6", "--date", today)
    day = (NOW - timedelta(days=1)).date().isoformat()
    assert home.json("status", "--date", day)["total_seconds"] == 1200
    refused = home("--lang", language, "log", "instagram", "20m", "--date", "someday")
    assert refused.exit_code == 2 and yesterday in refused.stderr


def test_a_duration_of_several_words_needs_no_quotes(home: Home) -> None:
    # "15 min" and "1 godz. 5 min" as status shows them, typed as they read.
    home.ok("--lang", "pl", "log", "wykop", "1", "godz.", "5", "min")
    home.ok("--lang", "ko", "log", "네이버", "15분")  # NAVER by its Korean name
    home.ok("budget", "set", "facebook", "30", "min")
    home.ok("budget", "set", "--category", "video", "1", "h")
    home.ok("health", "sleep", "7", "h", "30", "min")
    home.ok("offline", "log", "walk", "1", "h", "5", "min", "--with", "friends")
    apps = {entry["app"]: entry["seconds"] for entry in home.json("status")["apps"]}
    assert apps == {"wykop": 3900, "naver": 900}
    budgets = home.json("budget", "list")
    assert sorted(b["weekday_seconds"] for b in budgets) == [1800, 3600]
    refused = home("log", "instagram", "25m", "extra")
    assert refused.exit_code == 2 and "'25m extra'" in refused.stderr
