"""`detox import apple-health` and `detox import health-csv` against real files (Warsaw)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.cli.home import Home, user_error

SAMPLES = Path(__file__).parent / "health_samples"


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


def _readings(home: Home) -> list[tuple[str, str, object, object, object, object]]:
    return [
        (r["kind"], r["at"], r["systolic"], r["diastolic"], r["pulse"], r["hours"])
        for r in home.json("health", "list", "--from", "2026-11-01")
    ]


def test_a_hand_written_export_gives_its_readings(home: Home) -> None:
    out = home.ok("import", "apple-health", str(SAMPLES / "export.xml")).stdout
    assert "blood pressure: 3 new, 0 updated, 0 already there" in out
    assert "resting pulse: 2 new" in out and "sleep: 1 new" in out
    # The 300/90 correlation (the root's 18th child) is left out and named.
    assert "element 18 (systolic: must be at most 260)" in out
    assert _readings(home) == [
        ("bp", "2026-11-08T06:30:00+00:00", 131, 84, None, None),  # the lone copies pair once
        ("bp", "2026-11-08T06:33:00+00:00", 127, 80, None, None),
        ("pulse", "2026-11-08T22:00:00+00:00", None, None, 58, None),
        # Asleep 23:00-02:00 and 02:20-06:30 (watch and app overlapping count once): 7h 10m.
        ("sleep", "2026-11-09T05:30:00+00:00", None, None, None, 7.1667),
        ("bp", "2026-11-09T20:00:00+00:00", 125, 79, None, None),  # lone records, no correlation
        ("pulse", "2026-11-09T22:00:00+00:00", None, None, 61, None),
    ]
    listed = home.ok("health", "list", "--from", "2026-11-01").stdout
    assert "morning session of 2: mean 129/82" in listed


def test_importing_again_adds_nothing_and_a_deleted_reading_stays_deleted(home: Home) -> None:
    export = str(SAMPLES / "export.xml")
    home.ok("import", "apple-health", export)
    before = home.data_files()
    again = home.ok("import", "apple-health", export).stdout
    assert "nothing new" in again and "3 already there" in again
    assert home.data_files() == before
    first = home.json("health", "list", "--from", "2026-11-01")[0]
    home.ok("health", "delete", first["id"])
    home.ok("import", "apple-health", export)
    assert first["id"] not in [r["id"] for r in home.json("health", "list", "--from", "2026-11-01")]


def test_dry_run_writes_nothing(home: Home) -> None:
    data = home.json("import", "apple-health", str(SAMPLES / "export.xml"), "--dry-run")
    assert data["dry_run"] is True and data["counts"]["bp"]["new"] == 3
    assert home.data_files() == {}


@pytest.mark.parametrize(
    ("cut", "where"),
    [
        ("</HealthData>", "line 74, column 1 (no element found)"),  # the end is missing
        ('value="131"/>\n <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic"', "line"),
    ],
)
def test_malformed_xml_is_refused_whole(home: Home, tmp_path: Path, cut: str, where: str) -> None:
    text = (SAMPLES / "export.xml").read_text(encoding="utf-8")
    broken = tmp_path / "export.xml"
    broken.write_text(text.replace(cut, cut[:-3] if cut[0] != "<" else "", 1), encoding="utf-8")
    error = user_error(home("import", "apple-health", str(broken)))
    assert "not well-formed XML at " in error and where in error
    assert "nothing imported" in error and error.count("\n") == 1
    assert home.data_files() == {}  # nothing half-imported
    assert broken.exists()  # the user's file is left where it was, for another try


def test_an_unreadable_record_names_its_element(home: Home, tmp_path: Path) -> None:
    text = (SAMPLES / "export.xml").read_text(encoding="utf-8")
    bad = tmp_path / "export.xml"
    bad.write_text(text.replace('value="58"', 'value="fifty"', 1), encoding="utf-8")
    error = user_error(home("import", "apple-health", str(bad)))
    assert "element 9: value 'fifty' is not a number" in error
    assert home.data_files() == {}


def test_not_an_export(home: Home, tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<gpx><trk/></gpx>", encoding="utf-8")
    assert "not an Apple Health export" in user_error(home("import", "apple-health", str(other)))
    assert "No such file" in user_error(home("import", "apple-health", str(tmp_path / "x.xml")))


# -- health-csv -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-09,07:30,128,82,71\n2026-11-09,21:00,121,78\n",
        "date,time,systolic,diastolic,pulse\n2026-11-09,07:30,128,82,71\n2026-11-09,21:00,121,78,\n",
        # Omron Connect
        '"Date","Time","Systolic (mmHg)","Diastolic (mmHg)","Pulse (bpm)","Notes"\n'
        '"2026/11/09","07:30","128","82","71",""\n"2026/11/09","9:00 PM","121","78","",""\n',
        # iHealth, semicolons
        "Date;Time;SYS(mmHg);DIA(mmHg);Pulse(bpm)\n2026-11-09;07:30;128;82;71\n"
        "2026-11-09;21:00;121;78;\n",
        # Withings: one date-and-time column, pulse first
        "Date,Heart rate,Systolic,Diastolic,Comments\n2026-11-09 07:30:00,71,128,82,\n"
        "2026-11-09 21:00:00,,121,78,after dinner\n",
    ],
    ids=["plain", "header", "omron", "ihealth", "withings"],
)
def test_health_csv_columns_are_found_from_the_header(
    home: Home, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "readings.csv"
    path.write_text(text, encoding="utf-8")
    out = home.ok("import", "health-csv", str(path)).stdout
    assert "blood pressure: 2 new" in out
    assert _readings(home) == [
        ("bp", "2026-11-09T06:30:00+00:00", 128, 82, 71, None),
        ("bp", "2026-11-09T20:00:00+00:00", 121, 78, None, None),
    ]
    assert "already there" in home.ok("import", "health-csv", str(path)).stdout
    assert len(_readings(home)) == 2


def test_health_csv_bad_rows_are_named_and_nothing_is_stored(home: Home, tmp_path: Path) -> None:
    path = tmp_path / "readings.csv"
    path.write_text(
        "date,time,systolic,diastolic\n"
        "2026-11-09,07:30,128,82\n"
        "2026-11-09,07:35,82,128\n"
        "2026-11-31,07:30,128,82\n"
        "2026-11-09,7h,128,82\n"
        "2026-11-09,08:00,high,82\n"
        "2026-11-09,08:10,300,82\n"
        "2026-11-11,08:00,120,80\n",
        encoding="utf-8",
    )
    error = user_error(home("import", "health-csv", str(path)))
    assert "6 problems, nothing imported" in error
    for expected in [
        "line 3: systolic must be higher than diastolic",
        "line 4: date '2026-11-31' does not exist",
        "line 5: time '7h' is not HH:MM",
        "line 6: systolic 'high' is not a number",
        "line 7: systolic: must be at most 260",
        "line 8: 2026-11-11 08:00 is in the future",
    ]:
        assert expected in error
    assert home.data_files() == {}
    header = tmp_path / "nope.csv"
    header.write_text("when,upper\n2026-11-09,120\n", encoding="utf-8")
    assert "no date or diastolic column" in user_error(home("import", "health-csv", str(header)))


def test_the_zip_the_health_app_writes_is_read_as_is(home: Home, tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(SAMPLES / "export.xml", "apple_health_export/export.xml")
        out.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    data = home.json("import", "apple-health", str(archive))
    assert {k: c["new"] for k, c in data["counts"].items()} == {"bp": 3, "pulse": 2, "sleep": 1}
    empty = tmp_path / "other.zip"
    with zipfile.ZipFile(empty, "w") as out:
        out.writestr("notes.txt", "hello")
    assert "a zip without export.xml" in user_error(home("import", "apple-health", str(empty)))
