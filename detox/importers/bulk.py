"""Room for an import that holds millions of small objects at once.

CPython's cycle collector walks every container alive each time enough new ones have been made
since its last full pass. An ActivityWatch import keeps half a million events and makes a few
million short-lived tuples on top, so full passes ran again and again over what was never garbage:
about a third of the import's CPU time (2.5 of 8 s for 447,000 events), for some hundred objects
in cycles found. Reference counting still frees everything else as usual, so memory is the same.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector paused; it resumes (as it was) afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
