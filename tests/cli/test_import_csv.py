"""`detox import csv`: day totals copied from a phone's screen-time page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.home import Home, user_error


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


def write(tmp_path: Path, text: str, name: str = "screen-time.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def test_rows_become_day_totals_per_app_and_device(home: Home, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date,app,minutes,device\n"
        "2026-11-08,Instagram,45,phone\n"
        "2026-11-08,tiktok,1h 20m,\n"  # as phones show it; no device means the phone
        "2026-11-08,youtube,12.5,tablet\n"
        "2026-11-09,com.zhiliaoapp.musically,30,phone\n"  # an Android package names the app
        "2026-11-09,instagram,0,phone\n",  # listed with no use: nothing to record
        bom=True,  # as spreadsheets save it
    )
    result = home.ok("import", "csv", str(path))
    assert home.seconds("2026-11-08") == {"tiktok": 4800, "instagram": 2700, "youtube": 750}
    assert home.seconds("2026-11-09") == {"tiktok": 1800}
    assert "Imported entries: 4 new, 0 updated, 0 already there." in result.stdout
    assert result.stdout.splitlines()[0] == (
        # 10,050 s is 167.5 minutes: half a minute rounds up, once, on the sum.
        "CSV file screen-time.csv: 2h 48m of social media from 2026-11-08 to 2026-11-09"
    )
    devices = {d["device"]: d for d in home.json("devices")}
    assert devices["phone"]["seconds"] == 4800 + 2700 + 1800
    assert devices["tablet"]["sources"] == ["import"]


def test_no_header_and_semicolons_work_too(home: Home, tmp_path: Path) -> None:
    path = write(tmp_path, "2026-11-08;instagram;45,5\n2026-11-08;reddit;10;laptop\n")
    home.ok("import", "csv", str(path))
    assert home.seconds("2026-11-08") == {"instagram": 2730, "reddit": 600}


def test_rows_repeating_a_day_app_and_device_are_added(home: Home, tmp_path: Path) -> None:
    path = write(tmp_path, "date,app,minutes\n2026-11-08,x,10\n2026-11-08,X,15\n")
    summary = home.json("import", "csv", str(path))
    assert summary["counts"]["entries"]["new"] == 1
    assert home.seconds("2026-11-08") == {"x": 1500}


def test_importing_again_changes_nothing_and_a_corrected_file_replaces_the_day(
    home: Home, tmp_path: Path
) -> None:
    first = write(tmp_path, "date,app,minutes\n2026-11-08,instagram,45\n2026-11-08,x,10\n")
    home.ok("import", "csv", str(first))
    files = home.data_files()
    again = home.ok("import", "csv", str(first))
    assert "Nothing new" in again.stdout
    assert home.data_files() == files

    corrected = write(
        tmp_path, "date,app,minutes\n2026-11-08,instagram,50\n2026-11-08,x,10\n", "fixed.csv"
    )
    summary = home.json("import", "csv", str(corrected))
    assert summary["counts"]["entries"] == {"new": 0, "updated": 1, "unchanged": 1}
    assert home.seconds("2026-11-08") == {"instagram": 3000, "x": 600}


def test_todays_total_ends_now_and_cannot_exceed_the_day_so_far(home: Home, tmp_path: Path) -> None:
    # Noon in Warsaw, the day began at 04:00: 480 minutes have passed.
    home.ok("import", "csv", str(write(tmp_path, "2026-11-10,instagram,30\n")))
    assert home.seconds("2026-11-10") == {"instagram": 1800}
    too_much = write(tmp_path, "2026-11-10,tiktok,481\n", "more.csv")
    message = user_error(home("import", "csv", str(too_much)))
    assert "line 1: 481 minutes on 2026-11-10 is more than has passed so far" in message


def test_every_bad_row_is_named_by_line_and_nothing_is_stored(home: Home, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date,app,minutes,device\n"
        "2026-11-08,instagram,45,phone\n"  # fine, but the file as a whole is refused
        "2026-11-08,instagramm,45\n"
        "\n"
        "08/11/2026,tiktok,20\n"
        "2026-11-08,x,-3\n"
        "2026-11-08,reddit,2000\n"
        "2026-11-08,reddit\n"
        "2026-11-12,reddit,5\n"
        "2026-11-08,reddit,lots\n",
    )
    message = user_error(home("import", "csv", str(path)))
    assert message.splitlines() == [
        f"detox: {path}: 7 problems, nothing imported:",
        "  line 3: unknown app 'instagramm'; did you mean instagram?",
        "  line 5: date '08/11/2026' is not YYYY-MM-DD",
        "  line 6: minutes '-3' cannot be negative",
        "  line 7: 2000 minutes is more than a day",
        "  line 8: no minutes",
        "  line 9: date 2026-11-12 is in the future",
        "  line 10: minutes 'lots' is neither minutes nor a duration like 1h 20m",
    ]
    assert home.data_files() == {}
    assert home.seconds("2026-11-08") == {}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no rows; expected date,app,minutes[,device]"),
        ("date,app,device\n2026-11-08,x,phone\n", "line 1: the header lacks minutes"),
        ("2026-11-08,x,10,phone,extra\n", "line 1: 5 columns; expected date,app,minutes"),
        ("date,app,minutes\n2026-11-08,x,900\n2026-11-08,x,600\n", "adds up to more than a day"),
    ],
)
def test_files_of_the_wrong_shape_are_refused(
    home: Home, tmp_path: Path, text: str, problem: str
) -> None:
    assert problem in user_error(home("import", "csv", str(write(tmp_path, text))))
    assert home.data_files() == {}


def test_a_file_that_is_not_text_is_refused(home: Home, tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\xff\xd8\xff\xe0 not text")
    assert "not UTF-8 text" in user_error(home("import", "csv", str(path)))
