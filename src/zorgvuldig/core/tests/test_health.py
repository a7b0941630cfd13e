"""`/health` (DESIGN §5.9): database, audit sealing backlog, worker and scheduler heartbeats."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zorgvuldig.audit import services as audit
from zorgvuldig.personen.services import registreer_persoon
from zorgvuldig.taken import hartslag
from zorgvuldig.taken.models import Component

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def health(client):
    r = client.get("/health")
    assert r.status_code == 200
    return r.json()


def test_without_any_heartbeat_both_components_are_reported_as_never(client):
    data = health(client)
    assert data["database"] == "ok"
    assert data["worker"] == {"status": "nooit", "leeftijdSeconden": None}
    assert data["scheduler"] == {"status": "nooit", "leeftijdSeconden": None}
    assert data["status"] == "waarschuwing"  # still 200: the load balancer keeps the web process


def test_fresh_heartbeats_are_ok_and_stale_ones_late(client, settings):
    settings.HEARTBEAT_MAX_AGE_SECONDS = 300
    with time_machine.travel(T0, tick=False):
        hartslag.slag(Component.WORKER, "web1:10", T0)
        hartslag.slag(Component.SCHEDULER, "web1:11", T0)
    with time_machine.travel(T0 + dt.timedelta(seconds=40), tick=False):
        data = health(client)
        assert data["worker"] == {"status": "ok", "leeftijdSeconden": 40}
        assert data["scheduler"] == {"status": "ok", "leeftijdSeconden": 40}
        assert data["status"] == "ok"
    with time_machine.travel(T0 + dt.timedelta(seconds=301), tick=False):
        hartslag.slag(Component.SCHEDULER, "cron:99", T0 + dt.timedelta(seconds=301))  # another process
        data = health(client)
        assert data["worker"] == {"status": "te_laat", "leeftijdSeconden": 301}
        assert data["scheduler"] == {"status": "ok", "leeftijdSeconden": 0}  # the newest beat counts
        assert data["status"] == "waarschuwing"


def test_the_threshold_comes_from_the_configuration(client, settings):
    with time_machine.travel(T0, tick=False):
        hartslag.slag(Component.WORKER, "w:1", T0)
    settings.HEARTBEAT_MAX_AGE_SECONDS = 30
    with time_machine.travel(T0 + dt.timedelta(seconds=31), tick=False):
        assert health(client)["worker"]["status"] == "te_laat"
    settings.HEARTBEAT_MAX_AGE_SECONDS = 60
    with time_machine.travel(T0 + dt.timedelta(seconds=31), tick=False):
        assert health(client)["worker"]["status"] == "ok"


def test_another_task_backend_has_no_worker_heartbeat_to_expect(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    assert health(client)["worker"] == {"status": "extern", "leeftijdSeconden": None}


def test_the_sealing_backlog_counts_queued_entries_and_the_age_of_the_oldest(client, regio):
    assert health(client)["auditWachtrij"] == 0 and health(client)["auditWachtrijOudsteSeconden"] is None
    with time_machine.travel(T0, tick=False):
        registreer_persoon(
            actor=regio.actor(regio.medewerker),
            data={"geslachtsnaam": "Jansen", "bsn_ontbreekt_reden": "Nog niet bekend bij de intake"},
        )
    with time_machine.travel(T0 + dt.timedelta(minutes=2), tick=False):
        data = health(client)
    assert data["auditWachtrij"] >= 1
    assert data["auditWachtrijOudsteSeconden"] == 120
    audit.verzegel_alles()
    data = health(client)
    assert data["auditWachtrij"] == 0 and data["auditWachtrijOudsteSeconden"] is None


def test_health_holds_no_personal_data(client, regio):
    registreer_persoon(
        actor=regio.actor(regio.medewerker),
        data={"geslachtsnaam": "Vermeulen", "bsn": "999993653", "bsn_ontbreekt_reden": ""},
    )
    hartslag.slag(Component.WORKER, "w:1", T0)
    tekst = client.get("/health").content.decode()
    assert "Vermeulen" not in tekst and "999993653" not in tekst and "@" not in tekst
    assert set(client.get("/health").json()) == {
        "status",
        "database",
        "auditWachtrij",
        "auditWachtrijOudsteSeconden",
        "berichtenTeLaat",
        "berichtenMislukt",
        "worker",
        "scheduler",
        "sleutelbestanden",
        "databaseRol",
    }
