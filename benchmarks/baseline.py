"""The yardstick every whole-process benchmark divides by: starting Python and doing nothing."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def python_pass_ms(runs: int = 15) -> float:
    """Median wall time of `python -c pass`, in milliseconds, measured now (so under the same
    load as the figures it is compared with)."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000
