"""Time is explicit (DESIGN §5.8): 'today' is the calendar date in Europe/Amsterdam."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def now() -> dt.datetime:
    return timezone.now()


def today(at: dt.datetime | None = None) -> dt.date:
    """The calendar date in Europe/Amsterdam at `at` (default: now)."""
    return (at or now()).astimezone(AMSTERDAM).date()
