"""Test helpers for the reports (RP-03): a report counts only calendar months that are over."""

from __future__ import annotations

import datetime as dt

from zorgvuldig.core.clock import today
from zorgvuldig.rapportages import policies, selectors


def rapportdag(monkeypatch, dag: dt.date | None = None) -> dt.date:
    """Make the reports as on `dag` (default: the 1st of next month), the rest of the system on today.

    RP-03: the running month is never counted, so data the services make today shows only in a report
    made once this month is over. Only the report's clock moves (`selectors.today`: the period, "active"
    signals, ages and decision terms on that day); sessions, grants and the audit log keep today.
    """
    dag = dag or policies.einde_maand(today()) + dt.timedelta(days=1)
    monkeypatch.setattr(selectors, "today", lambda: dag)
    return dag
