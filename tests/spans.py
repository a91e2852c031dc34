"""A tracked span as the tracker writes it, for tests that lay out usage files by hand."""

from __future__ import annotations

from datetime import datetime

from detox.models import UsageSpan


def tracked(device: str, app: str, start: datetime, seconds: float) -> UsageSpan:
    """`seconds` of `app` from `start` on `device`, with the id the tracker would give it."""
    return UsageSpan(
        id=UsageSpan.stable_id(device, app, start, "tracker"),
        app=app,
        device=device,
        source="tracker",
        start=start,
        duration=seconds,
    )
