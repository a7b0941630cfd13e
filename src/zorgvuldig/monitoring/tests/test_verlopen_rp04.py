"""RP-04/RP-05: an export its recipient does not fetch does not wait forever. After
ZORGVULDIG_MONITORING_EXPORT_DAYS the periodic job `monitoring.opruimen` wipes its content as a fetch
would, the export shows as expired, and the wipe is audited for the controller's FG."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.monitoring import policies, services
from zorgvuldig.monitoring.models import Export
from zorgvuldig.monitoring.tests import hulp

pytestmark = pytest.mark.django_db
GEMAAKT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def ontvanger(regio):
    return hulp.Ontvanger(regio)


def _export(regio, ontvanger) -> Export:
    with time_machine.travel(GEMAAKT, tick=False):
        d = hulp.goedgekeurd(regio, ontvanger.org)
        return services.maak_export(actor=hulp.als(regio, regio.leidinggevende), uuid=d.uuid)


def _rij(export: Export) -> Export:
    als_systeem()
    return Export.objects.get(pk=export.pk)


def test_rp_04_unfetched_export_is_wiped_after_the_configured_days_and_audited(regio, ontvanger):
    export = _export(regio, ontvanger)
    assert _rij(export).inhoud_versleuteld
    with time_machine.travel(GEMAAKT + dt.timedelta(days=30, seconds=-1), tick=False):
        assert services.ruim_op() == 0
    assert _rij(export).verlopen_op is None and _rij(export).inhoud_versleuteld
    moment = GEMAAKT + dt.timedelta(days=30)
    with time_machine.travel(moment, tick=False):
        assert services.ruim_op() == 1
        assert services.ruim_op() == 0  # once
    rij = _rij(export)
    assert (rij.inhoud_versleuteld, rij.verlopen_op, rij.opgehaald_op) == ("", moment, None)
    assert policies.export_status(rij.opgehaald_op, rij.verlopen_op) == "verlopen"
    [regel] = AuditRegel.objects.filter(actie="export.verlopen")
    assert regel.object_uuid == str(export.uuid) and regel.velden == ["inhoud"]
    assert regel.verwerkingsverantwoordelijke == str(regio.gemeente.uuid)
    assert regel.koppeling["dagen"] == 30 and regel.betrokkene == ""


def test_rp_04_expiry_follows_the_setting_and_spares_fetched_exports(regio, ontvanger, settings):
    settings.MONITORING_EXPORT_DAYS = 2
    opgehaald = _export(regio, ontvanger)
    blijft = _export(regio, ontvanger)
    with time_machine.travel(GEMAAKT + dt.timedelta(days=1), tick=False):
        services.haal_op(
            actor=hulp.als(regio, ontvanger.lg), definitie_uuid=opgehaald.definitie.uuid, uuid=opgehaald.uuid
        )
    with time_machine.travel(GEMAAKT + dt.timedelta(days=2), tick=False):
        assert services.ruim_op() == 1
    assert _rij(opgehaald).verlopen_op is None and _rij(opgehaald).opgehaald_op is not None
    assert _rij(blijft).verlopen_op is not None


def test_rp_04_expired_export_cannot_be_fetched_api_shows_state(regio, api, ontvanger):
    export = _export(regio, ontvanger)
    with time_machine.travel(GEMAAKT + dt.timedelta(days=31), tick=False):
        services.ruim_op()
    url = f"/api/v1/exportdefinities/{export.definitie.uuid}/exporten/{export.uuid}"
    r = api(ontvanger.lg).get(url, HTTP_ACCEPT="text/csv")
    assert r.status_code == 409 and "verlopen" in r.json()["detail"]
    r = api(ontvanger.lg).get(url)
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "verlopen" and r.json()["verlopenOp"].startswith("2026-04-02")
    r = api(regio.leidinggevende).get(f"/api/v1/exportdefinities/{export.definitie.uuid}/exporten")
    [item] = r.json()["results"]
    assert item["status"] == "verlopen" and item["opgehaaldOp"] is None


def test_rp_05_ui_shows_an_expired_export_without_download(regio, ui, ontvanger):
    export = _export(regio, ontvanger)
    pagina = reverse("ui:exportdefinitie", args=[export.definitie.uuid])
    assert "Downloaden (CSV)" in ui(ontvanger.lg).get(pagina).content.decode()
    with time_machine.travel(GEMAAKT + dt.timedelta(days=31), tick=False):
        services.ruim_op()
    tekst = ui(ontvanger.lg).get(pagina).content.decode()
    assert "Verlopen op" in tekst and "Downloaden (CSV)" not in tekst
    assert "niet binnen 30 dagen is opgehaald" in tekst
    overzicht = ui(ontvanger.lg).get(reverse("ui:monitoring")).content.decode()
    assert str(export.uuid) not in overzicht


def test_rp_04_sweep_is_a_registered_periodic_job():
    from zorgvuldig.taken import periodiek

    taken = {t.naam: t for t in periodiek.alle()}
    assert taken["monitoring.opruimen"].elke == dt.timedelta(hours=1)
