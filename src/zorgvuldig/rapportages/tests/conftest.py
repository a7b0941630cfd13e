"""Fixtures of the report tests (not loaded by the pure policy tests, which run with `--noconftest`)."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgvuldig.rapportages.tests.hulp import rapportdag


@pytest.fixture
def volgende_maand(monkeypatch) -> dt.date:
    """RP-03: the reports are made as on the 1st of next month, so this month (when the test's data was
    made) is a whole month that is over and counts."""
    return rapportdag(monkeypatch)
