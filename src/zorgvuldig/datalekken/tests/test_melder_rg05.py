"""RG-03/RG-05: a breach in a shared module that the FG registers without choosing who notifies gets the
notifier the joint-controller arrangement names for that module; the FG's own choice always wins; without
a module or an arrangement the own controller notifies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from zorgvuldig.audit.models import AuditRegel
from zorgvuldig.conftest import als_systeem
from zorgvuldig.convenanten.models import Toetreding
from zorgvuldig.core.clock import AMSTERDAM, now
from zorgvuldig.core.errors import DomainError
from zorgvuldig.datalekken.models import Datalek
from zorgvuldig.datalekken.tests import hulp
from zorgvuldig.datalekken.tests.hulp import D, datalek

pytestmark = pytest.mark.django_db
T = "http://testserver/api/v1"


@pytest.fixture
def regeling(regio):
    return hulp.regeling(regio)


def test_rg_05_breach_in_a_module_defaults_to_the_arrangements_notifier(regio, regeling):
    rij = datalek(regio, module="verwijsindex")
    assert (rij.module, rij.melder_id) == ("verwijsindex", regio.school_vv.pk)
    als_systeem()
    [regel] = AuditRegel.objects.filter(actie="datalek.geregistreerd")
    assert "melder" in regel.velden and "module" in regel.velden


def test_rg_05_own_choice_no_module_or_uncovered_module_keep_the_own_controller(regio, regeling):
    assert datalek(regio, module="verwijsindex", melder=regio.gemeente).melder_id == regio.gemeente.pk
    assert datalek(regio).melder_id == regio.gemeente.pk
    assert datalek(regio, module="casusoverleg").melder_id == regio.gemeente.pk  # not in the arrangement
    Toetreding.objects.update(datum=now().astimezone(AMSTERDAM).date() + dt.timedelta(days=1))
    assert datalek(regio, module="verwijsindex").melder_id == regio.gemeente.pk  # not yet joined
    with pytest.raises(DomainError) as fout:
        datalek(regio, module="dossiers")
    assert fout.value.code == "E_INVALID_INPUT"


def test_rg_05_api_module_sets_the_default_notifier(regio, api, regeling):
    body = {
        "ontdektOp": (now() - dt.timedelta(hours=2)).isoformat(),
        "omschrijving": "Signaal in de verwijsindex bij de verkeerde persoon gezet.",
        "module": "verwijsindex",
    }
    r = api(regio.fg).post(D, body, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["module"] == "verwijsindex"
    assert r.json()["melder"] == f"{T}/verwerkingsverantwoordelijken/{regio.school_vv.uuid}"
    r = api(regio.fg).post(D, {**body, "module": None}, format="json")
    assert r.json()["module"] is None
    assert r.json()["melder"] == f"{T}/verwerkingsverantwoordelijken/{regio.gemeente.uuid}"
    assert api(regio.fg).post(D, {**body, "module": "dossiers"}, format="json").status_code == 400


def test_rg_05_ui_module_without_notifier_uses_the_arrangement(regio, ui, regeling):
    fg = ui(regio.fg)
    assert (
        "Volgens de afspraken van het gedeelde onderdeel"
        in fg.get(reverse("ui:datalek_nieuw")).content.decode()
    )
    ontdekt = (now() - dt.timedelta(hours=3)).astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")
    r = fg.post(
        reverse("ui:datalek_nieuw"),
        {"ontdekt_op": ontdekt, "omschrijving": "Signaal verkeerd gezet.", "module": "verwijsindex"},
    )
    assert r.status_code == 302
    als_systeem()
    rij = Datalek.objects.get()
    assert (rij.module, rij.melder_id) == ("verwijsindex", regio.school_vv.pk)
    pagina = fg.get(r["Location"]).content.decode()
    assert "Verwijsindex" in pagina and regio.school_vv.naam in pagina
