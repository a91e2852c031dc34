"""Peak memory of `detox import apple-health` as the export grows: the import streams, so its
peak should stay flat while the file grows tenfold.

    python benchmarks/apple_health_bench.py            # about 40 MB and 400 MB exports
    python benchmarks/apple_health_bench.py --quick    # about 10 MB and 100 MB
    python benchmarks/apple_health_bench.py --mb 2000  # one export of about 2 GB

An export is mostly heart-rate and step samples detox skips. Each generated export covers the
same year (DAYS days, each with a morning and an evening blood-pressure correlation and the lone
copies real exports repeat, a resting pulse and a night of sleep stages); only the number of
heart-rate samples a day grows with the size asked for. So the readings kept are the same in
every export, and any growth of the peak would come from the file's size alone. Each import
runs as a whole `python -m detox import apple-health FILE --dry-run` process under a
temporary DETOX_HOME; the figure is that process's peak resident set (ru_maxrss), next to a
bare `python -m detox --version` for the interpreter's own share. Everything is written under a
temporary folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.dont_write_bytecode = True
REPO = Path(__file__).resolve().parent.parent

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_US">
 <ExportDate value="2026-11-10 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet"/>
"""
FMT = "%Y-%m-%d %H:%M:%S +0000"
DAYS = 365


def _record(kind: str, at: datetime, value: str, unit: str = "count/min") -> str:
    stamp = at.strftime(FMT)
    return (
        f' <Record type="HKQuantityTypeIdentifier{kind}" sourceName="Watch" sourceVersion="10.1" '
        f'device="&lt;&lt;HKDevice: 0x2834&gt;, name:Apple Watch&gt;" unit="{unit}" '
        f'creationDate="{stamp}" startDate="{stamp}" endDate="{stamp}" value="{value}"/>\n'
    )


def _day(day: datetime, samples: int) -> str:
    parts = []
    for index in range(samples):
        at = day + timedelta(seconds=index * 86_400 // samples)
        parts.append(_record("HeartRate", at, str(60 + index % 40)))
    for hour, systolic, diastolic in ((7, 128, 82), (20, 124, 79)):
        at = day + timedelta(hours=hour)
        stamp = at.strftime(FMT)
        pair = _record("BloodPressureSystolic", at, str(systolic), "mmHg") + _record(
            "BloodPressureDiastolic", at, str(diastolic), "mmHg"
        )
        parts.append(pair)
        parts.append(
            f' <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Watch" '
            f'creationDate="{stamp}" startDate="{stamp}" endDate="{stamp}">\n'
            f"{pair} </Correlation>\n"
        )
    parts.append(_record("RestingHeartRate", day + timedelta(hours=23), "58"))
    night = day - timedelta(hours=1)
    for stage, hours in (("AsleepCore", 3), ("AsleepDeep", 2), ("AsleepREM", 2)):
        end = night + timedelta(hours=hours)
        parts.append(
            ' <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" '
            f'startDate="{night.strftime(FMT)}" endDate="{end.strftime(FMT)}" '
            f'value="HKCategoryValueSleepAnalysis{stage}"/>\n'
        )
        night = end
    return "".join(parts)


def write_export(path: Path, megabytes: int) -> int:
    """An export of about `megabytes` MB over DAYS days; returns the heart-rate samples a day."""
    first = datetime(2025, 1, 1, tzinfo=UTC)
    sample = len(_record("HeartRate", first, "60"))
    fixed = len(_day(first, 0))
    samples = max(0, (megabytes * 1_000_000 // DAYS - fixed) // sample)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for offset in range(DAYS):
            out.write(_day(first + timedelta(days=offset), samples))
        out.write("</HealthData>\n")
    return samples


def peak_of(args: list[str], home: Path) -> tuple[float, float]:
    """(peak resident MB, seconds) of one child process."""
    env = os.environ | {"DETOX_HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "detox", *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        assert process.stderr is not None
        raise SystemExit(f"detox {' '.join(args)} failed: {process.stderr.read().decode()}")
    return usage.ru_maxrss / 1024, seconds  # Linux reports kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 MB and 100 MB exports")
    parser.add_argument("--mb", type=int, action="append", help="export size(s) in MB")
    options = parser.parse_args()
    sizes = options.mb or ([10, 100] if options.quick else [40, 400])
    with tempfile.TemporaryDirectory(prefix="detox-health-bench-") as folder:
        root = Path(folder)
        baseline, _ = peak_of(["--version"], root / "home-0")
        print(f"python -m detox --version: peak {baseline:.0f} MB")
        print(f"{'export':>10} {'HR/day':>7} {'peak RSS':>10} {'time':>8}  ({DAYS} days each)")
        for size in sizes:
            path = root / f"export-{size}.xml"
            samples = write_export(path, size)
            actual = path.stat().st_size / 1_000_000
            peak, seconds = peak_of(
                ["import", "apple-health", str(path), "--dry-run"], root / f"home-{size}"
            )
            print(f"{actual:>7.0f} MB {samples:>7} {peak:>7.0f} MB {seconds:>7.1f}s")
            path.unlink()


if __name__ == "__main__":
    main()
