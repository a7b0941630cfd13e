"""Outreach signals (SPEC §5 States): RECEIVED → ASSESSED → MELDING or DISCARDED; RT-05 deletion."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.bewaren.models import Bewaartermijn
from zorgvuldig.bewaren.services import opschonen
from zorgvuldig.conftest import als_systeem
from zorgvuldig.dossiers.models import Zorgsignaal
from zorgvuldig.dossiers.tests import hulp

pytestmark = pytest.mark.django_db


def melding(regio, api, **over):
    lisa = hulp.client(regio)
    body = {
        "team": regio.team.code,
        "ontvangenOp": dt.date.today().isoformat(),
        "kanaal": "telefoon",
        "melder": {"naam": "Buurvrouw", "contact": "06-00000000"},
        "persoon": f"http://testserver/api/v1/personen/{lisa.uuid}",
        "zorg": "Kinderen lijken 's avonds alleen thuis.",
    }
    body.update(over)
    return api(regio.medewerker).post("/api/v1/zorgsignalen", body, format="json")


def test_outreach_signal_assessed_then_melding_opens_a_dossier(regio, api):
    r = melding(regio, api)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "ontvangen" and body["melder"]["naam"] == "Buurvrouw"
    client = api(regio.medewerker)
    assert client.post(f"{body['url']}/_omzetten", {}, format="json").status_code == 409  # assess first
    r = client.post(f"{body['url']}/_beoordelen", {"ernst": "midden"}, format="json")
    assert r.json()["status"] == "beoordeeld"
    r = client.post(f"{body['url']}/_omzetten", {}, format="json")
    assert r.status_code == 201 and r.json()["status"] == "geregistreerd"
    signaal = client.get(body["url"]).json()
    assert signaal["status"] == "melding" and signaal["dossier"] == r.json()["url"]
    assert signaal["verwijderenOp"] is None  # a melding is kept with its dossier
    # others of the team do not see the signal
    assert api(regio.collega).get(body["url"]).status_code == 404


def test_outreach_signal_needs_reporter_concern_and_channel(regio, api):
    r = melding(regio, api, zorg="", kanaal="", melder={"naam": ""})
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalidParams"]} == {"zorg", "kanaal", "melder.naam"}
    als_systeem()
    assert not Zorgsignaal.objects.exists()


def test_rt_05_unconfirmed_outreach_signal_gone_after_six_months(regio, api):
    r = melding(regio, api)
    url = r.json()["url"]
    client = api(regio.medewerker)
    client.post(f"{url}/_afwijzen", {}, format="json")
    verwijderen_op = dt.date.fromisoformat(r.json()["verwijderenOp"])
    # RT-12: on its date it no longer acts, sweep or no sweep
    with time_machine.travel(dt.datetime.combine(verwijderen_op, dt.time(12)), tick=False):
        assert api(regio.medewerker).get(url).status_code == 404
        vv = str(regio.gemeente.uuid)
        assert opschonen(droog=True).telling == {vv: {"zou:vernietigd": 1}}  # RT-09: a dry run only counts
        als_systeem()
        assert Zorgsignaal.objects.exists()
        assert opschonen().telling == {vv: {"vernietigd": 1, "personen": 1}}  # Lisa had nothing else
        assert opschonen().telling == {}  # idempotent (RT-09)
    als_systeem()
    assert not Zorgsignaal.objects.exists()
    # RT-03: the tombstone says what went, when and under which rule — nothing more
    bewijs = Bewaartermijn.objects.get(objecttype="dossiers.zorgsignaal")
    assert (bewijs.uitkomst, bewijs.regel, bewijs.reden_versleuteld) == ("vernietigd", "zorgsignaal", "")
    assert AuditRegel.objects.filter(actie="bewaren.vernietigd", kanaal="systeem").count() == 1


def test_rt_05_signal_that_became_a_melding_is_not_swept(regio, api):
    r = melding(regio, api)
    url = r.json()["url"]
    client = api(regio.medewerker)
    client.post(f"{url}/_beoordelen", {"ernst": "hoog"}, format="json")
    client.post(f"{url}/_omzetten", {}, format="json")
    with time_machine.travel(dt.datetime.now() + dt.timedelta(days=400)):
        assert opschonen().telling == {}
    als_systeem()
    assert Zorgsignaal.objects.count() == 1
