"""The monitoring-export pages (RP-04, RP-05): propose, approve as FG, make, download once as recipient."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zorgvuldig.conftest import als_systeem
from zorgvuldig.monitoring.models import Export, Exportdefinitie
from zorgvuldig.monitoring.tests import hulp

pytestmark = pytest.mark.django_db


@pytest.fixture
def ontvanger(regio):
    return hulp.Ontvanger(regio)


def _form(ontvanger, **over):
    data = {
        "naam": "Doorlooptijden wijkteam",
        "ontvanger": str(ontvanger.org.uuid),
        "doel": "verantwoording",
        "velden": ["dossier.pseudoniem", "dossier.leeftijdscategorie", "dossier.status"],
        "noodzaak": hulp.NOODZAAK,
        "afweging": hulp.AFWEGING,
        "minder_ingrijpend": hulp.MINDER,
    }
    data.update(over)
    return data


def test_rp_05_ui_opstellen_en_goedkeuren_door_fg(regio, ui, ontvanger):
    lg = ui(regio.leidinggevende)
    r = lg.get(reverse("ui:exportdefinitie_nieuw"))
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "Namen, BSN, adressen, geboortedata en vrije tekst" in tekst
    assert 'value="dossier.pseudoniem"' in tekst
    r = lg.post(reverse("ui:exportdefinitie_nieuw"), _form(ontvanger))
    assert r.status_code == 302
    als_systeem()
    definitie = Exportdefinitie.objects.get()
    assert definitie.status == "concept"
    # the FG sees the fields and the proportionality texts, and the approval form
    fg = ui(regio.fg)
    pagina = fg.get(reverse("ui:exportdefinitie", args=[definitie.uuid])).content.decode()
    assert hulp.NOODZAAK in pagina and hulp.MINDER in pagina
    assert "Leeftijdscategorie op de exportdatum" in pagina
    assert "Goedkeuren als FG" in pagina
    # the leidinggevende does not get the approval form
    assert (
        "Goedkeuren als FG"
        not in lg.get(reverse("ui:exportdefinitie", args=[definitie.uuid])).content.decode()
    )
    r = fg.post(reverse("ui:exportdefinitie_goedkeuren", args=[definitie.uuid]), {"oordeel": hulp.OORDEEL})
    assert r.status_code == 302
    definitie.refresh_from_db()
    assert definitie.status == "goedgekeurd" and definitie.oordeel == hulp.OORDEEL


def test_rp_04_ui_verboden_veld_geweigerd(regio, ui, ontvanger):
    r = ui(regio.leidinggevende).post(
        reverse("ui:exportdefinitie_nieuw"), _form(ontvanger, velden=["dossier.pseudoniem", "persoon.naam"])
    )
    assert r.status_code == 400
    assert "kan niet mee in een export" in r.content.decode()
    als_systeem()
    assert not Exportdefinitie.objects.exists()


def test_rp_05_ui_goedkeuren_zonder_teksten_geweigerd(regio, ui, ontvanger):
    d = hulp.definitie(regio, ontvanger.org, noodzaak="", afweging="", minder_ingrijpend="")
    r = ui(regio.fg).post(reverse("ui:exportdefinitie_goedkeuren", args=[d.uuid]), {"oordeel": hulp.OORDEEL})
    assert r.status_code == 400
    assert "RP-05" in r.content.decode()
    als_systeem()
    assert Exportdefinitie.objects.get(pk=d.pk).status == "concept"
    # a leidinggevende may not approve at all
    r = ui(regio.leidinggevende).post(
        reverse("ui:exportdefinitie_goedkeuren", args=[d.uuid]), {"oordeel": hulp.OORDEEL}
    )
    assert r.status_code == 404


def test_rp_04_ui_export_maken_en_eenmalig_downloaden(regio, ui, ontvanger):
    hulp.clienten(regio)
    d = hulp.goedgekeurd(regio, ontvanger.org)
    lg = ui(regio.leidinggevende)
    assert "Maak export" in lg.get(reverse("ui:exportdefinitie", args=[d.uuid])).content.decode()
    r = lg.post(reverse("ui:export_maken", args=[d.uuid]))
    assert r.status_code == 302
    als_systeem()
    export = Export.objects.get()
    ont = ui(ontvanger.lg)
    overzicht = ont.get(reverse("ui:monitoring")).content.decode()
    assert "Klaar om op te halen" in overzicht
    # not the recipient: missing page, nothing delivered
    for gebruiker in (regio.leidinggevende, regio.fg, regio.school_lg):
        r = ui(gebruiker).post(reverse("ui:export_downloaden", args=[d.uuid, export.uuid]))
        assert r.status_code == 404
    r = ont.post(reverse("ui:export_downloaden", args=[d.uuid, export.uuid]))
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/csv")
    inhoud = r.content.decode()
    assert inhoud.startswith("pseudoniem,")
    for persoon in hulp.PERSONEN:
        assert persoon["geslachtsnaam"] not in inhoud and persoon["bsn"] not in inhoud
    r = ont.post(reverse("ui:export_downloaden", args=[d.uuid, export.uuid]))
    assert r.status_code == 409
    assert "al opgehaald" in r.content.decode()


def test_rp_05_ui_concept_levert_geen_export(regio, ui, ontvanger):
    d = hulp.definitie(regio, ontvanger.org)
    r = ui(regio.leidinggevende).post(reverse("ui:export_maken", args=[d.uuid]))
    assert r.status_code == 409
    assert "goedgekeurde" in r.content.decode()


def test_ui_intrekken(regio, ui, ontvanger):
    d = hulp.goedgekeurd(regio, ontvanger.org)
    r = ui(regio.fg).post(reverse("ui:exportdefinitie_intrekken", args=[d.uuid]))
    assert r.status_code == 302
    als_systeem()
    assert Exportdefinitie.objects.get(pk=d.pk).status == "ingetrokken"


def test_ui_rollen_en_andere_verantwoordelijke(regio, ui, ontvanger):
    d = hulp.goedgekeurd(regio, ontvanger.org)
    for gebruiker in (regio.medewerker, regio.beheerder):
        assert ui(gebruiker).get(reverse("ui:monitoring")).status_code == 404
    assert ui(regio.school_lg).get(reverse("ui:exportdefinitie", args=[d.uuid])).status_code == 404
    assert ui(regio.school_lg).post(reverse("ui:export_maken", args=[d.uuid])).status_code == 404
    # the recipient reads the approved definition but cannot make exports of it
    assert ui(ontvanger.lg).get(reverse("ui:exportdefinitie", args=[d.uuid])).status_code == 200
    assert ui(ontvanger.lg).post(reverse("ui:export_maken", args=[d.uuid])).status_code == 403
    # not signed in: to the log-in page
    assert ui().get(reverse("ui:monitoring")).status_code == 302
