"""RP-06 pages for the FG: activation page showing what is missing, recording the works council's consent,
the alert list (open first) and the review form. Others get the 404 page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.toegangsbewaking import services
from zorgvuldig.toegangsbewaking.models import Bewaking, Signalering
from zorgvuldig.toegangsbewaking.tests.hulp import (
    DAG,
    VOLGENDE_DAG,
    aanzetten,
    als_systeem,
    dpia,
    op,
    persoon,
)

pytestmark = pytest.mark.django_db


def test_rp_06_ui_activation_page_shows_what_is_missing_and_refuses(regio, ui):
    fg = ui(regio.fg)
    r = fg.get(reverse("ui:toegangsbewaking"))
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "Staat uit" in tekst and "goedgekeurde DPIA" in tekst and "ondernemingsraad" in tekst
    # the address index is a keyed HMAC: a code the address cannot be recovered from, not "encrypted"
    assert "een code waaruit het adres niet is terug te halen" in tekst and "versleutelde code" not in tekst
    r = fg.post(reverse("ui:toegangsbewaking_activeren"), {"max_personen": "50"})
    assert r.status_code == 409 and "RP-06" in r.content.decode()
    assert not Bewaking.objects.exists()
    dpia(regio.gemeente)
    r = fg.post(reverse("ui:toegangsbewaking_instemming"), {"datum": "", "kenmerk": ""})
    assert r.status_code == 400 and "Vul de datum van de instemming in." in r.content.decode()
    r = fg.post(reverse("ui:toegangsbewaking_instemming"), {"datum": "2026-02-01", "kenmerk": "OR-2026-007"})
    assert r.status_code == 302
    r = fg.post(
        reverse("ui:toegangsbewaking_activeren"),
        {"max_personen": "40", "werktijd_van": "08:00", "werktijd_tot": "18:00"},
    )
    assert r.status_code == 302
    bewaking = Bewaking.objects.get()
    assert bewaking.actief and bewaking.max_personen_per_dag == 40 and bewaking.werktijd_van == dt.time(8)
    assert "Staat aan" in fg.get(reverse("ui:toegangsbewaking")).content.decode()
    assert fg.post(reverse("ui:toegangsbewaking_deactiveren")).status_code == 302
    assert not Bewaking.objects.get().actief
    assert fg.get(reverse("ui:toegangsbewaking_activeren")).status_code == 302  # GET goes back to the page


def test_rp_06_ui_alert_list_open_first_and_review(regio, ui):
    aanzetten(regio)
    with op(DAG, 21):
        persoon(regio, regio.collega, "Terpstra")
    with op(DAG + dt.timedelta(days=1), 22):
        persoon(regio, regio.leidinggevende, "Visser")
    services.dagelijks(VOLGENDE_DAG + dt.timedelta(days=1))
    als_systeem()
    oud, nieuw = Signalering.objects.order_by("dag")
    services.beoordeel(actor=regio.actor(regio.fg), uuid=nieuw.uuid, uitkomst="geen_bijzonderheden")
    fg = ui(regio.fg)
    tekst = fg.get(reverse("ui:toegangssignaleringen")).content.decode()
    # the open (older) alert is listed before the reviewed (newer) one
    assert tekst.index(str(oud.uuid)) < tekst.index(str(nieuw.uuid))
    assert "Pieter de Vos" in tekst and "Terpstra" not in tekst
    pagina = fg.get(reverse("ui:toegangssignalering", args=[oud.uuid]))
    assert pagina.status_code == 200 and "Beoordeling opslaan" in pagina.content.decode()
    actie = reverse("ui:toegangssignalering_beoordelen", args=[oud.uuid])
    r = fg.post(actie, {"uitkomst": "incident", "toelichting": ""})
    assert r.status_code == 400 and "Bij een incident is een toelichting" in r.content.decode()
    r = fg.post(actie, {"uitkomst": "incident", "toelichting": "Geen werkrelatie met deze persoon."})
    assert r.status_code == 302
    pagina = fg.get(reverse("ui:toegangssignalering", args=[oud.uuid])).content.decode()
    assert "datalekkenregister" in pagina and "Beoordeling opslaan" not in pagina
    assert (
        AuditRegel.objects.filter(actie="toegangssignalering.ingezien").count() == 3
    )  # two pages, one refusal


def test_rp_06_ui_others_get_the_404_page(regio, ui):
    aanzetten(regio)
    with op(DAG, 21):
        persoon(regio, regio.collega, "Jansen")
    services.dagelijks(VOLGENDE_DAG)
    als_systeem()
    uuid = Signalering.objects.get().uuid
    for wie in (regio.leidinggevende, regio.collega, regio.beheerder, regio.auditor):
        client = ui(wie)
        assert client.get(reverse("ui:toegangsbewaking")).status_code == 404
        assert client.get(reverse("ui:toegangssignaleringen")).status_code == 404
        assert client.get(reverse("ui:toegangssignalering", args=[uuid])).status_code == 404
        r = client.post(
            reverse("ui:toegangssignalering_beoordelen", args=[uuid]), {"uitkomst": "geen_bijzonderheden"}
        )
        assert r.status_code == 404
    als_systeem()
    assert Signalering.objects.get().status == "open"
